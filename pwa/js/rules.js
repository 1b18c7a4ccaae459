// Answer rules, for the person's sake: the same rules the server applies as
// the authority (internal/form/answers.go). Both are tested against
// testdata/answer-rules.json, so they cannot drift apart. The messages are
// in the person's language (messages.js), quoting the form's own words.
import { t, locale } from './messages.js';

export const DEFAULT_SHORT_TEXT_LENGTH = 500;
export const DEFAULT_LONG_TEXT_LENGTH = 10000;
const MAX_EMAIL_LENGTH = 254;
const MAX_PHONE_LENGTH = 30;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/u;
const PHONE = /^\+?[0-9 ()-]+$/u;
// Control characters other than tab, line feed and carriage return.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const DATE = /^\d{4}-\d{2}-\d{2}$/u;

/** Every question of a form, in order. */
export function questions(form) {
  return form.sections.flatMap((s) => s.questions);
}

const takesAnswer = (q) => q.type !== 'notice' && q.type !== 'guidance';

/** The key under which the text of "Other (please specify)" is kept. */
export const otherKey = (q) => `${q.id}:other`;
export const MAX_OTHER_LENGTH = 500;

/** The option of a choice question that asks the person to specify. */
export const specified = (q) => (q.options || []).find((o) => o.specify);

/** Words in a text, as the server counts them: runs of characters other than white space. */
export function countWords(s) {
  const words = s.split(/[\s\u0085]+/u).filter((w) => w !== '');
  return words.length;
}

const sections = new WeakMap();
/** The section that holds a question of a form. */
function sectionOf(form, q) {
  let m = sections.get(form);
  if (!m) {
    m = new Map(form.sections.flatMap((s) => s.questions.map((x) => [x.id, s])));
    sections.set(form, m);
  }
  return m.get(q.id);
}

/** The string a condition compares: true and "true", 3 and "3" alike. */
function key(v) {
  return typeof v === 'string' ? v : String(v);
}

/** Whether a condition holds for the answers kept so far. */
export function holds(c, kept) {
  const has = c.question in kept;
  if (c.answered !== undefined) return has === c.answered;
  if (!has) return false;
  const got = kept[c.question];
  const have = Array.isArray(got) ? got : [key(got)];
  const match = (values) => values.map(key).some((w) => have.includes(w));
  if (c.notEquals !== undefined) return !match([c.notEquals]);
  if (c.noneOf && c.noneOf.length) return !match(c.noneOf);
  if (c.equals !== undefined) return match([c.equals]);
  return match(c.anyOf || []);
}

/** Whether a section is shown, given the answers kept so far. */
export const sectionShown = (s, kept) => !s.showIf || holds(s.showIf, kept);

/** Whether q is shown, given the answers kept so far: its section's condition and its own. */
export function isVisible(q, kept, form) {
  const s = form && sectionOf(form, q);
  if (s && !sectionShown(s, kept)) return false;
  return !q.showIf || holds(q.showIf, kept);
}

function isEmpty(q, v) {
  if (v === null || v === undefined) return true;
  if (typeof v === 'string') return v.trim() === '';
  if (Array.isArray(v)) return v.length === 0;
  if (typeof v === 'boolean') return q.type === 'consent' && !v;
  if (typeof v === 'object') return Object.keys(v).length === 0;
  return false;
}

/** Length in characters (code points), as the server counts. */
export function length(s) {
  let n = 0;
  for (const _ of s) n++; // eslint-disable-line no-unused-vars
  return n;
}

export function maxLength(q) {
  if (q.maxLength > 0) return q.maxLength;
  if (q.type === 'longText') return DEFAULT_LONG_TEXT_LENGTH;
  if (q.type === 'email') return MAX_EMAIL_LENGTH;
  if (q.type === 'phone') return MAX_PHONE_LENGTH;
  return DEFAULT_SHORT_TEXT_LENGTH;
}

function requiredMessage(q) {
  switch (q.type) {
    case 'singleChoice': case 'multipleChoice': case 'rating': case 'yesNo': case 'service':
      return t('rules.choose', { label: q.label });
    case 'consent':
      return t('rules.tick', { label: q.label });
    case 'grid':
      return t('rules.eachLine', { label: q.label });
    case 'ranking':
      return t('rules.inOrder', { label: q.label });
    default:
      return t('rules.answer', { label: q.label });
  }
}

const hasOption = (q, v) => (q.options || []).some((o) => o.value === v);

function checkText(q, v) {
  if (typeof v !== 'string') return [null, t('rules.text', { label: q.label }), 'type'];
  if (FORBIDDEN.test(v)) return [null, t('rules.characters', { label: q.label }), 'characters'];
  let s = v;
  if (q.type === 'email' || q.type === 'phone') s = s.trim();
  const n = length(s);
  const max = maxLength(q);
  if (n > max) return [null, t('rules.tooLong', { label: q.label, count: max, n }), 'tooLong'];
  const words = countWords(s);
  if (q.maxWords > 0 && words > q.maxWords) return [null, t('rules.tooManyWords', { label: q.label, count: q.maxWords, n: words }), 'tooManyWords'];
  if (q.type === 'email' && !EMAIL.test(s)) {
    return [null, t('rules.email', { label: q.label }), 'email'];
  }
  if (q.type === 'phone') {
    const digits = (s.match(/[0-9]/gu) || []).length;
    if (!PHONE.test(s) || digits < 7 || digits > 15) {
      return [null, t('rules.phone', { label: q.label }), 'phone'];
    }
  }
  if (q.pattern && !new RegExp(`^(?:${q.pattern})$`, 'u').test(s)) {
    return [null, q.patternMessage || t('rules.pattern', { label: q.label }), 'pattern'];
  }
  return [s, ''];
}

function checkNumber(q, v) {
  if (typeof v !== 'number') return [null, t('rules.number', { label: q.label }), 'number'];
  if (!Number.isFinite(v) || Math.abs(v) > 1e15) return [null, t('rules.tooLarge', { label: q.label }), 'tooLarge'];
  if (q.integer && !Number.isInteger(v)) return [null, t('rules.integer', { label: q.label }), 'integer'];
  if (q.min !== undefined && v < q.min) return [null, t('rules.min', { label: q.label, min: q.min }), 'min'];
  if (q.max !== undefined && v > q.max) return [null, t('rules.max', { label: q.label, max: q.max }), 'max'];
  return [v, ''];
}

/** A date (YYYY-MM-DD) as people say it in the language: "27 March 2026". */
export function sayDate(iso) {
  const [y, m, d] = String(iso).split('-').map(Number);
  if (!y || !m || !d) return String(iso);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function realDate(s) {
  if (!DATE.test(s)) return false;
  const [y, m, d] = s.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function checkDate(q, v, env) {
  if (typeof v !== 'string') return [null, t('rules.dateType', { label: q.label }), 'date'];
  if (!realDate(v)) return [null, t('rules.date', { label: q.label }), 'date'];
  const resolve = (d) => (d === 'today' ? env.today : d);
  const min = q.minDate ? resolve(q.minDate) : '';
  const max = q.maxDate ? resolve(q.maxDate) : '';
  if (min && v < min) return [null, t('rules.minDate', { label: q.label, date: sayDate(min) }), 'minDate'];
  if (max && v > max) {
    if (q.maxDate === 'today') return [null, t('rules.future', { label: q.label }), 'future'];
    return [null, t('rules.maxDate', { label: q.label, date: sayDate(max) }), 'maxDate'];
  }
  return [v, ''];
}

function checkMultiple(q, v) {
  if (!Array.isArray(v)) return [null, t('rules.fromGiven', { label: q.label }), 'choice'];
  const seen = new Set();
  for (const item of v) {
    if (typeof item !== 'string' || !hasOption(q, item) || seen.has(item)) {
      return [null, t('rules.fromGivenOnce', { label: q.label }), 'choice'];
    }
    seen.add(item);
  }
  if (q.min !== undefined && v.length < q.min) return [null, t('rules.fewChoices', { label: q.label, count: q.min }), 'fewChoices'];
  if (q.max !== undefined && v.length > q.max) return [null, t('rules.manyChoices', { label: q.label, count: q.max }), 'manyChoices'];
  return [[...v], ''];
}

function checkGrid(q, v) {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return [null, t('rules.eachLine', { label: q.label }), 'grid'];
  const ids = new Set(q.statements.map((s) => s.id));
  for (const [id, value] of Object.entries(v)) {
    if (!ids.has(id) || typeof value !== 'string' || !hasOption(q, value)) {
      return [null, t('rules.gridGiven', { label: q.label }), 'grid'];
    }
  }
  if (q.required && Object.keys(v).length < ids.size) return [null, t('rules.eachLine', { label: q.label }), 'gridIncomplete'];
  return [{ ...v }, ''];
}

function checkRanking(q, v) {
  if (!Array.isArray(v)) return [null, t('rules.inOrder', { label: q.label }), 'ranking'];
  const seen = new Set();
  for (const item of v) {
    if (typeof item !== 'string' || !hasOption(q, item) || seen.has(item)) return [null, t('rules.rankingOnce', { label: q.label }), 'ranking'];
    seen.add(item);
  }
  if (v.length !== q.options.length) return [null, t('rules.rankingAll', { label: q.label, count: q.options.length }), 'rankingIncomplete'];
  return [[...v], ''];
}

function checkOther(q, o, v) {
  if (typeof v !== 'string' || v.trim() === '') return [null, t('rules.other', { label: q.label, option: o.label }), 'other'];
  if (FORBIDDEN.test(v)) return [null, t('rules.otherCharacters', { option: o.label }), 'characters'];
  const n = length(v);
  if (n > MAX_OTHER_LENGTH) return [null, t('rules.otherTooLong', { option: o.label, count: MAX_OTHER_LENGTH, n }), 'otherTooLong'];
  return [v, ''];
}

const chosen = (value, v) => (Array.isArray(value) ? value.includes(v) : value === v);

function checkValue(q, v, env) {
  switch (q.type) {
    case 'shortText': case 'longText': case 'email': case 'phone':
      return checkText(q, v);
    case 'number':
      return checkNumber(q, v);
    case 'date':
      return checkDate(q, v, env);
    case 'singleChoice': case 'rating':
      return typeof v === 'string' && hasOption(q, v) ? [v, ''] : [null, t('rules.oneGiven', { label: q.label }), 'choice'];
    case 'multipleChoice':
      return checkMultiple(q, v);
    case 'grid':
      return checkGrid(q, v);
    case 'ranking':
      return checkRanking(q, v);
    case 'yesNo':
      return typeof v === 'boolean' ? [v, ''] : [null, t('rules.yesNo', { label: q.label }), 'choice'];
    case 'consent':
      return v === true ? [true, ''] : [null, t('rules.tick', { label: q.label }), 'required'];
    case 'service':
      return typeof v === 'string' && env.serviceExists && env.serviceExists(v)
        ? [v, ''] : [null, t('rules.service', { label: q.label }), 'choice'];
    default:
      return [null, t('rules.noAnswer', { label: q.label }), 'unknown'];
  }
}

/**
 * Applies a form's rules to answers. Returns the answers to send (hidden
 * questions' answers dropped) and one problem per question whose answer
 * breaks a rule, in form order after any unknown answers. A problem is
 * {question, code, message}: the code names the rule broken, so that easy
 * read can say it in its own words (words.js).
 * env: {today: "YYYY-MM-DD", serviceExists: (id) => boolean}.
 */
export function checkAnswers(form, answers, env) {
  const all = questions(form);
  const byId = new Map(all.map((q) => [q.id, q]));
  const problems = [];
  for (const id of Object.keys(answers).sort()) {
    const q = byId.get(id);
    if (id.endsWith(':other') && byId.get(id.slice(0, -6)) && specified(byId.get(id.slice(0, -6)))) continue;
    if (!q || !takesAnswer(q)) {
      problems.push({ question: id, code: 'unknown', message: t('rules.unknown') });
    }
  }
  const kept = {};
  for (const q of all) {
    if (!takesAnswer(q) || !isVisible(q, kept, form)) continue;
    const raw = answers[q.id];
    if (isEmpty(q, raw)) {
      if (q.required) problems.push({ question: q.id, code: 'required', message: requiredMessage(q) });
      continue;
    }
    const [value, message, code] = checkValue(q, raw, env);
    if (message) {
      problems.push({ question: q.id, code, message });
      continue;
    }
    kept[q.id] = value;
    const o = specified(q);
    if (o && chosen(value, o.value)) {
      const [text, msg, c] = checkOther(q, o, answers[otherKey(q)]);
      if (msg) {
        problems.push({ question: q.id, code: c, message: msg });
        continue;
      }
      kept[otherKey(q)] = text;
    }
  }
  return { answers: kept, problems };
}
