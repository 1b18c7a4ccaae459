// Easy read: a first screen with the introduction and the privacy notice,
// then one question a screen in easy-read words with its picture, a
// progress line that never jumps, and "Check your answers" with each answer
// (and its picture) and a Change link, before sending. Guidance has a
// screen of its own, with Next, and is not counted as a question. "Show
// all questions" waits at the bottom of each screen.
import { h, question, speakButton } from './render.js';
import { showForm, honeypot } from './shell.js';
import { checkAnswers, questions, otherKey } from './rules.js';
import { visibleIds, position, hasAnswers, takesAnswer } from './drafts.js';
import * as words from './words.js';
import { t } from './messages.js';
import { inLang, langOf, languageButtons } from './language.js';

// The first screen and the check screen, named so that no question's id
// (letters, digits and _) can be taken for them; apps before guidance
// wrote 'intro' and 'check' (read by place).
const INTRO = ':intro';
const CHECK = ':check';

const hasIntro = (def) => Boolean(def.introduction || def.privacyNotice);
const shownIds = (state) => visibleIds(state.def, state.draft.answers, state.env);

/** The first question shown after the one with id `from` (all of them for ''), or the check screen. */
function after(state, from, shown, also = () => true) {
  const all = questions(state.def);
  const i = all.findIndex((q) => q.id === from);
  return all.slice(i + 1).find((q) => shown.has(q.id) && also(q))?.id ?? CHECK;
}

/** The question shown before the one with id `from` (CHECK: the last), or the first screen. */
function before(state, from, shown) {
  const all = questions(state.def);
  const i = from === CHECK ? all.length : all.findIndex((q) => q.id === from);
  return all.slice(0, i).reverse().find((q) => shown.has(q.id))?.id ?? (hasIntro(state.def) ? INTRO : null);
}

/**
 * Where the draft stands: the first screen, a question's id, or the check
 * screen. A fresh draft starts at the first screen; a question hidden since
 * (an earlier answer changed) gives way to the next one shown.
 */
function place(state, shown) {
  const { draft, def } = state;
  let at = draft.at;
  if ((at === 'intro' || at === 'check') && !questions(def).some((q) => q.id === at)) at = at === 'intro' ? INTRO : CHECK; // saved by an earlier app
  if (at === undefined) {
    const steps = questions(def).filter((q) => shown.has(q.id));
    if (typeof draft.step === 'number' && draft.step > 0) at = steps[draft.step]?.id ?? CHECK; // saved by an earlier app
    else at = hasIntro(def) && !hasAnswers(draft) ? INTRO : after(state, '', shown);
  }
  if (at === INTRO && !hasIntro(def)) at = after(state, '', shown);
  if (at !== INTRO && at !== CHECK && !shown.has(at)) at = after(state, at, shown);
  return at;
}

/** Draws the draft's current easy-read screen. */
export function renderEasy(state) {
  const shown = shownIds(state);
  const at = place(state, shown);
  state.draft.at = at;
  if (at === INTRO) return introScreen(state);
  if (at === CHECK) return checkScreen(state, shown);
  return questionScreen(state, at, shown);
}

async function moveTo(state, at) {
  state.draft.at = at;
  await state.actions.save();
  renderEasy(state);
}

/**
 * The progress line: words, and a bar that grows with the place of the
 * screen among all the form's questions (drafts.js: position), so it never
 * jumps back or changes its total when a question appears.
 */
function progressLine(n, total, text) {
  const fill = h('span', { class: 'progress-fill' });
  fill.style.width = `${total ? Math.round((100 * n) / total) : 0}%`;
  return h('div', { class: 'progress' },
    h('p', { class: 'progress-text' }, text),
    h('div', { class: 'progress-bar', 'aria-hidden': 'true' }, fill));
}

const bottom = (state) => h('div', { class: 'toggle-bottom' }, state.actions.toggle());

function introScreen(state) {
  const { def } = state;
  const intro = words.introduction(def, true);
  const privacy = words.privacyNotice(def, true);
  showForm(state,
    progressLine(0, 1, t('easy.beforeStart')),
    h('h1', {}, inLang(def.title, def)),
    languageButtons(state.raw, state.lang.code, state.actions.language),
    speakButton([intro, privacy].filter(Boolean).join(' '), t('easy.beforeStart'), true, langOf(intro, def)),
    intro ? h('p', { class: 'lead' }, inLang(intro, def)) : null,
    privacy ? [h('h2', {}, t('fill.privacy')), h('p', {}, inLang(privacy, def))] : null,
    h('div', { class: 'nav' },
      h('button', { type: 'button', class: 'primary', onclick: () => moveTo(state, after(state, '', shownIds(state))) }, t('easy.start'))),
    bottom(state),
  );
}

function questionScreen(state, id, shown) {
  const { def, draft } = state;
  const q = questions(def).find((x) => x.id === id);
  const section = def.sections.find((s) => s.questions.includes(q));
  const { n, total } = position(def, id);
  const problem = state.errors[id];
  // What a change may show (a "yes" that asks more) comes after this
  // question: this screen and its progress line stay as they are.
  const ctx = { easy: true, services: state.register, onChange: state.actions.onChange(() => {}), answers: draft.answers, level: 2 };
  const guide = q.type === 'guidance';
  const next = async () => {
    const found = checkAnswers(def, draft.answers, state.env).problems.find((p) => p.question === id);
    if (found) { state.errors = { [id]: found }; return renderEasy(state); }
    state.errors = {};
    const now = shownIds(state);
    // After a Change from "Check your answers", questions the change
    // brought up are asked; then back to the check.
    const to = state.changing ? after(state, id, now, (x) => !state.changing.has(x.id)) : after(state, id, now);
    if (to === CHECK) state.changing = null;
    await moveTo(state, to);
  };
  const back = before(state, id, shown);
  showForm(state,
    // Guidance stands before the question after it, and is not counted.
    guide ? progressLine(n - 1, total, t('easy.readThis')) : progressLine(n, total, t('easy.question', { n, total })),
    section ? h('p', { class: 'caption' }, inLang(words.sectionTitle(section, true), section)) : null,
    h('h1', { class: 'visually-hidden' }, inLang(def.title, def)),
    problem ? state.actions.errorSummary([problem]) : null,
    h('form', { novalidate: true, onsubmit: (e) => { e.preventDefault(); next(); } },
      question(q, draft.answers[id], problem ? words.easyError(q, problem) : undefined, ctx),
      h('div', { class: 'nav' },
        back ? h('button', { type: 'button', class: 'secondary', onclick: () => { state.errors = {}; moveTo(state, back); } }, t('nav.back')) : null,
        h('button', { type: 'submit', class: 'primary' }, t('nav.next')))),
    bottom(state),
  );
  if (problem) document.querySelector('.error-summary')?.focus();
}

/** An answer as "Check your answers" shows it: its words and picture, or "Not answered". */
function answerCell(state, q) {
  const { answers } = state.draft;
  const said = words.answerWords(q, answers[q.id], { easy: true, services: state.register, other: answers[otherKey(q)] });
  if (said.length === 0) return h('dd', { class: 'answer none' }, t('check.notAnswered'));
  const marked = (text, lang) => h('span', lang ? { lang: lang.code, dir: lang.dir } : {}, text);
  const one = (a) => [a.icon ? h('span', { class: 'icon', 'aria-hidden': 'true' }, a.icon) : null,
    a.parts ? h('span', {}, a.parts.map((p) => (p.lang ? marked(p.text, p.lang) : p.text))) : marked(a.text, a.lang)];
  return h('dd', { class: 'answer' }, said.length === 1 ? one(said[0]) : h('ul', {}, said.map((a) => h('li', {}, one(a)))));
}

function checkScreen(state, shown) {
  const { def, draft } = state;
  const change = (q) => (e) => {
    e.preventDefault();
    state.changing = shownIds(state);
    moveTo(state, q.id);
  };
  const sections = def.sections.map((s) => {
    const asked = s.questions.filter((q) => takesAnswer(q) && shown.has(q.id));
    if (asked.length === 0) return null;
    return [h('h2', {}, inLang(words.sectionTitle(s, true), s)),
      h('dl', { class: 'summary' }, asked.map((q) => {
        const said = words.label(q, true);
        return h('div', { class: 'summary-row', 'data-question': q.id },
          h('dt', {}, inLang(said, q)),
          answerCell(state, q),
          h('dd', { class: 'change' }, h('a', { href: `#/fill/${draft.id}`, onclick: change(q) }, t('check.change'), h('span', { class: 'visually-hidden' }, ': ', inLang(said, q)))));
      }))];
  });
  const back = before(state, CHECK, shown);
  showForm(state,
    progressLine(1, 1, t('check.title')),
    h('h1', {}, t('check.title')),
    h('p', {}, t('check.intro')),
    sections,
    honeypot(),
    h('div', { class: 'nav' },
      back ? h('button', { type: 'button', class: 'secondary', onclick: () => moveTo(state, back) }, t('nav.back')) : null,
      h('button', { type: 'button', class: 'primary', onclick: () => state.actions.send() }, t('fill.send'))),
    bottom(state),
  );
}
