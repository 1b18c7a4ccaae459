// Read aloud: a button per question and option wherever the browser can
// speak. Browsers load their voices late (Chrome and Android after the
// page starts), so the buttons are always drawn and shown by a class on
// the page once voices are there: looked for at start, whenever the browser
// reports them (voiceschanged), and on each new screen.
import { h } from './dom.js';

const speech = () => ('speechSynthesis' in window ? window.speechSynthesis : null);

/** Shows or hides the read-aloud buttons by whether the browser has voices now. */
export function checkVoices() {
  let found = false;
  try { found = (speech()?.getVoices() || []).length > 0; } catch { /* none */ }
  document.documentElement.classList.toggle('no-speech', !found);
  return found;
}

/** Looks for voices now and whenever the browser says they changed. */
export function watchVoices() {
  checkVoices();
  const s = speech();
  if (!s) return;
  if (s.addEventListener) s.addEventListener('voiceschanged', checkVoices);
  else s.onvoiceschanged = checkVoices;
}

/**
 * A button that reads text aloud, named "Listen: name"; with word, it
 * shows the word "Listen" beside its picture. None where the browser
 * cannot speak at all.
 */
export function speakButton(text, name, word = false) {
  if (!speech()) return null;
  return h('button', {
    type: 'button', class: `speak${word ? ' speak-word' : ''}`, 'aria-label': `Listen: ${name}`,
    onclick: () => {
      const s = speech();
      s.cancel();
      const u = new SpeechSynthesisUtterance(text);
      u.lang = document.documentElement.lang || 'en-GB';
      s.speak(u);
    },
  }, h('span', { 'aria-hidden': 'true' }, '🔊'), word ? h('span', { 'aria-hidden': 'true' }, 'Listen') : null);
}

/** Texts read one after another, each ending as a sentence does. */
export const sentences = (...texts) => texts.filter(Boolean).map((s) => (/[.?!:]$/.test(s) ? s : `${s}.`)).join(' ');
