// Small SVG charts of our own (no library, nothing fetched), each with a
// table that says the same in text for people who cannot see the chart.
// A chart is drawn for the width its place in the page has (and again when
// that changes), one unit to a CSS pixel, so its text is the page's own
// text size on a phone as on a desk, and every label is measured so that
// none is cut.
import { h } from './render.js';

const NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}, ...children) {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  return el;
}

const COLOURS = { green: '#00703c', amber: '#f47738', red: '#d4351c', grey: '#b1b4b6' };

/** The charts' text: that of the place they are in (app.css has .chart-text inherit it). */
function font(el) {
  const s = getComputedStyle(el);
  return { size: parseFloat(s.fontSize) || 19, family: s.fontFamily };
}

let ruler = null;
/** How wide a text is drawn in the charts' font, in CSS px. */
function measure(text, f) {
  ruler ||= document.createElement('canvas').getContext('2d');
  ruler.font = `${f.size}px ${f.family}`;
  return Math.ceil(ruler.measureText(String(text)).width);
}

/** Cuts a text, with an ellipsis, to fit a width. */
function fit(text, width, f) {
  if (measure(text, f) <= width) return text;
  let s = text;
  while (s.length > 1 && measure(`${s}…`, f) > width) s = s.slice(0, -1);
  return `${s.trimEnd()}…`;
}

/** An SVG drawn at its own size in CSS px. */
function frame(width, height, children) {
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width, height, class: 'chart', 'aria-hidden': 'true', focusable: 'false' }, ...children);
}

const svgText = (x, y, attrs, s) => svg('text', { x, y, class: 'chart-text', ...attrs }, s);

/**
 * A place for a chart that draw(width, font) fills once the page has laid it
 * out, and fills again when its width changes (a phone turned round).
 */
function sized(draw) {
  const holder = h('div', { class: 'chart-holder' });
  let drawnAt = 0;
  new ResizeObserver(([entry]) => {
    const width = Math.floor(entry.contentRect.width);
    if (width < 100 || width === drawnAt) return;
    drawnAt = width;
    holder.replaceChildren(draw(width, font(holder)));
  }).observe(holder);
  return holder;
}

/**
 * Horizontal bars, one per row: rows are { label, count, share, colour }.
 * On a wide page the labels stand to the left of their bars, on a narrow
 * one above them. The chart is hidden from screen readers; the table
 * beside it is not: heads name its columns, and extra ({ head, cell(row) })
 * adds one.
 */
export function bars(title, rows, { percent = true, heads = ['Answer', 'Responses', 'Share'], extra = null } = {}) {
  const value = (r) => (percent ? `${r.count} (${pct(r.share)})` : String(r.count));
  const chart = sized((width, f) => {
    const max = Math.max(1, ...rows.map((r) => r.count));
    const valueW = Math.max(0, ...rows.map((r) => measure(value(r), f))) + 8;
    const wide = width >= 560;
    const labelW = wide ? Math.min(Math.round(width * 0.4), Math.max(...rows.map((r) => measure(r.label, f))) + 8) : width;
    const barH = Math.round(f.size * 1.2);
    const line = Math.round(f.size * 1.3);
    const rowH = wide ? barH + 10 : line + barH + 12;
    const barRoom = Math.max(10, width - (wide ? labelW : 0) - valueW - 6);
    return frame(width, rows.length * rowH + 4, rows.flatMap((r, i) => {
      const top = i * rowH + 2;
      const y = wide ? top : top + line;
      const x = wide ? labelW : 0;
      const w = Math.max(1, Math.round((r.count / max) * barRoom));
      return [
        wide ? svgText(labelW - 8, y + barH * 0.8, { 'text-anchor': 'end' }, fit(r.label, labelW - 8, f))
          : svgText(2, top + f.size, {}, fit(r.label, width - 4, f)),
        svg('rect', { x, y, width: w, height: barH, fill: COLOURS[r.colour] || '#1d4f91' }),
        svgText(x + w + 6, y + barH * 0.8, { class: 'chart-text chart-value' }, value(r)),
      ];
    }));
  });
  const table = h('table', { class: 'data' },
    h('caption', { class: 'visually-hidden' }, title),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, heads[0]), h('th', { scope: 'col' }, heads[1]), percent ? h('th', { scope: 'col' }, heads[2]) : null,
      extra ? h('th', { scope: 'col' }, extra.head) : null)),
    h('tbody', {}, rows.map((r) => h('tr', {}, h('th', { scope: 'row' }, r.label), h('td', {}, String(r.count)), percent ? h('td', {}, pct(r.share)) : null,
      extra ? h('td', {}, String(extra.cell(r))) : null))));
  return h('div', { class: 'chart-block' }, chart, table);
}

const shortDay = (d) => new Date(`${d}T12:00:00`).toLocaleDateString('en-GB', { day: 'numeric', month: 'short' });
const longDay = (d) => new Date(`${d}T12:00:00`).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });

/**
 * Columns of responses per day (oldest first), with the dates along the
 * bottom, the highest count up the side, and a table in a details element.
 */
export function perDay(title, days) {
  const chart = sized((width, f) => {
    const max = Math.max(1, ...days.map((d) => d.n));
    const axisW = measure(String(max), f) + 8;
    const colW = (width - axisW) / Math.max(1, days.length);
    const top = Math.round(f.size * 0.6);
    const base = top + 80;
    const parts = [
      svg('line', { x1: axisW, y1: top, x2: width, y2: top, stroke: '#b1b4b6', 'stroke-dasharray': '4 4' }),
      svgText(axisW - 6, top + f.size * 0.35, { 'text-anchor': 'end' }, String(max)),
      svgText(axisW - 6, base, { 'text-anchor': 'end' }, '0'),
      ...days.map((d, i) => {
        const hgt = Math.round((d.n / max) * (base - top));
        return svg('rect', { x: axisW + i * colW + 1, y: base - hgt, width: Math.max(colW - 2, 1), height: Math.max(hgt, d.n ? 2 : 0), fill: '#1d4f91' });
      }),
      svg('line', { x1: axisW, y1: base, x2: width, y2: base, stroke: '#0b0c0c' }),
    ];
    // Dates: the last day at the right, then every week (or fortnight,
    // if weeks are too narrow) back, each only where it does not touch
    // the one to its right.
    const step = 7 * Math.ceil((measure('30 Sep', f) + 12) / (7 * colW));
    let free = width + 12; // the left edge of the date drawn last
    for (let i = days.length - 1; i >= 0; i -= step) {
      const label = shortDay(days[i].day);
      const w = measure(label, f);
      const centre = axisW + (i + 0.5) * colW;
      let x0 = i === days.length - 1 ? width - 2 - w : centre - w / 2;
      if (x0 < axisW) x0 = axisW + 2;
      if (x0 + w > free - 12) continue;
      free = x0;
      parts.push(svg('line', { x1: centre, y1: base, x2: centre, y2: base + 5, stroke: '#0b0c0c' }),
        svgText(x0, base + f.size * 1.25, { class: 'chart-text chart-date' }, label));
    }
    return frame(width, base + Math.round(f.size * 1.6), parts);
  });
  return h('div', { class: 'chart-block' }, chart,
    h('details', {}, h('summary', {}, `${title}: as a table`),
      h('table', { class: 'data' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Day'), h('th', { scope: 'col' }, 'Responses'))),
        h('tbody', {}, days.map((d) => h('tr', {}, h('th', { scope: 'row' }, longDay(d.day)), h('td', {}, String(d.n))))))));
}

export function pct(share) { return `${(share * 100).toFixed(1)}%`; }
