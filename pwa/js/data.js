// What the app reads from the server: the device's copy first, refreshed
// in the background, so that a weak signal never holds a screen.
import * as db from './db.js';
import * as auth from './auth.js';

// How long a request may take before the screen goes on without it: a weak
// signal (connected, answering nothing) must never hold a screen.
const BUDGET_MS = 4000;

/** Asks the server, within the budget; undefined when no answer came. */
async function fetchFresh(url, key) {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), BUDGET_MS);
  try {
    // The app signs in by its bearer token only: an officer's cookie in the
    // same browser must not ride along (nor make sends need a CSRF token).
    const res = await fetch(url, { headers: await auth.headers({ Accept: 'application/json' }), credentials: 'omit', signal: ctl.signal });
    if (res.ok) {
      const value = await res.json();
      await db.put('cache', { key, value });
      return { value };
    }
    if (res.status === 401) await auth.markRefused();
    if (res.status === 404) {
      await db.del('cache', key);
      return { value: null };
    }
  } catch { /* offline or too slow: the copy, if any, stands */ } finally {
    clearTimeout(timer);
  }
  return undefined;
}

/**
 * The device's copy of url at once, when it has one, with the server asked
 * in the background (onFresh gets a changed answer); the server within the
 * budget otherwise.
 */
async function fetchCached(url, key, onFresh) {
  const hit = await db.get('cache', key);
  if (hit) {
    fetchFresh(url, key).then((fresh) => {
      if (fresh && onFresh && JSON.stringify(fresh.value) !== JSON.stringify(hit.value)) onFresh(fresh.value);
    });
    return hit.value;
  }
  const got = await fetchFresh(url, key);
  return got ? got.value : null;
}

/**
 * The forms open now, as the server lists them for this phone's sign-in:
 * each sign-in has its own copy, so that signing in shows its forms at
 * once, never the list of the sign-in before.
 */
export async function formList(onFresh) {
  const d = await auth.device();
  // A phone whose sign-in was stopped keeps its volunteer's list: what
  // they fill in is kept until they sign in again.
  const key = d ? `forms:${d.volunteer?.id || ''}` : 'forms';
  return fetchCached('/api/v1/forms', key, onFresh);
}
/** The services register. */
export const services = async () => (await fetchCached('/api/v1/services', 'services')) || [];
/** One version of a form's definition. */
export const formVersion = (id, v) => fetchCached(`/api/v1/forms/${encodeURIComponent(id)}/versions/${encodeURIComponent(v)}`, `form:${id}@${v}`);
/** The device's copy of a form version, without asking the server, or null. */
export const keptVersion = async (id, v) => (await db.get('cache', `form:${id}@${v}`))?.value || null;

/**
 * Forgets the forms list of a volunteer who signs out: the next person
 * sees the forms for the public only, even with no signal.
 */
export async function keepPublicFormsOnly() {
  const hit = await db.get('cache', 'forms');
  if (hit && Array.isArray(hit.value)) await db.put('cache', { key: 'forms', value: hit.value.filter((f) => f.audience !== 'volunteers') });
}
