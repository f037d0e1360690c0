/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Offline after the first load, for participants on poor connections:
 * - the app's built files and static files are cached at install (they are immutable);
 * - pages (navigations) go to the network first and fall back to the cached page shell;
 * - a public survey's JSON (`GET /api/public/surveys/<code>`) goes to the network first and falls
 *   back to its last cached copy.
 * Nothing else under /api is ever cached or answered from cache, and only GET requests are
 * touched: submissions and every admin call go straight to the network.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `app-${version}`;
const SHELL = '/__shell';
const ASSETS = new Set([...build, ...files]);
const PUBLIC_SURVEY = /^\/api\/public\/surveys\/[^/]+$/;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      await cache.addAll([...ASSETS]);
      // The single-page app's HTML is the same for every path: keep one copy as the shell.
      const shell = await fetch('/', { cache: 'no-cache' }).catch(() => null);
      if (shell?.ok) await cache.put(SHELL, shell);
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys()) if (key !== CACHE) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

async function networkFirst(request: Request, key: string | Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (cached) return cached;
    throw err;
  }
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;

  if (ASSETS.has(url.pathname)) {
    event.respondWith(caches.match(url.pathname).then((hit) => hit ?? fetch(request)));
    return;
  }
  if (PUBLIC_SURVEY.test(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname));
    return;
  }
  if (url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL));
  }
});
