// Whose drafts and outbox items are whose on a shared phone, what a person
// has answered so far, and where a question stands in its form. Pure
// functions: the screens and the outbox call them.
import { checkAnswers, isVisible, questions } from './rules.js';
import { t, locale } from './messages.js';

/** Today's date on this device, as YYYY-MM-DD. */
export function localToday() {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

const when = (at) => new Date(at).toLocaleString(locale(), { weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });

/** What a list says of a draft: how far it has got, and when it last changed. */
export function draftLines(d) {
  return [
    d.progress ? t('draft.progress', { answered: d.progress.answered, count: d.progress.total }) : null,
    t('draft.lastChanged', { when: when(d.updatedAt) }),
  ].filter(Boolean);
}

/**
 * The owner of what is written now: the signed-in Quality Checker's id, or
 * null for a resident (no sign-in). A phone whose sign-in the server
 * refused still belongs to that volunteer until someone signs it out or
 * signs in: their work stays theirs.
 */
export const ownerOf = (device) => device?.volunteer?.id ?? null;

/** The owner recorded on a draft, outbox item or receipt. */
export const ownerOfItem = (item) => item.owner ?? null;

/** Whether the person signed in as owner (null: nobody) may see item. */
export const visibleTo = (item, owner) => ownerOfItem(item) === owner;

/**
 * Whether item may be sent under the sign-in of owner (null: nobody). A
 * volunteer's item goes under their own sign-in only, so the server records
 * the right sender; an item written with no sign-in goes under any sign-in
 * only if its form is for the public (the server records no sender then).
 */
export function sendable(item, owner) {
  const mine = ownerOfItem(item);
  return mine === owner || (mine === null && item.audience === 'public');
}

/** Whether a question takes an answer: guidance and notices take none. */
export const takesAnswer = (q) => q.type !== 'notice' && q.type !== 'guidance';

const answered = (v) => !(v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));

/**
 * The ids of the questions shown for the answers given so far. A condition
 * may look at an answer that is not yet valid (while a person types): what
 * they have given so far counts.
 */
export function visibleIds(def, answers, env) {
  const all = questions(def);
  const partial = { ...checkAnswers(def, answers, env).answers };
  for (const q of all) if (!(q.id in partial) && answered(answers[q.id])) partial[q.id] = answers[q.id];
  return new Set(all.filter((q) => isVisible(q, partial, def)).map((q) => q.id));
}

/**
 * Whether a section is shown, given the ids of the questions shown
 * (visibleIds): when one of its questions or notices is. A section of
 * guidance only is shown when its guidance is. So a section whose
 * condition fails, or whose questions are all hidden, shows not even its
 * title.
 */
export function sectionVisible(s, visible) {
  const asks = s.questions.filter((q) => q.type !== 'guidance');
  return (asks.length ? asks : s.questions).some((q) => visible.has(q.id));
}

/**
 * How far a draft has got: {answered, total} over the questions that take
 * an answer and are shown for its answers ("12 of 31 questions answered");
 * guidance and notices are not questions.
 */
export function progress(def, answers, env) {
  const shown = visibleIds(def, answers, env);
  const asked = questions(def).filter((q) => takesAnswer(q) && shown.has(q.id));
  return { answered: asked.filter((q) => answered(answers[q.id])).length, total: asked.length };
}

/**
 * Where a question stands for a progress line that never jumps: its place
 * among every question of the form that could be shown, and their number.
 * A question that appears (a condition met) already had its place, so the
 * total never changes and the place only grows as a person goes on.
 * Guidance is not counted: a guidance block stands at the place of the
 * question after it (or, at the end, after the last).
 */
export function position(def, id) {
  const all = questions(def);
  const counted = all.filter((q) => q.type !== 'guidance');
  const i = all.findIndex((q) => q.id === id);
  if (i < 0) return { n: 0, total: counted.length };
  const next = all.slice(i).find((q) => q.type !== 'guidance');
  const n = next ? counted.indexOf(next) + 1 : counted.length;
  return { n, total: counted.length };
}

/** The draft a person left most recently for a form, among theirs, or undefined. */
export function latestDraft(drafts, formId, owner) {
  return drafts.filter((d) => d.formId === formId && visibleTo(d, owner)).sort((a, b) => b.updatedAt - a.updatedAt)[0];
}

/** Whether a draft holds anything worth keeping: at least one answer. */
export const hasAnswers = (draft) => Object.values(draft.answers || {}).some(answered);
