// The device's own store (IndexedDB): drafts, the outbox, sent receipts, and
// copies of the forms and services register for use offline.

const NAME = 'chorus';
const VERSION = 1;
let opening;

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
      req.onblocked = () => reject(new Error('The app is open in another tab with an older version. Close the other tab.'));
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
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new Error('The device store refused the change.'));
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
 * both or neither, even if the tab closes half-way. Returns false when the
 * draft had already been moved (by another tab).
 */
export async function draftToOutbox(draftId, item) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(['drafts', 'outbox'], 'readwrite', { durability: 'strict' });
    let moved = false;
    const drafts = t.objectStore('drafts');
    const getDraft = drafts.get(draftId);
    getDraft.onsuccess = () => {
      if (!getDraft.result) return; // already sent from another tab
      drafts.delete(draftId);
      t.objectStore('outbox').put(item);
      moved = true;
    };
    t.oncomplete = () => resolve(moved);
    t.onerror = () => reject(t.error);
    t.onabort = () => reject(t.error || new Error('The device store refused the change.'));
  });
}

/** Moves confirmed outbox items to the sent list, in one transaction. */
export async function confirmSent(done) {
  if (done.length === 0) return;
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(['outbox', 'sent'], 'readwrite', { durability: 'strict' });
    for (const item of done) {
      t.objectStore('outbox').delete(item.id);
      t.objectStore('sent').put({ id: item.id, formId: item.formId, title: item.title, receipt: item.receipt, sentAt: item.sentAt });
    }
    t.oncomplete = () => resolve();
    t.onerror = () => reject(t.error);
  });
}

/**
 * Saves a draft unless its response has already left the draft stage (sent
 * from another tab): a stale tab must not bring a sent response back.
 * Returns false when the draft was not saved for that reason.
 */
export async function saveDraft(draft) {
  const db = await open();
  return new Promise((resolve, reject) => {
    const t = db.transaction(['drafts', 'outbox', 'sent'], 'readwrite', { durability: 'strict' });
    let saved = false;
    const inOutbox = t.objectStore('outbox').count(draft.id);
    const inSent = t.objectStore('sent').count(draft.id);
    inSent.onsuccess = () => {
      if (inOutbox.result === 0 && inSent.result === 0) {
        t.objectStore('drafts').put(draft);
        saved = true;
      }
    };
    t.oncomplete = () => resolve(saved);
    t.onerror = () => reject(t.error);
  });
}
