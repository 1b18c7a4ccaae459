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

/** The sign-in screen; returns {submit} so that a sign-in link can submit it. */
export async function signInScreen(code = '', problem = '') {
  const token = currentRoute();
  setTitle('Sign in');
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
    problem ? h('div', { class: 'error-summary', role: 'alert' }, h('h2', {}, 'There is a problem'), h('p', {}, problem)) : null,
    h('h1', {}, 'Sign in'),
    h('p', {}, 'Quality Checkers: type the code your officer gave you. You only need to do this once on this phone.'),
    h('form', { novalidate: true, onsubmit: submit },
      h('div', { class: `question${problem ? ' has-error' : ''}` },
        h('label', { for: 'code', class: 'label' }, 'Your code'),
        h('span', { class: 'hint', id: 'code-hint' }, '8 letters and numbers, like ABCD-2345'),
        problem ? h('p', { class: 'error-message', id: 'code-error' }, problem) : null,
        input),
      h('button', { type: 'submit', class: 'primary' }, 'Sign in')),
  );
  return { submit };
}

const plural = (n, one, many) => `${n} ${n === 1 ? one : many}`;

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
  setTitle('Sign out');
  const device = await auth.device();
  if (!device) { location.replace('#/'); return; }
  const owner = ownerOf(device);
  const { drafts, waiting } = await holdings(owner);
  const busy = h('p', { class: 'hint', role: 'status' });
  const buttons = [];
  const go = async (sendFirst) => {
    for (const b of buttons) b.disabled = true;
    if (sendFirst && waiting.length > 0) {
      busy.textContent = 'Sending…';
      await sync.flush();
    }
    const left = (await holdings(owner)).waiting.length;
    busy.textContent = 'Signing out…';
    await auth.signOut();
    await db.forget(owner);
    await keepPublicFormsOnly();
    sync.changed();
    signedOut(token, device.volunteer.name, left);
  };
  const send = h('button', { type: 'button', class: 'primary', onclick: () => go(true) }, waiting.length ? 'Send what is waiting first' : 'Sign out');
  const keep = h('button', { type: 'button', class: 'secondary', onclick: () => go(false) }, 'Keep it for when I sign in again');
  buttons.push(send, keep);
  show(token,
    h('h1', {}, 'Sign this phone out'),
    h('p', {}, `You are signed in as ${device.volunteer.name}.`),
    waiting.length > 0 ? [
      h('p', {}, `${plural(waiting.length, 'form is', 'forms are')} waiting to send.`),
      h('p', {}, 'Send them now, or keep them on this phone. Kept forms are hidden: nobody else can see or send them. They are sent when you sign in again with a new code from your officer.'),
    ] : h('p', {}, 'Nothing is waiting to send.'),
    drafts.length > 0 ? h('div', { class: 'inset' },
      h('p', {}, `You have ${plural(drafts.length, 'form', 'forms')} you have not finished. Signing out deletes ${drafts.length === 1 ? 'it' : 'them'} from this phone. To keep the answers, finish and send ${drafts.length === 1 ? 'it' : 'them'} first.`)) : null,
    h('p', {}, 'Signing out also takes your list of sent forms off this phone.'),
    h('div', { class: 'nav' }, send, waiting.length ? keep : null),
    busy,
    h('p', {}, h('a', { href: '#/' }, 'Stay signed in')),
  );
}

/** Says what signing out did, and what happens to anything kept. */
function signedOut(token, name, left) {
  setTitle('Signed out');
  show(token,
    h('div', { class: 'panel', role: 'status' },
      h('h1', {}, 'This phone is signed out'),
      h('p', {}, `${name}'s unfinished forms and list of sent forms are no longer on this phone.`)),
    left > 0
      ? h('p', {}, `${plural(left, 'form is', 'forms are')} kept on this phone, hidden. Nobody else can see or send ${left === 1 ? 'it' : 'them'}. ${left === 1 ? 'It is' : 'They are'} sent when ${name} signs in again with a new code.`)
      : h('p', {}, 'Everything was sent.'),
    h('p', {}, h('a', { href: '#/' }, 'Back to forms')),
  );
}
