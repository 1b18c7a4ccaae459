// Small parts of questions: the box for "Other (please specify)", and the
// word counter under a text box with a word limit.
import { h, politeStatus, say } from './dom.js';
import { otherKey, MAX_OTHER_LENGTH } from './rules.js';
import { wordsLeft, limitText, quietly } from './wordcount.js';
import * as words from './words.js';
import { t } from './messages.js';

/**
 * The text box of the option o that asks the person to say what ("Other
 * (please specify)"): drawn straight after that option, shown while it is
 * chosen. Its text is kept under the answer key QUESTION:other, and stays
 * in the draft while the option is not chosen (the rules send it only with
 * the option). When the box appears a screen reader is told, politely.
 * Returns {id, node, status, toggle(shown)}: status is the live region to
 * put in the question's card.
 */
export function otherBox(q, o, shown, p, ctx) {
  const easy = Boolean(ctx.easy);
  const id = `${p.id}-other`;
  const wrapId = `${id}-box`;
  const said = words.optionLabel(o, easy);
  const input = h('input', {
    type: 'text', id, name: otherKey(q), autocomplete: 'off', maxlength: MAX_OTHER_LENGTH,
    'aria-describedby': p.errorId || undefined,
    oninput: (e) => ctx.onChange({ id: otherKey(q) }, e.target.value),
  });
  input.value = (ctx.answers || {})[otherKey(q)] || '';
  const node = h('div', { class: 'other', id: wrapId, hidden: !shown },
    h('label', { for: id, class: 'other-label' }, t(easy ? 'other.labelEasy' : 'other.label')),
    input);
  const status = politeStatus(`${id}-status`);
  return {
    id: wrapId, node, status,
    toggle(show) {
      if (node.hidden === !show) return;
      node.hidden = !show;
      if (show) say(status, t(easy ? 'other.shownEasy' : 'other.shown', { option: said }));
    },
  };
}

/**
 * The word counter of a text box with a word limit (maxWords): a hint with
 * the limit, read with the box; under it the words left or over, updated
 * as the person types; and, for screen readers, the same words said
 * politely only once typing pauses for a second (wordcount.js quietly).
 * Returns {hintId, hint, nodes, update(text)}.
 */
export function wordCounter(q, value) {
  const hintId = `${q.id}-limit`;
  const hint = h('div', { class: 'hint', id: hintId }, `${limitText(q.maxWords)}.`);
  const shown = h('p', { class: 'word-count', id: `${q.id}-count`, 'aria-hidden': 'true' });
  const live = h('p', { class: 'visually-hidden', id: `${q.id}-count-status`, 'aria-live': 'polite' });
  const tell = quietly((text) => { live.textContent = text; });
  const draw = (text) => {
    const c = wordsLeft(text, q.maxWords);
    shown.textContent = c.text;
    shown.classList.toggle('over', c.over);
    return c;
  };
  draw(value || '');
  return {
    hintId, hint, nodes: [shown, live],
    update(text) { tell(draw(text).text); },
  };
}
