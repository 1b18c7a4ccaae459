// Small SVG charts of our own (no library, nothing fetched), each with a
// table that says the same in text for people who cannot see the chart.
import { h } from './render.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const COLOURS = { green: '#00703c', amber: '#f47738', red: '#d4351c', grey: '#b1b4b6' };

/**
 * Horizontal bars, one per row: rows are { label, count, share, colour }.
 * The chart is hidden from screen readers; the table beside it is not.
 */
export function bars(title, rows, { percent = true } = {}) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const rowH = 28;
  const labelW = 220;
  const barW = 300;
  const chart = svg('svg', { viewBox: `0 0 ${labelW + barW + 90} ${rows.length * rowH + 8}`, class: 'chart', 'aria-hidden': 'true', focusable: 'false' },
    ...rows.flatMap((r, i) => {
      const y = i * rowH + 4;
      const w = Math.round((r.count / max) * barW);
      return [
        svg('text', { x: labelW - 8, y: y + 18, 'text-anchor': 'end', class: 'chart-label' }, r.label.length > 30 ? `${r.label.slice(0, 29)}…` : r.label),
        svg('rect', { x: labelW, y, width: Math.max(w, 1), height: rowH - 8, fill: COLOURS[r.colour] || '#1d4f91' }),
        svg('text', { x: labelW + w + 6, y: y + 18, class: 'chart-value' }, percent ? `${r.count} (${pct(r.share)})` : r.count),
      ];
    }));
  const table = h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Answer'), h('th', { scope: 'col' }, 'Responses'), percent ? h('th', { scope: 'col' }, 'Share') : null)),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', {}, String(r.count)), percent ? h('td', {}, pct(r.share)) : null))));
  return h('div', { class: 'chart-block' }, chart, table);
}

/** Columns of responses per day, with a table in a details element. */
export function perDay(title, days) {
  const max = Math.max(1, ...days.map((d) => d.n));
  const colW = 14;
  const height = 60;
  const chart = svg('svg', { viewBox: `0 0 ${days.length * colW} ${height + 2}`, class: 'chart spark', 'aria-hidden': 'true', focusable: 'false' },
    ...days.map((d, i) => {
      const hgt = Math.round((d.n / max) * height);
      return svg('rect', { x: i * colW + 1, y: height - hgt, width: colW - 2, height: Math.max(hgt, d.n ? 2 : 0), fill: '#1d4f91' });
    }));
  return h('div', { class: 'chart-block' }, chart,
    h('details', {}, h('summary', {}, `${title}: as a table`),
      h('table', { class: 'data' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Responses'))),
        h('tbody', {}, days.map((d) => h('tr', {}, h('th', { scope: 'row' }, d.day), h('td', {}, String(d.n))))))));
}

export function pct(share) { return `${(share * 100).toFixed(1)}%`; }
