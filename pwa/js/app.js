// The Chorus web app: forms list, filling a form (standard or easy read),
// drafts, outbox and sent receipts. Routes live in the address's hash. On
// a shared phone each person sees only what they wrote (drafts.js).
import * as db from './db.js';
import * as sync from './sync.js';
import * as auth from './auth.js';
import { h } from './dom.js';
import { watchVoices, checkVoices } from './speak.js';
import { main, show, setTitle, nextRoute, currentRoute, message } from './shell.js';
import { ownerOf, visibleTo, progress, localToday, draftLines } from './drafts.js';
import { formList, keptVersion } from './data.js';
// Filling a form and signing in load when first needed, so that the first
// screen comes with less; the service worker keeps them for offline use.
const filling = () => import('./fill.js');
const account = () => import('./account.js');
import { t, locale } from './messages.js';
import { useLanguage, wanted, clearHeaderPicker } from './language.js';
import { chooseLanguage, mainLanguage, defaultDir } from './i18n.js';

const FIVE_DAYS = 5 * 24 * 3600 * 1000;

/** The items of a store that the person signed in now (or nobody) may see. */
async function mine(store) {
  const owner = ownerOf(await auth.device());
  return (await db.all(store)).filter((i) => visibleTo(i, owner));
}

// Each look at the outbox has a number: only the latest one writes the
// status, so a slow look cannot put back what was there before.
let statusRun = 0;

async function updateStatus() {
  const run = ++statusRun;
  const items = await mine('outbox');
  const waiting = items.filter((i) => i.state !== 'rejected').length;
  const rejected = items.length - waiting;
  const el = document.getElementById('status');
  const parts = [];
  parts.push(waiting === 0 ? t('status.nothingWaiting') : t('status.waiting', { count: waiting }));
  if (waiting > 0 && await auth.refused()) parts.push(t('status.signInAgain'));
  if (rejected > 0) parts.push(t('status.needChanges', { count: rejected }));
  if (run !== statusRun) return;
  el.replaceChildren(h('a', { href: '#/outbox' }, parts.join(' · ')));
  const old = items.some((i) => Date.now() - i.queuedAt > FIVE_DAYS);
  const warn = document.getElementById('warn-old');
  warn.hidden = !old;
  warn.textContent = t('status.old');
}

// ---------- screens ----------

/** How far a draft kept by an earlier app (which noted no progress) has got, from the device's copy of its form. */
async function withProgress(d) {
  if (d.progress) return d;
  const def = await keptVersion(d.formId, d.formVersion);
  return def ? { ...d, progress: progress(def, d.answers, { today: localToday(), serviceExists: () => true }) } : d;
}

/**
 * A listed form's title in the language it will open in (the person's
 * choice or the phone's, where the form has it), marked with that
 * language when the form has translations.
 */
function listedTitle(f) {
  if (!f.translations) return f.title;
  const code = chooseLanguage(f, wanted());
  const l = f.translations[code];
  // A partial translation may leave the title out: it is the main language's.
  return l?.title
    ? h('span', { lang: code, dir: l.dir }, l.title)
    : h('span', { lang: mainLanguage(f), dir: defaultDir(mainLanguage(f)) }, f.title);
}

/** The list of open forms, or what to say when there is none. */
function formsBlock(forms, device) {
  // Forms for volunteers only while one is signed in, whatever the device's copy says.
  const open = (forms || []).filter((f) => device || f.audience !== 'volunteers');
  const list = open.map((f) => h('li', {},
    h('a', { href: `#/start/${encodeURIComponent(f.id)}`, class: 'card' },
      h('span', { class: 'card-title' }, listedTitle(f)),
      f.closes ? h('span', { class: 'hint' }, t('home.closes', { date: new Date(f.closes).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric' }) })) : null)));
  return h('div', { id: 'form-list' },
    forms === null ? h('p', {}, t('home.offlineNoForms')) : null,
    list.length ? h('ul', { class: 'cards' }, list) : forms ? h('p', {}, t('home.noForms')) : null);
}

async function home() {
  const token = currentRoute();
  setTitle(t('home.title'));
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
    h('h1', {}, t('home.title')),
    device?.refused ? h('div', { class: 'notice', role: 'alert' },
      h('h2', {}, t('home.refusedTitle')),
      h('p', {}, t('home.refusedText')),
      h('a', { href: '#/signin', class: 'button primary' }, t('home.signInNewCode'))) : null,
    formsBlock(forms, device),
    unfinished.length ? [h('h2', {}, t('home.notFinished')), h('ul', { class: 'cards' }, unfinished.map((d) => h('li', { class: 'draft' },
      h('a', { href: `#/fill/${d.id}`, class: 'card' }, h('span', { class: 'card-title', lang: d.language || undefined }, d.title),
        draftLines(d).map((l) => h('span', { class: 'hint' }, l))),
      h('button', { type: 'button', class: 'secondary', 'aria-label': t('home.deleteLabel', { title: d.title }), onclick: () => deleteDraft(d) }, t('home.delete')))))] : null,
    h('p', {}, h('a', { href: '#/sent' }, t('home.sentLink'))),
    device
      ? h('p', { class: 'hint' }, t('home.signedInAs', { name: device.volunteer.name }), h('a', { href: '#/signout' }, t('home.signOut')))
      : h('p', {}, h('a', { href: '#/signin' }, t('home.signIn'))),
    persisted === false || iosBrowserTab() ? h('p', { class: 'inset' }, t('home.mayClear')) : null,
  );
}

/** Safari on iPhone and iPad deletes a site's storage after 7 days unused, unless it is on the home screen. */
function iosBrowserTab() {
  return /iPad|iPhone|iPod/.test(navigator.userAgent) && navigator.standalone === false;
}

async function deleteDraft(d) {
  if (!window.confirm(t('home.deleteConfirm', { title: d.title }))) return;
  await db.del('drafts', d.id);
  home();
}

async function queued(id) {
  const token = currentRoute();
  setTitle(t('queued.title'));
  const sent = (await mine('sent')).find((s) => s.id === id);
  show(token,
    h('div', { class: 'panel', role: 'status' },
      h('h1', {}, sent ? t('queued.sent') : t('queued.safe')),
      sent ? h('p', {}, t('queued.referenceIs'), h('strong', { class: 'receipt', dir: 'ltr' }, sent.receipt))
        : h('p', {}, t('queued.savedText'))),
    h('p', {}, h('a', { href: '#/' }, t('nav.backToForms'))),
  );
}

async function outbox() {
  const token = currentRoute();
  setTitle(t('outbox.title'));
  const items = (await mine('outbox')).sort((a, b) => a.queuedAt - b.queuedAt);
  show(token,
    h('h1', {}, t('outbox.title')),
    items.length === 0 ? h('p', {}, t('outbox.empty')) : null,
    h('ul', { class: 'cards' }, items.map((i) => h('li', { class: i.state === 'rejected' ? 'rejected' : '' },
      h('p', { class: 'card-title', lang: i.payload?.language || undefined }, i.title),
      h('p', { class: 'hint' }, t('outbox.saved', { when: new Date(i.queuedAt).toLocaleString(locale()) })),
      i.state === 'rejected' ? [
        // The server's own words are in English.
        h('p', { class: 'error-message', lang: i.detail ? 'en' : undefined }, i.detail || t('outbox.refused')),
        i.errors?.length ? h('ul', { lang: 'en' }, i.errors.map((e) => h('li', {}, e.message))) : null,
        h('button', { type: 'button', class: 'primary', onclick: async () => (await filling()).correct(i) }, t('outbox.change')),
        h('button', { type: 'button', class: 'secondary', onclick: () => discard(i) }, t('outbox.discard')),
      ] : h('p', {}, i.state === 'signin' ? t('outbox.waitingSignIn') : t('outbox.willSend'))))),
    items.some((i) => i.state !== 'rejected') ? h('button', { type: 'button', class: 'secondary', onclick: () => sync.flush() }, t('outbox.tryNow')) : null,
  );
}

async function discard(item) {
  if (!window.confirm(t('outbox.discardConfirm', { title: item.title }))) return;
  await db.del('outbox', item.id);
  sync.changed();
  outbox();
}

async function sentList() {
  const token = currentRoute();
  setTitle(t('sent.title'));
  const items = (await mine('sent')).sort((a, b) => b.sentAt - a.sentAt);
  show(token,
    h('h1', {}, t('sent.title')),
    items.length === 0 ? h('p', {}, t('sent.empty')) : null,
    h('ul', { class: 'cards' }, items.map((i) => h('li', {},
      h('p', { class: 'card-title', lang: i.language || undefined }, i.title),
      h('p', {}, t('sent.reference'), h('strong', { class: 'receipt', dir: 'ltr' }, i.receipt)),
      h('p', { class: 'hint' }, t('sent.at', { when: new Date(i.sentAt).toLocaleString(locale()) }))))),
  );
}

// ---------- routing ----------

/** The app's words for the device store's errors (db.js), by their code or name. */
const deviceWords = {
  'device.otherTab': () => t('app.otherTab'),
  'device.refused': () => t('app.storeRefused'),
  QuotaExceededError: () => t('app.storeRefused'), // the phone is full
};

async function route() {
  checkVoices();
  // The link in a sign-in QR code: #signin=CODE signs in at once.
  const qr = location.hash.match(/^#signin=([A-Za-z0-9-]+)$/);
  if (qr) {
    history.replaceState(null, '', '#/signin');
    nextRoute();
    const screen = await (await account()).signInScreen(decodeURIComponent(qr[1]));
    // A link must not quietly move a phone that is signed in to someone else.
    const current = await auth.device();
    if (current && !current.refused && !window.confirm(t('signIn.replace', { name: current.volunteer.name }))) return;
    return screen.submit();
  }
  const token = nextRoute();
  clearHeaderPicker();
  // Never leave the last screen's fields under the next screen's address.
  main.replaceChildren(h('p', { class: 'hint', role: 'status' }, t('app.loading')));
  const [, name, arg] = (location.hash || '#/').match(/^#\/([a-z]*)\/?(.*)$/) || [];
  const [id, more] = (arg || '').split('/').map((s) => decodeURIComponent(s || ''));
  try {
    // A form is shown in its own language (fill.js); other screens in the one chosen last, else the phone's.
    if (name !== 'fill' && name !== 'new') await useLanguage(wanted()[0]);
    switch (name) {
      case 'start': return (await filling()).startForm(id);
      case 'new': return (await filling()).fill(more, id); // #/new/FORM/DRAFT: a form not yet answered
      case 'fill': return (await filling()).fill(id);
      case 'queued': return await queued(id);
      case 'outbox': return await outbox();
      case 'sent': return await sentList();
      case 'signin': return (await account()).signInScreen();
      case 'signout': return (await account()).signOutScreen();
      default: return await home();
    }
  } catch (err) {
    message(token, t('app.error'), (deviceWords[err?.code] || deviceWords[err?.name])?.() || String(err?.message || err));
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
// The words around every screen follow the language of the app's words.
window.addEventListener('chorus:language', () => {
  updateStatus();
  document.querySelector('.skip-link').textContent = t('app.skip');
});
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
adoptUnowned().catch(() => {}).then(() => useLanguage(wanted()[0])).catch(() => {}).finally(() => {
  route();
  updateStatus();
  sync.start();
  // Once the first screen is drawn, the form screens load in the
  // background, so that opening a form waits for nothing.
  setTimeout(() => filling().catch(() => {}), 0);
});
