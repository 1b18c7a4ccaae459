// A form's languages and its texts in each: the same cases as the Go side
// (testdata/translations.json, read by internal/form's tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { languages, offers, chooseLanguage, text, localized, slots, fallbackOf, defaultDir, mainLanguage } from '../js/i18n.js';
import { label, hint, optionLabel, sectionTitle, statementLabel, introduction, answerWords } from '../js/words.js';
import { checkAnswers, questions } from '../js/rules.js';

const shared = JSON.parse(readFileSync(new URL('../../testdata/translations.json', import.meta.url), 'utf8'));
const form = shared.form;

/** The text at where in a form as it is (a localized copy), read from its fields. */
function at(def, where) {
  const easy = where.endsWith('/easyRead');
  const base = easy ? where.slice(0, -'/easyRead'.length) : where;
  const slot = slots(def).find((s) => s.where === base);
  if (!slot) return '';
  return (easy ? slot.obj[slot.easy] : slot.obj[slot.field]) || '';
}

test('the languages, main first, with their names and directions, as the server lists them', () => {
  assert.deepEqual(languages(form), shared.languages);
  assert.deepEqual(languages({ sections: [] }), [{ code: 'en', name: 'English', dir: 'ltr' }]);
  assert.equal(mainLanguage({ language: 'cy', sections: [] }), 'cy');
  assert.equal(offers(form, 'PL').code, 'pl');
  assert.equal(offers(form, 'de'), undefined);
});

test('directions: right to left for Arabic, Persian, Hebrew, Urdu and the like, and for their scripts', () => {
  for (const c of ['ar', 'fa', 'he', 'ur', 'ps', 'yi', 'sd', 'ckb', 'dv', 'ug', 'ks', 'pa-Arab', 'pa-Arab-PK', 'ar-EG']) assert.equal(defaultDir(c), 'rtl', c);
  for (const c of ['en', 'pl', 'cy', 'en-GB', 'zh-Hant', 'ku-Latn', 'az-Latn']) assert.equal(defaultDir(c), 'ltr', c);
  const named = { sections: [], translations: { ar: { name: 'العربية', dir: 'ltr' } } };
  assert.equal(languages(named)[1].dir, 'ltr', 'a translation\'s own dir wins');
});

test('each text in each language, easy-read wording included, as the server gives it', () => {
  for (const [lang, texts] of Object.entries(shared.texts)) {
    const copy = localized(form, lang);
    for (const [where, want] of Object.entries(texts)) {
      assert.equal(text(form, where, lang), want, `${lang} ${where}`);
      assert.equal(at(copy, where), want, `${lang} ${where} in the localized copy`);
    }
  }
  assert.ok(Object.keys(shared.texts.en).length >= 20);
});

test('the localized copy leaves the form as it was, and keeps ids, values and rules', () => {
  const before = JSON.stringify(form);
  const pl = localized(form, 'pl');
  assert.equal(JSON.stringify(form), before);
  assert.equal(localized(form, 'en'), form, 'the main language is the form itself');
  assert.equal(localized(form, 'de'), form, 'an unknown language is the main one');
  assert.deepEqual(questions(pl).map((q) => [q.id, q.type, q.required, (q.options || []).map((o) => o.value)]),
    questions(form).map((q) => [q.id, q.type, q.required, (q.options || []).map((o) => o.value)]));
  const env = { today: '2026-01-01', serviceExists: () => false };
  const answers = { visits: 'weekly', postcode: 'ab', agree: { near: 'agree' }, more: true };
  const en = checkAnswers(form, answers, env);
  const got = checkAnswers(pl, answers, env);
  assert.deepEqual(got.answers, en.answers);
  assert.deepEqual(got.problems.map((p) => [p.question, p.code]), en.problems.map((p) => [p.question, p.code]));
  assert.equal(got.problems.find((p) => p.code === 'pattern').message, 'Wpisz kod pocztowy, na przykład AB1 2CD.', 'the translated pattern message');
});

test('the screens\' words come from the localized copy: translated, or the main language where partial', () => {
  const ar = localized(form, 'ar');
  const [visits, postcode] = ar.sections[0].questions;
  assert.equal(label(visits, false), 'كم مرة تذهب إلى مركز الرعاية النهارية؟');
  assert.equal(label(visits, true), 'كم مرة تذهب إلى مركز الرعاية النهارية؟', 'a translated text is its own easy read');
  assert.equal(optionLabel(visits.options[0], true), 'كل أسبوع');
  assert.equal(optionLabel(visits.options[1], false), 'كل شهر');
  assert.equal(hint(visits, false), 'Think about the last 3 months.');
  assert.equal(sectionTitle(ar.sections[0], true), 'You', 'a text left out keeps its easy read');
  assert.equal(statementLabel(ar.sections[1].questions[1].statements[1], true), 'Staff are kind');
  assert.equal(introduction(ar, true), 'أخبرنا برأيك في مراكز الرعاية النهارية.');
  // What is shown in the main language says so, with its own language.
  assert.deepEqual(fallbackOf(visits, 'Think about the last 3 months.'), { code: 'en', dir: 'ltr' });
  assert.deepEqual(fallbackOf(ar.sections[0], 'You'), { code: 'en', dir: 'ltr' });
  assert.deepEqual(fallbackOf(postcode, 'Your postcode'), { code: 'en', dir: 'ltr' });
  assert.equal(fallbackOf(visits, label(visits, false)), undefined);
  assert.equal(fallbackOf(visits.options[0], 'كل أسبوع'), undefined);
  assert.equal(fallbackOf(form.sections[0], 'About you'), undefined, 'nothing is marked in the form itself');
  assert.equal(fallbackOf(localized(form, 'pl').sections[0].questions[0], 'Jak często chodzisz do ośrodka dziennego?'), undefined);
});

test('a form opens in the draft\'s language, the last one chosen, or the phone\'s, where the form has it', () => {
  assert.equal(chooseLanguage(form, ['pl-PL', 'en-GB']), 'pl');
  assert.equal(chooseLanguage(form, ['de-DE', 'ar-EG']), 'ar');
  assert.equal(chooseLanguage(form, [undefined, null, 'de']), 'en');
  assert.equal(chooseLanguage(form, ['en-GB', 'pl']), 'en');
  assert.equal(chooseLanguage(form, []), 'en');
  assert.equal(chooseLanguage({ language: 'cy', sections: [] }, ['pl']), 'cy');
});

test('Check your answers marks an answer the partial translation shows in the main language', () => {
  const ar = localized(form, 'ar');
  const q = (id) => questions(ar).find((x) => x.id === id);
  const en = { code: 'en', dir: 'ltr' };
  assert.deepEqual(answerWords(q('visits'), 'weekly'), [{ text: 'كل أسبوع', icon: '' }], 'translated: in the page\'s language');
  const grid = answerWords(q('agree'), { near: 'agree' });
  assert.equal(grid.length, 1);
  assert.deepEqual(grid[0].lang, en, 'a statement and option left in English are marked English');
  const pl = localized(form, 'pl');
  assert.equal(answerWords(questions(pl).find((x) => x.id === 'agree'), { near: 'agree' })[0].lang, undefined);
  // One half left in English: that half alone is marked.
  const half = structuredClone(form);
  half.translations.ar.texts['agree.option:agree'] = 'أوافق';
  const [mixed] = answerWords(questions(localized(half, 'ar')).find((x) => x.id === 'agree'), { near: 'agree' });
  assert.equal(mixed.lang, undefined);
  assert.deepEqual(mixed.parts, [{ text: 'The centre is near my home', lang: en }, { text: ': ' }, { text: 'أوافق', lang: undefined }]);
});

test('the shared answer cases: the same problems and the same stored answers in every language', () => {
  assert.ok(shared.cases.length >= 8, 'the cases did not load');
  const env = { today: '2026-01-01', serviceExists: () => false };
  for (const { code } of languages(form)) {
    const copy = localized(form, code);
    for (const c of shared.cases) {
      const got = checkAnswers(copy, c.answers, env);
      assert.deepEqual(got.problems.map((p) => p.question), c.problems, `${code}, ${c.name}`);
      if (c.stored) assert.deepEqual(got.answers, c.stored, `${code}, ${c.name}: stored`);
    }
  }
});
