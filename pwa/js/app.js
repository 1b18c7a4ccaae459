// The Chorus web app: forms list, filling a form (standard or easy read),
// drafts, outbox and sent receipts. Routes live in the address's hash.
import * as db from './db.js';
import * as sync from './sync.js';
import * as auth from './auth.js';
import { checkAnswers, isVisible, questions } from './rules.js';
import { h, question, focusTarget, localToday, speakButton } from './render.js';

const main = document.getElementById('main');
const EASY_KEY = 'chorus.easyRead';
const FIVE_DAYS = 5 * 24 * 3600 * 1000;
const easyRead = () => localStorage.getItem(EASY_KEY) === 'on';

// ---------- data: the device's copy first, refreshed in the background ----------

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
    fetchFresh(url, key).then((got) => {
      if (got && onFresh && JSON.stringify(got.value) !== JSON.stringify(hit.value)) onFresh(got.value);
    });
    return hit.value;
  }
  const got = await fetchFresh(url, key);
  return got ? got.value : null;
}

const formList = (onFresh) => fetchCached('/api/v1/forms', 'forms', onFresh);
const services = async () => (await fetchCached('/api/v1/services', 'services')) || [];
const formVersion = (id, v) => fetchCached(`/api/v1/forms/${encodeURIComponent(id)}/versions/${encodeURIComponent(v)}`, `form:${id}@${v}`);

// ---------- shell ----------

function setTitle(t) { document.title = `${t} – Chorus`; }

// Each route gets a token; a screen whose route is no longer current (a slow
// offline fetch finishing after the person moved on) must not draw.
let routeToken = 0;

function show(token, ...children) {
  if (token !== routeToken) return;
  main.replaceChildren(...children.flat().filter(Boolean));
  const h1 = main.querySelector('h1');
  if (h1) { h1.tabIndex = -1; h1.focus(); }
}

async function updateStatus() {
  const items = await db.all('outbox');
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

async function home() {
  const token = routeToken;
  setTitle('Forms');
  // A changed list (a form opened or closed) is drawn again if the
  // person is still on this screen.
  const [forms, drafts, persisted] = await Promise.all([formList(() => { if (token === routeToken) home(); }), db.all('drafts'), navigator.storage?.persisted?.()]);
  const list = (forms || []).map((f) => h('li', {},
    h('a', { href: `#/start/${encodeURIComponent(f.id)}`, class: 'card' },
      h('span', { class: 'card-title' }, f.title),
      f.closes ? h('span', { class: 'hint' }, `Closes ${new Date(f.closes).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric' })}`) : null)));
  drafts.sort((a, b) => b.updatedAt - a.updatedAt);
  const device = await auth.device();
  show(token, 
    h('h1', {}, 'Forms'),
    device?.refused ? h('div', { class: 'notice', role: 'alert' },
      h('h2', {}, 'Sign in again'),
      h('p', {}, 'This phone is no longer signed in. Everything you filled in is kept on this phone. Ask your officer for a new code, then sign in again: your answers will be sent.'),
      h('a', { href: '#/signin', class: 'button primary' }, 'Sign in with a new code')) : null,
    forms === null ? h('p', {}, 'You are offline and no forms are saved on this device yet. Open the app once with a signal.') : null,
    list.length ? h('ul', { class: 'cards' }, list) : forms ? h('p', {}, 'No forms are open just now.') : null,
    drafts.length ? [h('h2', {}, 'Not finished'), h('ul', { class: 'cards' }, drafts.map((d) => h('li', { class: 'draft' },
      h('a', { href: `#/fill/${d.id}`, class: 'card' }, h('span', { class: 'card-title' }, d.title),
        h('span', { class: 'hint' }, `Last changed ${new Date(d.updatedAt).toLocaleString('en-GB')}`)),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Delete draft: ${d.title}`, onclick: () => deleteDraft(d) }, 'Delete'))))] : null,
    h('p', {}, h('a', { href: '#/sent' }, 'Sent responses and receipts')),
    device && !device.refused
      ? h('p', { class: 'hint' }, `Signed in as ${device.volunteer.name}. `, h('a', { href: '#/signout' }, 'Sign this phone out'))
      : device ? null : h('p', {}, h('a', { href: '#/signin' }, 'Quality Checker? Sign in with your code')),
    persisted === false || iosBrowserTab() ? h('p', { class: 'inset' }, 'This device may clear answers saved in the app if it is not used for a while. To keep them safe, add Chorus to your home screen and send your responses soon.') : null,
  );
}

/** Safari on iPhone and iPad deletes a site's storage after 7 days unused, unless it is on the home screen. */
function iosBrowserTab() {
  return /iPad|iPhone|iPod/.test(navigator.userAgent) && navigator.standalone === false;
}

async function signInScreen(code = '', problem = '') {
  const token = routeToken;
  setTitle('Sign in');
  const input = h('input', { type: 'text', id: 'code', name: 'code', class: 'short', autocomplete: 'one-time-code', autocapitalize: 'characters', spellcheck: 'false', value: code, 'aria-describedby': problem ? 'code-hint code-error' : 'code-hint' });
  const submit = async (e) => {
    e?.preventDefault();
    const why = await auth.signIn(input.value);
    if (why) return signInScreen(input.value, why);
    // Responses that waited for a sign-in can go now.
    for (const item of await db.all('outbox')) if (item.state === 'signin') await db.put('outbox', { ...item, state: 'waiting' });
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

async function signOutScreen() {
  if (window.confirm('Sign this phone out? You will need a new code from your officer to send visit forms again.')) await auth.signOut();
  location.replace('#/');
}

async function deleteDraft(d) {
  if (!window.confirm(`Delete your unfinished “${d.title}”? Your answers will be lost.`)) return;
  await db.del('drafts', d.id);
  home();
}

async function startForm(formId) {
  const token = routeToken;
  const forms = await formList();
  const summary = (forms || []).find((f) => f.id === formId);
  if (!summary) return show(token, h('h1', {}, 'Form not found'), h('p', {}, 'This form is not open, or the device has no copy of it yet.'), h('a', { href: '#/' }, 'Back to forms'));
  const def = await formVersion(formId, summary.version);
  if (!def) return show(token, h('h1', {}, 'Form not available'), h('p', {}, 'Open this form once with a signal to use it offline.'));
  const now = Date.now();
  const draft = { id: crypto.randomUUID(), formId, formVersion: def.version, title: def.title, answers: {}, startedAt: new Date(now).toISOString(), updatedAt: now, step: 0 };
  await db.put('drafts', draft);
  navigator.storage?.persist?.();
  location.replace(`#/fill/${draft.id}`);
}

async function fill(draftId) {
  const token = routeToken;
  const draft = await db.get('drafts', draftId);
  if (!draft) {
    const queued = await db.get('outbox', draftId);
    const sent = await db.get('sent', draftId);
    return show(token, h('h1', {}, queued || sent ? 'Already sent' : 'Draft not found'),
      h('p', {}, queued || sent ? 'This response has already been sent from this device.' : 'This draft is no longer on this device.'),
      h('a', { href: '#/' }, 'Back to forms'));
  }
  const [def, register] = await Promise.all([formVersion(draft.formId, draft.formVersion), services()]);
  if (!def) return show(token, h('h1', {}, 'Form not available'), h('p', {}, 'Open this form once with a signal to use it offline.'));
  setTitle(def.title);
  const env = { today: localToday(), serviceExists: (id) => register.some((s) => s.id === id) };
  const state = { draft, def, register, env, errors: {}, token };
  (easyRead() ? renderEasy : renderAll)(state);
}

let saveTimer;
function saveSoon(draft) {
  draft.updatedAt = Date.now();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => saveNow(draft), 200);
}
async function saveNow(draft) {
  clearTimeout(saveTimer);
  const saved = await db.saveDraft(draft);
  if (!saved) await fill(draft.id); // sent from another tab: say so
  return saved;
}

function onChange(state, refresh) {
  return (q, value) => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete state.draft.answers[q.id];
    else state.draft.answers[q.id] = value;
    saveSoon(state.draft);
    refresh();
  };
}

/** Answers as the rules see them, to decide what is shown. */
const visibleSet = (state) => {
  const kept = checkAnswers(state.def, state.draft.answers, state.env).answers;
  const partial = { ...kept };
  // A condition may look at an answer that is not yet valid (while typing):
  // use what the person has given so far.
  for (const q of questions(state.def)) if (!(q.id in partial) && q.id in state.draft.answers) partial[q.id] = state.draft.answers[q.id];
  return new Set(questions(state.def).filter((q) => isVisible(q, partial)).map((q) => q.id));
};

function errorSummary(state, problems) {
  const byId = new Map(questions(state.def).map((q) => [q.id, q]));
  return h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, 'There is a problem'),
    h('ul', {}, problems.map((p) => h('li', {}, byId.has(p.question)
      ? h('a', { href: `#${focusTarget(byId.get(p.question))}`, onclick: (e) => { e.preventDefault(); document.getElementById(focusTarget(byId.get(p.question)))?.focus(); } }, p.message)
      : p.message))));
}

function easyToggle(state) {
  const on = easyRead();
  return h('button', {
    type: 'button', class: 'secondary', 'aria-pressed': String(on),
    onclick: () => { localStorage.setItem(EASY_KEY, on ? 'off' : 'on'); state.errors = {}; (on ? renderAll : renderEasy)(state); },
  }, on ? 'Show all questions' : 'Easy read: one question at a time');
}

function renderAll(state, problems = []) {
  const { token } = state;
  const { def, draft } = state;
  const wrappers = new Map();
  const refresh = () => {
    const visible = visibleSet(state);
    for (const [id, el] of wrappers) el.hidden = !visible.has(id);
  };
  const ctx = { easy: false, services: state.register, onChange: onChange(state, refresh) };
  const sections = def.sections.map((s) => h('section', {}, h('h2', {}, s.title),
    s.questions.map((q) => {
      const el = h('div', { class: 'wrapper' }, question(q, draft.answers[q.id], state.errors[q.id], ctx));
      wrappers.set(q.id, el);
      return el;
    })));
  show(token, 
    problems.length ? errorSummary(state, problems) : null,
    h('h1', {}, def.title),
    easyToggle(state),
    def.introduction ? h('p', { class: 'lead' }, def.introduction) : null,
    def.privacyNotice ? h('details', {}, h('summary', {}, 'How we use your answers'), h('p', {}, def.privacyNotice)) : null,
    h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); send(state); } },
      sections, honeypot(), h('button', { type: 'submit', class: 'primary' }, 'Send')),
  );
  refresh();
  if (problems.length) main.querySelector('.error-summary').focus();
}

function renderEasy(state) {
  const { token } = state;
  const { def, draft } = state;
  const visible = visibleSet(state);
  const steps = questions(def).filter((q) => visible.has(q.id));
  draft.step = Math.min(draft.step || 0, steps.length);
  if (draft.step === steps.length) return renderCheck(state, steps);
  const q = steps[draft.step];
  const refresh = () => {
    const now = visibleSet(state);
    const next = questions(def).filter((x) => now.has(x.id));
    if (next.length !== steps.length) renderEasy(state); // a reveal changed the count
  };
  const ctx = { easy: true, services: state.register, onChange: onChange(state, refresh) };
  const go = async (delta) => {
    if (delta > 0) {
      const single = { ...def, sections: [{ title: '', questions: [q] }] };
      const { problems } = checkAnswers(single, q.id in draft.answers ? { [q.id]: draft.answers[q.id] } : {}, state.env);
      if (q.type !== 'notice' && problems.length) { state.errors = { [q.id]: problems[0].message }; return renderEasy(state); }
    }
    state.errors = {};
    draft.step = Math.max(0, draft.step + delta);
    await saveNow(draft);
    renderEasy(state);
  };
  show(token, 
    h('p', { class: 'progress' }, `Question ${draft.step + 1} of ${steps.length}`),
    h('h1', { class: 'visually-hidden' }, def.title),
    easyToggle(state),
    state.errors[q.id] ? errorSummary(state, [{ question: q.id, message: state.errors[q.id] }]) : null,
    h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); go(1); } },
      question(q, draft.answers[q.id], state.errors[q.id], ctx),
      h('div', { class: 'nav' },
        draft.step > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => go(-1) }, 'Back') : null,
        h('button', { type: 'submit', class: 'primary' }, 'Next'))),
  );
}

function renderCheck(state, steps) {
  const { token } = state;
  show(token, 
    h('h1', {}, 'Ready to send?'),
    easyToggle(state),
    h('p', {}, `You answered ${steps.filter((q) => q.id in state.draft.answers).length} of ${steps.filter((q) => q.type !== 'notice').length} questions.`),
    honeypot(),
    h('div', { class: 'nav' },
      h('button', { type: 'button', class: 'secondary', onclick: () => { state.draft.step = steps.length - 1; renderEasy(state); } }, 'Back'),
      h('button', { type: 'button', class: 'primary', onclick: () => send(state) }, 'Send')),
  );
}

async function send(state) {
  const { draft, def, env } = state;
  if (!(await saveNow(draft))) return; // already sent from another tab
  const { answers, problems } = checkAnswers(def, draft.answers, env);
  if (problems.length) {
    state.errors = Object.fromEntries(problems.map((p) => [p.question, p.message]));
    if (easyRead()) {
      const visible = visibleSet(state);
      draft.step = questions(def).filter((q) => visible.has(q.id)).findIndex((q) => q.id === problems[0].question);
      return renderEasy(state);
    }
    return renderAll(state, problems);
  }
  const payload = { id: draft.id, formId: draft.formId, formVersion: draft.formVersion, answers, startedAt: draft.startedAt, completedAt: new Date().toISOString() };
  const trap = main.querySelector('input[name=website]')?.value;
  if (trap) payload.website = trap;
  const moved = await db.draftToOutbox(draft.id, { id: draft.id, formId: draft.formId, title: def.title, payload, queuedAt: Date.now(), state: 'waiting', attempts: 0 });
  location.replace(`#/queued/${draft.id}`);
  if (moved) { sync.requestBackgroundSync(); sync.flush(); }
}

/**
 * A field that people never see or reach, which bots fill in: the server
 * quietly drops a response that has it.
 */
function honeypot() {
  return h('div', { class: 'hp', 'aria-hidden': 'true' },
    h('label', { for: 'website' }, 'Leave this empty'),
    h('input', { type: 'text', id: 'website', name: 'website', tabindex: '-1', autocomplete: 'off' }));
}

async function queued(id) {
  const token = routeToken;
  setTitle('Saved');
  const sent = await db.get('sent', id);
  show(token, 
    h('div', { class: 'panel', role: 'status' },
      h('h1', {}, sent ? 'Response sent' : 'Your response is safe'),
      sent ? h('p', {}, 'Your reference number is ', h('strong', { class: 'receipt' }, sent.receipt))
        : h('p', {}, 'It is saved on this device and will be sent as soon as there is a signal. You can close the app.')),
    h('p', {}, h('a', { href: '#/' }, 'Back to forms')),
  );
}

async function outbox() {
  const token = routeToken;
  setTitle('Waiting to send');
  const items = (await db.all('outbox')).sort((a, b) => a.queuedAt - b.queuedAt);
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

async function correct(item) {
  // A refused response was not stored, so it can take a new id; the old one
  // may be the reason it was refused (409: the id was used for another).
  const draft = { id: crypto.randomUUID(), formId: item.formId, formVersion: item.payload.formVersion, title: item.title, answers: item.payload.answers, startedAt: item.payload.startedAt, updatedAt: Date.now(), step: 0 };
  await db.put('drafts', draft);
  await db.del('outbox', item.id);
  sync.changed();
  location.hash = `#/fill/${draft.id}`;
}

async function discard(item) {
  if (!window.confirm(`Discard “${item.title}”? It will not be sent and your answers will be lost.`)) return;
  await db.del('outbox', item.id);
  sync.changed();
  outbox();
}

async function sentList() {
  const token = routeToken;
  setTitle('Sent');
  const items = (await db.all('sent')).sort((a, b) => b.sentAt - a.sentAt);
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
  // The link in a sign-in QR code: #signin=CODE signs in at once.
  const qr = location.hash.match(/^#signin=([A-Za-z0-9-]+)$/);
  if (qr) {
    history.replaceState(null, '', '#/signin');
    ++routeToken;
    const screen = await signInScreen(decodeURIComponent(qr[1]));
    // A link must not quietly move a phone that is signed in to someone else.
    const current = await auth.device();
    if (current && !current.refused && !window.confirm(`This phone is signed in as ${current.volunteer.name}. Sign in with the new code instead?`)) return;
    return screen.submit();
  }
  const token = ++routeToken;
  // Never leave the last screen's fields under the next screen's address.
  main.replaceChildren(h('p', { class: 'hint', role: 'status' }, 'Loading…'));
  const [, name, arg] = (location.hash || '#/').match(/^#\/([a-z]*)\/?(.*)$/) || [];
  const id = decodeURIComponent(arg || '');
  try {
    switch (name) {
      case 'start': return await startForm(id);
      case 'fill': return await fill(id);
      case 'queued': return await queued(id);
      case 'outbox': return await outbox();
      case 'sent': return await sentList();
      case 'signin': return await signInScreen();
      case 'signout': return await signOutScreen();
      default: return await home();
    }
  } catch (err) {
    show(token, h('h1', {}, 'Something went wrong'), h('p', {}, String(err.message || err)), h('a', { href: '#/' }, 'Back to forms'));
  }
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
    if (location.hash.startsWith('#/fill/')) window.addEventListener('hashchange', () => location.reload(), { once: true });
    else location.reload();
  });
}
if (!speakButton('', '')) document.documentElement.classList.add('no-speech');
route();
updateStatus();
sync.start();
