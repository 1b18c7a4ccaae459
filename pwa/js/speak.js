// Read aloud: a button per question and option wherever the browser can
// speak. Browsers load their voices late (Chrome and Android after the
// page starts), so the buttons are always drawn and shown by a class on
// the page once voices are there: looked for at start, whenever the browser
// reports them (voiceschanged), and on each new screen. Text is read in
// a voice of the language it is shown in; a form in a language the phone
// has no voice for says so, and shows no buttons.
import { h } from './dom.js';
import { t } from './messages.js';

const speech = () => ('speechSynthesis' in window ? window.speechSynthesis : null);

function voices() {
  try { return speech()?.getVoices() || []; } catch { return []; }
}

/**
 * The phone's voice for the language code (BCP 47): one of the same code,
 * else of the same language (en-GB for en; pl for pl-PL), the phone's
 * default among them first; undefined when it has none.
 */
export function voiceFor(code, all = voices()) {
  const want = String(code || '').toLowerCase().replace(/_/g, '-');
  const base = want.split('-')[0];
  const norm = (v) => String(v.lang || '').toLowerCase().replace(/_/g, '-');
  const best = (list) => list.find((v) => v.default) || list[0];
  return best(all.filter((v) => norm(v) === want)) || best(all.filter((v) => norm(v).split('-')[0] === base));
}

/**
 * Shows or hides the read-aloud buttons by whether the browser has voices
 * now; on a form's screen (.form-page) in a language with none, hides them
 * there and says so.
 */
export function checkVoices() {
  const all = voices();
  const found = all.length > 0;
  document.documentElement.classList.toggle('no-speech', !found);
  for (const page of document.querySelectorAll('.form-page[lang]')) {
    const none = found && !voiceFor(page.lang, all);
    page.classList.toggle('no-voice', none);
    const note = page.querySelector(':scope > .voice-note');
    if (none && !note) page.prepend(h('p', { class: 'voice-note hint', role: 'note' }, t('speak.noVoice', { language: page.dataset.name || page.lang })));
    if (!none && note) note.remove();
  }
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
 * cannot speak at all. The text is read in the language lang, by default
 * that of the screen the button is on.
 */
export function speakButton(text, name, word = false, lang = '') {
  if (!speech()) return null;
  return h('button', {
    type: 'button', class: `speak${word ? ' speak-word' : ''}`, 'aria-label': t('speak.label', { name }),
    onclick: (e) => {
      const s = speech();
      s.cancel();
      const u = new SpeechSynthesisUtterance(text);
      // The language of the screen the button is on: the form's, else the page's.
      u.lang = lang || e.currentTarget.closest('[lang]')?.lang || document.documentElement.lang || 'en-GB';
      const voice = voiceFor(u.lang);
      try { if (voice) u.voice = voice; } catch { /* not one of the browser's own voices: its lang stands */ }
      s.speak(u);
    },
  }, h('span', { 'aria-hidden': 'true' }, '🔊'), word ? h('span', { 'aria-hidden': 'true' }, t('speak.listen')) : null);
}

/** Texts read one after another, each ending as a sentence does. */
export const sentences = (...texts) => texts.filter(Boolean).map((s) => (/[.?!:؟۔。！？]$/u.test(s) ? s : `${s}.`)).join(' ');
