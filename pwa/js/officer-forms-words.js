// The officers' console: changing a live form's words without uploading a
// file: its title, introduction and privacy notice, and each section's
// title, question's words and hint, and answer's words. Saving publishes
// a new version in which only those words differ (the server refuses
// anything else).
import { h } from './render.js';
import { api, heading } from './console.js';
import { enc, go, done, failure, page, complain } from './officer-forms.js';

const back = (id) => h('p', {}, h('a', { href: `#/forms/${enc(id)}` }, 'Back to the form'));

/** The change words page of a form. */
export async function wordsPage(id) {
  const r = await api('GET', `/api/v1/officer/catalog/${enc(id)}`);
  if (r.status !== 200) return page('Change words', heading('Change words'), failure(r, 'The form could not be loaded. Try again.'), back(id));
  const { form: f, current } = r.data;
  const title = `Change words: ${f.title}`;
  if (!current || f.state === 'archived') {
    return page('Change words', heading(title),
      h('p', {}, f.state === 'archived' ? 'This form is archived: bring it back first.' : 'This form is not published yet. Its words change with its draft: correct the file and upload it again.'), back(id));
  }
  // Each field changes its words in a copy of the live version, only
  // when it was changed: a text left alone stays exactly as it was.
  const edits = [];
  const text = (fid, label, value, apply, { long = false, hint = '' } = {}) => {
    const input = long
      ? h('textarea', { id: fid, name: fid, rows: 4, 'aria-describedby': hint ? `${fid}-hint` : undefined })
      : h('input', { type: 'text', id: fid, name: fid, autocomplete: 'off', 'aria-describedby': hint ? `${fid}-hint` : undefined });
    input.value = value || '';
    edits.push((def) => { if (input.value !== (value || '')) apply(def, input.value.trim()); });
    return h('div', { class: 'question' }, h('label', { for: fid, class: 'label' }, label),
      hint ? h('span', { class: 'hint', id: `${fid}-hint` }, hint) : null, input);
  };
  // A text that may be left empty is removed when it is.
  const optional = (obj, key) => (v) => { if (v) obj[key] = v; else delete obj[key]; };
  const at = (path) => (def) => path.reduce((o, k) => o[k], def);
  const set = (path, key, may = false) => (def, v) => {
    const obj = at(path)(def);
    if (may) optional(obj, key)(v); else obj[key] = v;
  };

  const sections = current.sections.map((s, i) => h('section', { 'aria-labelledby': `ws-${i}` },
    h('h2', { id: `ws-${i}` }, `Section ${i + 1}`),
    text(`w-s${i}`, 'Section title', s.title, set(['sections', i], 'title')),
    s.questions.map((q, j) => h('fieldset', { class: 'inset words-question' },
      h('legend', {}, `Question ${q.id}`),
      text(`w-${q.id}-label`, q.type === 'notice' ? 'Heading of the notice' : 'The question', q.label, set(['sections', i, 'questions', j], 'label'), { long: q.label?.length > 80 }),
      text(`w-${q.id}-hint`, q.type === 'notice' ? 'Text of the notice' : 'Hint (optional)', q.hint, set(['sections', i, 'questions', j], 'hint', true), { long: true }),
      (q.options || []).map((o, k) => text(`w-${q.id}-o${k}`, `Answer “${o.value}”`, o.label, set(['sections', i, 'questions', j, 'options', k], 'label')))))));

  const save = async (e) => {
    e.preventDefault();
    const next = structuredClone(current);
    for (const edit of edits) edit(next);
    if (JSON.stringify(next) === JSON.stringify(current)) return complain(failure({ data: { detail: 'Nothing was changed, so there is nothing to publish. Change some words first.' } }));
    const x = await api('PUT', `/api/v1/officer/catalog/${enc(id)}/words`, next);
    if (x.status !== 200) return complain(failure(x, 'The new words were not saved. Try again.'));
    return go(`#/forms/${enc(id)}`, done(`The new words are published as version ${x.data.version}. Phones pick them up the next time they connect.`));
  };

  page('Change words',
    heading(title),
    h('p', {}, `These are the words of the live version, version ${current.version}. Saving publishes them as a new version; answers already given are kept.`),
    h('p', { class: 'hint' }, 'To change anything else (questions, answers, rules or who fills it in), download the form as a spreadsheet, change it and upload it.'),
    h('form', { novalidate: true, onsubmit: save },
      h('h2', {}, 'The form'),
      text('w-title', 'Title', current.title, set([], 'title')),
      text('w-introduction', 'Introduction (optional)', current.introduction, set([], 'introduction', true), { long: true }),
      text('w-privacy', 'How we use your answers: the privacy notice (optional)', current.privacyNotice, set([], 'privacyNotice', true), { long: true }),
      sections,
      h('button', { type: 'submit', class: 'primary' }, 'Save and publish the new words')),
    back(id));
}
