// Making elements. No innerHTML with data anywhere in the app: text goes
// in as text nodes.

/** Makes an element: h('p', {class: 'x'}, 'text', child, …). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/**
 * A live region that reads short messages politely: text set in it is
 * read when the screen reader is free. Clearing it first makes the same
 * message read again.
 */
export function politeStatus(id) {
  return h('p', { class: 'visually-hidden', id, 'aria-live': 'polite', 'aria-atomic': 'true' });
}

/** Says text through a live region made by politeStatus. */
export function say(region, text) {
  if (!region) return;
  region.textContent = '';
  // A new text node a moment later: screen readers announce a change.
  setTimeout(() => { region.textContent = text; }, 50);
}
