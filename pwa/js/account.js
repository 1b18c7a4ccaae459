// A Quality Checker's sign-in on a phone that several people may share:
// signing in with the officer's code, and signing out, which asks what to
// do with what is waiting to send and then takes the volunteer's drafts
// and sent list off the phone.
import * as db from './db.js';
import * as sync from './sync.js';
import * as auth from './auth.js';
import { h } from './render.js';
import { show, setTitle, currentRoute } from './shell.js';
import { ownerOf, visibleTo } from './drafts.js';
import { keepPublicFormsOnly } from './data.js';
import { t } from './messages.js';

/** The sign-in screen; returns {submit} so that a sign-in link can submit it. */
export async function signInScreen(code = '', problem = '') {
  const token = currentRoute();
  setTitle(t('signIn.title'));
  const input = h('input', { type: 'text', id: 'code', name: 'code', class: 'short', autocomplete: 'one-time-code', autocapitalize: 'characters', spellcheck: 'false', value: code, 'aria-describedby': problem ? 'code-hint code-error' : 'code-hint' });
  const submit = async (e) => {
    e?.preventDefault();
    const why = await auth.signIn(input.value);
    if (why) return signInScreen(input.value, why);
    // This volunteer's responses that waited for a sign-in can go now;
    // anyone else's stay where they are.
    const owner = ownerOf(await auth.device());
    for (const item of await db.all('outbox')) {
      if (item.state === 'signin' && visibleTo(item, owner)) await db.put('outbox', { ...item, state: 'waiting' });
    }
    sync.changed();
    sync.flush();
    location.hash = '#/';
  };
  show(token,
    problem ? h('div', { class: 'error-summary', role: 'alert' }, h('h2', {}, t('errors.title')), h('p', {}, problem)) : null,
    h('h1', {}, t('signIn.title')),
    h('p', {}, t('signIn.intro')),
    h('form', { novalidate: true, onsubmit: submit },
      h('div', { class: `question${problem ? ' has-error' : ''}` },
        h('label', { for: 'code', class: 'label' }, t('signIn.code')),
        h('span', { class: 'hint', id: 'code-hint' }, t('signIn.codeHint')),
        problem ? h('p', { class: 'error-message', id: 'code-error' }, problem) : null,
        input),
      h('button', { type: 'submit', class: 'primary' }, t('signIn.button'))),
  );
  return { submit };
}

/** What the volunteer signed in now has on the phone. */
async function holdings(owner) {
  const [drafts, outbox] = await Promise.all([db.all('drafts'), db.all('outbox')]);
  return { drafts: drafts.filter((d) => visibleTo(d, owner)), waiting: outbox.filter((i) => visibleTo(i, owner)) };
}

/**
 * Asks, in plain words and with two buttons, whether to send what is
 * waiting first or keep it for the next sign-in; then signs out.
 */
export async function signOutScreen() {
  const token = currentRoute();
  setTitle(t('signOut.title'));
  const device = await auth.device();
  if (!device) { location.replace('#/'); return; }
  const owner = ownerOf(device);
  const { drafts, waiting } = await holdings(owner);
  const busy = h('p', { class: 'hint', role: 'status' });
  const buttons = [];
  const go = async (sendFirst) => {
    for (const b of buttons) b.disabled = true;
    if (sendFirst && waiting.length > 0) {
      busy.textContent = t('signOut.sending');
      await sync.flush();
    }
    const left = (await holdings(owner)).waiting.length;
    busy.textContent = t('signOut.signingOut');
    await auth.signOut();
    await db.forget(owner);
    await keepPublicFormsOnly();
    sync.changed();
    signedOut(token, device.volunteer.name, left);
  };
  const send = h('button', { type: 'button', class: 'primary', onclick: () => go(true) }, waiting.length ? t('signOut.sendFirst') : t('signOut.title'));
  const keep = h('button', { type: 'button', class: 'secondary', onclick: () => go(false) }, t('signOut.keep'));
  buttons.push(send, keep);
  show(token,
    h('h1', {}, t('home.signOut')),
    h('p', {}, t('signOut.signedInAs', { name: device.volunteer.name })),
    waiting.length > 0 ? [
      h('p', {}, t('signOut.waiting', { count: waiting.length })),
      h('p', {}, t('signOut.sendOrKeep')),
    ] : h('p', {}, t('signOut.nothingWaiting')),
    drafts.length > 0 ? h('div', { class: 'inset' },
      h('p', {}, t('signOut.drafts', { count: drafts.length }))) : null,
    h('p', {}, t('signOut.sentList')),
    h('div', { class: 'nav' }, send, waiting.length ? keep : null),
    busy,
    h('p', {}, h('a', { href: '#/' }, t('signOut.stay'))),
  );
}

/** Says what signing out did, and what happens to anything kept. */
function signedOut(token, name, left) {
  setTitle(t('signedOut.title'));
  show(token,
    h('div', { class: 'panel', role: 'status' },
      h('h1', {}, t('signedOut.heading')),
      h('p', {}, t('signedOut.gone', { name }))),
    left > 0 ? h('p', {}, t('signedOut.kept', { count: left, name })) : h('p', {}, t('signedOut.allSent')),
    h('p', {}, h('a', { href: '#/' }, t('nav.backToForms'))),
  );
}
