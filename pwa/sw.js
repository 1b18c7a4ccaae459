// Service worker: the app shell comes from the device first (so it opens
// at once with no signal), form definitions and the services register from
// the network first, with the device's copy when the network fails or is
// slower than a few seconds. The server fills in
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
  if (request.mode === 'navigate') {
    // An officer's preview of a form is its own page, never the app's shell.
    if (url.pathname.startsWith('/officer/preview/')) key = '/preview.html';
    else key = url.pathname === '/officer' ? '/officer.html' : '/index.html';
  }
  const hit = await caches.match(key, { cacheName: SHELL });
  return hit || fetch(request);
}

// How long the network may take before the device's copy is used: a weak
// signal (connected, answering nothing) must never hold the app.
const BUDGET_MS = 3000;

function networkFirst(event) {
  const { request } = event;
  const network = fetch(request).then(async (res) => {
    if (res.ok) await (await caches.open(DATA)).put(request, res.clone());
    return res;
  });
  event.waitUntil(network.catch(() => {})); // the copy is refreshed even when it was used
  return (async () => {
    const hit = await caches.match(request, { cacheName: DATA });
    if (!hit) return network;
    const late = new Promise((resolve) => { setTimeout(() => resolve(null), BUDGET_MS); });
    try {
      return (await Promise.race([network, late])) || hit;
    } catch {
      return hit;
    }
  })();
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname === '/healthz') return;
  // Only what a phone needs offline is kept: the forms and the register.
  // Officers' data (counts, volunteers, exports) never goes into a cache.
  if (/^\/api\/v1\/(forms(\/[^/]+(\/versions\/[^/]+)?)?|services)$/.test(url.pathname)) event.respondWith(networkFirst(event));
  else if (!url.pathname.startsWith('/api/')) event.respondWith(shellFirst(request));
});

// Background Sync: wake an open page to send its outbox.
self.addEventListener('sync', (event) => {
  if (event.tag !== 'outbox') return;
  event.waitUntil(self.clients.matchAll({ type: 'window' }).then((clients) => {
    for (const c of clients) c.postMessage('sync');
  }));
});
