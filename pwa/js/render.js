// Turns form questions into accessible HTML (GOV.UK patterns: a label or a
// fieldset with a legend, hints and errors tied by aria-describedby) and
// reads answers back from it. No innerHTML with data: text goes in as text.

/** Makes an element: h('p', {class: 'x'}, 'text', child, …). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

const speechAvailable = () => 'speechSynthesis' in window && window.speechSynthesis.getVoices().length > 0;

/** A button that reads text aloud; none where the browser has no voices. */
export function speakButton(text, name) {
  if (!speechAvailable()) return null;
  return h('button', {
    type: 'button', class: 'speak', 'aria-label': `Read aloud: ${name}`,
    onclick: () => {
      window.speechSynthesis.cancel();
      const u = new SpeechSynthesisUtterance(text);
      u.lang = document.documentElement.lang || 'en-GB';
      window.speechSynthesis.speak(u);
    },
  }, h('span', { 'aria-hidden': 'true' }, '🔊'));
}

/** The words shown for a question: its easy-read wording in easy-read mode. */
export const wording = (q, easy) => (easy && q.easyRead ? q.easyRead : q.label);

const inputId = (q) => `q-${q.id}`;

/**
 * Renders one question. `value` is its current answer, `error` a message to
 * show, `ctx` {easy, services, onChange}.
 */
export function question(q, value, error, ctx) {
  const text = wording(q, ctx.easy);
  const hintId = `${q.id}-hint`;
  const errorId = `${q.id}-error`;
  const describedBy = [q.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const hint = q.hint ? h('div', { class: 'hint', id: hintId }, q.hint) : null;
  const err = error ? h('p', { class: 'error-message', id: errorId }, h('span', { class: 'visually-hidden' }, 'Error: '), error) : null;
  const speak = speakButton([text, q.hint || ''].join('. '), text);
  const cls = `question${error ? ' has-error' : ''}`;

  if (q.type === 'notice') {
    return h('div', { class: 'notice', role: 'alert', id: inputId(q) },
      h('h2', {}, text), q.hint ? h('p', {}, q.hint) : null,
      q.phone ? h('a', { class: 'button phone', href: `tel:${q.phone.replace(/[^0-9+]/g, '')}` }, `📞 Phone ${q.phone}`) : null,
      speak);
  }

  if (['singleChoice', 'rating', 'yesNo', 'multipleChoice', 'consent'].includes(q.type)) {
    const multiple = q.type === 'multipleChoice' || q.type === 'consent';
    const options = q.type === 'yesNo'
      ? [{ value: true, label: 'Yes' }, { value: false, label: 'No' }]
      : q.type === 'consent' ? [{ value: true, label: text }] : q.options;
    const chosen = (v) => (q.type === 'multipleChoice' ? (value || []).includes(v) : value === v);
    const items = options.map((o, i) => {
      const id = i === 0 ? inputId(q) : `${inputId(q)}-${i}`;
      return h('div', { class: `option${q.type === 'rating' ? ' rating' : ''}` },
        h('input', {
          type: multiple ? 'checkbox' : 'radio', id, name: q.id, value: String(o.value),
          checked: chosen(o.value), 'aria-describedby': describedBy,
          onchange: () => ctx.onChange(q, readChoice(q, options)),
        }),
        h('label', { for: id },
          o.icon ? h('span', { class: 'icon', 'aria-hidden': 'true' }, o.icon) : null,
          h('span', {}, o.label)),
        q.type !== 'consent' ? speakButton(o.label, o.label) : null);
    });
    const legend = q.type === 'consent'
      ? h('legend', { class: 'visually-hidden' }, text)
      : h('legend', {}, h('span', {}, text), q.required ? null : h('span', { class: 'optional' }, ' (optional)'));
    return h('div', { class: cls },
      h('fieldset', { 'aria-describedby': describedBy }, legend, hint, err,
        h('div', { class: `options${q.type === 'rating' ? ' scale' : ''}` }, items)),
      speak);
  }

  if (q.type === 'date') return dateQuestion(q, value, { text, hint, err, describedBy, cls, speak }, ctx);

  let input;
  const common = { id: inputId(q), name: q.id, 'aria-describedby': describedBy, 'aria-invalid': error ? 'true' : undefined };
  if (q.type === 'longText') {
    input = h('textarea', { ...common, rows: 5, oninput: (e) => ctx.onChange(q, e.target.value) });
    input.value = value || '';
  } else if (q.type === 'service') {
    input = h('select', { ...common, onchange: (e) => ctx.onChange(q, e.target.value || null) },
      h('option', { value: '' }, 'Choose a service'),
      (ctx.services || []).map((s) => h('option', { value: s.id, selected: value === s.id }, `${s.name} (${s.type})`)));
  } else if (q.type === 'number') {
    input = h('input', {
      ...common, type: 'text', inputmode: q.integer ? 'numeric' : 'decimal', class: 'short', autocomplete: 'off',
      oninput: (e) => ctx.onChange(q, parseNumber(e.target.value)),
    });
    input.value = value === undefined || value === null ? '' : String(value);
  } else {
    const type = { email: 'email', phone: 'tel' }[q.type] || 'text';
    const autocomplete = { email: 'email', phone: 'tel' }[q.type] || 'off';
    input = h('input', { ...common, type, autocomplete, spellcheck: q.type === 'shortText' ? undefined : 'false', oninput: (e) => ctx.onChange(q, e.target.value) });
    input.value = value || '';
  }
  return h('div', { class: cls },
    h('label', { for: inputId(q), class: 'label' }, text, q.required ? null : h('span', { class: 'optional' }, ' (optional)')),
    hint, err, input, speak);
}

/** Keeps what a person typed if it is not a number, so the rules can say so. */
function parseNumber(s) {
  const t = s.trim().replace(/,/g, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) && /^-?\d*\.?\d+$/.test(t) ? n : s;
}

function readChoice(q, options) {
  const boxes = [...document.querySelectorAll(`input[name="${CSS.escape(q.id)}"]`)];
  if (q.type === 'multipleChoice') return boxes.filter((b) => b.checked).map((b) => b.value);
  if (q.type === 'consent') return boxes[0].checked;
  const picked = boxes.find((b) => b.checked);
  if (!picked) return null;
  return options.find((o) => String(o.value) === picked.value).value;
}

// GOV.UK date pattern: day, month and year boxes, no fiddly picker, and a
// "Today" button for the common case.
function dateQuestion(q, value, p, ctx) {
  const [y, m, d] = (typeof value === 'string' ? value : '').split('-');
  const box = (part, label, v, width) => h('div', { class: 'date-part' },
    h('label', { for: `${inputId(q)}${part === 'day' ? '' : `-${part}`}` }, label),
    h('input', {
      id: `${inputId(q)}${part === 'day' ? '' : `-${part}`}`, name: `${q.id}-${part}`, class: `w${width}`,
      inputmode: 'numeric', autocomplete: 'off', value: v ? String(Number(v)) : '', 'aria-describedby': p.describedBy,
      oninput: () => ctx.onChange(q, readDate(q)),
    }));
  const today = h('button', {
    type: 'button', class: 'secondary',
    onclick: () => {
      const t = localToday();
      const [ty, tm, td] = t.split('-');
      document.getElementById(inputId(q)).value = String(Number(td));
      document.getElementById(`${inputId(q)}-month`).value = String(Number(tm));
      document.getElementById(`${inputId(q)}-year`).value = ty;
      ctx.onChange(q, t);
    },
  }, 'Today');
  return h('div', { class: p.cls },
    h('fieldset', { role: 'group', 'aria-describedby': p.describedBy },
      h('legend', {}, p.text, q.required ? null : h('span', { class: 'optional' }, ' (optional)')), p.hint, p.err,
      h('div', { class: 'date' }, box('day', 'Day', d, 2), box('month', 'Month', m, 2), box('year', 'Year', y, 4), today)),
    p.speak);
}

function readDate(q) {
  const v = (part) => document.getElementById(`${inputId(q)}${part ? `-${part}` : ''}`).value.trim();
  const [d, m, y] = [v(''), v('month'), v('year')];
  if (!d && !m && !y) return null;
  if (!/^\d{1,2}$/.test(d) || !/^\d{1,2}$/.test(m) || !/^\d{4}$/.test(y)) return `${y}-${m}-${d}`; // the rules say what is wrong
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Today's date on this device, as YYYY-MM-DD. */
export function localToday() {
  const t = new Date();
  return `${t.getFullYear()}-${String(t.getMonth() + 1).padStart(2, '0')}-${String(t.getDate()).padStart(2, '0')}`;
}

/** The id of the element an error summary link should focus. */
export const focusTarget = (q) => inputId(q);
