// The page around every screen: where screens are drawn, the title, which
// screen is current, and whether easy read is on.
import { h } from './dom.js';
import { checkVoices } from './speak.js';
import { t } from './messages.js';
import { formPage, headerPicker } from './language.js';

export const main = document.getElementById('main');
const EASY_KEY = 'chorus.easyRead';

/** Whether easy read is on: one question a screen, in easy words (remembered on the device). */
export const easyRead = () => localStorage.getItem(EASY_KEY) === 'on';
/** Turns easy read on or off. */
export const setEasyRead = (on) => localStorage.setItem(EASY_KEY, on ? 'on' : 'off');

export function setTitle(title) { document.title = `${title} – Chorus`; }

// Each route gets a token; a screen whose route is no longer current (a slow
// offline fetch finishing after the person moved on) must not draw.
let routeToken = 0;
/** Starts a new route; returns its token. */
export const nextRoute = () => ++routeToken;
/** The current route's token. */
export const currentRoute = () => routeToken;

/** Draws a screen, if its route is still current, and moves focus to its heading. */
export function show(token, ...children) {
  if (token !== routeToken) return;
  main.replaceChildren(...children.flat(Infinity).filter(Boolean));
  const h1 = main.querySelector('h1');
  if (h1) { h1.tabIndex = -1; h1.focus(); }
}

/**
 * Draws a screen of a form being filled (state: fill.js), its content
 * marked with the language it is shown in, and the list of the form's
 * languages in the header.
 */
export function showForm(state, ...children) {
  show(state.token, formPage(state.lang, ...children));
  if (state.token !== routeToken) return;
  headerPicker(state.raw, state.lang.code, state.actions.language);
  checkVoices();
}

/** A screen that says something went wrong or is missing, with the way back. */
export function message(token, title, text) {
  setTitle(title);
  show(token, h('h1', {}, title), h('p', {}, text), h('a', { href: '#/' }, t('nav.backToForms')));
}

/**
 * A field that people never see or reach, which bots fill in: the server
 * quietly drops a response that has it.
 */
export function honeypot() {
  return h('div', { class: 'hp', 'aria-hidden': 'true' },
    h('label', { for: 'website' }, 'Leave this empty'),
    h('input', { type: 'text', id: 'website', name: 'website', tabindex: '-1', autocomplete: 'off' }));
}
