// Turns form questions into accessible HTML (GOV.UK patterns: a label or a
// fieldset with a legend, hints and errors tied by aria-describedby) and
// reads answers back from it. No innerHTML with data: text goes in as text.
// Grids, rankings, guidance, "Other (please specify)" and word limits are
// drawn by render-grid.js, render-ranking.js, render-guidance.js and
// render-parts.js.
import * as words from './words.js';
import { localToday } from './drafts.js';

export { localToday };
import { h } from './dom.js';
import { speakButton, sentences } from './speak.js';
import { specified } from './rules.js';
import { grid } from './render-grid.js';
import { ranking } from './render-ranking.js';
import { guidance } from './render-guidance.js';
import { otherBox, wordCounter } from './render-parts.js';
import { t } from './messages.js';
import { inLang, langOf } from './language.js';

export { h } from './dom.js';
export { checkVoices, watchVoices, speakButton } from './speak.js';

/** The words shown for a question: its easy-read wording in easy-read mode. */
export const wording = (q, easy) => words.label(q, easy);

/** The id of a question's first field. */
export const inputId = (q) => `q-${q.id}`;

/**
 * Whether a question says it must be answered: in easy read a required
 * question says "You must answer this" and an optional one says nothing
 * (most are optional); the standard screen marks the optional ones.
 */
export function mark(q, easy) {
  if (easy) return q.required ? h('span', { class: 'must' }, t('question.must')) : null;
  return q.required ? null : h('span', { class: 'optional' }, t('question.optional'));
}

/** The options a choice shows: the form's, yes and no, the consent, or (easy read) the services. */
function choices(q, text, ctx) {
  if (q.type === 'yesNo') return [{ value: true, label: t('answer.yes') }, { value: false, label: t('answer.no') }];
  if (q.type === 'consent') return [{ value: true, label: text, of: q }];
  if (q.type === 'service') return (ctx.services || []).map((s) => ({ value: s.id, label: s.name, detail: s.type }));
  return q.options.map((o) => ({ ...o, label: words.optionLabel(o, ctx.easy), of: o }));
}

const CHOICE = ['singleChoice', 'rating', 'yesNo', 'multipleChoice', 'consent'];

/**
 * Renders one question. `value` is its current answer, `error` a message to
 * show, `ctx` {easy, services, onChange, answers, number, level}: answers
 * are the draft's (for the text of "Other (please specify)"), number the
 * question's number ("Q7") when the form is numbered, level the heading
 * level a guidance block starts at. In easy read a question shows its
 * easy-read words, its picture large, and a service is chosen from big
 * buttons with the services' names.
 */
export function question(q, value, error, ctx) {
  const easy = Boolean(ctx.easy);
  if (q.type === 'guidance') return guidance(q, { easy, level: ctx.level || 3, id: inputId(q) });
  const text = words.label(q, easy);
  const hintText = words.hint(q, easy);
  const hintId = `${q.id}-hint`;
  const errorId = `${q.id}-error`;
  const describedBy = [hintText ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const hint = hintText ? h('div', { class: 'hint', id: hintId }, inLang(hintText, q)) : null;
  const err = error ? h('p', { class: 'error-message', id: errorId }, h('span', { class: 'visually-hidden' }, t('question.errorPrefix')), error) : null;
  const speak = speakButton(sentences(text, hintText), text, true, langOf(text, q));
  const picture = easy && q.icon ? h('p', { class: 'picture', 'aria-hidden': 'true' }, q.icon) : null;
  const card = (kind, ...children) => h('div', { class: `${kind}${easy ? ' easy' : ''}`, 'data-question': q.id, 'data-type': q.type }, picture, ...children);
  const cls = `question${error ? ' has-error' : ''}`;
  // The question's number, part of its label so that it is read with it.
  const title = [ctx.number ? h('span', { class: 'q-number' }, `${ctx.number} `) : null, inLang(text, q)];

  if (q.type === 'notice') {
    return h('div', { class: 'notice', role: 'alert', id: inputId(q), 'data-question': q.id, 'data-type': q.type },
      picture, h('h2', {}, inLang(text, q)), speak, hintText ? h('p', {}, inLang(hintText, q)) : null,
      q.phone ? h('a', { class: 'button phone', href: `tel:${q.phone.replace(/[^0-9+]/g, '')}` }, t('notice.phone', { phone: q.phone })) : null);
  }

  const parts = { id: inputId(q), title, text, hint, err, describedBy, errorId: error ? errorId : '', speak, mark: mark(q, easy) };
  if (q.type === 'grid') return card(`${cls} grid-question`, grid(q, value, parts, ctx));
  if (q.type === 'ranking') return card(cls, ranking(q, value, parts, ctx));

  if (CHOICE.includes(q.type) || (q.type === 'service' && easy)) {
    const multiple = q.type === 'multipleChoice' || q.type === 'consent';
    const options = choices(q, text, ctx);
    const chosen = (v) => (q.type === 'multipleChoice' ? (value || []).includes(v) : value === v);
    const big = q.type === 'rating' || q.type === 'service';
    const specify = q.type === 'singleChoice' || q.type === 'multipleChoice' ? specified(q) : undefined;
    const other = specify ? otherBox(q, specify, chosen(specify.value), parts, ctx) : null;
    const items = options.map((o, i) => {
      const id = i === 0 ? inputId(q) : `${inputId(q)}-${i}`;
      const asks = specify && o.value === specify.value;
      return [h('div', { class: `option${big ? ' rating' : ''}` },
        h('input', {
          type: multiple ? 'checkbox' : 'radio', id, name: q.id, value: String(o.value),
          checked: chosen(o.value), 'aria-describedby': describedBy, 'aria-controls': asks ? other.id : undefined,
          onchange: () => {
            const answer = readChoice(q, options);
            if (other) other.toggle(q.type === 'multipleChoice' ? (answer || []).includes(specify.value) : answer === specify.value);
            ctx.onChange(q, answer);
          },
        }),
        h('label', { for: id },
          o.icon ? h('span', { class: 'icon', 'aria-hidden': 'true' }, o.icon) : null,
          h('span', { class: 'option-words' }, o.of ? inLang(o.label, o.of) : o.label, o.detail ? h('span', { class: 'hint' }, o.detail) : null)),
        q.type !== 'consent' ? speakButton(o.label, o.label, false, langOf(o.label, o.of)) : null),
      // The box to say what comes straight after the option that asks for it.
      asks ? other.node : null];
    });
    const legend = q.type === 'consent'
      ? h('legend', { class: 'visually-hidden' }, title)
      : h('legend', {}, h('span', {}, title), mark(q, easy));
    return card(cls,
      h('fieldset', { 'aria-describedby': describedBy }, legend, speak, hint, err,
        h('div', { class: `options${q.type === 'rating' ? ' scale' : ''}` }, items)),
      other ? other.status : null);
  }

  if (q.type === 'date') return card(cls, dateQuestion(q, value, { text: title, hint, err, describedBy, speak, mark: mark(q, easy) }, ctx));

  let input;
  const limit = (q.type === 'shortText' || q.type === 'longText') && q.maxWords > 0 ? wordCounter(q, value) : null;
  const described = [describedBy, limit?.hintId].filter(Boolean).join(' ') || undefined;
  const common = { id: inputId(q), name: q.id, 'aria-describedby': described, 'aria-invalid': error ? 'true' : undefined };
  const typed = (e) => { limit?.update(e.target.value); ctx.onChange(q, e.target.value); };
  if (q.type === 'longText') {
    input = h('textarea', { ...common, rows: 5, oninput: typed });
    input.value = value || '';
  } else if (q.type === 'service') {
    input = h('select', { ...common, onchange: (e) => ctx.onChange(q, e.target.value || null) },
      h('option', { value: '' }, t('question.chooseService')),
      (ctx.services || []).map((s) => h('option', { value: s.id, selected: value === s.id }, `${s.name} (${s.type})`)));
  } else if (q.type === 'number') {
    input = h('input', {
      ...common, type: 'text', inputmode: q.integer ? 'numeric' : 'decimal', class: 'short', autocomplete: 'off',
      oninput: (e) => ctx.onChange(q, parseNumber(e.target.value)),
    });
    input.value = value === undefined || value === null ? '' : String(value);
  } else {
    const type = { email: 'email', phone: 'tel' }[q.type] || 'text';
    const autocomplete = { email: 'email', phone: 'tel' }[q.type] || 'off';
    input = h('input', { ...common, type, autocomplete, spellcheck: q.type === 'shortText' ? undefined : 'false', oninput: typed });
    input.value = value || '';
  }
  return card(cls,
    h('label', { for: inputId(q), class: 'label' }, title, mark(q, easy)),
    speak, hint, limit ? limit.hint : null, err, input, limit ? limit.nodes : null);
}

/** Keeps what a person typed if it is not a number, so the rules can say so. */
function parseNumber(s) {
  const digits = s.trim().replace(/,/g, '');
  if (digits === '') return null;
  const n = Number(digits);
  return Number.isFinite(n) && /^-?\d*\.?\d+$/.test(digits) ? n : s;
}

function readChoice(q, options) {
  const boxes = [...document.querySelectorAll(`input[name="${CSS.escape(q.id)}"]`)];
  if (q.type === 'multipleChoice') return boxes.filter((b) => b.checked).map((b) => b.value);
  if (q.type === 'consent') return boxes[0].checked;
  const picked = boxes.find((b) => b.checked);
  if (!picked) return null;
  return options.find((o) => String(o.value) === picked.value).value;
}

// GOV.UK date pattern: day, month and year boxes, no fiddly picker, and a
// "Today" button for the common case.
function dateQuestion(q, value, p, ctx) {
  const [y, m, d] = (typeof value === 'string' ? value : '').split('-');
  const box = (part, label, v, width) => h('div', { class: 'date-part' },
    h('label', { for: `${inputId(q)}${part === 'day' ? '' : `-${part}`}` }, label),
    h('input', {
      id: `${inputId(q)}${part === 'day' ? '' : `-${part}`}`, name: `${q.id}-${part}`, class: `w${width}`,
      inputmode: 'numeric', autocomplete: 'off', value: v ? String(Number(v)) : '', 'aria-describedby': p.describedBy,
      oninput: () => ctx.onChange(q, readDate(q)),
    }));
  const today = h('button', {
    type: 'button', class: 'secondary',
    onclick: () => {
      const iso = localToday();
      const [ty, tm, td] = iso.split('-');
      document.getElementById(inputId(q)).value = String(Number(td));
      document.getElementById(`${inputId(q)}-month`).value = String(Number(tm));
      document.getElementById(`${inputId(q)}-year`).value = ty;
      ctx.onChange(q, iso);
    },
  }, t('date.today'));
  return h('fieldset', { role: 'group', 'aria-describedby': p.describedBy },
    h('legend', {}, p.text, p.mark), p.speak, p.hint, p.err,
    h('div', { class: 'date' }, box('day', t('date.day'), d, 2), box('month', t('date.month'), m, 2), box('year', t('date.year'), y, 4), today));
}

function readDate(q) {
  const v = (part) => document.getElementById(`${inputId(q)}${part ? `-${part}` : ''}`).value.trim();
  const [d, m, y] = [v(''), v('month'), v('year')];
  if (!d && !m && !y) return null;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return `${y}-${m}-${d}`; // the rules say what is wrong
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** The id of the element an error summary link should focus. */
export const focusTarget = (q) => inputId(q);

/**
 * Moves focus to a question's first field that is shown: its focusTarget,
 * or (where that is hidden, as a grid's table is on a phone) the first
 * field of the question shown. A problem with the text of "Other (please
 * specify)" (code other, otherTooLong, or characters on a choice) goes to
 * that box.
 */
export function focusQuestion(q, code = '') {
  const shown = (e) => e && e.getClientRects().length > 0;
  const other = document.getElementById(`${inputId(q)}-other`);
  if (shown(other) && ['other', 'otherTooLong', 'characters'].includes(code)) return other.focus();
  const first = document.getElementById(focusTarget(q));
  if (shown(first)) return first.focus();
  const card = document.querySelector(`[data-question="${CSS.escape(q.id)}"]`);
  const field = [...(card?.querySelectorAll('input, select, textarea, button:not(.speak)') || [])].find(shown);
  (field || first)?.focus();
}
