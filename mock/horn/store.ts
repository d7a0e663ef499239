// Recordings by id, plus per-channel and per-session indexes kept sorted on write, so a page of
// a listing costs O(log n + page) whatever the size of the data set (flat at 100k recordings).
// Deleted recordings leave the indexes but stay in the map (Horn keeps them; they are invisible).
import type { Recording } from './types.ts';

export type SortKey = 'started' | 'ended';
export type SortOrder = 'asc' | 'desc';

interface Index {
  byStart: Recording[]; // ascending (startTime, id)
  byEnd: Recording[]; // ascending (endTime, id); still running ones (no endTime) last
  deleted: number; // deleted recordings that matched this index (the `total-counts-deleted` fault)
}

const endKey = (r: Recording) => r.endTime ?? Number.POSITIVE_INFINITY;
const byId = (a: Recording, b: Recording) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const cmpStart = (a: Recording, b: Recording) => a.startTime - b.startTime || byId(a, b);
const cmpEnd = (a: Recording, b: Recording) => {
  const x = endKey(a);
  const y = endKey(b);
  return x === y ? byId(a, b) : x < y ? -1 : 1;
};

/** First position whose element is not below `r` (binary search). */
function lowerBound(list: Recording[], r: Recording, cmp: (a: Recording, b: Recording) => number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cmp(list[mid]!, r) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function insertSorted(list: Recording[], r: Recording, cmp: (a: Recording, b: Recording) => number): void {
  list.splice(lowerBound(list, r, cmp), 0, r);
}

function removeSorted(list: Recording[], r: Recording, cmp: (a: Recording, b: Recording) => number): void {
  const at = lowerBound(list, r, cmp);
  if (list[at] === r) list.splice(at, 1);
  else {
    const i = list.indexOf(r); // only if a caller mutated the key before removing: stay correct
    if (i >= 0) list.splice(i, 1);
  }
}

export interface Page {
  total: number;
  items: Recording[];
  /** Deleted recordings matching the same filter (only a fault ever shows them). */
  deleted: number;
}

export interface RecordingStore {
  readonly size: number;
  get(id: string): Recording | undefined;
  insert(r: Recording): void;
  /** Bulk insert: appends then sorts each touched index once (seeding 100k stays fast). */
  insertMany(rs: Recording[]): void;
  /** Sets endTime (re-sorting the `ended` index). */
  end(id: string, at: number): Recording | undefined;
  markReady(id: string, at: number): Recording | undefined;
  /** Soft delete: gone from listings and reads, counted as deleted. */
  remove(id: string): boolean;
  /** Recordings without readyTime (the only ones the clock can still change). */
  unsettled(): Iterable<Recording>;
  page(q: { channel: string; session?: string; sort: SortKey; order: SortOrder; offset: number; limit: number }): Page;
  /** The live recording of a channel still recording, if any. */
  running(channel: string): Recording | undefined;
  all(): Iterable<Recording>;
  clear(): void;
}

export function createRecordingStore(): RecordingStore {
  const byIdMap = new Map<string, Recording>();
  const indexes = new Map<string, Index>();
  const unsettled = new Set<Recording>();

  const keysOf = (r: Recording) => [`c:${r.channel}`, `s:${r.channel}\u0000${r.session}`];
  const index = (key: string): Index => {
    let ix = indexes.get(key);
    if (!ix) indexes.set(key, (ix = { byStart: [], byEnd: [], deleted: 0 }));
    return ix;
  };

  const store: RecordingStore = {
    get size() {
      return byIdMap.size;
    },
    get: (id) => {
      const r = byIdMap.get(id);
      return r && !r.deleted ? r : undefined;
    },
    insert(r) {
      byIdMap.set(r.id, r);
      if (r.readyTime === undefined) unsettled.add(r);
      for (const k of keysOf(r)) {
        const ix = index(k);
        if (r.deleted) ix.deleted++;
        else {
          insertSorted(ix.byStart, r, cmpStart);
          insertSorted(ix.byEnd, r, cmpEnd);
        }
      }
    },
    insertMany(rs) {
      const touched = new Set<Index>();
      for (const r of rs) {
        byIdMap.set(r.id, r);
        if (r.readyTime === undefined) unsettled.add(r);
        for (const k of keysOf(r)) {
          const ix = index(k);
          if (r.deleted) ix.deleted++;
          else {
            ix.byStart.push(r);
            ix.byEnd.push(r);
            touched.add(ix);
          }
        }
      }
      for (const ix of touched) {
        ix.byStart.sort(cmpStart);
        ix.byEnd.sort(cmpEnd);
      }
    },
    end(id, at) {
      const r = store.get(id);
      if (!r || r.endTime !== undefined) return r;
      for (const k of keysOf(r)) removeSorted(index(k).byEnd, r, cmpEnd);
      r.endTime = at;
      for (const k of keysOf(r)) insertSorted(index(k).byEnd, r, cmpEnd);
      return r;
    },
    markReady(id, at) {
      const r = store.get(id);
      if (!r) return undefined;
      r.readyTime = at;
      unsettled.delete(r);
      return r;
    },
    remove(id) {
      const r = store.get(id);
      if (!r) return false;
      for (const k of keysOf(r)) {
        const ix = index(k);
        removeSorted(ix.byStart, r, cmpStart);
        removeSorted(ix.byEnd, r, cmpEnd);
        ix.deleted++;
      }
      r.deleted = true;
      unsettled.delete(r);
      return true;
    },
    unsettled: () => unsettled,
    page({ channel, session, sort, order, offset, limit }) {
      const ix = indexes.get(session === undefined ? `c:${channel}` : `s:${channel}\u0000${session}`);
      if (!ix) return { total: 0, items: [], deleted: 0 };
      const list = sort === 'started' ? ix.byStart : ix.byEnd;
      const n = list.length;
      const items: Recording[] = [];
      for (let i = offset; i < Math.min(n, offset + limit); i++) items.push(order === 'asc' ? list[i]! : list[n - 1 - i]!);
      return { total: n, items, deleted: ix.deleted };
    },
    running(channel) {
      for (const r of unsettled) if (r.channel === channel && r.endTime === undefined && !r.deleted) return r;
      return undefined;
    },
    all: () => byIdMap.values(),
    clear() {
      byIdMap.clear();
      indexes.clear();
      unsettled.clear();
    },
  };
  return store;
}
