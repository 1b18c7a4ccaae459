// The words the app shows for a form's texts, in standard or easy read:
// the form's easy-read wording where it gives one, else its standard text
// (internal/form/easyread.go lists the same texts; both are checked
// against testdata/easy-read.json). Pure functions: no page needed. The
// app's own words are in the person's language (messages.js).
import { t } from './messages.js';
import { sayDate } from './rules.js';
import { fallbackOf } from './i18n.js';

export { sayDate };

const pick = (easy, easyText, standard) => (easy && easyText ? easyText : standard);

/** A question's words. */
export const label = (q, easy) => pick(easy, q.easyRead, q.label);
/** A question's hint, or '' when it has none. */
export const hint = (q, easy) => pick(easy, q.easyReadHint, q.hint) || '';
/** An option's words. */
export const optionLabel = (o, easy) => pick(easy, o.easyRead, o.label);
/** A section's title. */
export const sectionTitle = (s, easy) => pick(easy, s.easyRead, s.title);
/** A grid statement's words. */
export const statementLabel = (st, easy) => pick(easy, st.easyRead, st.label);
/**
 * A guidance block's text: its easyRead in easy read when it has one, else
 * its body (both in the guidance Markdown subset, guidance.js).
 */
export const guidanceBody = (q, easy) => pick(easy, q.easyRead, q.body) || '';
/** The form's introduction, or ''. */
export const introduction = (def, easy) => pick(easy, def.easyReadIntroduction, def.introduction) || '';
/** The form's privacy notice, or ''. */
export const privacyNotice = (def, easy) => pick(easy, def.easyReadPrivacyNotice, def.privacyNotice) || '';

/**
 * Every text of a form that a person reads, in form order, as
 * {where, text, easyRead}: the same list as Form.EasyTexts in Go.
 */
export function easyTexts(def) {
  const out = [];
  const add = (where, text, easyRead) => { if (text) out.push({ where, text, easyRead: easyRead || '' }); };
  add('introduction', def.introduction, def.easyReadIntroduction);
  add('privacyNotice', def.privacyNotice, def.easyReadPrivacyNotice);
  def.sections.forEach((s, i) => {
    add(`section:${s.id || i + 1}`, s.title, s.easyRead);
    for (const q of s.questions) {
      // A guidance block's easyRead is its body's, not a label's.
      if (q.type === 'guidance') add(`${q.id}.body`, q.body, q.easyRead);
      else add(`${q.id}.label`, q.label, q.easyRead);
      add(`${q.id}.hint`, q.hint, q.easyReadHint);
      add(`${q.id}.patternMessage`, q.patternMessage, q.easyReadPatternMessage);
      for (const st of q.statements || []) add(`${q.id}.statement:${st.id}`, st.label, st.easyRead);
      for (const o of q.options || []) add(`${q.id}.option:${o.value}`, o.label, o.easyRead);
    }
  });
  return out;
}

/**
 * The questions' numbers as people see them ("Q7", in the app's language)
 * when the form is numbered (numbering: true), by question id: every
 * question that takes an answer, in form order, whether or not it is
 * shown; guidance and notices have none. Empty when the form is not
 * numbered. The server numbers them alike (Form.Number) in English, for
 * downloads and the console.
 */
export function questionNumbers(def) {
  const out = new Map();
  if (!def.numbering) return out;
  let n = 0;
  for (const s of def.sections) {
    for (const q of s.questions) if (q.type !== 'notice' && q.type !== 'guidance') out.set(q.id, t('question.number', { n: ++n }));
  }
  return out;
}

const CHOICE_TYPES = ['singleChoice', 'multipleChoice', 'rating', 'yesNo', 'service'];

/**
 * A problem with an answer (rules.js: {question, code, message}) in easy
 * words, short and about this question only. The form's own easy-read
 * pattern message is used when it has one; a rule easy read has no words
 * for keeps the standard message.
 */
export function easyError(q, problem) {
  switch (problem.code) {
    case 'required':
      if (q.type === 'consent') return t('easyError.consent');
      if (q.type === 'grid') return t('easyError.eachLine');
      if (q.type === 'ranking') return t('easyError.rankingRequired');
      if (CHOICE_TYPES.includes(q.type)) return t('easyError.requiredChoice');
      if (q.type === 'date') return t('easyError.requiredDate');
      return t('easyError.required');
    case 'choice': return q.type === 'multipleChoice' ? t('easyError.chooseHere') : t('easyError.chooseOneHere');
    case 'fewChoices': return t('easyError.fewChoices', { count: q.min });
    case 'manyChoices': return t('easyError.manyChoices', { count: q.max });
    case 'number': return t('easyError.number');
    case 'integer': return t('easyError.integer');
    case 'min': return t('easyError.min', { min: q.min });
    case 'max': return t('easyError.max', { max: q.max });
    case 'tooLarge': return t('easyError.tooLarge');
    case 'date': return t('easyError.date');
    case 'future': return t('easyError.future');
    case 'minDate': return t('easyError.minDate', { date: sayDate(q.minDate) });
    case 'maxDate': return t('easyError.maxDate', { date: sayDate(q.maxDate) });
    case 'tooLong': return t('easyError.tooLong');
    case 'tooManyWords': return t('easyError.tooManyWords', { count: q.maxWords });
    case 'grid': case 'gridIncomplete': return t('easyError.eachLine');
    case 'ranking': case 'rankingIncomplete': return t('easyError.ranking');
    case 'other': return t('easyError.other');
    case 'otherTooLong': return t('easyError.otherTooLong');
    case 'characters': return t('easyError.characters');
    case 'email': return t('easyError.email');
    case 'phone': return t('easyError.phone');
    case 'pattern': return q.easyReadPatternMessage || problem.message;
    case 'type': return t('easyError.type');
    default: return problem.message;
  }
}

/**
 * An answer as a person reads it back ("Check your answers"): its words,
 * and the option's picture if it has one. `services` is the register;
 * `other` the text typed for "Other (please specify)", shown after that
 * option ("Other: a neighbour"). Returns a list: one entry per chosen
 * option of a multiple choice, per statement of a grid ("Fair: Agree"),
 * per place of a ranking ("1. Cost"). An entry a partial translation shows
 * in the form's main language has lang: {code, dir} of that language; a
 * grid's entry with one half so has parts: [{text, lang}], lang where set.
 */
export function answerWords(q, value, { easy = false, services = [], other = '' } = {}) {
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && value.length === 0)) return [];
  const option = (v) => {
    const o = (q.options || []).find((x) => x.value === v);
    if (!o) return { text: String(v), icon: '' };
    const said = optionLabel(o, easy);
    const out = { text: o.specify && other ? `${said}: ${other}` : said, icon: o.icon || '' };
    const main = fallbackOf(o, said);
    if (main && !(o.specify && other)) out.lang = main;
    return out;
  };
  switch (q.type) {
    case 'yesNo': return [{ text: value ? t('answer.yes') : t('answer.no'), icon: '' }];
    case 'consent': return [{ text: t('answer.yes'), icon: '' }];
    case 'singleChoice': case 'rating': return [option(value)];
    case 'multipleChoice': return (Array.isArray(value) ? value : [value]).map(option);
    case 'service': {
      const s = services.find((x) => x.id === value);
      return [{ text: s ? s.name : String(value), icon: '' }];
    }
    case 'date': return [{ text: sayDate(value), icon: '' }];
    case 'grid': return (q.statements || []).filter((st) => value[st.id] !== undefined).map((st) => {
      const o = option(value[st.id]);
      const said = statementLabel(st, easy);
      const main = fallbackOf(st, said);
      const out = { text: `${said}: ${o.text}`, icon: o.icon };
      // A partial translation may leave one half, or both, in the main language.
      if (main && o.lang) out.lang = main;
      else if (main || o.lang) out.parts = [{ text: said, lang: main }, { text: ': ' }, { text: o.text, lang: o.lang }];
      return out;
    });
    case 'ranking': return (Array.isArray(value) ? value : [value]).map((v, i) => {
      const o = option(v);
      return { text: t('answer.rank', { n: i + 1, text: o.text }), icon: o.icon, ...(o.lang ? { lang: o.lang } : {}) };
    });
    default: return [{ text: String(value), icon: '' }];
  }
}
