// The word counter: its words, and a screen reader told only on a pause.
import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { wordsLeft, limitText, quietly } from '../js/wordcount.js';

test('words left and words too many, counted as the rules count them', () => {
  assert.equal(wordsLeft('', 5).text, '5 words left');
  assert.equal(wordsLeft('  one\ttwo\nthree four ', 5).text, '1 word left');
  assert.equal(wordsLeft('a b c d e', 5).text, '0 words left');
  assert.deepEqual(wordsLeft('a b c d e f', 5), { words: 6, over: true, text: '1 word too many' });
  assert.equal(wordsLeft('a b c d e f g', 5).text, '2 words too many');
  assert.equal(wordsLeft(undefined, 3).text, '3 words left');
  assert.equal(limitText(100), 'You can write up to 100 words');
  assert.equal(limitText(1), 'You can write up to 1 word');
});

test('a screen reader hears the count once typing pauses, and never the same twice', () => {
  mock.timers.enable({ apis: ['setTimeout'] });
  try {
    const heard = [];
    const say = quietly((t) => heard.push(t), 1000);
    say('9 words left');
    mock.timers.tick(300);
    say('8 words left');
    mock.timers.tick(300);
    say('7 words left');
    assert.deepEqual(heard, [], 'nothing while typing');
    mock.timers.tick(1000);
    assert.deepEqual(heard, ['7 words left'], 'the last count, after a pause');
    say('7 words left');
    mock.timers.tick(1000);
    assert.deepEqual(heard, ['7 words left'], 'not said again');
    say('1 word too many');
    mock.timers.tick(1000);
    assert.deepEqual(heard, ['7 words left', '1 word too many']);
  } finally {
    mock.timers.reset();
  }
});
