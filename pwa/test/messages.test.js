// The app's own words: every message file has every English key, the same
// {names}, the plural forms its language needs; every key the app uses is
// in English; and the rules' messages come out whole in each language.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { t, useMessages, number } from '../js/messages.js';
import { checkAnswers, questions, sayDate } from '../js/rules.js';
import { easyError } from '../js/words.js';
import { wordsLeft } from '../js/wordcount.js';

const dir = new URL('../i18n/', import.meta.url);
const files = Object.fromEntries(readdirSync(dir).filter((f) => f.endsWith('.json'))
  .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(new URL(f, dir), 'utf8'))]));
const en = files.en;
const keys = (dict) => Object.keys(dict).filter((k) => !k.startsWith('_'));
const names = (m) => new Set([...(typeof m === 'object' ? Object.values(m) : [m]).join(' ').matchAll(/\{(\w+)\}/g)].map((x) => x[1]));
const shared = (name) => JSON.parse(readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8'));

test('English, Polish and Arabic are shipped, each other language with a note that a native speaker must check it', () => {
  for (const code of ['en', 'pl', 'ar']) assert.ok(files[code], `${code}.json`);
  for (const [code, dict] of Object.entries(files)) {
    if (code !== 'en') assert.match(dict._about || '', /native speaker must check/, `${code}.json has no note for its checker`);
  }
});

for (const [code, dict] of Object.entries(files)) {
  if (code === 'en') continue;
  test(`${code}.json: every English message, with the same {names} and the plural forms ${code} needs`, () => {
    const categories = new Set(new Intl.PluralRules(code).resolvedOptions().pluralCategories);
    assert.deepEqual(keys(en).filter((k) => !(k in dict)), [], 'missing (English would be shown)');
    assert.deepEqual(keys(dict).filter((k) => !(k in en)), [], 'not in en.json (a mistyped key is never shown)');
    for (const k of keys(en)) {
      const m = dict[k];
      assert.deepEqual([...names(m)].sort(), [...names(en[k])].sort(), `${code} ${k}: its {names}`);
      if (typeof m === 'object') {
        assert.deepEqual(Object.keys(m).filter((c) => !categories.has(c)), [], `${code} ${k}: forms ${code} has not`);
        assert.deepEqual([...categories].filter((c) => !(c in m)), [], `${code} ${k}: forms missing`);
      } else {
        assert.equal(typeof m, 'string', `${code} ${k}`);
        assert.ok(m.trim() !== '', `${code} ${k} is empty`);
      }
    }
  });
}

test('every message the app asks for is in en.json', () => {
  const src = new URL('../js/', import.meta.url);
  const used = new Set();
  for (const f of readdirSync(src).filter((x) => x.endsWith('.js'))) {
    for (const m of readFileSync(new URL(f, src), 'utf8').matchAll(/\bt\('([\w.]+)'/g)) used.add(m[1]);
  }
  assert.ok(used.size > 100, `only ${used.size} messages found in the code`);
  assert.deepEqual([...used].filter((k) => !(k in en)), []);
});

test('a message fills its names and picks its plural form by the language', () => {
  useMessages('en', en);
  assert.equal(t('easy.question', { n: 3, total: 12 }), 'Question 3 of 12');
  assert.equal(wordsLeft('one', 2).text, '1 word left');
  assert.equal(t('no.such.key'), 'no.such.key');
  useMessages('pl', files.pl);
  assert.equal(wordsLeft('', 1).text, 'Zostało 1 słowo');
  assert.equal(wordsLeft('', 3).text, 'Zostały 3 słowa');
  assert.equal(wordsLeft('', 5).text, 'Zostało 5 słów');
  assert.equal(wordsLeft('', 22).text, 'Zostały 22 słowa');
  assert.equal(t('easy.question', { n: 3, total: 12 }), 'Pytanie 3 z 12');
  // Numbers and dates as each language writes them (CLDR, through Intl).
  assert.equal(number(1234.5), '1234,5');
  assert.equal(number(12345.5), '12 345,5'.replace(' ', '\u00a0'));
  assert.equal(sayDate('2026-12-31'), '31 grudnia 2026');
  useMessages('ar', files.ar);
  assert.equal(wordsLeft('', 2).text, 'بقيت كلمتان');
  assert.equal(wordsLeft('', 7).text, 'بقيت 7 كلمات');
  assert.equal(t('easy.question', { n: 3, total: 12 }), 'السؤال 3 من 12');
  assert.equal(number(1234.5), '1,234.5');
  assert.equal(sayDate('2026-12-31'), '31 ديسمبر 2026');
  useMessages('en', en);
  assert.equal(sayDate('2026-12-31'), '31 December 2026', 'British English: day first');
  assert.equal(number(1234.5), '1,234.5');
  useMessages('cy', {});
  assert.equal(t('fill.send'), 'Send', 'a language with no words of its own shows English');
  useMessages('en', en);
});

test('the rules\' messages and easy read\'s come out whole in every language, quoting the form\'s words', () => {
  for (const [code, dict] of Object.entries(files)) {
    useMessages(code, dict);
    for (const name of ['answer-rules.json', 'answer-rules-consultation.json']) {
      const cases = shared(name);
      const env = { today: cases.today, serviceExists: (id) => cases.services.includes(id) };
      const byId = new Map(questions(cases.form).map((q) => [q.id, q]));
      for (const c of cases.cases) {
        for (const p of checkAnswers(cases.form, c.answers, env).problems) {
          const easy = byId.get(p.question) ? easyError(byId.get(p.question), p) : '';
          for (const m of [p.message, easy]) {
            assert.doesNotMatch(m, /\{\w+\}|^(rules|easyError)\./, `${code} ${c.name}: ${m}`);
          }
          const q = byId.get(p.question);
          if (q && !['unknown', 'pattern', 'other', 'characters', 'otherTooLong'].includes(p.code)) assert.ok(p.message.includes(q.label), `${code} ${c.name}: ${p.message}`);
          if (code !== 'en' && p.code !== 'pattern') assert.notEqual(p.message, (useMessages('en', en), checkAnswers(cases.form, c.answers, env).problems.find((x) => x.question === p.question).message), `${code} ${c.name}: not translated`);
          useMessages(code, dict);
        }
      }
    }
  }
  useMessages('en', en);
});
