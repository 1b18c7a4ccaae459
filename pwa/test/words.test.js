// Easy-read words: the same texts as the Go side (testdata/easy-read.json),
// and an easy message for every rule the answer rules can break.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { easyTexts, label, hint, optionLabel, introduction, privacyNotice, sectionTitle, easyError, answerWords, sayDate } from '../js/words.js';
import { checkAnswers, questions } from '../js/rules.js';

const read = (name) => JSON.parse(readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8'));
const easyCases = read('easy-read.json');
const rules = read('answer-rules.json');

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
    return optionLabel(q.options.find((o) => `option:${o.value}` === what), easy);
  };
  for (const [where, t] of byWhere) {
    assert.equal(shown(where, true), t.easyRead || t.text, where);
    if (!where.endsWith('patternMessage')) assert.equal(shown(where, false), t.text, where);
  }
});

test('an easy message for every problem of the shared answer cases, never the standard words', () => {
  const services = new Set(rules.services);
  const env = { today: rules.today, serviceExists: (id) => services.has(id) };
  const byId = new Map(questions(rules.form).map((q) => [q.id, q]));
  const codes = new Set();
  for (const c of rules.cases) {
    for (const p of checkAnswers(rules.form, c.answers, env).problems) {
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
  for (const code of ['required', 'choice', 'number', 'integer', 'min', 'max', 'date', 'future', 'minDate', 'tooLong', 'email', 'phone', 'pattern']) {
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
