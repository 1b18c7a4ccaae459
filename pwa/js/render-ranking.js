// A ranking: the options in a numbered list, each with Up and Down
// buttons ("Move Cost up"), and, with a mouse or a finger, a handle to drag
// it by. Where an option lands is said politely ("Cost is now 1 of 3").
// An order the person has not touched is not an answer: the answer (the
// option values, first choice first) is kept once they have moved
// something or pressed "Keep this order".
import { h, politeStatus, say } from './dom.js';
import { speakButton } from './speak.js';
import { startOrder, move, moveTo, placeText, edgeText } from './ranking.js';
import * as words from './words.js';
import { t, number } from './messages.js';
import { inLang, langOf } from './language.js';

/**
 * Draws ranking q with answer value (or undefined). p holds the question's
 * parts drawn by render.js; ctx {easy, onChange}.
 */
export function ranking(q, value, p, ctx) {
  const easy = Boolean(ctx.easy);
  let order = startOrder(q, value);
  let answered = Array.isArray(value) && value.join('\u0000') === order.join('\u0000');
  const labels = new Map(q.options.map((o) => [o.value, words.optionLabel(o, easy)]));
  const icons = new Map(q.options.map((o) => [o.value, o.icon || '']));
  const status = politeStatus(`${p.id}-status`);
  const state = h('p', { class: 'ranking-state', id: `${p.id}-state` });
  const list = h('ol', { class: 'ranking-list', 'aria-describedby': p.describedBy });
  const items = new Map();

  const drawState = () => {
    state.textContent = answered
      ? t(easy ? 'ranking.savedEasy' : 'ranking.saved')
      : t(easy ? 'ranking.notYetEasy' : 'ranking.notYet');
    clearButton.hidden = !answered; // Keep this order stays, so that the focus on it stays too
    order.forEach((v, i) => {
      const it = items.get(v);
      it.up.setAttribute('aria-disabled', String(i === 0));
      it.down.setAttribute('aria-disabled', String(i === order.length - 1));
    });
  };
  const place = () => {
    const active = document.activeElement;
    list.append(...order.map((v) => items.get(v).li));
    order.forEach((v, i) => { items.get(v).rank.textContent = `${number(i + 1)}.`; });
    if (active && active !== document.activeElement && list.contains(active)) active.focus();
  };
  const commit = (v) => {
    answered = true;
    ctx.onChange(q, [...order]);
    drawState();
    if (v !== undefined) say(status, placeText(labels.get(v), order, v));
  };
  const shift = (v, steps) => {
    const next = move(order, v, steps);
    if (next.join('\u0000') === order.join('\u0000')) return say(status, edgeText(labels.get(v), steps < 0));
    order = next;
    place();
    commit(v);
  };

  const moveButton = (v, up) => h('button', {
    type: 'button', class: 'secondary move', 'aria-label': t(up ? 'ranking.moveUp' : 'ranking.moveDown', { option: labels.get(v) }),
    'data-move': up ? 'up' : 'down', 'data-value': v, onclick: () => shift(v, up ? -1 : 1),
  }, h('span', { 'aria-hidden': 'true' }, t(up ? 'ranking.up' : 'ranking.down')));

  for (const v of order) {
    const up = moveButton(v, true);
    if (items.size === 0) up.id = p.id; // where an error summary's link goes
    const down = moveButton(v, false);
    const handle = easy ? null : h('span', { class: 'drag-handle', 'aria-hidden': 'true', title: t('ranking.drag') }, '⠿');
    const rank = h('span', { class: 'rank' });
    const li = h('li', { class: 'ranking-item', 'data-value': v },
      handle, rank,
      icons.get(v) ? h('span', { class: 'icon', 'aria-hidden': 'true' }, icons.get(v)) : null,
      h('span', { class: 'ranking-words' }, inLang(labels.get(v), q.options.find((o) => o.value === v))),
      easy ? speakButton(labels.get(v), labels.get(v), false, langOf(labels.get(v), q.options.find((o) => o.value === v))) : null,
      h('span', { class: 'ranking-buttons' }, up, down));
    items.set(v, { li, up, down, rank });
    if (handle) dragBy(handle, li, v);
  }

  // Dragging with a mouse or a finger: the item follows the pointer and
  // the order is kept when it is let go, as a move with the buttons is.
  // The page listens, not the handle: moving the item in the list would
  // end a pointer capture on its handle.
  function dragBy(handle, li, v) {
    handle.addEventListener('pointerdown', (e) => {
      if (e.button !== 0) return;
      e.preventDefault();
      const id = e.pointerId;
      const before = order.join('\u0000');
      li.classList.add('dragging');
      const follow = (ev) => {
        if (ev.pointerId !== id) return;
        ev.preventDefault();
        const others = order.filter((x) => x !== v).map((x) => items.get(x).li.getBoundingClientRect());
        const to = others.filter((r) => r.top + r.height / 2 < ev.clientY).length;
        const next = moveTo(order, v, to);
        if (next.join('\u0000') !== order.join('\u0000')) { order = next; place(); }
      };
      const end = (ev) => {
        if (ev.pointerId !== id) return;
        li.classList.remove('dragging');
        window.removeEventListener('pointermove', follow);
        window.removeEventListener('pointerup', end);
        window.removeEventListener('pointercancel', end);
        if (order.join('\u0000') !== before) commit(v);
      };
      window.addEventListener('pointermove', follow);
      window.addEventListener('pointerup', end);
      window.addEventListener('pointercancel', end);
    });
  }

  const keepButton = h('button', {
    type: 'button', class: 'secondary', 'data-keep': q.id,
    onclick: () => { commit(); say(status, t(easy ? 'ranking.keptEasy' : 'ranking.saved')); },
  }, t('ranking.keep'));
  const clearButton = h('button', {
    type: 'button', class: 'secondary', 'data-clear': q.id,
    onclick: () => {
      answered = false;
      order = startOrder(q, undefined);
      place();
      ctx.onChange(q, null);
      drawState();
      say(status, t(easy ? 'ranking.clearedEasy' : 'ranking.cleared'));
      keepButton.focus();
    },
  }, t('ranking.clear'));
  const how = t(easy ? 'ranking.howEasy' : 'ranking.how');

  place();
  drawState();
  return h('fieldset', { class: 'ranking', 'aria-describedby': [p.describedBy, `${p.id}-how`].filter(Boolean).join(' ') },
    h('legend', {}, h('span', {}, p.title), p.mark), p.speak, p.hint,
    h('div', { class: 'hint', id: `${p.id}-how` }, how), p.err,
    list, state, h('div', { class: 'nav ranking-actions' }, keepButton, clearButton), status);
}
