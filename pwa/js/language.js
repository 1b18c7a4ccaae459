// The person's language on the page: the one they chose last (kept on the
// device, so it works with no signal), the app's words loaded for it, the
// page marked with its lang and dir, and the pickers a form with
// translations shows: buttons on its first screen and a list in the header
// while it is filled. A form with one language shows neither.
import { h } from './dom.js';
import { languages, defaultDir, fallbackOf } from './i18n.js';
import { t, loadMessages, locale } from './messages.js';

const KEY = 'chorus.language';

/** The language the person chose last on this device, or ''. */
export function remembered() {
  try { return localStorage.getItem(KEY) || ''; } catch { return ''; }
}

/** Keeps the person's choice of language on the device. */
export function remember(code) {
  try { localStorage.setItem(KEY, code); } catch { /* private mode: chosen for now only */ }
}

/** The languages the person wants, best first: their last choice, then the phone's. */
export const wanted = () => [remembered(), ...(navigator.languages || [navigator.language])].filter(Boolean);

/**
 * Uses the app's words in the language code (English where there is no
 * file for it) and marks the page with the language of those words.
 */
export async function useLanguage(code) {
  const got = await loadMessages(code);
  const root = document.documentElement;
  const changed = root.lang !== locale();
  root.lang = locale();
  root.dir = defaultDir(got);
  if (changed) window.dispatchEvent(new Event('chorus:language'));
  return got;
}

/**
 * A text of a localized form in an element of its own language when it is
 * shown in the form's main language (a partial translation), else the text.
 * obj is the form, section, question, option or statement it belongs to.
 */
export function inLang(text, obj) {
  const l = text ? fallbackOf(obj, text) : undefined;
  return l ? h('span', { lang: l.code, dir: l.dir }, text) : text;
}

/** The code of the main language a localized form's text is shown in (see inLang), or ''. */
export const langOf = (text, obj) => (text && obj && fallbackOf(obj, text)?.code) || '';

/** The content of a form's screen, marked with the language and direction it is shown in. */
export function formPage(lang, ...children) {
  return h('div', { class: 'form-page', lang: lang.code, dir: lang.dir, 'data-name': lang.name }, ...children);
}

/** The language {code, name, dir} of a form shown in code (its main one when unknown). */
export function languageOf(def, code) {
  const all = languages(def);
  return all.find((l) => l.code === code) || all[0];
}

/**
 * Buttons for the form's languages, each named in its own language, the
 * one shown pressed: for a form's first screen. null for a form in one
 * language. onPick(code) is called with the one chosen.
 */
export function languageButtons(def, current, onPick) {
  const all = languages(def);
  if (all.length < 2) return null;
  return h('div', { class: 'languages', role: 'group', 'aria-labelledby': 'languages-label' },
    h('p', { class: 'languages-label', id: 'languages-label' }, h('span', { 'aria-hidden': 'true' }, '🌐 '), t('language.choose')),
    h('div', { class: 'languages-list' }, all.map((l) => h('button', {
      type: 'button', class: 'secondary language', lang: l.code, dir: l.dir, 'aria-pressed': String(l.code === current),
      'data-language': l.code, onclick: () => { if (l.code !== current) onPick(l.code); },
    }, l.name))));
}

/**
 * A list of the form's languages in the page's header, while a form is
 * filled (none for a form in one language). Replaces the one there.
 */
export function headerPicker(def, current, onPick) {
  clearHeaderPicker();
  const all = languages(def);
  const header = document.querySelector('.header');
  if (all.length < 2 || !header) return;
  const select = h('select', { id: 'header-language', onchange: (e) => onPick(e.target.value) },
    all.map((l) => h('option', { value: l.code, lang: l.code, dir: l.dir, selected: l.code === current }, l.name)));
  header.append(h('div', { class: 'header-language', id: 'header-language-box' },
    h('label', { for: 'header-language' }, h('span', { 'aria-hidden': 'true' }, '🌐'), h('span', { class: 'visually-hidden' }, t('language.label'))),
    select));
}

/** Takes the header's list of languages away (a screen that is not a form). */
export function clearHeaderPicker() {
  document.getElementById('header-language-box')?.remove();
}
