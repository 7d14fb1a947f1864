// What the form keeps on the phone (IndexedDB through idb-keyval), per year and association:
// the draft being typed, the submission waiting to be sent (with its Idempotency-Key, reused by
// every retry so a lost answer never makes a second version) and the last report view loaded
// (shown when the page opens with no network). Every call fails soft: in a browser without
// IndexedDB (some private modes) the form works as before, online only.
import { createStore, del, get, set, type UseStore } from 'idb-keyval';

export interface QueuedSubmission {
  /** the Idempotency-Key of this submission, the same on every retry */
  key: string;
  body: unknown;
  queuedAt: string;
}

let store: UseStore | null | undefined;

function db(): UseStore | null {
  if (store !== undefined) return store;
  try {
    store = typeof indexedDB === 'undefined' ? null : createStore('tongket-form', 'kept');
  } catch {
    store = null;
  }
  return store;
}

async function read<T>(key: string): Promise<T | undefined> {
  const s = db();
  if (!s) return undefined;
  try {
    return await get<T>(key, s);
  } catch {
    return undefined;
  }
}

async function write(key: string, value: unknown): Promise<boolean> {
  const s = db();
  if (!s) return false;
  try {
    await set(key, value, s);
    return true;
  } catch {
    return false;
  }
}

async function remove(key: string): Promise<void> {
  const s = db();
  if (!s) return;
  try {
    await del(key, s);
  } catch {
    /* nothing kept */
  }
}

const keyOf = (kind: 'draft' | 'queue' | 'view', year: string, association: string): string => `${kind}:${year}:${association}`;

/** One association's report on this phone. */
export interface Kept<Draft, View> {
  readDraft(): Promise<Draft | undefined>;
  saveDraft(draft: Draft): Promise<boolean>;
  clearDraft(): Promise<void>;
  readQueued(): Promise<QueuedSubmission | undefined>;
  queue(item: QueuedSubmission): Promise<boolean>;
  unqueue(): Promise<void>;
  readView(): Promise<View | undefined>;
  saveView(view: View): Promise<boolean>;
}

export function kept<Draft, View>(year: string, association: string): Kept<Draft, View> {
  const draft = keyOf('draft', year, association);
  const queued = keyOf('queue', year, association);
  const view = keyOf('view', year, association);
  return {
    readDraft: () => read<Draft>(draft),
    saveDraft: (value) => write(draft, value),
    clearDraft: () => remove(draft),
    readQueued: () => read<QueuedSubmission>(queued),
    queue: (item) => write(queued, item),
    unqueue: () => remove(queued),
    readView: () => read<View>(view),
    saveView: (value) => write(view, value),
  };
}

/** A fresh Idempotency-Key (8–128 of [A-Za-z0-9_-]). */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
