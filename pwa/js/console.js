// Helpers shared by the officers' console pages: requests with the CSRF
// token, drawing a page, and words for dates and problems.
import { h } from './render.js';

const main = document.getElementById('main');
let csrf = '';
let onSignedOut = () => {};

/** Sets the session's CSRF token, and what to do when the session ends. */
export function session(token, signedOut) {
  csrf = token;
  if (signedOut) onSignedOut = signedOut;
}

/** Sends a request; a body that is not a string goes as JSON. */
export async function api(method, path, body, contentType) {
  const headers = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = contentType || 'application/json';
  if (method !== 'GET' && csrf) headers['X-CSRF-Token'] = csrf;
  const payload = body === undefined || contentType ? body : JSON.stringify(body);
  const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  let data = null;
  try { data = await res.json(); } catch { /* no body */ }
  if (res.status === 401 && path !== '/api/v1/session') { onSignedOut('Your session has ended. Sign in again.'); throw new Error('signed out'); }
  return { status: res.status, data };
}

/** Draws a page and moves focus to its heading. */
export function show(title, ...children) {
  document.title = `${title} – Chorus`;
  main.replaceChildren(...children.flat(Infinity).filter(Boolean));
  main.querySelector('h1')?.focus();
}

export const when = (t) => (t ? new Date(t).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : 'none yet');
export const day = (d) => (d ? new Date(`${d}T12:00:00`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric' }) : '');
export const problem = (text) => (text ? h('div', { class: 'error-summary', role: 'alert' }, h('h2', {}, 'There is a problem'), h('p', {}, text)) : null);
export const heading = (text) => h('h1', { tabindex: '-1' }, text);

/** A labelled password field, with a hint when one is given. */
export function passwordField(id, label, autocomplete, hint = '') {
  return h('div', { class: 'question' },
    h('label', { for: id, class: 'label' }, label),
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null,
    h('input', { type: 'password', id, name: id, autocomplete, required: true, ...(hint ? { 'aria-describedby': `${id}-hint` } : {}) }));
}
