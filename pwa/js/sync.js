// Sends the outbox when the network is there: on the online event, when the
// app opens or comes back into view, on Background Sync where the browser
// has it, and on a backing-off timer. A response leaves the device only
// when the server has confirmed it. On a shared phone, only what the person
// signed in now wrote (or a resident's response to a public form) is sent,
// under their own sign-in.
import * as db from './db.js';
import * as auth from './auth.js';
import { batches, settle, retryDelay } from './outbox-policy.js';
import { ownerOf, sendable } from './drafts.js';

let running = null;
let lockMissedSince = 0;
const LOCK_PATIENCE_MS = 10_000;
const SEND_BUDGET_MS = 20_000;
let timer = null;
let attempt = 0;
const listeners = new Set();

/** Calls fn after every change to the outbox. */
export function onChange(fn) { listeners.add(fn); }
export function changed() { for (const fn of listeners) fn(); }

function schedule(retryAfter = 0) {
  clearTimeout(timer);
  attempt += 1;
  timer = setTimeout(flush, retryDelay(attempt, { retryAfter }));
}

/** Sends what waits in the outbox, one batch at a time. */
export function flush() {
  if (running) return running;
  const work = async () => {
    // One sign-in for the whole flush: what it picks is sent with its own
    // token, even if someone signs in or out meanwhile.
    const device = await auth.device();
    const owner = ownerOf(device);
    const items = (await db.all('outbox'))
      .filter((i) => i.state !== 'rejected' && i.state !== 'signin' && sendable(i, owner))
      .sort((a, b) => a.queuedAt - b.queuedAt);
    if (items.length === 0) { attempt = 0; return; }
    if (device?.refused) return; // waits, kept, for the person to sign in again
    for (const batch of batches(items, { size: (i) => JSON.stringify(i.payload).length })) {
      let res;
      // A connection that answers nothing is given up and tried again
      // later: sending again is safe, the server keeps each response once.
      const ctl = new AbortController();
      const giveUp = setTimeout(() => ctl.abort(), SEND_BUDGET_MS);
      try {
        res = await fetch('/api/v1/sync', {
          method: 'POST',
          headers: auth.headersOf(device, { 'Content-Type': 'application/json' }),
          credentials: 'omit', // the app's sign-in is its bearer token, never an officer's cookie
          body: JSON.stringify({ responses: batch.map((i) => i.payload) }),
          signal: ctl.signal,
        });
      } catch {
        clearTimeout(giveUp);
        schedule();
        return;
      }
      if (res.status === 401) {
        // The phone's sign-in was stopped: keep everything, and ask.
        if ((await auth.device())?.token === device?.token) await auth.markRefused();
        return;
      }
      if (res.status !== 200) {
        schedule(Number(res.headers.get('Retry-After')) || 0);
        return;
      }
      let body;
      try { body = await res.json(); } catch { schedule(); return; } finally { clearTimeout(giveUp); }
      const { done, kept } = settle(batch, body.responses);
      // Receipts are kept for the person who sent them, unless they have
      // signed out meanwhile: the next person must not find them.
      await db.confirmSent(done, { receipts: ownerOf(await auth.device()) === owner });
      for (const k of kept) await db.put('outbox', k);
      changed();
      if (kept.some((k) => k.state === 'waiting')) { schedule(); return; }
    }
    attempt = 0;
  };
  // One sender at a time across tabs, where the browser can say so. If the
  // lock stays taken (another tab sending, or a closing page that has not
  // let go), try again soon; after a while send anyway: the server keeps
  // each response once, so the lock only saves a second copy on the wire.
  const locked = navigator.locks
    ? () => navigator.locks.request('chorus-outbox', { ifAvailable: true }, async (lock) => {
      if (lock) { lockMissedSince = 0; return work(); }
      lockMissedSince ||= Date.now();
      if (Date.now() - lockMissedSince > LOCK_PATIENCE_MS) return work();
      clearTimeout(timer);
      timer = setTimeout(flush, 1000);
      return undefined;
    })
    : work;
  running = locked().catch(() => schedule()).finally(() => { running = null; changed(); });
  return running;
}

/** Starts watching for chances to send. */
export function start() {
  window.addEventListener('online', () => { attempt = 0; flush(); });
  document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'visible') flush(); });
  navigator.serviceWorker?.addEventListener('message', (e) => { if (e.data === 'sync') flush(); });
  flush();
}

/** Asks the browser to wake the app for sending when back online. */
export async function requestBackgroundSync() {
  try {
    const reg = await navigator.serviceWorker?.ready;
    await reg?.sync?.register('outbox');
  } catch { /* not supported: the timer and the online event still send */ }
}
