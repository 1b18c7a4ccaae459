// The app's own words (buttons, headings, progress, the rules' messages)
// in the person's language: one message file a language, pwa/i18n/CODE.json,
// a key a message. English (en.json) stands in for a language with no file
// and for a key a file lacks. A council adds a language by adding a file:
// no code changes (the server embeds it and the service worker keeps it).
//
// A message is a string with {names} filled from t's params, or, for a
// count, an object of plural forms ({one, few, many, other}: the forms
// Intl.PluralRules gives for the language) chosen by params.count.
// Numbers in params are written as the language writes them (Intl).

let english = {};
let current = {};
let lang = 'en';
const files = new Map(); // code → its messages once loaded, or null when the server has no file for it

// In node (the unit tests), English is read from its file at once; the app
// loads it with loadMessages before it draws anything.
if (typeof window === 'undefined' && typeof process !== 'undefined' && process.versions?.node) {
  const { readFileSync } = await import('node:fs');
  english = JSON.parse(readFileSync(new URL('../i18n/en.json', import.meta.url), 'utf8'));
  current = english;
}

/** The message file of a language from the server (the device's copy offline), or null. */
async function file(code) {
  if (files.has(code)) return files.get(code);
  try {
    const res = await fetch(`/i18n/${encodeURIComponent(code)}.json`, { credentials: 'same-origin' });
    if (res.ok) {
      const dict = await res.json();
      files.set(code, dict);
      return dict;
    }
    if (res.status === 404) files.set(code, null); // not asked again until the app reloads
  } catch { /* offline with no copy, or not JSON: English stands */ }
  return null;
}

/**
 * Uses the words of the language code (else of its base language, pl for
 * pl-PL; else English). Returns the code of the words now used.
 */
export async function loadMessages(code) {
  if (!files.has('en')) english = (await file('en')) || english;
  const wanted = String(code || 'en');
  const tries = [...new Set([wanted, wanted.split('-')[0]])].filter((c) => c && c.split('-')[0] !== 'en');
  for (const c of tries) {
    const dict = await file(c);
    if (dict) return useMessages(c, dict);
  }
  return useMessages('en', english);
}

/** Uses the given words for the language code (tests; loadMessages). Returns code. */
export function useMessages(code, dict) {
  lang = code;
  current = dict;
  return code;
}

/** The code of the language whose words are used now. */
export const messagesLanguage = () => lang;

/** The locale dates and numbers are written in: British English for English. */
export const locale = () => (lang === 'en' ? 'en-GB' : lang);

/** A number as the language writes it. */
export function number(n) {
  try { return new Intl.NumberFormat(locale()).format(n); } catch { return String(n); }
}

/** The plural form of a count in the language: one, few, many, other… */
function plural(count) {
  try { return new Intl.PluralRules(locale()).select(count); } catch { return count === 1 ? 'one' : 'other'; }
}

/**
 * The message key in the language used now, its {names} filled from
 * params; the key itself when no file has it (a mistake to see, not hide).
 */
export function t(key, params = {}) {
  let m = current[key] ?? english[key];
  if (m === undefined || m === null) return key;
  if (typeof m === 'object') m = m[plural(Number(params.count) || 0)] ?? m.other ?? '';
  return String(m).replace(/\{(\w+)\}/g, (all, name) => {
    if (!(name in params)) return all;
    const v = params[name];
    return typeof v === 'number' ? number(v) : String(v);
  });
}
