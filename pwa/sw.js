// Service worker: the app shell comes from the device first (so it opens
// at once with no signal), form definitions and the services register from
// the network first with the device's copy as fallback. The server fills in
// VERSION and ASSETS when it serves this file, so any change to the app
// makes a new worker.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const SHELL = `chorus-shell-${VERSION}`;
const DATA = 'chorus-data';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL).then((c) => c.addAll(ASSETS)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('chorus-shell-') && key !== SHELL) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

async function shellFirst(request) {
  const url = new URL(request.url);
  let key = url.pathname;
  if (request.mode === 'navigate') key = url.pathname === '/officer' ? '/officer.html' : '/index.html';
  const hit = await caches.match(key, { cacheName: SHELL });
  return hit || fetch(request);
}

async function networkFirst(request) {
  const cache = await caches.open(DATA);
  try {
    const res = await fetch(request);
    if (res.ok) cache.put(request, res.clone());
    return res;
  } catch (err) {
    const hit = await cache.match(request);
    if (hit) return hit;
    throw err;
  }
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/healthz') return;
  // Only what a phone needs offline is kept: the forms and the register.
  // Officers' data (counts, volunteers, exports) never goes into a cache.
  if (/^\/api\/v1\/(forms(\/[^/]+(\/versions\/[^/]+)?)?|services)$/.test(url.pathname)) event.respondWith(networkFirst(request));
  else if (!url.pathname.startsWith('/api/')) event.respondWith(shellFirst(request));
});

// Background Sync: wake an open page to send its outbox.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'outbox') return;
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then((clients) => {
    for (const c of clients) c.postMessage('sync');
  }));
});
