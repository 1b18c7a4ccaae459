// The Chorus web app: forms list, filling a form (standard or easy read),
// drafts, outbox and sent receipts. Routes live in the address's hash. On
// a shared phone each person sees only what they wrote (drafts.js).
import * as db from './db.js';
import * as sync from './sync.js';
import * as auth from './auth.js';
import { h, localToday, watchVoices, checkVoices } from './render.js';
import { main, show, setTitle, nextRoute, currentRoute, message } from './shell.js';
import { ownerOf, visibleTo, progress } from './drafts.js';
import { formList, keptVersion } from './data.js';
import { startForm, fill, correct, draftLines } from './fill.js';
import { signInScreen, signOutScreen } from './account.js';

const FIVE_DAYS = 5 * 24 * 3600 * 1000;

/** The items of a store that the person signed in now (or nobody) may see. */
async function mine(store) {
  const owner = ownerOf(await auth.device());
  return (await db.all(store)).filter((i) => visibleTo(i, owner));
}

async function updateStatus() {
  const items = await mine('outbox');
  const waiting = items.filter((i) => i.state !== 'rejected').length;
  const rejected = items.length - waiting;
  const el = document.getElementById('status');
  const parts = [];
  parts.push(waiting === 0 ? 'Nothing waiting to send' : `${waiting} waiting to send`);
  if (waiting > 0 && await auth.refused()) parts.push('sign in again to send');
  if (rejected > 0) parts.push(`${rejected} need${rejected === 1 ? 's' : ''} changes`);
  el.replaceChildren(h('a', { href: '#/outbox' }, parts.join(' · ')));
  const old = items.some((i) => Date.now() - i.queuedAt > FIVE_DAYS);
  document.getElementById('warn-old').hidden = !old;
}

// ---------- screens ----------

/** How far a draft kept by an earlier app (which noted no progress) has got, from the device's copy of its form. */
async function withProgress(d) {
  if (d.progress) return d;
  const def = await keptVersion(d.formId, d.formVersion);
  return def ? { ...d, progress: progress(def, d.answers, { today: localToday(), serviceExists: () => true }) } : d;
}

/** The list of open forms, or what to say when there is none. */
function formsBlock(forms, device) {
  // Forms for volunteers only while one is signed in, whatever the device's copy says.
  const open = (forms || []).filter((f) => device || f.audience !== 'volunteers');
  const list = open.map((f) => h('li', {},
    h('a', { href: `#/start/${encodeURIComponent(f.id)}`, class: 'card' },
      h('span', { class: 'card-title' }, f.title),
      f.closes ? h('span', { class: 'hint' }, `Closes ${new Date(f.closes).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`) : null)));
  return h('div', { id: 'form-list' },
    forms === null ? h('p', {}, 'You are offline and no forms are saved on this device yet. Open the app once with a signal.') : null,
    list.length ? h('ul', { class: 'cards' }, list) : forms ? h('p', {}, 'No forms are open just now.') : null);
}

async function home() {
  const token = currentRoute();
  setTitle('Forms');
  // A changed list (a form opened or closed) replaces the list alone, in
  // place, if the person is still on this screen: nothing else moves
  // under their finger, and focus stays where it is.
  let device;
  const fresh = (value) => {
    if (token === currentRoute()) document.getElementById('form-list')?.replaceWith(formsBlock(value, device));
  };
  const [forms, drafts, persisted, dev] = await Promise.all([formList(fresh), mine('drafts'), navigator.storage?.persisted?.(), auth.device()]);
  device = dev;
  const unfinished = await Promise.all(drafts.sort((a, b) => b.updatedAt - a.updatedAt).map(withProgress));
  show(token,
    h('h1', {}, 'Forms'),
    device?.refused ? h('div', { class: 'notice', role: 'alert' },
      h('h2', {}, 'Sign in again'),
      h('p', {}, 'This phone is no longer signed in. Everything you filled in is kept on this phone. Ask your officer for a new code, then sign in again: your answers will be sent.'),
      h('a', { href: '#/signin', class: 'button primary' }, 'Sign in with a new code')) : null,
    formsBlock(forms, device),
    unfinished.length ? [h('h2', {}, 'Not finished'), h('ul', { class: 'cards' }, unfinished.map((d) => h('li', { class: 'draft' },
      h('a', { href: `#/fill/${d.id}`, class: 'card' }, h('span', { class: 'card-title' }, d.title),
        draftLines(d).map((l) => h('span', { class: 'hint' }, l))),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Delete draft: ${d.title}`, onclick: () => deleteDraft(d) }, 'Delete'))))] : null,
    h('p', {}, h('a', { href: '#/sent' }, 'Sent responses and receipts')),
    device
      ? h('p', { class: 'hint' }, `Signed in as ${device.volunteer.name}. `, h('a', { href: '#/signout' }, 'Sign this phone out'))
      : h('p', {}, h('a', { href: '#/signin' }, 'Quality Checker? Sign in with your code')),
    persisted === false || iosBrowserTab() ? h('p', { class: 'inset' }, 'This device may clear answers saved in the app if it is not used for a while. To keep them safe, add Chorus to your home screen and send your responses soon.') : null,
  );
}

/** Safari on iPhone and iPad deletes a site's storage after 7 days unused, unless it is on the home screen. */
function iosBrowserTab() {
  return /iPad|iPhone|iPod/.test(navigator.userAgent) && navigator.standalone === false;
}

async function deleteDraft(d) {
  if (!window.confirm(`Delete your unfinished “${d.title}”? Your answers will be lost.`)) return;
  await db.del('drafts', d.id);
  home();
}

async function queued(id) {
  const token = currentRoute();
  setTitle('Saved');
  const sent = (await mine('sent')).find((s) => s.id === id);
  show(token,
    h('div', { class: 'panel', role: 'status' },
      h('h1', {}, sent ? 'Response sent' : 'Your response is safe'),
      sent ? h('p', {}, 'Your reference number is ', h('strong', { class: 'receipt' }, sent.receipt))
        : h('p', {}, 'It is saved on this device and will be sent as soon as there is a signal. You can close the app.')),
    h('p', {}, h('a', { href: '#/' }, 'Back to forms')),
  );
}

async function outbox() {
  const token = currentRoute();
  setTitle('Waiting to send');
  const items = (await mine('outbox')).sort((a, b) => a.queuedAt - b.queuedAt);
  show(token,
    h('h1', {}, 'Waiting to send'),
    items.length === 0 ? h('p', {}, 'Nothing is waiting. Everything has been sent.') : null,
    h('ul', { class: 'cards' }, items.map((i) => h('li', { class: i.state === 'rejected' ? 'rejected' : '' },
      h('p', { class: 'card-title' }, i.title),
      h('p', { class: 'hint' }, `Saved ${new Date(i.queuedAt).toLocaleString('en-GB')}`),
      i.state === 'rejected' ? [
        h('p', { class: 'error-message' }, i.detail || 'The server could not accept this response.'),
        i.errors?.length ? h('ul', {}, i.errors.map((e) => h('li', {}, e.message))) : null,
        h('button', { type: 'button', class: 'primary', onclick: () => correct(i) }, 'Change answers'),
        h('button', { type: 'button', class: 'secondary', onclick: () => discard(i) }, 'Discard'),
      ] : h('p', {}, i.state === 'signin' ? 'Waiting for you to sign in again.' : 'Will send when there is a signal.')))),
    items.some((i) => i.state !== 'rejected') ? h('button', { type: 'button', class: 'secondary', onclick: () => sync.flush() }, 'Try sending now') : null,
  );
}

async function discard(item) {
  if (!window.confirm(`Discard “${item.title}”? It will not be sent and your answers will be lost.`)) return;
  await db.del('outbox', item.id);
  sync.changed();
  outbox();
}

async function sentList() {
  const token = currentRoute();
  setTitle('Sent');
  const items = (await mine('sent')).sort((a, b) => b.sentAt - a.sentAt);
  show(token,
    h('h1', {}, 'Sent'),
    items.length === 0 ? h('p', {}, 'Nothing sent from this device yet.') : null,
    h('ul', { class: 'cards' }, items.map((i) => h('li', {},
      h('p', { class: 'card-title' }, i.title),
      h('p', {}, 'Reference ', h('strong', { class: 'receipt' }, i.receipt)),
      h('p', { class: 'hint' }, `Sent ${new Date(i.sentAt).toLocaleString('en-GB')}`)))),
  );
}

// ---------- routing ----------

async function route() {
  checkVoices();
  // The link in a sign-in QR code: #signin=CODE signs in at once.
  const qr = location.hash.match(/^#signin=([A-Za-z0-9-]+)$/);
  if (qr) {
    history.replaceState(null, '', '#/signin');
    nextRoute();
    const screen = await signInScreen(decodeURIComponent(qr[1]));
    // A link must not quietly move a phone that is signed in to someone else.
    const current = await auth.device();
    if (current && !current.refused && !window.confirm(`This phone is signed in as ${current.volunteer.name}. Sign in with the new code instead?`)) return;
    return screen.submit();
  }
  const token = nextRoute();
  // Never leave the last screen's fields under the next screen's address.
  main.replaceChildren(h('p', { class: 'hint', role: 'status' }, 'Loading…'));
  const [, name, arg] = (location.hash || '#/').match(/^#\/([a-z]*)\/?(.*)$/) || [];
  const [id, more] = (arg || '').split('/').map((s) => decodeURIComponent(s || ''));
  try {
    switch (name) {
      case 'start': return await startForm(id);
      case 'new': return await fill(more, id); // #/new/FORM/DRAFT: a form not yet answered
      case 'fill': return await fill(id);
      case 'queued': return await queued(id);
      case 'outbox': return await outbox();
      case 'sent': return await sentList();
      case 'signin': return await signInScreen();
      case 'signout': return await signOutScreen();
      default: return await home();
    }
  } catch (err) {
    message(token, 'Something went wrong', String(err.message || err));
  }
}

/**
 * Gives an owner to what an earlier version of the app kept without one:
 * the phone's sign-in of the time wrote it, as far as the device knows.
 */
async function adoptUnowned() {
  const forms = (await db.get('cache', 'forms'))?.value || [];
  await db.adoptUnowned(ownerOf(await auth.device()), (id) => forms.find((f) => f.id === id)?.audience);
}

window.addEventListener('hashchange', route);
sync.onChange(() => {
  updateStatus();
  if ((location.hash === '#/outbox')) outbox();
  if (location.hash.startsWith('#/queued/')) route();
});
if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('/sw.js').catch(() => {});
  // A new version of the app has taken over: load it, but never in the
  // middle of a form (the draft is saved; the next screen loads the new app).
  let hadController = Boolean(navigator.serviceWorker.controller);
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    if (!hadController) { hadController = true; return; }
    if (/^#\/(fill|new)\//.test(location.hash)) window.addEventListener('hashchange', () => location.reload(), { once: true });
    else location.reload();
  });
}
watchVoices();
adoptUnowned().catch(() => {}).finally(() => {
  route();
  updateStatus();
  sync.start();
});
