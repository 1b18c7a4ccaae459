// Easy-read words: the same texts as the Go side (testdata/easy-read.json),
// and an easy message for every rule the answer rules can break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { easyTexts, label, hint, optionLabel, statementLabel, guidanceBody, introduction, privacyNotice, sectionTitle, easyError, answerWords, sayDate, questionNumbers } from '../js/words.js';
import { checkAnswers, questions } from '../js/rules.js';
import { useMessages } from '../js/messages.js';

const read = (name) => JSON.parse(readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8'));
const easyCases = read('easy-read.json');
const rules = read('answer-rules.json');
const consultation = read('answer-rules-consultation.json');

test('every text a person reads, with its easy-read wording, as the Go side lists them', () => {
  assert.deepEqual(easyTexts(easyCases.form), easyCases.texts);
  assert.deepEqual(easyTexts(easyCases.form).filter((t) => !t.easyRead).map((t) => t.where), easyCases.gaps);
});

test('easy read shows the easy-read wording, else the standard text; standard mode the standard text', () => {
  const def = easyCases.form;
  const byWhere = new Map(easyCases.texts.map((t) => [t.where, t]));
  const shown = (where, easy) => {
    if (where === 'introduction') return introduction(def, easy);
    if (where === 'privacyNotice') return privacyNotice(def, easy);
    if (where.startsWith('section:')) return sectionTitle(def.sections.find((s, i) => `section:${s.id || i + 1}` === where), easy);
    const [id, what] = where.split('.');
    const q = questions(def).find((x) => x.id === id);
    if (what === 'label') return label(q, easy);
    if (what === 'hint') return hint(q, easy);
    if (what === 'patternMessage') return easyError(q, { code: 'pattern', message: q.patternMessage });
    if (what === 'body') return guidanceBody(q, easy);
    if (what.startsWith('statement:')) return statementLabel(q.statements.find((st) => `statement:${st.id}` === what), easy);
    return optionLabel(q.options.find((o) => `option:${o.value}` === what), easy);
  };
  for (const [where, t] of byWhere) {
    assert.equal(shown(where, true), t.easyRead || t.text, where);
    if (!where.endsWith('patternMessage')) assert.equal(shown(where, false), t.text, where);
  }
});

test('the shared cases hold grid statements and guidance, in easy read and not', () => {
  const wheres = easyCases.texts.map((t) => t.where);
  assert.ok(wheres.some((w) => w.includes('.statement:')) && wheres.some((w) => w.endsWith('.body')));
  assert.ok(!wheres.includes('before.label'), 'a guidance block\'s easyRead is its body\'s, not its label\'s');
});

test('an easy message for every problem of the shared answer cases, never the standard words', () => {
  const codes = new Set();
  for (const shared of [rules, consultation]) {
    const services = new Set(shared.services);
    const env = { today: shared.today, serviceExists: (id) => services.has(id) };
    const byId = new Map(questions(shared.form).map((q) => [q.id, q]));
    for (const c of shared.cases) {
      for (const p of checkAnswers(shared.form, c.answers, env).problems) {
        assert.ok(p.code, `${c.name}: ${p.question} has no code`);
        codes.add(p.code);
        const q = byId.get(p.question);
        if (!q || p.code === 'unknown') continue; // an answer to no question: the standard words stand
        const easy = easyError(q, p);
        assert.ok(easy.length > 0);
        if (p.code !== 'pattern') {
          assert.notEqual(easy, p.message, `${c.name}: ${p.code}`);
          assert.ok(!easy.includes(q.label), `${c.name}: "${easy}" repeats the standard label`);
        }
      }
    }
  }
  for (const code of ['required', 'choice', 'number', 'integer', 'min', 'max', 'date', 'future', 'minDate', 'tooLong', 'email', 'phone', 'pattern',
    'grid', 'gridIncomplete', 'ranking', 'rankingIncomplete', 'other', 'tooManyWords']) {
    assert.ok(codes.has(code), `no shared case breaks the rule ${code}`);
  }
});

test('answers read back in words, with the option picture', () => {
  const q = { type: 'rating', options: [{ value: 'good', label: 'Good', easyRead: 'Very good', icon: '😀' }] };
  assert.deepEqual(answerWords(q, 'good', { easy: true }), [{ text: 'Very good', icon: '😀' }]);
  assert.deepEqual(answerWords(q, 'good'), [{ text: 'Good', icon: '😀' }]);
  assert.deepEqual(answerWords({ type: 'yesNo' }, false), [{ text: 'No', icon: '' }]);
  assert.deepEqual(answerWords({ type: 'service' }, 's1', { services: [{ id: 's1', name: 'The Maples' }] }), [{ text: 'The Maples', icon: '' }]);
  assert.deepEqual(answerWords({ type: 'number' }, 0), [{ text: '0', icon: '' }]);
  assert.deepEqual(answerWords({ type: 'longText' }, ''), []);
  assert.equal(sayDate('2026-03-27'), '27 March 2026');
});

test('grids, rankings and Other (please specify) read back in words', () => {
  const grid = { type: 'grid', statements: [{ id: 'fair', label: 'Fair', easyRead: 'Is it fair?' }, { id: 'simple', label: 'Simple' }],
    options: [{ value: 'agree', label: 'Agree', icon: '👍' }, { value: 'no', label: 'Disagree' }] };
  assert.deepEqual(answerWords(grid, { simple: 'no', fair: 'agree' }, { easy: true }), [{ text: 'Is it fair?: Agree', icon: '👍' }, { text: 'Simple: Disagree', icon: '' }]);
  assert.deepEqual(answerWords(grid, { simple: 'no' }), [{ text: 'Simple: Disagree', icon: '' }]);
  const ranking = { type: 'ranking', options: [{ value: 'cost', label: 'Cost' }, { value: 'speed', label: 'Speed' }] };
  assert.deepEqual(answerWords(ranking, ['speed', 'cost']), [{ text: '1. Speed', icon: '' }, { text: '2. Cost', icon: '' }]);
  const single = { type: 'singleChoice', options: [{ value: 'a', label: 'A' }, { value: 'other', label: 'Other', specify: true }] };
  assert.deepEqual(answerWords(single, 'other', { other: 'A neighbour' }), [{ text: 'Other: A neighbour', icon: '' }]);
  assert.deepEqual(answerWords(single, 'a', { other: 'stale' }), [{ text: 'A', icon: '' }]);
  const multiple = { ...single, type: 'multipleChoice' };
  assert.deepEqual(answerWords(multiple, ['a', 'other'], { other: 'Radio' }), [{ text: 'A', icon: '' }, { text: 'Other: Radio', icon: '' }]);
});

test('questions are numbered as the server numbers them: those taking an answer, in form order', () => {
  const def = consultation.form;
  const numbers = questionNumbers(def);
  const taking = questions(def).filter((q) => q.type !== 'guidance' && q.type !== 'notice');
  assert.deepEqual([...numbers.keys()], taking.map((q) => q.id));
  assert.deepEqual([...numbers.values()], taking.map((_, i) => `Q${i + 1}`));
  assert.equal(numbers.get('intro'), undefined, 'guidance has no number');
  assert.equal(questionNumbers({ ...def, numbering: false }).size, 0);
  // On screen a number is written in the app's language (Polish: P for pytanie).
  const pl = JSON.parse(readFileSync(new URL('../i18n/pl.json', import.meta.url), 'utf8'));
  const en = JSON.parse(readFileSync(new URL('../i18n/en.json', import.meta.url), 'utf8'));
  useMessages('pl', pl);
  try {
    assert.deepEqual([...questionNumbers(def).values()], taking.map((_, i) => `P${i + 1}`));
  } finally {
    useMessages('en', en);
  }
});
