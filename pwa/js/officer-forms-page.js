// The officers' console: one form's page. Where it stands; its draft, with
// what publishing it would stop asking for; a preview on a phone-sized
// screen, standard or easy read; publishing, dates, closing, reopening,
// copying and archiving; its versions. After each change the page is drawn
// again from the server, with a notice of what happened.
import { h } from './render.js';
import { api, when, heading } from './console.js';
import { enc, stateTag, stateWords, dateWords, audienceWords, go, takeFlash, done, failure, fieldProblem, page, complain } from './officer-forms.js';

const base = (id) => `/api/v1/officer/catalog/${enc(id)}`;
const backLink = () => h('p', {}, h('a', { href: '#/forms' }, 'Back to all forms'));

/** A labelled field, with a hint when one is given. */
function field(id, label, input, hint = '') {
  if (hint) input.setAttribute('aria-describedby', `${id}-hint`);
  return h('div', { class: 'question' }, h('label', { for: id, class: 'label' }, label),
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null, input);
}

/** A date field's value: the day of a date or of a moment. */
const dateInput = (id, value = '') => h('input', { type: 'date', id, name: id, value: value ? value.slice(0, 10) : '' });

/** A form's dates, in a sentence. */
function datesSentence(f) {
  const [o, c] = [dateWords(f.opens), dateWords(f.closes)];
  if (o && c) return `It opens on ${o} and closes on ${c}.`;
  if (o) return `It opens on ${o}, with no closing date.`;
  if (c) return `It has no opening date and closes on ${c}.`;
  return 'It has no opening or closing date.';
}

/** What a form's state means for the people who fill it in. */
const stateNote = {
  draft: 'Only officers can see it until it is published.',
  scheduled: 'Published, and not open yet.',
  open: 'People can fill it in now.',
  closed: 'People can no longer fill it in.',
  archived: 'Hidden from every list. Its responses and downloads are kept.',
};

/** What publishing did, in words. */
function publishedWords(f) {
  const next = {
    open: 'Phones pick it up the next time they connect.',
    scheduled: `It opens on ${dateWords(f.opens)}. Phones pick it up the next time they connect.`,
    closed: 'Its dates have passed, so nobody can fill it in: change its dates to open it.',
  }[f.state] || '';
  return `Published as version ${f.version}. ${next}`;
}

/** A button that asks on the page before it acts: the question, a button that acts, and Cancel. */
function confirmed(label, question, yes, action) {
  const box = h('div', { class: 'confirm' });
  const ask = h('button', {
    type: 'button', class: 'secondary',
    onclick: () => {
      ask.hidden = true;
      const q = h('p', { class: 'confirm-question', tabindex: '-1' }, question);
      box.replaceChildren(q,
        h('button', { type: 'button', class: 'warning', onclick: action }, yes),
        h('button', { type: 'button', class: 'secondary', onclick: () => { box.replaceChildren(); ask.hidden = false; ask.focus(); } }, 'Cancel'));
      q.focus();
    },
  }, label);
  return h('div', {}, ask, box);
}

function facts(f) {
  const row = (k, ...v) => [h('dt', {}, k), h('dd', {}, ...v)];
  const published = Boolean(f.version);
  return h('dl', { class: 'facts' },
    row('State', stateTag(f.state), ' ', stateNote[f.state] || ''),
    row('Version people fill in', f.version || 'None: not published yet'),
    row('Opens', dateWords(f.opens) || 'No date'),
    row('Closes', dateWords(f.closes) || 'No date'),
    row('Who fills it in', audienceWords(f.audience)),
    row('Responses', String(f.responses ?? 0), published ? [' · ',
      h('a', { href: `#/forms/${enc(f.id)}/results` }, 'Results'), ' · ',
      h('a', { href: `#/forms/${enc(f.id)}/responses` }, 'Responses')] : null));
}

/** The preview: a phone-sized frame showing the form as the app does, opened by the buttons it gives. */
function previewer(f) {
  const names = { draft: 'the draft', current: 'the live version' };
  let which = 'draft';
  const title = h('h2', { id: 'preview-h', tabindex: '-1' }, 'Preview');
  const what = h('p', {});
  const frame = h('iframe', { width: 390, height: 720, title: `Preview of “${f.title}”` });
  const link = h('a', { target: '_blank', rel: 'noopener' }, 'Open the preview in its own tab (share this link with colleagues who are signed in)');
  const modes = [['standard', 'Standard'], ['easy', 'Easy read']].map(([m, label]) => h('button', {
    type: 'button', class: 'secondary', 'aria-pressed': 'false', 'data-mode': m, onclick: () => open(which, m, false),
  }, label));
  const el = h('section', { class: 'preview', 'aria-labelledby': 'preview-h', hidden: true },
    title, what,
    h('div', { class: 'actions', role: 'group', 'aria-label': 'Show the preview as' }, modes),
    h('div', { class: 'phone-frame' }, frame),
    h('p', {}, link));
  function open(w, mode, focus = true) {
    which = w;
    const url = `/officer/preview/${enc(f.id)}?version=${w}&mode=${mode}`;
    const how = mode === 'easy' ? 'easy read' : 'standard';
    frame.src = url;
    frame.title = `Preview of ${names[w]} of “${f.title}”, ${how}`;
    link.href = url;
    what.textContent = `${names[w][0].toUpperCase()}${names[w].slice(1)} as a phone shows it, ${how}. Try the questions: nothing you fill here is sent or stored.`;
    for (const b of modes) b.setAttribute('aria-pressed', String(b.dataset.mode === mode));
    el.hidden = false;
    if (focus) title.focus();
  }
  const buttons = (w) => [
    h('button', { type: 'button', class: 'secondary', onclick: () => open(w, 'standard') }, `Preview ${names[w]}`),
    h('button', { type: 'button', class: 'secondary', onclick: () => open(w, 'easy') }, `Preview ${names[w]} in easy read`)];
  return { el, buttons };
}

/** The draft's plain English check, folded under its score: suggestions, not rules. */
function plainEnglish(pe, main) {
  if (!pe) return null;
  const n = pe.warnings.length;
  if (!pe.language) return h('p', { class: 'plain-english' }, `Plain English: ${pe.summary}.`); // no English to measure
  const where = pe.language !== main ? ` of its English translation (${pe.language})` : '';
  const score = pe.standard.words ? `reading ease${where} ${Math.round(pe.standard.readingEase)} (${pe.standard.band})` : 'no words to score';
  return h('details', { class: 'plain-english' },
    h('summary', {}, `Plain English: ${score}; ${n === 1 ? '1 suggestion' : `${n || 'no'} suggestions`}`),
    h('p', {}, `${pe.summary[0].toUpperCase()}${pe.summary.slice(1)}. These are suggestions: the form can be published as it is.`),
    n ? h('ul', {}, pe.warnings.map((w) => h('li', {}, `${w.where}${w.easyRead ? ' (easy read)' : ''}: ${w.message}`))) : null);
}

function draftPanel(f, d, viewer) {
  const drops = d.drops || [];
  const ack = drops.length ? h('input', { type: 'checkbox', id: 'ack', name: 'ack' }) : null;
  const ackBox = drops.length ? h('div', { class: 'question' },
    h('div', { class: 'option' }, ack, h('label', { for: 'ack' }, 'I understand: answers already given stay in exports of earlier versions'))) : null;
  const publish = async () => {
    if (ack && !ack.checked) {
      const text = 'Tick the box to say you understand that answers already given stay in the exports of earlier versions.';
      ackBox.classList.add('has-error');
      ack.setAttribute('aria-describedby', 'ack-error');
      if (!document.getElementById('ack-error')) ackBox.prepend(h('p', { class: 'error-message', id: 'ack-error' }, h('span', { class: 'visually-hidden' }, 'Error: '), text));
      return complain(fieldProblem(text, 'ack'));
    }
    const x = await api('POST', `${base(f.id)}/publish`, { acknowledged: Boolean(ack?.checked) });
    formPage(f.id, x.status === 200 ? done(publishedWords(x.data)) : failure(x));
  };
  const discard = async () => {
    const x = await api('DELETE', `${base(f.id)}/draft`);
    if (x.status !== 204) return formPage(f.id, failure(x));
    if (f.version) return formPage(f.id, done('The draft is discarded. The live version is as it was.'));
    return go('#/forms', done(`The draft of “${f.title}” is discarded. The form was never published, so it is now with the archived forms.`));
  };
  return h('section', { class: 'inset draft-panel', 'aria-labelledby': 'draft-h' },
    h('h2', { id: 'draft-h' }, f.version ? 'A new version is waiting to be published' : 'Draft: not published yet'),
    h('p', {}, `Version ${d.definition.version}, “${d.definition.title}”, from the file ${d.source}, saved ${when(d.savedAt)}.`),
    drops.length ? [
      h('h3', {}, 'Publishing this would stop asking for:'),
      h('ul', { class: 'drops' }, drops.map((x) => h('li', {}, x.message))),
      ackBox] : null,
    plainEnglish(d.plainEnglish, d.definition?.language || 'en'),
    h('div', { class: 'actions' }, viewer.buttons('draft')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: publish }, 'Publish'),
      confirmed('Discard the draft', `Discard the draft from ${d.source}? ${f.version ? 'The live version stays as it is.' : 'The form was never published, so it goes to the archived forms.'}`, 'Yes, discard the draft', discard)),
    h('p', {}, h('a', { href: `${base(f.id)}/form.xlsx?version=draft`, download: '' }, 'Download the draft as a spreadsheet')));
}

function livePanel(f, viewer) {
  return h('section', { 'aria-labelledby': 'live-h' },
    h('h2', { id: 'live-h' }, `The live version: version ${f.version}`),
    h('div', { class: 'actions' }, viewer.buttons('current')),
    h('p', {}, h('a', { href: `#/forms/${enc(f.id)}/words` }, 'Change words'),
      h('span', { class: 'hint' }, 'Correct a title, a label, a hint or an answer’s words without uploading a file.')),
    h('p', {}, h('a', { href: `${base(f.id)}/form.xlsx`, download: '' }, 'Download the live version as a spreadsheet')));
}

function datesPanel(f, act) {
  const published = Boolean(f.version);
  const opens = dateInput('opens', f.opens);
  const closes = dateInput('closes', f.closes);
  const schedule = (e) => {
    e.preventDefault();
    act('POST', '/schedule', { opens: opens.value, closes: closes.value },
      (row) => (published ? `Dates saved: published as version ${row.version}. ${datesSentence(row)}` : `The draft’s dates are saved. ${datesSentence(row)}`), true);
  };
  const until = dateInput('reopen-closes');
  const reopen = (e) => {
    e.preventDefault();
    act('POST', '/reopen', { closes: until.value },
      (row) => `Open again as version ${row.version}${row.closes ? `, until ${dateWords(row.closes)}` : ''}. Phones pick it up the next time they connect.`, true);
  };
  const live = f.state === 'open' || f.state === 'scheduled';
  return h('section', { 'aria-labelledby': 'dates-h' },
    h('h2', { id: 'dates-h' }, 'Opening and closing dates'),
    h('p', { class: 'hint' }, published ? 'Saving publishes a new version with these dates. Leave a date empty for none.' : 'Kept with the draft and used when it is published. Leave a date empty for none.'),
    h('form', { novalidate: true, class: 'filters', onsubmit: schedule },
      field('opens', 'Opens on', opens), field('closes', 'Closes on', closes),
      h('button', { type: 'submit', class: 'primary' }, 'Save dates')),
    published && live ? [
      h('h3', {}, 'Close the form now'),
      h('p', {}, 'People can no longer fill it in or send it, and phones drop it from their list the next time they connect. Responses already sent are kept.'),
      confirmed('Close now', `Close “${f.title}” now? Anyone filling it in on a phone will not be able to send it.`, 'Yes, close it now',
        () => act('POST', '/close', undefined, (row) => `“${row.title}” is closed (version ${row.version}). People can no longer send it; phones drop it from their list the next time they connect.`))] : null,
    published && f.state === 'closed' ? [
      h('h3', {}, 'Open it again'),
      h('form', { novalidate: true, onsubmit: reopen },
        field('reopen-closes', 'New closing date (optional)', until, 'Leave it empty to keep the form open until you close it.'),
        h('button', { type: 'submit', class: 'primary' }, 'Reopen'))] : null);
}

function copyPanel(f) {
  const newId = h('input', { type: 'text', id: 'copy-id', name: 'copy-id', autocomplete: 'off', spellcheck: 'false' });
  const title = h('input', { type: 'text', id: 'copy-title', name: 'copy-title', autocomplete: 'off' });
  const copy = async (e) => {
    e.preventDefault();
    if (!newId.value.trim()) return complain(fieldProblem(`Give the new form an id, such as ${f.id}-2.`, 'copy-id'));
    const x = await api('POST', `${base(f.id)}/duplicate`, { id: newId.value.trim(), title: title.value.trim() });
    if (x.status !== 200) return complain(failure(x));
    const c = x.data.definition;
    return go(`#/forms/${enc(c.id)}`, done(`Made a copy of “${f.title}”: “${c.title}” is a draft. Nothing changes for anyone until you publish it.`));
  };
  return h('section', { 'aria-labelledby': 'copy-h' },
    h('h2', { id: 'copy-h' }, 'Make a copy'),
    h('p', {}, 'A new form with the same questions, as a draft: to run the survey again, or to start a new form from this one.'),
    h('form', { novalidate: true, onsubmit: copy },
      field('copy-id', 'Id of the new form', newId, 'Lower-case letters, numbers and hyphens. It names the form in downloads and cannot change.'),
      field('copy-title', 'Title of the new form', title, `Leave it empty for “Copy of ${f.title}”.`),
      h('button', { type: 'submit', class: 'secondary' }, 'Make the copy')));
}

function archivePanel(f, act) {
  const section = (title, ...rest) => h('section', { 'aria-labelledby': 'archive-h' }, h('h2', { id: 'archive-h' }, title), ...rest);
  if (f.state === 'archived') {
    return section('Bring the form back',
      h('p', {}, 'It shows in the lists again, as it was before it was archived.'),
      h('button', { type: 'button', class: 'secondary', onclick: () => act('POST', '/restore', undefined, (row) => `“${row.title}” is back in the list of forms: ${(stateWords[row.state] || row.state).toLowerCase()}.`) }, 'Bring back'));
  }
  if (f.state === 'open' || f.state === 'scheduled') return section('Archive', h('p', {}, 'Close the form before archiving it.'));
  return section('Archive',
    h('p', {}, 'Hides the form from every list. Its responses and downloads are kept, and you can bring it back.'),
    h('button', { type: 'button', class: 'secondary', onclick: () => act('POST', '/archive', undefined, (row) => `“${row.title}” is archived. Its responses and downloads are kept.`) }, 'Archive'));
}

function versionsPanel(f, versions) {
  if (!versions?.length) return null;
  return h('section', { 'aria-labelledby': 'versions-h' },
    h('h2', { id: 'versions-h' }, 'Versions'),
    h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, `Versions of ${f.title}`),
      h('thead', {}, h('tr', {}, ['Version', 'Opens', 'Closes', 'Spreadsheet'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, versions.map((v) => h('tr', {},
        h('th', { scope: 'row' }, v.version, v.version === f.version ? ' (live)' : ''),
        h('td', {}, dateWords(v.opens) || 'No date'),
        h('td', {}, dateWords(v.closes) || 'No date'),
        h('td', {}, h('a', { href: `${base(f.id)}/form.xlsx?version=${enc(v.version)}`, download: '' }, `Download version ${v.version}`)))))));
}

/** A form's page, drawn from the server; note is what the last action did. */
export async function formPage(id, note = takeFlash()) {
  const r = await api('GET', base(id));
  if (r.status !== 200) return page('Form', heading('Form'), failure(r, 'The form could not be loaded. Try again.'), backLink());
  const { form: f, draft, versions } = r.data;
  // An action: drawn again with what it did, or with its problem (kept
  // in place, with what was typed, when keep is set).
  const act = async (method, path, body, said, keep = false) => {
    const x = await api(method, `${base(id)}${path}`, body);
    if (x.status >= 200 && x.status < 300) return formPage(id, done(said(x.data)));
    return keep ? complain(failure(x)) : formPage(id, failure(x));
  };
  const viewer = previewer(f);
  const archived = f.state === 'archived';
  page(f.title,
    heading(f.title),
    note,
    facts(f),
    draft ? draftPanel(f, draft, viewer) : null,
    f.version && !archived ? livePanel(f, viewer) : null,
    viewer.el,
    archived ? null : datesPanel(f, act),
    copyPanel(f),
    archivePanel(f, act),
    versionsPanel(f, versions),
    backLink());
}
