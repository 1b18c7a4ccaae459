// Reads the guidance texts the Go tests read too.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseGuidance } from '../js/guidance.js';

const shared = JSON.parse(readFileSync(new URL('../../testdata/guidance.json', import.meta.url), 'utf8'));

test('the shared file loaded', () => assert.ok(shared.cases.length >= 10));

for (const c of shared.cases) {
  test(c.name, () => assert.deepEqual(parseGuidance(c.body), c.blocks));
}
