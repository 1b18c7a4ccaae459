// What the outbox does with each answer from the server, and when it tries
// again. Pure functions: the outbox (IndexedDB, fetch, timers) calls them.

/** Largest sync batch the server takes (internal/intake: MaxBatch). */
export const MAX_BATCH = 500;
/** Bytes per sync request, kept well under the server's 16 MiB limit. */
export const MAX_BATCH_BYTES = 8 * 1024 * 1024;

const BASE_DELAY_MS = 5_000;
const MAX_DELAY_MS = 15 * 60_000;

/**
 * How long to wait before try number `attempt` (1 for the first retry):
 * exponential back-off with full jitter, capped, so that many phones coming
 * back online at once do not all retry together. A server's Retry-After
 * (seconds) is a floor.
 */
export function retryDelay(attempt, { random = Math.random, retryAfter = 0 } = {}) {
  const ceiling = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  const jittered = Math.round(ceiling / 2 + random() * (ceiling / 2));
  return Math.max(jittered, retryAfter * 1000);
}

/**
 * What a result status means for a queued response:
 * - "sent": the server has it (201 new, 200 already there); it may leave.
 * - "rejected": the server refuses it as it is (400, 403, 404, 409, 413,
 *   422); it stays, marked with the server's words, for the person.
 * - "signin": the device session is not accepted (401); it stays and waits
 *   for the person to sign in again.
 * - "retry": anything else (5xx, 429, no answer); it stays and is sent again.
 */
export function outcome(status) {
  if (status === 200 || status === 201) return 'sent';
  if (status === 401) return 'signin';
  if (status === 429 || status === 408) return 'retry';
  if (status >= 400 && status < 500) return 'rejected';
  return 'retry';
}

/**
 * Splits queued items into sync batches of at most MAX_BATCH items and
 * maxBytes of JSON each, keeping their order. `size` gives an item's
 * encoded size. An item larger than maxBytes travels alone (the server
 * then says it is too large, and the person can shorten it).
 */
export function batches(items, { maxItems = MAX_BATCH, maxBytes = MAX_BATCH_BYTES, size = (x) => JSON.stringify(x).length } = {}) {
  const out = [];
  let current = [];
  let bytes = 0;
  for (const item of items) {
    const n = size(item) + 1;
    if (current.length > 0 && (current.length >= maxItems || bytes + n > maxBytes)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += n;
  }
  if (current.length > 0) out.push(current);
  return out;
}

/**
 * Applies a sync answer to the queue. `results` is the server's list, in
 * the order of `sent`. Returns what to remove (with receipts) and what to
 * keep, updated. A queued item the answer does not mention is kept to retry:
 * nothing leaves the device without the server's word.
 */
export function settle(sent, results, now = Date.now()) {
  const byId = new Map();
  for (const r of results || []) if (r && typeof r.id === 'string') byId.set(r.id, r);
  const done = [];
  const kept = [];
  for (const item of sent) {
    const r = byId.get(item.id);
    const what = r ? outcome(r.status) : 'retry';
    if (what === 'sent') {
      done.push({ ...item, receipt: r.receipt, sentAt: now });
    } else if (what === 'rejected') {
      kept.push({ ...item, state: 'rejected', detail: r.detail || '', errors: r.errors || [] });
    } else {
      kept.push({ ...item, state: what === 'signin' ? 'signin' : 'waiting', attempts: (item.attempts || 0) + 1 });
    }
  }
  return { done, kept };
}
