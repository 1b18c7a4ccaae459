// Putting a ranking's options in order: pure functions, so that the
// screen (render-ranking.js) and the tests share them.
import { t } from './messages.js';

/**
 * The order a ranking shows: its answer when that holds every option once
 * (first choice first), else the options in the form's order.
 */
export function startOrder(q, value) {
  const values = q.options.map((o) => o.value);
  const whole = Array.isArray(value) && value.length === values.length && values.every((v) => value.includes(v));
  return whole ? [...value] : values;
}

/**
 * The order with value moved by steps places (-1: up, towards first; +1:
 * down), kept within the list. The same order (a new copy) when it cannot
 * move further.
 */
export function move(order, value, steps) {
  const from = order.indexOf(value);
  if (from < 0) return [...order];
  const to = Math.max(0, Math.min(order.length - 1, from + steps));
  const out = [...order];
  out.splice(from, 1);
  out.splice(to, 0, value);
  return out;
}

/** The order with value put at place to (0 first), for drag and drop. */
export function moveTo(order, value, to) {
  const from = order.indexOf(value);
  return from < 0 ? [...order] : move(order, value, to - from);
}

/** What a screen reader is told after a move: "Cost is now 1 of 3". */
export const placeText = (label, order, value) => t('ranking.place', { option: label, n: order.indexOf(value) + 1, total: order.length });

/** What it is told when an option cannot move further. */
export const edgeText = (label, first) => t(first ? 'ranking.first' : 'ranking.last', { option: label });
