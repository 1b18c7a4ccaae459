// Guidance between questions: text to read, drawn from the blocks of the
// guidance Markdown subset (guidance.js) as elements and text nodes only,
// never as HTML. Not an alert and not a question: no answer, no number.
import { h } from './dom.js';
import { speakButton } from './speak.js';
import { parseGuidance, safeLink } from './guidance.js';
import * as words from './words.js';
import { t } from './messages.js';
import { inLang } from './language.js';
import { fallbackOf } from './i18n.js';

/** Whether a link leaves this site (it is marked so). */
function external(href) {
  try {
    const u = new URL(href, location.href);
    return (u.protocol === 'https:' || u.protocol === 'http:') && u.origin !== location.origin;
  } catch { return false; }
}

/** A run of text: plain, bold, or a link (only a safe one; otherwise its words as text). */
function span(sp) {
  if (sp.href && safeLink(sp.href)) {
    return h('a', { href: sp.href }, sp.text, external(sp.href) ? h('span', { class: 'external' }, t('guidance.external')) : null);
  }
  return sp.strong ? h('strong', {}, sp.text) : sp.text;
}

const plain = (spans) => spans.map((sp) => sp.text).join('');

/**
 * Draws guidance q. Its label (if any) is a heading at level opts.level
 * (3 under a section's h2; 2 on an easy-read screen), and the headings of
 * its body come below that. In easy read it shows its easyRead text when
 * it has one. opts {easy, level, id}.
 */
export function guidance(q, { easy = false, level = 3, id } = {}) {
  const body = words.guidanceBody(q, easy);
  const blocks = parseGuidance(body);
  const main = fallbackOf(q, body); // shown in the form's main language
  const heading = (n, ...children) => h(`h${Math.min(6, Math.max(2, n))}`, {}, ...children);
  const inner = q.label ? level + 1 : level;
  const nodes = blocks.map((b) => {
    if (b.kind === 'heading') return heading(inner + (b.level - 2), b.spans.map(span));
    if (b.kind === 'list') return h(b.ordered ? 'ol' : 'ul', {}, b.items.map((it) => h('li', {}, it.map(span))));
    return h('p', {}, b.spans.map(span));
  });
  const text = [q.label, ...blocks.flatMap((b) => (b.kind === 'list' ? b.items.map(plain) : [plain(b.spans)]))].filter(Boolean);
  return h('div', { class: `guidance${easy ? ' easy' : ''}`, id, 'data-question': q.id, 'data-type': q.type },
    easy && q.icon ? h('p', { class: 'picture', 'aria-hidden': 'true' }, q.icon) : null,
    q.label ? heading(level, inLang(q.label, q)) : null,
    speakButton(text.join(' '), q.label || t('guidance.thisText'), true, main?.code),
    main ? h('div', { lang: main.code, dir: main.dir }, nodes) : nodes);
}
