import { test } from 'node:test';
import assert from 'node:assert/strict';
import { retryDelay, outcome, batches, settle, MAX_BATCH } from '../js/outbox-policy.js';

test('back-off grows, is capped, and has jitter within bounds', () => {
  const low = (a) => retryDelay(a, { random: () => 0 });
  const high = (a) => retryDelay(a, { random: () => 1 });
  assert.equal(high(1), 5_000);
  assert.equal(low(1), 2_500);
  assert.equal(high(2), 10_000);
  assert.equal(high(4), 40_000);
  assert.equal(high(30), 15 * 60_000);
  assert.ok(low(30) >= 7.5 * 60_000);
  for (let a = 1; a < 12; a++) assert.ok(high(a + 1) >= high(a));
});

test('Retry-After is a floor', () => {
  assert.equal(retryDelay(1, { random: () => 0, retryAfter: 30 }), 30_000);
  assert.equal(retryDelay(8, { random: () => 1, retryAfter: 1 }), 640_000);
});

test('statuses', () => {
  assert.equal(outcome(201), 'sent');
  assert.equal(outcome(200), 'sent');
  for (const s of [400, 403, 404, 409, 413, 422]) assert.equal(outcome(s), 'rejected', String(s));
  assert.equal(outcome(401), 'signin');
  for (const s of [0, 429, 500, 502, 503, 504]) assert.equal(outcome(s), 'retry', String(s));
});

test('batches keep order and respect both limits', () => {
  const items = Array.from({ length: 1201 }, (_, i) => ({ id: String(i) }));
  const byCount = batches(items);
  assert.deepEqual(byCount.map((b) => b.length), [MAX_BATCH, MAX_BATCH, 201]);
  assert.deepEqual(byCount.flat().map((x) => x.id), items.map((x) => x.id));
  const bySize = batches(items.slice(0, 10), { maxBytes: 35, size: () => 10 });
  assert.deepEqual(bySize.map((b) => b.length), [3, 3, 3, 1]);
  const huge = batches([{ id: 'a' }, { id: 'b' }], { maxBytes: 5, size: () => 100 });
  assert.deepEqual(huge.map((b) => b.length), [1, 1]);
  assert.deepEqual(batches([]), []);
});

test('settle: only confirmed items leave, rejected ones keep the server words', () => {
  const sent = [{ id: 'a' }, { id: 'b' }, { id: 'c', attempts: 2 }, { id: 'd' }, { id: 'e' }];
  const { done, kept } = settle(sent, [
    { id: 'a', status: 201, receipt: 'CH-AAAA-AA' },
    { id: 'b', status: 200, receipt: 'CH-BBBB-BB' },
    { id: 'c', status: 503 },
    { id: 'd', status: 422, detail: 'Fix it', errors: [{ question: 'q', message: 'm' }] },
  ], 42);
  assert.deepEqual(done, [
    { id: 'a', receipt: 'CH-AAAA-AA', sentAt: 42 },
    { id: 'b', receipt: 'CH-BBBB-BB', sentAt: 42 },
  ]);
  assert.deepEqual(kept, [
    { id: 'c', attempts: 3, state: 'waiting' },
    { id: 'd', state: 'rejected', detail: 'Fix it', errors: [{ question: 'q', message: 'm' }] },
    { id: 'e', attempts: 1, state: 'waiting' },
  ]);
});

test('settle: a garbled answer sends nothing away', () => {
  const sent = [{ id: 'a' }];
  for (const results of [null, undefined, [], [null], [{ status: 201 }]]) {
    const { done, kept } = settle(sent, results);
    assert.equal(done.length, 0);
    assert.equal(kept.length, 1);
  }
});

test('settle: a revoked device session keeps everything for later', () => {
  const { done, kept } = settle([{ id: 'a' }, { id: 'b' }], [{ id: 'a', status: 401 }, { id: 'b', status: 401 }]);
  assert.equal(done.length, 0);
  assert.deepEqual(kept.map((k) => k.state), ['signin', 'signin']);
});
