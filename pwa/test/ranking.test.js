// Putting a ranking in order: moves, drags, and what is said after each.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startOrder, move, moveTo, placeText, edgeText } from '../js/ranking.js';

const q = { options: [{ value: 'cost' }, { value: 'choice' }, { value: 'speed' }] };

test('an untouched ranking shows the form\'s order; an answer shows its own', () => {
  assert.deepEqual(startOrder(q, undefined), ['cost', 'choice', 'speed']);
  assert.deepEqual(startOrder(q, ['speed', 'cost', 'choice']), ['speed', 'cost', 'choice']);
  assert.deepEqual(startOrder(q, ['speed']), ['cost', 'choice', 'speed'], 'a partial answer is not an order');
  assert.deepEqual(startOrder(q, ['speed', 'speed', 'cost']), ['cost', 'choice', 'speed']);
});

test('up and down move one place, never past either end, and leave the old order alone', () => {
  const order = ['cost', 'choice', 'speed'];
  assert.deepEqual(move(order, 'speed', -1), ['cost', 'speed', 'choice']);
  assert.deepEqual(move(order, 'cost', 1), ['choice', 'cost', 'speed']);
  assert.deepEqual(move(order, 'cost', -1), order);
  assert.deepEqual(move(order, 'speed', 1), order);
  assert.deepEqual(move(order, 'nothing', 1), order);
  assert.deepEqual(order, ['cost', 'choice', 'speed']);
});

test('a drag puts an option at a place', () => {
  const order = ['cost', 'choice', 'speed'];
  assert.deepEqual(moveTo(order, 'speed', 0), ['speed', 'cost', 'choice']);
  assert.deepEqual(moveTo(order, 'cost', 2), ['choice', 'speed', 'cost']);
  assert.deepEqual(moveTo(order, 'cost', 9), ['choice', 'speed', 'cost']);
});

test('where an option lands is said in words', () => {
  assert.equal(placeText('Cost', ['choice', 'cost', 'speed'], 'cost'), 'Cost is now 2 of 3');
  assert.equal(edgeText('Cost', true), 'Cost is already first');
  assert.equal(edgeText('Speed', false), 'Speed is already last');
});
