// The officers' console: changing a live form's words without uploading a
// file: its title, introduction and privacy notice, and each section's
// title, question's words, name in downloads, hint and format message, a
// guidance's text, a grid's lines and the answers' words, each with its
// easy-read wording. Saving publishes a new version in which only those
// words differ (the server refuses anything else). Translations change
// by uploading the form.
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

  // A text and, under it, its easy-read wording (optional: easy read
  // shows the text where it has none).
  const easy = (fid, value, path, key) => {
    const field = text(`${fid}-easy`, 'Easy read (optional)', value, set(path, key, true),
      { long: (value || '').length > 60, hint: 'Short, everyday words for people who read easy read' });
    field.classList.add('easy-field');
    return field;
  };
  const question = (q, i, j) => {
    const path = ['sections', i, 'questions', j];
    const base = `w-${q.id}`;
    if (q.type === 'guidance') {
      return [
        text(`${base}-label`, 'Heading (optional)', q.label, set(path, 'label', true)),
        text(`${base}-body`, 'Text', q.body, set(path, 'body'), { long: true, hint: 'Blank lines start paragraphs; lines starting “- ” make a list' }),
        easy(`${base}-body`, q.easyRead, path, 'easyRead')];
    }
    return [
      text(`${base}-label`, q.type === 'notice' ? 'Heading of the notice' : 'The question', q.label, set(path, 'label'), { long: q.label?.length > 80 }),
      easy(`${base}-label`, q.easyRead, path, 'easyRead'),
      text(`${base}-short`, 'Name in downloads and results (optional)', q.shortLabel, set(path, 'shortLabel', true)),
      text(`${base}-hint`, q.type === 'notice' ? 'Text of the notice' : 'Hint (optional)', q.hint, set(path, 'hint', true), { long: true }),
      easy(`${base}-hint`, q.easyReadHint, path, 'easyReadHint'),
      q.pattern ? [
        text(`${base}-pattern`, 'What a person is told when the answer is not in the right format (optional)', q.patternMessage, set(path, 'patternMessage', true)),
        easy(`${base}-pattern`, q.easyReadPatternMessage, path, 'easyReadPatternMessage')] : null,
      (q.statements || []).map((st, k) => [
        text(`${base}-s${k}`, `Line “${st.id}”`, st.label, set([...path, 'statements', k], 'label')),
        easy(`${base}-s${k}`, st.easyRead, [...path, 'statements', k], 'easyRead')]),
      (q.options || []).map((o, k) => [
        text(`${base}-o${k}`, `Answer “${o.value}”`, o.label, set([...path, 'options', k], 'label')),
        easy(`${base}-o${k}`, o.easyRead, [...path, 'options', k], 'easyRead')])];
  };
  const showEasy = current.audience === 'volunteers' || /"easyRead/.test(JSON.stringify(current));
  const sections = current.sections.map((s, i) => h('section', { 'aria-labelledby': `ws-${i}` },
    h('h2', { id: `ws-${i}` }, `Section ${i + 1}`),
    text(`w-s${i}`, 'Section title', s.title, set(['sections', i], 'title')),
    easy(`w-s${i}`, s.easyRead, ['sections', i], 'easyRead'),
    s.questions.map((q, j) => h('fieldset', { class: 'inset words-question' },
      h('legend', {}, `Question ${q.id}`),
      question(q, i, j)))));

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
    // Easy-read wording is shown at once for a form for Quality Checkers or
    // one that has some; otherwise one tick shows it.
    h('form', { novalidate: true, onsubmit: save, class: showEasy ? '' : 'hide-easy' },
      h('div', { class: 'question' }, h('div', { class: 'option' },
        h('input', { type: 'checkbox', id: 'w-show-easy', checked: showEasy, onchange: (e) => e.target.form.classList.toggle('hide-easy', !e.target.checked) }),
        h('label', { for: 'w-show-easy' }, 'Show the easy-read wording of each text'))),
      h('h2', {}, 'The form'),
      text('w-title', 'Title', current.title, set([], 'title')),
      text('w-introduction', 'Introduction (optional)', current.introduction, set([], 'introduction', true), { long: true }),
      easy('w-introduction', current.easyReadIntroduction, [], 'easyReadIntroduction'),
      text('w-privacy', 'How we use your answers: the privacy notice (optional)', current.privacyNotice, set([], 'privacyNotice', true), { long: true }),
      easy('w-privacy', current.easyReadPrivacyNotice, [], 'easyReadPrivacyNotice'),
      sections,
      h('button', { type: 'submit', class: 'primary' }, 'Save and publish the new words')),
    back(id));
}
