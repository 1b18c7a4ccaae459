// The officers' console: the Forms area. Every form with where it stands,
// the blank template to write one in, and uploading a form (a workbook,
// YAML or JSON): a file with problems is listed problem by problem, with
// its sheet, row and column; a good one becomes its form's draft. The
// form's own page is in officer-forms-page.js. Also the helpers both use.
import { h } from './render.js';
import { api, show, day, when, heading } from './console.js';

export const enc = encodeURIComponent;

/** The words for where a form stands; the tag says it in words, not only in colour. */
export const stateWords = { draft: 'Not published', scheduled: 'Scheduled', open: 'Open', closed: 'Closed', archived: 'Archived' };

export const stateTag = (state) => h('span', { class: `tag state-${state}` }, stateWords[state] || state);

/** A form's date: a day ("2026-06-30"), or a moment with its time ("…T17:00:00Z", set by Close now). */
export const dateWords = (s) => (!s ? '' : s.includes('T') ? when(s) : day(s));

/** Who fills a form in. */
export const audienceWords = (a) => ({ public: 'The public', volunteers: 'Quality Checkers, signed in' }[a] || a);

// A notice to show on the page drawn next (after a change of address).
let flash = null;

/** Goes to a console address, showing note there (a success notice or a problem). */
export function go(hash, note) {
  flash = note;
  if (location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else location.hash = hash;
}

/** The notice left by go(), once. */
export function takeFlash() {
  const n = flash;
  flash = null;
  return n;
}

/** A success notice: what happened. */
export const done = (text) => h('div', { class: 'inset done', role: 'status' }, h('p', {}, text));

/**
 * Where a problem of an uploaded file is and what it is, as
 * "survey row 14, column relevant: refers to q9, which comes later"
 * (internal/formbook Problem.String).
 */
export function placed(p) {
  let where = '';
  if (p.sheet && p.row > 0) where = `${p.sheet} row ${p.row}`;
  else if (p.sheet) where = `${p.sheet} sheet`;
  else if (p.question) where = p.question;
  if (p.column) where += `${where ? ', ' : ''}column ${p.column}`;
  return where ? `${where}: ${p.message}` : p.message;
}

/** An error summary of a failed request: its detail, and every problem it lists. */
export function failure(r, fallback = 'That did not work. Try again.') {
  const errors = r.data?.errors || [];
  const detail = r.data?.detail || (r.status === 413 ? 'The file is too large: a form’s file is much smaller. Check that it is the right file.' : fallback);
  return h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, 'There is a problem'),
    h('p', {}, detail),
    errors.length ? h('ul', { class: 'problem-list' }, errors.map((p) => h('li', {}, placed(p)))) : null);
}

/** An error summary of one problem, linked to the field to put right. */
export function fieldProblem(text, fieldId) {
  return h('div', { class: 'error-summary', role: 'alert', tabindex: '-1' },
    h('h2', {}, 'There is a problem'),
    h('ul', {}, h('li', {}, h('a', { href: `#${fieldId}`, onclick: (e) => { e.preventDefault(); document.getElementById(fieldId)?.focus(); } }, text))));
}

/**
 * Draws a console page with a notice: an error summary goes above the
 * heading and takes the focus; a success notice goes under the heading,
 * which takes the focus as on every page.
 */
export function page(title, head, note, ...children) {
  const error = note?.classList?.contains('error-summary');
  show(title, error ? note : null, head, error ? null : note, ...children);
  if (error) note.focus();
}

/** Shows a problem above the page's heading without drawing the page again (what was typed stays). */
export function complain(summary) {
  const main = document.getElementById('main');
  main.querySelector(':scope > .error-summary')?.remove();
  main.querySelector(':scope > .done')?.remove();
  main.prepend(summary);
  summary.focus();
}

function formsTable(forms, caption) {
  const cell = (label, ...content) => h('td', { 'data-label': label }, ...content);
  return h('table', { class: 'data stack' },
    h('caption', { class: 'visually-hidden' }, caption),
    h('thead', {}, h('tr', {}, ['Form', 'State', 'Version', 'Opens', 'Closes', 'Responses', 'Draft waiting'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, forms.map((f) => h('tr', {},
      h('th', { scope: 'row' }, h('a', { href: `#/forms/${enc(f.id)}` }, f.title)),
      cell('State', stateTag(f.state)),
      cell('Version', f.version || 'None yet'),
      cell('Opens', dateWords(f.opens) || 'No date'),
      cell('Closes', dateWords(f.closes) || 'No date'),
      cell('Responses', String(f.responses ?? 0)),
      cell('Draft waiting', f.draft ? `Yes, from ${f.draft.source}` : 'No')))));
}

async function upload(file) {
  if (!file) return formsPage(fieldProblem('Choose the form’s file to upload.', 'form-file'));
  const bytes = await file.arrayBuffer();
  const r = await api('POST', `/api/v1/officer/catalog/upload?name=${enc(file.name)}`, bytes, file.type || 'application/octet-stream');
  if (r.status !== 200) {
    const summary = failure(r, 'The file could not be uploaded. Try again.');
    summary.querySelector('h2').after(h('p', {}, 'File: ', h('strong', {}, file.name)));
    return formsPage(summary);
  }
  const f = r.data.definition;
  return go(`#/forms/${enc(f.id)}`, done(`${file.name} is saved as the draft of “${f.title}”. Nothing changes for anyone until you publish it. Preview it first.`));
}

/** The Forms page: every form, the template, and the upload. */
export async function formsPage(note = takeFlash()) {
  const r = await api('GET', '/api/v1/officer/catalog');
  if (r.status !== 200) return page('Forms', heading('Forms'), failure(r, 'The forms could not be loaded. Try again.'));
  const forms = r.data.forms || [];
  const live = forms.filter((f) => f.state !== 'archived');
  const archived = forms.filter((f) => f.state === 'archived');
  const file = h('input', { type: 'file', id: 'form-file', name: 'form-file', accept: '.xlsx,.yaml,.yml,.json', 'aria-describedby': 'form-file-hint' });
  page('Forms',
    heading('Forms'),
    note,
    h('p', {}, 'Every form in Chorus. Open a form to preview it, publish it, change its dates or words, close it or archive it.'),
    live.length ? formsTable(live, 'Forms') : h('p', {}, 'No forms yet.'),
    archived.length ? h('details', { class: 'archived' },
      h('summary', {}, `Archived forms (${archived.length})`),
      h('p', {}, 'Hidden from every list. Their responses and downloads are kept.'),
      formsTable(archived, 'Archived forms')) : null,
    h('h2', {}, 'Add or change a form'),
    h('p', {}, 'Write the form in the template: one row for each question, with its answers on a second sheet. ',
      h('a', { href: '/api/v1/officer/catalog-template.xlsx', download: '' }, 'Download the template (Excel)')),
    h('p', { class: 'hint' }, 'The section “Writing a form” in Chorus’s README explains each column. A file with the id of a form already here becomes that form’s next draft.'),
    h('form', {
      novalidate: true,
      onsubmit: (e) => { e.preventDefault(); upload(file.files[0]); },
    },
    h('div', { class: 'question' },
      h('label', { for: 'form-file', class: 'label' }, 'Form file'),
      h('span', { class: 'hint', id: 'form-file-hint' }, 'An Excel workbook (.xlsx), or a YAML or JSON file. Nothing changes for anyone until you publish it.'),
      file),
    h('button', { type: 'submit', class: 'primary' }, 'Upload')),
  );
}
