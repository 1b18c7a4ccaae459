// Filling a form: opening it (carrying on with a draft left unfinished, or
// starting again), the standard screen with every question, saving the
// answers on the device as they are given, and sending. A draft is made
// by the first answer, never by opening a form.
import * as db from './db.js';
import * as sync from './sync.js';
import * as auth from './auth.js';
import { checkAnswers, questions } from './rules.js';
import { h, question, focusTarget, focusQuestion } from './render.js';
import { main, show, showForm, setTitle, currentRoute, nextRoute, message, honeypot, easyRead, setEasyRead } from './shell.js';
import { ownerOf, visibleTo, visibleIds, sectionVisible, progress, latestDraft, hasAnswers, localToday, draftLines } from './drafts.js';
import { formList, formVersion, services } from './data.js';
import * as words from './words.js';
import { renderEasy } from './easy.js';
import { t } from './messages.js';
import { languages, localized, chooseLanguage } from './i18n.js';
import { wanted, remember, useLanguage, languageOf, languageButtons, inLang } from './language.js';

export { draftLines } from './drafts.js';

const newDraftURL = (formId) => `#/new/${encodeURIComponent(formId)}/${crypto.randomUUID()}`;

/**
 * Opens a form: when the person has a draft of it they have not finished,
 * asks whether to carry on with it or start again; otherwise an empty form
 * that becomes a draft at the first answer.
 */
export async function startForm(formId) {
  const token = currentRoute();
  const summary = ((await formList()) || []).find((f) => f.id === formId);
  if (!summary) return message(token, t('fill.notFoundTitle'), t('fill.notFound'));
  navigator.storage?.persist?.();
  const owner = ownerOf(await auth.device());
  const draft = latestDraft(await db.all('drafts'), formId, owner);
  if (!draft) return location.replace(newDraftURL(formId));
  if (draft.language) await useLanguage(draft.language);
  setTitle(draft.title || summary.title); // the title in the draft's language
  show(token,
    h('h1', {}, t('fill.startedBefore')),
    h('p', {}, t('fill.notFinished', { title: draft.title })),
    h('div', { class: 'inset' }, draftLines(draft).map((l) => h('p', {}, l))),
    h('div', { class: 'nav' },
      h('button', { type: 'button', class: 'primary', id: 'carry-on', onclick: () => location.replace(`#/fill/${draft.id}`) }, t('fill.carryOn')),
      h('button', { type: 'button', class: 'secondary', id: 'start-again', onclick: () => location.replace(newDraftURL(formId)) }, t('fill.startAgain'))),
    h('p', { class: 'hint' }, t('fill.startAgainHint')),
  );
}

/**
 * Shows a draft: one on the device, or (with formId) a new, empty one with
 * this id, which is written to the device at its first answer.
 */
export async function fill(draftId, formId = '') {
  const token = currentRoute();
  const owner = ownerOf(await auth.device());
  const [stored, queued, sent] = await Promise.all([db.get('drafts', draftId), db.get('outbox', draftId), db.get('sent', draftId)]);
  // Someone else's draft or response: this person is told nothing of it.
  if ([stored, queued, sent].some((x) => x && !visibleTo(x, owner))) return message(token, t('fill.draftNotFoundTitle'), t('fill.draftNotHere'));
  if (!stored && (queued || sent)) return message(token, t('fill.alreadySentTitle'), t('fill.alreadySent'));
  let draft = stored;
  if (!draft) {
    if (!formId) return message(token, t('fill.draftNotFoundTitle'), t('fill.draftGone'));
    const summary = ((await formList()) || []).find((f) => f.id === formId);
    if (!summary) return message(token, t('fill.notFoundTitle'), t('fill.notFound'));
    const now = Date.now();
    draft = { id: draftId, formId, formVersion: summary.version, title: summary.title, audience: summary.audience, owner, answers: {}, startedAt: new Date(now).toISOString(), updatedAt: now };
  }
  const [raw, register] = await Promise.all([formVersion(draft.formId, draft.formVersion), services()]);
  if (!raw) return message(token, t('fill.notAvailableTitle'), t('fill.notAvailable'));
  draft.audience ||= raw.audience;
  const env = { today: localToday(), serviceExists: (id) => register.some((s) => s.id === id) };
  const state = { draft, raw, register, env, errors: {}, token, isEasy: easyRead };
  state.actions = {
    save: () => saveNow(state),
    send: () => send(state),
    onChange: (refresh) => onChange(state, refresh),
    errorSummary: (problems) => errorSummary(state, problems, true),
    toggle: () => easyToggle(state),
    language: (code) => switchLanguage(state, code),
  };
  await inLanguage(state, chooseLanguage(raw, [draft.language, ...wanted()]));
  if (token !== currentRoute()) return;
  setTitle(state.def.title);
  (easyRead() ? renderEasy : renderAll)(state);
}

/**
 * Shows the form in the language code from now on: its texts (state.def,
 * a localized copy of state.raw), the app's words, and the draft's
 * language, which its response is sent with when the form has others.
 */
async function inLanguage(state, code) {
  state.lang = languageOf(state.raw, code);
  state.def = localized(state.raw, state.lang.code);
  if (languages(state.raw).length > 1) {
    state.draft.language = state.lang.code;
    state.draft.title = state.def.title;
  }
  await useLanguage(state.lang.code);
}

/**
 * The person chose another language: remembered on the device, the draft
 * saved with it, and the screen drawn again where it was, with the
 * problems shown (if any) in the new words.
 */
async function switchLanguage(state, code) {
  if (!state.preview) remember(code); // an officer's preview leaves the phone's choice alone
  await inLanguage(state, code);
  if (hasAnswers(state.draft)) await state.actions.save();
  setTitle(state.def.title);
  const ids = new Set(Object.keys(state.errors));
  const problems = ids.size ? checkAnswers(state.def, state.draft.answers, state.env).problems.filter((p) => ids.has(p.question)) : [];
  state.errors = Object.fromEntries(problems.map((p) => [p.question, p]));
  if (state.isEasy()) renderEasy(state);
  else renderAll(state, problems);
}

let saveTimer;
function saveSoon(state) {
  if (state.sending) return; // a change after Send (a field's blur) is not the draft's any more
  state.draft.updatedAt = Date.now();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => state.actions.save(), 200);
}

/** Saves the draft now; false when it was sent meanwhile (from another tab), which the screen then says. */
async function saveNow(state) {
  clearTimeout(saveTimer);
  const { draft, def, env } = state;
  draft.progress = progress(def, draft.answers, env);
  if (!(await db.saveDraft(draft))) {
    await fill(draft.id);
    return false;
  }
  // Once it is a draft, its address is the draft's, for a reload to find.
  if (hasAnswers(draft) && location.hash.startsWith('#/new/')) history.replaceState(null, '', `#/fill/${draft.id}`);
  return true;
}

function onChange(state, refresh) {
  return (q, value) => {
    if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) delete state.draft.answers[q.id];
    else state.draft.answers[q.id] = value;
    saveSoon(state);
    refresh();
  };
}

/** A problem's words for this screen: easy read's own, or the rules' message. */
export const problemText = (q, p, easy) => (easy && q ? words.easyError(q, p) : p.message);

function errorSummary(state, problems, easy = false) {
  const byId = new Map(questions(state.def).map((q) => [q.id, q]));
  return h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, t('errors.title')),
    h('ul', {}, problems.map((p) => {
      const q = byId.get(p.question);
      const text = problemText(q, p, easy);
      const go = (e) => { e.preventDefault(); focusQuestion(q, p.code); };
      // With Enter, the focus moves when the key comes up: moved as it goes
      // down, the rest of the key press reaches the field and sends the form.
      let down = false;
      return h('li', {}, q
        ? h('a', {
          href: `#${focusTarget(q)}`, onclick: go,
          onkeydown: (e) => { if (e.key === 'Enter') { e.preventDefault(); down = true; } },
          onkeyup: (e) => { if (e.key === 'Enter' && down) { down = false; go(e); } },
        }, text)
        : text);
    })));
}

function easyToggle(state) {
  const on = easyRead();
  return h('button', {
    type: 'button', class: 'secondary', 'aria-pressed': String(on),
    onclick: () => { setEasyRead(!on); state.errors = {}; (on ? renderAll : renderEasy)(state); },
  }, on ? t('mode.all') : t('mode.easy'));
}

/**
 * The standard screen: every question, each section under its title. A
 * question is shown while its condition (and its section's) holds; a
 * section none of whose questions is shown is hidden whole.
 */
function renderAll(state, problems = []) {
  const { def, draft } = state;
  const wrappers = new Map();
  const boxes = new Map();
  const refresh = () => {
    const visible = visibleIds(def, draft.answers, state.env);
    for (const [id, el] of wrappers) el.hidden = !visible.has(id);
    for (const [s, el] of boxes) el.hidden = !sectionVisible(s, visible);
  };
  const numbers = words.questionNumbers(def);
  const ctx = { easy: false, services: state.register, onChange: onChange(state, refresh), answers: draft.answers, level: 3 };
  const sections = def.sections.map((s) => {
    const box = h('section', {}, h('h2', {}, inLang(s.title, s)),
      s.questions.map((q) => {
        const p = state.errors[q.id];
        const el = h('div', { class: 'wrapper' }, question(q, draft.answers[q.id], p ? p.message : undefined, { ...ctx, number: numbers.get(q.id) }));
        wrappers.set(q.id, el);
        return el;
      }));
    boxes.set(s, box);
    return box;
  });
  showForm(state,
    problems.length ? errorSummary(state, problems) : null,
    h('h1', {}, inLang(def.title, def)),
    languageButtons(state.raw, state.lang.code, state.actions.language),
    state.actions.toggle(),
    def.introduction ? h('p', { class: 'lead' }, inLang(def.introduction, def)) : null,
    def.privacyNotice ? h('details', {}, h('summary', {}, t('fill.privacy')), h('p', {}, inLang(def.privacyNotice, def))) : null,
    h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); state.actions.send(); } },
      sections, honeypot(), h('button', { type: 'submit', class: 'primary' }, t('fill.send'))),
  );
  refresh();
  if (problems.length) main.querySelector('.error-summary').focus();
}

async function send(state) {
  const { draft, def, env } = state;
  if (!(await saveNow(state))) return; // already sent from another tab
  const { answers, problems } = checkAnswers(def, draft.answers, env);
  if (problems.length) return refuse(state, problems, easyRead());
  // From here the draft becomes the outbox's: no save may follow it, or
  // finding the draft gone it would draw "Already sent" over the receipt.
  state.sending = true;
  clearTimeout(saveTimer);
  const payload = { id: draft.id, formId: draft.formId, formVersion: draft.formVersion, answers, startedAt: draft.startedAt, completedAt: new Date().toISOString() };
  // The language it was filled in, for a form that has more than one.
  if (languages(state.raw).length > 1) payload.language = state.lang.code;
  const trap = main.querySelector('input[name=website]')?.value;
  if (trap) payload.website = trap;
  const item = { id: draft.id, formId: draft.formId, title: def.title, payload, queuedAt: Date.now(), state: 'waiting', attempts: 0, owner: draft.owner ?? null, audience: def.audience };
  const moved = await db.draftToOutbox(draft.id, item);
  location.replace(`#/queued/${draft.id}`);
  if (moved) { sync.requestBackgroundSync(); sync.flush(); }
}

/** Shows the problems of answers that cannot be sent, at the first one in easy read. */
function refuse(state, problems, easy) {
  const { def, draft } = state;
  state.errors = Object.fromEntries(problems.map((p) => [p.question, p]));
  if (easy) {
    draft.at = problems.find((p) => def.sections.some((s) => s.questions.some((q) => q.id === p.question)))?.question;
    return renderEasy(state);
  }
  return renderAll(state, problems);
}

/**
 * Shows a form as the app does, for officers to try before it is
 * published: the same screens and rules, with the answers kept in memory
 * only. Nothing is written to the device (no draft, no outbox, no copy of
 * the form) and nothing is sent: Send checks the answers and says so.
 * onMode is told when the person switches between standard and easy read.
 */
export function previewForm(raw, { easy = false, services: register = [], onMode = () => {}, language = '', onLanguage = () => {} } = {}) {
  const token = nextRoute();
  const draft = { id: 'preview', formId: raw.id, formVersion: raw.version, title: raw.title, audience: raw.audience, owner: null, answers: {}, startedAt: new Date().toISOString(), updatedAt: Date.now() };
  const env = { today: localToday(), serviceExists: (id) => register.some((s) => s.id === id) };
  const state = { draft, raw, register, env, errors: {}, token, easy, preview: true, isEasy: () => state.easy };
  const draw = () => (state.easy ? renderEasy : renderAll)(state);
  state.actions = {
    save: async () => true,
    send: () => {
      const { problems } = checkAnswers(state.def, draft.answers, env);
      if (problems.length) return refuse(state, problems, state.easy);
      setTitle('Preview: answers checked');
      // Words for the officer, in English whatever the form's language.
      return show(token, h('div', { lang: 'en', dir: 'ltr' },
        h('div', { class: 'panel', role: 'status' },
          h('h1', {}, 'Your answers passed the checks'),
          h('p', {}, 'This is a preview. These answers were checked but not sent or stored.')),
        h('button', { type: 'button', class: 'primary', onclick: () => previewForm(raw, { easy: state.easy, services: register, onMode, language: state.lang.code, onLanguage }) }, 'Fill it again')));
    },
    onChange: (refresh) => onChange(state, refresh),
    errorSummary: (problems) => errorSummary(state, problems, true),
    toggle: () => h('button', {
      type: 'button', class: 'secondary', 'aria-pressed': String(state.easy),
      onclick: () => { state.easy = !state.easy; state.errors = {}; onMode(state.easy); draw(); },
    }, state.easy ? t('mode.all') : t('mode.easy')),
    language: (code) => { onLanguage(code); return switchLanguage(state, code); },
  };
  // A preview opens in the form's main language, or the one asked for.
  state.ready = inLanguage(state, chooseLanguage(raw, [language])).then(() => {
    setTitle(state.def.title);
    draw();
  });
  return state;
}

/** Takes a response the server refused back into a draft, to change it. */
export async function correct(item) {
  // A refused response was not stored, so it can take a new id; the old one
  // may be the reason it was refused (409: the id was used for another).
  const draft = { id: crypto.randomUUID(), formId: item.formId, formVersion: item.payload.formVersion, title: item.title, audience: item.audience, owner: item.owner ?? null, answers: item.payload.answers, startedAt: item.payload.startedAt, updatedAt: Date.now() };
  if (item.payload.language) draft.language = item.payload.language;
  await db.put('drafts', draft);
  await db.del('outbox', item.id);
  sync.changed();
  location.hash = `#/fill/${draft.id}`;
}

