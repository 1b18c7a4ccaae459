// Drafts on a shared phone: who sees and sends what, how far a draft has
// got, and a progress line that never jumps.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { ownerOf, visibleTo, sendable, progress, position, latestDraft, hasAnswers, visibleIds, sectionVisible } from '../js/drafts.js';

const env = { today: '2026-06-15', serviceExists: () => true };
// Two questions always shown, and two that a "yes" reveals.
const def = {
  id: 'f', version: '1', title: 'F', kind: 'visit', audience: 'volunteers',
  sections: [{ title: 'S', questions: [
    { id: 'team', type: 'number', label: 'Team', required: true },
    { id: 'worry', type: 'yesNo', label: 'Worry', required: true },
    { id: 'phone', type: 'notice', label: 'Phone', showIf: { question: 'worry', equals: true } },
    { id: 'what', type: 'longText', label: 'What', showIf: { question: 'worry', equals: true } },
    { id: 'well', type: 'longText', label: 'Well' },
  ] }],
};

test('the owner is the signed-in volunteer, or nobody', () => {
  assert.equal(ownerOf(null), null);
  assert.equal(ownerOf({ token: 't', volunteer: { id: 'v1', name: 'Ann' } }), 'v1');
  assert.equal(ownerOf({ token: 't', volunteer: { id: 'v1', name: 'Ann' }, refused: true }), 'v1');
});

test('a volunteer sees only their own items; a resident only items written with no sign-in', () => {
  const a = { owner: 'A' };
  const none = { owner: null };
  assert.ok(visibleTo(a, 'A'));
  assert.ok(!visibleTo(a, 'B'));
  assert.ok(!visibleTo(a, null));
  assert.ok(visibleTo(none, null));
  assert.ok(!visibleTo(none, 'A'));
  assert.ok(visibleTo({}, null), 'an item with no owner recorded is nobody\'s');
});

test('an item is sent under its own volunteer\'s sign-in only, or is a public form written with no sign-in', () => {
  const visitOfA = { owner: 'A', audience: 'volunteers' };
  assert.ok(sendable(visitOfA, 'A'));
  assert.ok(!sendable(visitOfA, 'B'));
  assert.ok(!sendable(visitOfA, null));
  const consultationOfA = { owner: 'A', audience: 'public' };
  assert.ok(!sendable(consultationOfA, 'B'), 'a volunteer\'s own public response waits for them too');
  const residents = { owner: null, audience: 'public' };
  assert.ok(sendable(residents, null));
  assert.ok(sendable(residents, 'B'));
  const ownerlessVisit = { owner: null, audience: 'volunteers' };
  assert.ok(!sendable(ownerlessVisit, 'B'), 'never sent under someone else\'s name');
});

test('progress counts the questions shown for the answers given', () => {
  assert.deepEqual(progress(def, {}, env), { answered: 0, total: 3 });
  assert.deepEqual(progress(def, { team: 3, worry: false }, env), { answered: 2, total: 3 });
  assert.deepEqual(progress(def, { team: 3, worry: true }, env), { answered: 2, total: 4 });
  assert.deepEqual(progress(def, { team: 'three' }, env), { answered: 1, total: 3 }, 'an answer being typed counts');
  assert.deepEqual([...visibleIds(def, { worry: true }, env)], ['team', 'worry', 'phone', 'what', 'well']);
});

test('the progress line keeps its total and only grows, whatever appears', () => {
  for (const answers of [{}, { worry: false }, { worry: true }]) {
    const shown = visibleIds(def, answers, env);
    let last = 0;
    for (const id of ['team', 'worry', 'phone', 'what', 'well'].filter((x) => shown.has(x))) {
      const { n, total } = position(def, id);
      assert.equal(total, 5);
      assert.ok(n > last, `${id} at ${n} after ${last}`);
      last = n;
    }
  }
});

test('the latest of a person\'s own drafts of a form', () => {
  const drafts = [
    { id: '1', formId: 'f', owner: 'A', updatedAt: 5, answers: { team: 1 } },
    { id: '2', formId: 'f', owner: 'A', updatedAt: 9, answers: { team: 2 } },
    { id: '3', formId: 'f', owner: 'B', updatedAt: 20, answers: { team: 3 } },
    { id: '4', formId: 'g', owner: 'A', updatedAt: 30, answers: { team: 4 } },
  ];
  assert.equal(latestDraft(drafts, 'f', 'A').id, '2');
  assert.equal(latestDraft(drafts, 'f', 'B').id, '3');
  assert.equal(latestDraft(drafts, 'f', null), undefined);
  assert.ok(hasAnswers(drafts[0]));
  assert.ok(!hasAnswers({ answers: { a: '', b: [] } }));
});

// The consultation of the shared answer cases: guidance, a section behind
// a condition ("About you (optional)", not for organisations), and
// questions behind notEquals, noneOf and answered.
const consult = JSON.parse(readFileSync(new URL('../../testdata/answer-rules-consultation.json', import.meta.url), 'utf8')).form;

test('guidance is not a question: not in progress, not counted in the progress line', () => {
  const taking = consult.sections.flatMap((s) => s.questions).filter((q) => q.type !== 'guidance');
  assert.ok(visibleIds(consult, {}, env).has('intro'), 'the guidance is shown');
  // Shown: respondingAs, heard, aims, views, priorities, explain, heardNothing.
  assert.deepEqual(progress(consult, {}, env), { answered: 0, total: 7 });
  assert.deepEqual(progress(consult, { respondingAs: 'person', aims: { fair: 'agree' } }, env), { answered: 2, total: 8 }, 'About you is asked of a person');
  assert.equal(position(consult, 'respondingAs').n, 1);
  assert.equal(position(consult, 'aims').total, taking.length);
  // The guidance stands at the place of the question after it.
  assert.deepEqual(position(consult, 'intro'), position(consult, 'aims'));
  assert.equal(position(consult, 'aims').n, position(consult, 'heard').n + 1);
});

test('a section shows when its condition holds and one of its questions shows', () => {
  const about = consult.sections.find((s) => s.id === 'aboutYou');
  assert.ok(sectionVisible(about, visibleIds(consult, { respondingAs: 'person' }, env)));
  assert.ok(!sectionVisible(about, visibleIds(consult, { respondingAs: 'organisation' }, env)), 'its condition fails');
  const you = consult.sections.find((s) => s.id === 'you');
  assert.ok(sectionVisible(you, visibleIds(consult, {}, env)));
  // Guidance alone does not keep a section whose questions are hidden…
  const hidden = { title: 'H', questions: [{ id: 'g', type: 'guidance', body: 'x' }, { id: 'q', type: 'shortText', label: 'Q' }] };
  assert.ok(!sectionVisible(hidden, new Set(['g'])));
  // …but a section of guidance only shows it.
  assert.ok(sectionVisible({ title: 'End', questions: [{ id: 'g', type: 'guidance', body: 'x' }] }, new Set(['g'])));
});
