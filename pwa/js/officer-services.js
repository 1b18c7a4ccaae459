// The officers' console: the services register (add, change, retire, and
// upload a whole register with a preview before anything is saved), each
// service's visits with their ratings and trend, and printable visit
// reports (easy read for the Quality Checkers, and for the provider).
import { h } from './render.js';
import { api, show, day, problem, heading } from './console.js';

const FIELDS = [['id', 'Service id'], ['name', 'Name'], ['type', 'Type'], ['provider', 'Provider'], ['address', 'Address'], ['regulatorId', 'Regulator location id']];
const EMOJI = { green: '😀', amber: '😐', red: '🙁', grey: '❔' };

function badge(r) {
  return h('span', { class: `badge ${r.colour || 'none'}` }, r.label);
}

export async function servicesPage(note = null) {
  const r = await api('GET', '/api/v1/officer/services');
  const inputs = Object.fromEntries(FIELDS.map(([k]) => [k, h('input', { type: 'text', id: `s-${k}`, name: k, autocomplete: 'off' })]));
  const file = h('input', { type: 'file', id: 'upload', name: 'upload', accept: '.xlsx,.csv,text/csv' });
  const save = async (e) => {
    e.preventDefault();
    const body = Object.fromEntries(FIELDS.filter(([k]) => k !== 'id').map(([k]) => [k, inputs[k].value]));
    const s = await api('PUT', `/api/v1/services/${encodeURIComponent(inputs.id.value.trim())}`, body);
    servicesPage(s.status === 200 ? h('p', { class: 'inset', role: 'status' }, `Saved ${s.data.name}.`) : problem(s.data?.detail));
  };
  // Check a file, then save exactly that file: the preview and the save
  // are of the same bytes.
  const upload = async (apply, f = file.files[0]) => {
    if (!f) return servicesPage(problem('Choose a file to upload first.'));
    const bytes = await f.arrayBuffer();
    const s = await api('POST', `/api/v1/services/import${apply ? '?apply=true' : ''}`, bytes, f.type || 'application/octet-stream');
    if (apply) return servicesPage(s.status === 200 ? h('p', { class: 'inset', role: 'status' }, `Saved: ${s.data.adds} added, ${s.data.updates} changed.`) : problem(s.data?.detail));
    if (s.status !== 200) return servicesPage(problem(s.data?.detail));
    const p = s.data;
    return servicesPage(h('section', { class: 'inset', 'aria-labelledby': 'preview' },
      h('h2', { id: 'preview' }, `What ${f.name} would change`),
      p.errors.length ? [h('p', { class: 'error-message' }, `${p.errors.length} ${p.errors.length === 1 ? 'row has a problem' : 'rows have problems'}. Nothing will be saved until the file is corrected and uploaded again.`),
        h('ul', { class: 'row-errors' }, p.errors.map((e) => h('li', {}, `Row ${e.row}: ${e.message}`)))] : null,
      h('p', {}, `${p.adds} to add, ${p.updates} to change, ${p.changes.length - p.adds - p.updates} the same.`),
      h('table', { class: 'data' }, h('thead', {}, h('tr', {}, ['Row', 'What', 'Id', 'Name', 'Was'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, p.changes.map((c) => h('tr', {}, h('td', {}, String(c.row)), h('td', {}, { add: 'Add', change: 'Change', same: 'No change' }[c.action]),
          h('td', {}, c.service.id), h('td', {}, c.service.name), h('td', {}, c.before ? c.before.name : ''))))),
      p.errors.length ? null : h('button', { type: 'button', class: 'primary', onclick: () => upload(true, f) }, 'Save these changes')));
  };
  show('Services',
    heading('Services'),
    note,
    h('h2', {}, 'Upload a register'),
    h('p', {}, 'An Excel workbook (.xlsx) or CSV file with a header row: id, name, type, provider, address, regulator id. You will see what changes before anything is saved.'),
    h('div', { class: 'question' }, h('label', { for: 'upload', class: 'label' }, 'Register file'), file),
    h('button', { type: 'button', class: 'secondary', onclick: () => upload(false) }, 'Check the file'),
    h('h2', {}, 'Add or change a service'),
    h('form', { novalidate: true, onsubmit: save },
      FIELDS.map(([k, label]) => h('div', { class: 'question' }, h('label', { for: `s-${k}`, class: 'label' }, label), inputs[k])),
      h('button', { type: 'submit', class: 'primary' }, 'Save the service')),
    h('h2', {}, 'The register'),
    h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, ['Service', 'Type', 'Provider', 'In use', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, (r.data || []).map((s) => h('tr', {},
        h('td', {}, h('a', { href: `#/services/${encodeURIComponent(s.id)}` }, s.name)),
        h('td', {}, s.type || ''), h('td', {}, s.provider || ''), h('td', {}, s.retiredAt ? 'Retired' : 'Yes'),
        h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => {
          for (const [k] of FIELDS) inputs[k].value = s[k] || '';
          inputs.name.focus();
        } }, `Change ${s.name}`), s.retiredAt ? null : h('button', { type: 'button', class: 'secondary', onclick: async () => {
          if (!window.confirm(`Retire ${s.name}? It will no longer be offered for new visits; its visits are kept.`)) return;
          const x = await api('POST', `/api/v1/services/${encodeURIComponent(s.id)}/retire`);
          servicesPage(x.status === 204 ? h('p', { class: 'inset', role: 'status' }, `${s.name} is retired.`) : problem(x.data?.detail));
        } }, `Retire ${s.name}`)))))),
  );
}

/** A small chart of each key question's ratings over the visits, oldest first, with a table. */
function trend(visits) {
  if (visits.length < 2) return h('p', {}, 'A trend shows from the second visit.');
  const ordered = [...visits].reverse();
  const rank = { red: 1, amber: 2, green: 3 };
  const names = ordered[0].ratings.map((r) => r.name);
  const w = 60 * ordered.length;
  const NS = 'http://www.w3.org/2000/svg';
  const el = (tag, attrs) => { const e = document.createElementNS(NS, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v)); return e; };
  const charts = names.map((name, qi) => {
    const svg = el('svg', { viewBox: `0 0 ${w} 64`, class: 'chart spark', 'aria-hidden': 'true', focusable: 'false' });
    const pts = ordered.map((v, i) => [i * 60 + 30, rank[v.ratings[qi].colour] ? 60 - rank[v.ratings[qi].colour] * 18 : null]);
    const line = pts.filter((p) => p[1] !== null).map((p) => p.join(',')).join(' ');
    if (line) svg.append(el('polyline', { points: line, fill: 'none', stroke: '#1d4f91', 'stroke-width': 2 }));
    for (const [i, [x, y]] of pts.entries()) if (y !== null) svg.append(el('circle', { cx: x, cy: y, r: 5, class: `dot ${ordered[i].ratings[qi].colour}` }));
    return h('div', {}, h('h3', {}, name), svg);
  });
  return [...charts, h('details', {}, h('summary', {}, 'The ratings as a table'),
    h('table', { class: 'data' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Visit'), names.map((n) => h('th', { scope: 'col' }, n)))),
      h('tbody', {}, ordered.map((v) => h('tr', {}, h('th', { scope: 'row' }, day(v.visitDate)), v.ratings.map((r) => h('td', {}, r.label))))))),
  ];
}

export async function servicePage(id) {
  const r = await api('GET', `/api/v1/officer/services/${encodeURIComponent(id)}`);
  if (r.status !== 200) return show('Service', heading('Service'), problem(r.data?.detail));
  const { service, visits, more } = r.data;
  show(service.name,
    heading(service.name),
    h('p', {}, [service.type, service.provider, service.address, service.regulatorId ? `regulator location ${service.regulatorId}` : ''].filter(Boolean).join(' · ')),
    h('h2', {}, more ? `The latest ${visits.length} Quality Checker visits` : `${visits.length} Quality Checker ${visits.length === 1 ? 'visit' : 'visits'}`),
    more ? h('p', { class: 'hint' }, 'Older visits are in the download of the visit form, filtered by this service.') : null,
    visits.length ? h('ul', { class: 'cards' }, visits.map((v) => h('li', {},
      h('h3', {}, `Visit on ${day(v.visitDate)}`),
      h('ul', { class: 'ratings' }, v.ratings.map((rt) => h('li', {}, `${rt.name} `, badge(rt)))),
      h('p', {}, h('a', { href: `#/responses/${encodeURIComponent(v.responseId)}` }, `The whole visit (${v.receipt})`), ' · ',
        h('a', { href: `#/report/${encodeURIComponent(v.responseId)}/easy` }, 'easy-read report'), ' · ',
        h('a', { href: `#/report/${encodeURIComponent(v.responseId)}/provider` }, 'report for the provider'))))) : h('p', {}, 'No visits yet.'),
    visits.length ? [h('h2', {}, 'Trend over visits'), trend(visits)] : null,
  );
}

/** A visit report to print: easy read for the Quality Checkers, or for the provider. */
export async function visitReport(id, version) {
  const r = await api('GET', `/api/v1/responses/${encodeURIComponent(id)}`);
  if (r.status !== 200) return show('Report', heading('Report'), problem(r.data?.detail));
  const { response: resp, form } = r.data;
  const services = await api('GET', '/api/v1/services');
  const serviceQ = form.visit?.service;
  const name = (services.data || []).find((s) => s.id === resp.answers[serviceQ])?.name || resp.answers[serviceQ] || '';
  const easy = version === 'easy';
  const label = (q) => (easy && q.easyRead ? q.easyRead : q.label);
  const answer = (q) => {
    const v = resp.answers[q.id];
    if (v === undefined) return easy ? 'We did not answer this.' : 'Not answered';
    const o = q.options?.find((x) => x.value === v);
    if (o) return easy ? `${EMOJI[o.colour] || o.icon || ''} ${o.label}`.trim() : o.label;
    if (q.type === 'yesNo' || q.type === 'consent') return v ? 'Yes' : 'No';
    if (Array.isArray(v)) return v.map((x) => q.options?.find((opt) => opt.value === x)?.label || x).join('; ');
    if (q.type === 'date') return day(v);
    if (q.type === 'service') return name;
    return String(v);
  };
  // Safeguarding goes to the safeguarding team, never into a visit report.
  const worry = form.visit?.safeguarding;
  const sections = form.sections.filter((s) => !s.questions.some((q) => q.id === worry));
  show('Visit report',
    h('div', { class: `report ${easy ? 'easy' : ''}` },
      heading(easy ? `Our visit to ${name}` : `Quality Checker visit report: ${name}`),
      h('p', {}, easy ? `We visited on ${day(resp.answers[form.visit?.date])}.` : `Visit on ${day(resp.answers[form.visit?.date])}. Reference ${resp.receipt}.`),
      sections.map((s) => h('section', {}, h('h2', {}, easy && s.easyRead ? s.easyRead : s.title),
        h('dl', {}, s.questions.filter((q) => q.type !== 'notice' && q.type !== 'service' && resp.answers[q.id] !== undefined)
          .flatMap((q) => [h('dt', {}, label(q)), h('dd', {}, answer(q))])))),
      h('p', {}, h('button', { type: 'button', class: 'primary', onclick: () => window.print() }, 'Print this report'))),
  );
}
