/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * The staff app's worker, registered by the root layout on staff pages only. Participant pages
 * (/s/...) have their own worker (web/participant/sw.ts, scope /s/) and are never touched here.
 * - At install it caches only the page shell, not the whole app: a page's built files are cached
 *   the first time they are used (they are content-hashed, so a cached copy is never stale).
 * - Pages (navigations) go to the network first and fall back to the cached shell.
 * Nothing under /api is cached or answered from cache, and only GET requests are touched.
 */
import { build, files, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `app-${version}`;
const SHELL = '/__shell';
const ASSETS = new Set([...build, ...files]);

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
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
      for (const key of await caches.keys())
        if (key.startsWith('app-') && key !== CACHE) await caches.delete(key);
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

async function cacheFirst(request: Request, path: string): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(path);
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(path, response.clone());
  return response;
}

sw.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== sw.location.origin) return;
  if (url.pathname.startsWith('/s/') || url.pathname.startsWith('/api/')) return;

  if (ASSETS.has(url.pathname)) {
    event.respondWith(cacheFirst(request, url.pathname));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(networkFirst(request, SHELL));
  }
});
