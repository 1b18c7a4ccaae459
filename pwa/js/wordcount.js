// The word counter under a text box with a word limit: what it says, and
// how often a screen reader hears it. Pure: the screen and the tests share it.
import { countWords } from './rules.js';
import { t } from './messages.js';

/** What the counter says: "12 words left", "1 word left", "3 words too many". */
export function wordsLeft(text, max) {
  const n = countWords(text || '');
  const left = max - n;
  return { words: n, over: left < 0, text: left >= 0 ? t('words.left', { count: left }) : t('words.over', { count: -left }) };
}

/** The limit as a hint: "You can write up to 100 words". */
export const limitText = (max) => t('words.limit', { count: max });

/**
 * A speaker that is not chatty: each call waits for a pause in typing
 * (delay ms with no other call) before it speaks, and never repeats what it
 * said last. speak(text) puts the text where a screen reader reads it.
 */
export function quietly(speak, delay = 1000, timers = globalThis) {
  let timer = null;
  let last = null;
  return (text) => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      if (text === last) return;
      last = text;
      speak(text);
    }, delay);
  };
}
