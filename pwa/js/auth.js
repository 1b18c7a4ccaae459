// The phone's Quality Checker sign-in: a device token kept in the device's
// store and sent with every request, and the state "asked to sign in again"
// after the server refused it (401). Officers sign in at /officer instead.
import * as db from './db.js';
import { t } from './messages.js';

const KEY = 'device';
let cached;

/** The phone's sign-in: { token, volunteer: { id, name }, expiresAt, refused } or null. */
export async function device() {
  if (cached === undefined) cached = (await db.get('settings', KEY))?.value || null;
  return cached;
}

/** Headers that carry the sign-in d (a device() value), if any. */
export function headersOf(d, extra = {}) {
  return d && !d.refused ? { ...extra, Authorization: `Bearer ${d.token}` } : extra;
}

/** Headers that carry the phone's sign-in, if any. */
export async function headers(extra = {}) {
  return headersOf(await device(), extra);
}

/** Whether the server has refused this phone's sign-in and it must sign in again. */
export async function refused() {
  const d = await device();
  return Boolean(d?.refused);
}

async function save(value) {
  cached = value;
  if (value) await db.put('settings', { key: KEY, value });
  else await db.del('settings', KEY);
}

/** Notes that the server refused the sign-in: nothing is sent until a new one. */
export async function markRefused() {
  const d = await device();
  if (d && !d.refused) await save({ ...d, refused: true });
}

/**
 * Signs the phone in with a one-time code. Returns null on success, or
 * what to tell the person, in their language, about why not.
 */
export async function signIn(code) {
  let res;
  try {
    res = await fetch('/api/v1/device-sessions', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ code }), credentials: 'omit',
    });
  } catch {
    return t('signIn.noSignal');
  }
  if (res.status === 429) return t('signIn.tooMany');
  if (res.status >= 500) return t('signIn.serverDown');
  if (res.status !== 201) return t('signIn.refused');
  let body;
  try { body = await res.json(); } catch { return t('signIn.serverDown'); }
  await save({ token: body.token, volunteer: body.volunteer, expiresAt: body.expiresAt });
  return null;
}

// How long signing out waits for the server: with a weak signal the phone
// forgets its sign-in anyway, and the officer can end the session.
const SIGN_OUT_BUDGET_MS = 4000;

/**
 * Signs the phone out: the server ends its session (when it answers within
 * a few seconds), and the phone forgets it. What the volunteer leaves on
 * the phone is the caller's business (account.js).
 */
export async function signOut() {
  const ctl = new AbortController();
  const timer = setTimeout(() => ctl.abort(), SIGN_OUT_BUDGET_MS);
  try {
    await fetch('/api/v1/device-sessions/current', { method: 'DELETE', headers: await headers(), credentials: 'omit', signal: ctl.signal });
  } catch { /* offline or too slow: the officer can still sign the phone out */ } finally {
    clearTimeout(timer);
  }
  await save(null);
}
