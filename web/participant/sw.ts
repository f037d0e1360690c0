/// <reference lib="webworker" />
/**
 * The participant page's service worker (`/s/sw.js`, scope `/s/`): offline answering and resume
 * for participants, and nothing of the staff app.
 * - At install it caches only the participant shell: `/s/index.html` and the files it loads
 *   (`PRECACHE`, written in by the build, see `vite.participant.config.ts`).
 * - Other files under `/s/assets/` (a language's texts) are cached when first used: they are
 *   content-hashed, so a cached copy is never stale.
 * - The survey being answered (`GET /api/public/surveys/<code>`) goes to the network first and
 *   falls back to its last cached copy. On the very first visit the page has fetched it before this
 *   worker controlled the page, so the page puts that copy in the cache itself (device.ts,
 *   `keepSurvey`): no second download. Answers wait in localStorage (device.ts).
 * - Navigations under `/s/` go to the network first and fall back to the cached shell.
 * - A cached copy served for want of a network says so (`x-served-from: offline-copy`).
 * Nothing else is touched: submissions and every other call go straight to the network.
 */

declare const PRECACHE: string[];
declare const VERSION: string;

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `participant-${VERSION}`;
const SHELL = '/s/index.html';
/** Kept across versions of the worker; the page also writes here (device.ts, keepSurvey). */
const SURVEYS = 'participant-surveys';
const PUBLIC_SURVEY = /^\/api\/public\/surveys\/[^/]+$/;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The page has just loaded these same files: take them from the HTTP cache where it has
      // them (even stale: they are content-hashed), so the first visit downloads them only once.
      await cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'force-cache' })));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const key of await caches.keys())
        if (key.startsWith('participant-') && key !== CACHE && key !== SURVEYS) await caches.delete(key);
      await sw.clients.claim();
    })(),
  );
});

async function networkFirst(request: Request, key: string, cacheName = CACHE): Promise<Response> {
  const cache = await caches.open(cacheName);
  try {
    const response = await fetch(request);
    if (response.ok) await cache.put(key, response.clone());
    return response;
  } catch (err) {
    const cached = await cache.match(key);
    if (!cached) throw err;
    // Said on the copy, so the page knows it is offline (navigator.onLine is not reliable for it).
    const headers = new Headers(cached.headers);
    headers.set('x-served-from', 'offline-copy');
    return new Response(cached.body, { status: cached.status, statusText: cached.statusText, headers });
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

  if (url.pathname.startsWith('/s/assets/')) {
    event.respondWith(cacheFirst(request, url.pathname));
    return;
  }
  if (PUBLIC_SURVEY.test(url.pathname)) {
    event.respondWith(networkFirst(request, url.pathname, SURVEYS));
    return;
  }
  if (request.mode === 'navigate' && url.pathname.startsWith('/s/')) {
    // Every participant link is the same page: the fresh copy refreshes the cached shell.
    event.respondWith(networkFirst(request, SHELL));
  }
});
