// Recordings behind a small interface: a Map by id (O(1) lookups) plus one array per sort field,
// kept sorted on every write by binary insertion, so a page is O(log n + page) and stays flat at
// 100k recordings. (@mswjs/data scans every record per query, which is why it is not used here.)
//
// Each index is sorted ascending by (value, recordingId) with missing values first; a descending
// listing walks the same array backwards, which gives "missing last" and the id tie-break in the
// same direction for free (facts §5.3).
import { SORT_FIELDS, isTerminal } from './types.ts';
import type { Recording, SortField, SortOrder } from './types.ts';

type SortValue = number | string | undefined;

/** Where a page starts: strictly after the item with this (sort value, id) in listing order. */
export interface Cursor {
  v: SortValue;
  id: string;
}

export interface PageQuery {
  sortField: SortField;
  sortOrder: SortOrder;
  limit: number;
  after?: Cursor;
  /** Start AT the cursor item instead of after it (only the `page-repeats-boundary-item` fault uses it). */
  inclusive?: boolean;
  filter?: (r: Recording) => boolean;
}

export interface Page {
  items: Recording[];
  /** True when at least one more matching item follows the page. */
  truncated: boolean;
}

export interface RecordingStore {
  readonly size: number;
  get(id: string): Recording | undefined;
  /** Adds one recording (binary insertion into every index). */
  insert(r: Recording): void;
  /** Adds many at once: append then sort each index once (used by data sets; 100k in well under a second). */
  insertMany(rs: readonly Recording[]): void;
  /** Applies a patch, re-positioning the recording in the indexes whose value changed. */
  update(id: string, patch: Partial<Recording>): Recording | undefined;
  /** Removes a recording. `keepListed` leaves it in the sort indexes (the `deleted-still-listed` fault). */
  delete(id: string, opts?: { keepListed?: boolean }): boolean;
  /** Recordings not yet in a terminal status: the only ones lazy settling has to look at. */
  unsettled(): Iterable<Recording>;
  all(): Iterable<Recording>;
  page(q: PageQuery): Page;
  clear(): void;
}

const keyOf = (r: Recording, f: SortField): SortValue => r[f];

function compareValues(a: SortValue, b: SortValue): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compare(av: SortValue, aid: string, bv: SortValue, bid: string): number {
  return compareValues(av, bv) || (aid < bid ? -1 : aid > bid ? 1 : 0);
}

/** The same order as compare(), inlined for the one big sort of insertMany. */
const comparatorFor = (f: SortField) => (a: Recording, b: Recording): number => {
  const av = a[f];
  const bv = b[f];
  if (av !== bv) {
    if (av === undefined) return -1;
    if (bv === undefined) return 1;
    return av < bv ? -1 : 1;
  }
  return a.recordingId < b.recordingId ? -1 : a.recordingId > b.recordingId ? 1 : 0;
};

/** First index whose item is >= (v, id) (inclusive) or > (v, id) (exclusive). */
function lowerBound(index: Recording[], field: SortField, v: SortValue, id: string, strict: boolean): number {
  let lo = 0;
  let hi = index.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const c = compare(keyOf(index[mid]!, field), index[mid]!.recordingId, v, id);
    if (c < 0 || (strict && c === 0)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export function createRecordingStore(): RecordingStore {
  const byId = new Map<string, Recording>();
  const unsettled = new Set<Recording>();
  const indexes = new Map<SortField, Recording[]>(SORT_FIELDS.map((f) => [f, []]));

  const indexInsert = (f: SortField, r: Recording) => {
    const idx = indexes.get(f)!;
    idx.splice(lowerBound(idx, f, keyOf(r, f), r.recordingId, false), 0, r);
  };
  const indexRemove = (f: SortField, r: Recording) => {
    const idx = indexes.get(f)!;
    const at = lowerBound(idx, f, keyOf(r, f), r.recordingId, false);
    if (idx[at] === r) idx.splice(at, 1);
  };
  const track = (r: Recording) => (isTerminal(r.status) ? unsettled.delete(r) : unsettled.add(r));

  return {
    get size() {
      return byId.size;
    },
    get: (id) => byId.get(id),
    insert(r) {
      if (byId.has(r.recordingId)) throw new Error(`duplicate recording id ${r.recordingId}`);
      byId.set(r.recordingId, r);
      for (const f of SORT_FIELDS) indexInsert(f, r);
      track(r);
    },
    insertMany(rs) {
      for (const r of rs) {
        if (byId.has(r.recordingId)) throw new Error(`duplicate recording id ${r.recordingId}`);
        byId.set(r.recordingId, r);
        track(r);
      }
      for (const f of SORT_FIELDS) {
        const idx = indexes.get(f)!;
        for (const r of rs) idx.push(r); // not push(...rs): 100k arguments can overflow the stack
        idx.sort(comparatorFor(f));
      }
    },
    update(id, patch) {
      const r = byId.get(id);
      if (!r) return undefined;
      const moved = SORT_FIELDS.filter((f) => f in patch && patch[f] !== r[f]);
      for (const f of moved) indexRemove(f, r);
      Object.assign(r, patch);
      for (const f of moved) indexInsert(f, r);
      track(r);
      return r;
    },
    delete(id, opts) {
      const r = byId.get(id);
      if (!r) return false;
      byId.delete(id);
      unsettled.delete(r);
      if (!opts?.keepListed) for (const f of SORT_FIELDS) indexRemove(f, r);
      return true;
    },
    unsettled: () => unsettled,
    all: () => byId.values(),
    page({ sortField, sortOrder, limit, after, inclusive, filter }) {
      const idx = indexes.get(sortField)!;
      const items: Recording[] = [];
      const asc = sortOrder === 'asc';
      // Position relative to (value, id), not an offset: inserts and deletes elsewhere cannot shift a page.
      let i: number;
      if (asc) i = after ? lowerBound(idx, sortField, after.v, after.id, !inclusive) : 0;
      else i = (after ? lowerBound(idx, sortField, after.v, after.id, !!inclusive) : idx.length) - 1;
      const step = asc ? 1 : -1;
      for (; i >= 0 && i < idx.length; i += step) {
        const r = idx[i]!;
        if (filter && !filter(r)) continue;
        if (items.length === limit) return { items, truncated: true };
        items.push(r);
      }
      return { items, truncated: false };
    },
    clear() {
      byId.clear();
      unsettled.clear();
      for (const idx of indexes.values()) idx.length = 0;
    },
  };
}

export const cursorOf = (r: Recording, f: SortField): Cursor => ({ v: keyOf(r, f), id: r.recordingId });
