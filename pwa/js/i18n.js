// A form's languages and its texts in one of them: the same rules as the
// server's (internal/form/translate.go: Languages, Text, Localized), both
// tested against testdata/translations.json. Only words change with the
// language: ids, option values, rules and conditions are the form's own,
// so an answer means the same whatever the language it was given in.
// Pure functions: no page needed.

export const DEFAULT_LANGUAGE = 'en';
const EASY = '/easyRead';

// Written right to left: these languages, and codes naming these scripts.
const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'syr', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

// A main language's name in its own words (a translation gives its own).
const NAMES = {
  am: 'አማርኛ', ar: 'العربية', bg: 'Български', bn: 'বাংলা', cs: 'Čeština',
  cy: 'Cymraeg', de: 'Deutsch', en: 'English', es: 'Español', fa: 'فارسی',
  fr: 'Français', ga: 'Gaeilge', gd: 'Gàidhlig', gu: 'ગુજરાતી', he: 'עברית',
  hi: 'हिन्दी', hu: 'Magyar', it: 'Italiano', ku: 'Kurdî', lt: 'Lietuvių',
  lv: 'Latviešu', ne: 'नेपाली', pa: 'ਪੰਜਾਬੀ', pl: 'Polski', ps: 'پښتو',
  pt: 'Português', ro: 'Română', ru: 'Русский', sk: 'Slovenčina', so: 'Soomaali',
  sq: 'Shqip', ta: 'தமிழ்', ti: 'ትግርኛ', tr: 'Türkçe', uk: 'Українська',
  ur: 'اردو', vi: 'Tiếng Việt', yi: 'ייִדיש', zh: '中文',
};

/** The direction a language is written in: its script's when the code names one, else its own. */
export function defaultDir(code) {
  const [lang, ...rest] = String(code).split('-');
  const script = rest.find((p) => p.length === 4);
  if (script) return RTL_SCRIPTS.has(script) ? 'rtl' : 'ltr';
  return RTL_LANGUAGES.has(lang) ? 'rtl' : 'ltr';
}

/** A main language's name: from the list above, else its code. */
const nameOf = (code) => NAMES[code] || NAMES[code.split('-')[0]] || code;

/** The code of the language the form's own texts are in. */
export const mainLanguage = (def) => def.language || DEFAULT_LANGUAGE;

/**
 * The languages the form can be filled in, as {code, name, dir} (and
 * partial: true for a partial translation): its main language first, then
 * its translations by code.
 */
export function languages(def) {
  const main = mainLanguage(def);
  const out = [{ code: main, name: nameOf(main), dir: defaultDir(main) }];
  const tr = def.translations || {};
  for (const code of Object.keys(tr).sort()) {
    if (code === main) continue;
    const t = tr[code];
    const l = { code, name: t.name, dir: t.dir === 'ltr' || t.dir === 'rtl' ? t.dir : defaultDir(code) };
    if (t.partial) l.partial = true;
    out.push(l);
  }
  return out;
}

/** One of the form's languages by its code, in any case, or undefined. */
export function offers(def, code) {
  const want = String(code || '').toLowerCase();
  return languages(def).find((l) => l.code.toLowerCase() === want);
}

/**
 * The language a form opens in: the first of the wanted codes (the
 * draft's, the person's last choice, the phone's languages) that the form
 * has, a code such as pl-PL matching pl when the form has no pl-PL; else
 * its main language.
 */
export function chooseLanguage(def, wanted) {
  const codes = wanted.filter(Boolean);
  for (const c of codes) {
    const exact = offers(def, c);
    if (exact) return exact.code;
    const base = offers(def, String(c).split('-')[0]);
    if (base) return base.code;
  }
  return mainLanguage(def);
}

/**
 * The texts of a form a translation can give, in form order, each as
 * {where, obj, field, easy}: the text is obj[field], its easy-read wording
 * obj[easy] (none for the title, a short label or a guidance's heading).
 * Empty texts are left out, as the server does.
 */
export function slots(def) {
  const out = [];
  const add = (where, obj, field, easy) => { if (obj[field]) out.push({ where, obj, field, easy }); };
  add('title', def, 'title');
  add('introduction', def, 'introduction', 'easyReadIntroduction');
  add('privacyNotice', def, 'privacyNotice', 'easyReadPrivacyNotice');
  (def.sections || []).forEach((s, i) => {
    add(`section:${s.id || i + 1}`, s, 'title', 'easyRead');
    for (const q of s.questions || []) {
      if (q.type === 'guidance') {
        add(`${q.id}.label`, q, 'label');
        add(`${q.id}.body`, q, 'body', 'easyRead');
      } else {
        add(`${q.id}.label`, q, 'label', 'easyRead');
      }
      add(`${q.id}.shortLabel`, q, 'shortLabel');
      add(`${q.id}.hint`, q, 'hint', 'easyReadHint');
      add(`${q.id}.patternMessage`, q, 'patternMessage', 'easyReadPatternMessage');
      for (const st of q.statements || []) add(`${q.id}.statement:${st.id}`, st, 'label', 'easyRead');
      for (const o of q.options || []) add(`${q.id}.option:${o.value}`, o, 'label', 'easyRead');
    }
  });
  return out;
}

/** The translation's text at where, when it gives one that is not blank. */
function given(t, where) {
  const s = t?.texts?.[where];
  return typeof s === 'string' && s.trim() !== '' ? s : undefined;
}

/**
 * A slot's text in translation t (easy: its easy-read wording): the
 * translation's, else the main language's. A translated text brings its
 * own easy-read wording, '' where it gives none (easy read then shows
 * the translated text); a text left out keeps the main language's
 * easy-read wording. Returns {text, main}: main when it is the main
 * language's.
 */
function local(slot, t, easy) {
  const std = given(t, slot.where);
  if (!easy) return std !== undefined ? { text: std, main: false } : { text: slot.obj[slot.field], main: true };
  const e = given(t, slot.where + EASY);
  if (e !== undefined) return { text: e, main: false };
  if (std !== undefined || !slot.easy) return { text: '', main: false };
  return { text: slot.obj[slot.easy] || '', main: Boolean(slot.obj[slot.easy]) };
}

/**
 * The text at where (a translation key, "/easyRead" ones included) in the
 * language lang, as localized gives it; '' for an easy-read wording there
 * is none of, and for a where that names no text of the form.
 */
export function text(def, where, lang) {
  const easy = where.endsWith(EASY);
  const base = easy ? where.slice(0, -EASY.length) : where;
  const slot = slots(def).find((s) => s.where === base);
  if (!slot || (easy && !slot.easy)) return '';
  const t = lang === mainLanguage(def) ? undefined : def.translations?.[lang];
  return local(slot, t, easy).text;
}

// For each object of a localized form, the fields it shows in the main
// language (a partial translation): field name → {code, dir}.
const fallbacks = new WeakMap();

/**
 * A copy of the form with every text in the language lang, each falling
 * back to the main language's where the translation gives none.
 * Everything else is the form's own, so its answers are checked alike. An
 * unknown language, or the main one, gives the form itself.
 */
export function localized(def, lang) {
  const t = def.translations?.[lang];
  if (!t || lang === mainLanguage(def)) return def;
  const copy = structuredClone(def);
  const main = { code: mainLanguage(def), dir: defaultDir(mainLanguage(def)) };
  const mark = (obj, field) => {
    if (!fallbacks.has(obj)) fallbacks.set(obj, new Map());
    fallbacks.get(obj).set(field, main);
  };
  for (const slot of slots(copy)) {
    const std = local(slot, t, false);
    if (slot.easy) {
      const e = local(slot, t, true); // read before the text changes
      slot.obj[slot.easy] = e.text;
      if (e.main) mark(slot.obj, slot.easy);
    }
    slot.obj[slot.field] = std.text;
    if (std.main) mark(slot.obj, slot.field);
  }
  return copy;
}

/**
 * The language of a text shown in the main language in a localized form
 * ({code, dir}), when obj (the form, a section, question, option or
 * statement) shows shownText in it; else undefined.
 */
export function fallbackOf(obj, shownText) {
  const fields = obj && fallbacks.get(obj);
  if (!fields) return undefined;
  for (const [field, lang] of fields) if (obj[field] === shownText) return lang;
  return undefined;
}
