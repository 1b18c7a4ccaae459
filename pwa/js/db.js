// The device's own store (IndexedDB): drafts, the outbox, sent receipts, and
// copies of the forms and services register for use offline.

const NAME = 'chorus';
const VERSION = 1;
let opening;

/** An error of the device's store; its code names the app's words for it (app.js). */
function deviceError(code, text) {
  return Object.assign(new Error(text), { code: `device.${code}` });
}

/** Opens the database, creating its stores the first time. */
export function open() {
  if (!opening) {
    opening = new Promise((resolve, reject) => {
      const req = indexedDB.open(NAME, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        db.createObjectStore('drafts', { keyPath: 'id' });
        db.createObjectStore('outbox', { keyPath: 'id' });
        db.createObjectStore('sent', { keyPath: 'id' });
        db.createObjectStore('cache', { keyPath: 'key' });
        db.createObjectStore('settings', { keyPath: 'key' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(deviceError('otherTab', 'The app is open in another tab with an older version. Close the other tab.'));
    });
  }
  return opening;
}

function request(req) {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx(store, mode, fn) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(store, mode, { durability: 'strict' });
    let result;
    Promise.resolve(fn(t.objectStore(store))).then((r) => { result = r; });
    t.oncomplete = () => resolve(result);
    t.onerror = (e) => reject(e.target?.error || t.error); // a request's error: the transaction's is set only once it aborts
    t.onabort = () => reject(t.error || deviceError('refused', 'The device store refused the change.'));
  });
}

/** Reads one record. */
export const get = (store, key) => tx(store, 'readonly', (s) => request(s.get(key)));
/** Reads every record of a store. */
export const all = (store) => tx(store, 'readonly', (s) => request(s.getAll()));
/** Writes one record. */
export const put = (store, value) => tx(store, 'readwrite', (s) => request(s.put(value)));
/** Deletes one record. */
export const del = (store, key) => tx(store, 'readwrite', (s) => request(s.delete(key)));
/** Counts the records of a store. */
export const count = (store) => tx(store, 'readonly', (s) => request(s.count()));

/**
 * Moves a draft to the outbox in one transaction, so that it is never in
 * both or neither, even if the tab closes half-way. A response with no
 * answer was never a draft: it goes to the outbox unless it is there or
 * sent already. Returns false when the draft had already been moved (by
 * another tab).
 */
export async function draftToOutbox(draftId, item) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(['drafts', 'outbox', 'sent'], 'readwrite', { durability: 'strict' });
    let moved = false;
    const drafts = t.objectStore('drafts');
    const inOutbox = t.objectStore('outbox').count(draftId);
    const inSent = t.objectStore('sent').count(draftId);
    const getDraft = drafts.get(draftId);
    getDraft.onsuccess = () => {
      if (!getDraft.result && (inOutbox.result > 0 || inSent.result > 0)) return; // already sent from another tab
      if (getDraft.result) drafts.delete(draftId);
      t.objectStore('outbox').put(item);
      moved = true;
    };
    t.oncomplete = () => resolve(moved);
    t.onerror = (e) => reject(e.target?.error || t.error);
    t.onabort = () => reject(t.error || deviceError('refused', 'The device store refused the change.'));
  });
}

/**
 * Moves confirmed outbox items to the sent list, in one transaction. With
 * receipts false (the volunteer who sent them signed out meanwhile), they
 * only leave the outbox: their receipts are not kept for the next person.
 */
export async function confirmSent(done, { receipts = true } = {}) {
  if (done.length === 0) return;
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(['outbox', 'sent'], 'readwrite', { durability: 'strict' });
    for (const item of done) {
      t.objectStore('outbox').delete(item.id);
      if (receipts) t.objectStore('sent').put({ id: item.id, formId: item.formId, title: item.title, language: item.payload?.language, receipt: item.receipt, sentAt: item.sentAt, owner: item.owner ?? null });
    }
    t.oncomplete = () => resolve();
    t.onerror = (e) => reject(e.target?.error || t.error);
  });
}

const hasAnswer = (v) => !(v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0));

/**
 * Saves a draft, in one transaction, unless its response has already left
 * the draft stage (sent from another tab: a stale tab must not bring a sent
 * response back) or the id holds someone else's draft. A draft is kept
 * only while it holds an answer: one that has none is not written (opening
 * a form makes no draft), and one whose answers were all taken back is
 * deleted. Returns false when the draft was not saved because it was sent
 * or is not this person's.
 */
export async function saveDraft(draft) {
  const db = await open();
  const keep = Object.values(draft.answers || {}).some(hasAnswer);
  return new Promise((resolve, reject) => {
    const t = db.transaction(['drafts', 'outbox', 'sent'], 'readwrite', { durability: 'strict' });
    let saved = false;
    const drafts = t.objectStore('drafts');
    const inOutbox = t.objectStore('outbox').count(draft.id);
    const inSent = t.objectStore('sent').count(draft.id);
    const existing = drafts.get(draft.id);
    existing.onsuccess = () => {
      if (inOutbox.result > 0 || inSent.result > 0) return;
      const was = existing.result;
      if (was && (was.owner ?? null) !== (draft.owner ?? null)) return;
      if (keep) drafts.put(draft);
      else if (was) drafts.delete(draft.id);
      saved = true;
    };
    t.oncomplete = () => resolve(saved);
    t.onerror = (e) => reject(e.target?.error || t.error);
  });
}

/**
 * Removes a volunteer's drafts and sent list from the device, in one
 * transaction, when they sign out. Their outbox stays, for when they sign
 * in again.
 */
export async function forget(owner) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(['drafts', 'sent'], 'readwrite', { durability: 'strict' });
    let removed = 0;
    for (const name of ['drafts', 'sent']) {
      const store = t.objectStore(name);
      const req = store.openCursor();
      req.onsuccess = () => {
        const cur = req.result;
        if (!cur) return;
        if ((cur.value.owner ?? null) === owner) { cur.delete(); removed += 1; }
        cur.continue();
      };
    }
    t.oncomplete = () => resolve(removed);
    t.onerror = (e) => reject(e.target?.error || t.error);
  });
}

/**
 * Records an owner on what an earlier version of the app kept without one
 * (it wrote none): the phone's sign-in of the time wrote them, as far as
 * the device can tell. audienceOf(formId) gives each form's audience, or
 * undefined if the device does not know it.
 */
export async function adoptUnowned(owner, audienceOf) {
  for (const name of ['drafts', 'outbox', 'sent']) {
    for (const item of await all(name)) {
      if ('owner' in item) continue;
      const audience = item.audience || audienceOf(item.formId);
      await put(name, { ...item, owner, ...(audience ? { audience } : {}) });
    }
  }
}
