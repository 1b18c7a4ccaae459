// Runs the answer rules over the same cases file as the Go tests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { checkAnswers } from '../js/rules.js';

const files = { 'answer-rules.json': 40, 'answer-rules-consultation.json': 30 };

function expandLong(answers) {
  for (const [k, v] of Object.entries(answers)) {
    if (typeof v === 'string' && v.startsWith('LONG:')) answers[k] = 'x'.repeat(Number(v.slice(5)));
  }
  return answers;
}

for (const [name, least] of Object.entries(files)) {
  const shared = JSON.parse(readFileSync(new URL(`../../testdata/${name}`, import.meta.url), 'utf8'));
  const services = new Set(shared.services);
  const env = { today: shared.today, serviceExists: (id) => services.has(id) };

  test(`${name} loaded`, () => {
    assert.ok(shared.cases.length >= least, `only ${shared.cases.length} cases`);
  });

  for (const c of shared.cases) {
    test(`${name}: ${c.name}`, () => {
      const { answers, problems } = checkAnswers(shared.form, expandLong(c.answers), env);
      assert.deepEqual(problems.map((p) => p.question).sort(), [...c.problems].sort(), JSON.stringify(problems));
      for (const p of problems) assert.ok(p.message.length > 0);
      if (c.stored) assert.deepEqual(answers, c.stored);
    });
  }
}
