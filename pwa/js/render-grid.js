// A grid: several statements, each answered on the same options. Drawn
// twice, and CSS shows one (a container query on the question, app.css):
// where the question is wide enough, a table with the statements as row
// headers and the options as column headers, a radio group a row, each
// radio named by its statement and option; where it is narrow (a phone,
// large text, easy read), one statement after another, each a fieldset
// with its legend and its radios. Both stay in step. The answer is an
// object of statement id to option value.
import { h } from './dom.js';
import { speakButton } from './speak.js';
import * as words from './words.js';
import { inLang, langOf } from './language.js';

/** More options than this never fit a phone's table: the statements go one after another. */
const WIDE_MAX = 5;

/**
 * Draws grid q with answer value (or undefined). p holds the question's
 * parts drawn by render.js (id, title, mark, speak, hint, err,
 * describedBy); ctx {easy, onChange}.
 */
export function grid(q, value, p, ctx) {
  const easy = Boolean(ctx.easy);
  const answer = { ...(value && typeof value === 'object' ? value : {}) };
  // Each with the form's own option or statement (of), to mark a text shown in the main language.
  const options = q.options.map((o) => ({ ...o, label: words.optionLabel(o, easy), of: o }));
  const statements = q.statements.map((st) => ({ ...st, label: words.statementLabel(st, easy), of: st }));
  const radios = new Map(); // statement id and option value → the radios, table's and list's
  const keep = (st, o, input) => {
    const k = `${st.id}\u0000${o.value}`;
    radios.set(k, [...(radios.get(k) || []), input]);
  };
  const choose = (st, o) => {
    answer[st.id] = o.value;
    for (const r of radios.get(`${st.id}\u0000${o.value}`)) r.checked = true;
    ctx.onChange(q, { ...answer });
  };
  const radio = (st, o, attrs) => {
    const r = h('input', {
      type: 'radio', value: o.value, checked: answer[st.id] === o.value, 'aria-describedby': p.describedBy, ...attrs,
      onchange: () => choose(st, o),
    });
    keep(st, o, r);
    return r;
  };

  // One statement after another: every screen has this.
  const rows = statements.map((st, si) => {
    const legendId = `${p.id}-${st.id}-legend`;
    return h('fieldset', { class: 'grid-row', 'data-statement': st.id },
      h('legend', { id: legendId }, inLang(st.label, st.of)),
      easy ? speakButton(st.label, st.label, false, langOf(st.label, st.of)) : null,
      h('div', { class: 'options' }, options.map((o, oi) => {
        const id = si === 0 && oi === 0 ? p.id : `${p.id}-${st.id}-${oi}`;
        return h('div', { class: 'option' },
          radio(st, o, { id, name: `${q.id}.${st.id}` }),
          h('label', { for: id },
            o.icon ? h('span', { class: 'icon', 'aria-hidden': 'true' }, o.icon) : null,
            h('span', { class: 'option-words' }, inLang(o.label, o.of))),
          easy ? speakButton(o.label, o.label, false, langOf(o.label, o.of)) : null);
      })));
  });

  // The table, for wide screens in standard mode only.
  const colId = (oi) => `${p.id}-col-${oi}`;
  const rowId = (st) => `${p.id}-row-${st.id}`;
  const table = easy || options.length > WIDE_MAX ? null : h('table', { class: 'grid-table' },
    h('thead', {}, h('tr', {},
      h('td', {}),
      options.map((o, oi) => h('th', { scope: 'col', id: colId(oi) },
        o.icon ? h('span', { class: 'icon', 'aria-hidden': 'true' }, o.icon) : null, inLang(o.label, o.of))))),
    h('tbody', {}, statements.map((st) => h('tr', { 'data-statement': st.id },
      h('th', { scope: 'row', id: rowId(st) }, inLang(st.label, st.of)),
      options.map((o, oi) => h('td', {},
        // The label makes the whole cell a target; the radio is named by its row and column.
        h('label', { class: 'grid-cell' },
          radio(st, o, { id: `${p.id}-w-${st.id}-${oi}`, name: `${q.id}.${st.id}.w`, 'aria-labelledby': `${rowId(st)} ${colId(oi)}` }))))))));

  return h('fieldset', { class: `grid${table ? ' has-table' : ''}`, 'aria-describedby': p.describedBy },
    h('legend', {}, h('span', {}, p.title), p.mark), p.speak, p.hint, p.err,
    table ? h('div', { class: 'grid-wide' }, table) : null,
    h('div', { class: 'grid-rows' }, rows));
}
