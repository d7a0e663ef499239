// The reference model of GET /recordings: which recordings a query selects and in which order.
// The pagination checks compare what a target pages out with what this model computes from data
// the check seeded itself, so the model is written from the facts, never from the mock's code.
//
//   filters (facts §5.3): roomId exact; roomName case-insensitive "contains"; both given → OR;
//            status exact.
//   order:   by sortField, ties by recordingId in the same direction; recordings without a value
//            come first in asc and last in desc — so desc is exactly asc reversed.

export type SortField = 'startDate' | 'roomName' | 'duration' | 'size';
export type SortOrder = 'asc' | 'desc';
export const SORT_FIELDS: readonly SortField[] = ['startDate', 'roomName', 'duration', 'size'];

export interface ModelRecording {
  recordingId: string;
  roomId: string;
  roomName: string;
  status: string;
  startDate?: number | null;
  duration?: number | null;
  size?: number | null;
}

export interface ModelQuery {
  roomId?: string;
  roomName?: string;
  status?: string;
  sortField?: SortField;
  sortOrder?: SortOrder;
}

export function matches(r: ModelRecording, q: ModelQuery): boolean {
  if (q.status !== undefined && r.status !== q.status) return false;
  const byId = q.roomId !== undefined ? r.roomId === q.roomId : undefined;
  const byName = q.roomName !== undefined ? r.roomName.toLowerCase().includes(q.roomName.toLowerCase()) : undefined;
  if (byId === undefined && byName === undefined) return true;
  return byId === true || byName === true; // one given: that one; both given: either (OR)
}

type Value = string | number | undefined;
const valueOf = (r: Partial<ModelRecording>, f: SortField): Value => {
  const v = r[f];
  return v === null || v === undefined ? undefined : v;
};

/** Ascending comparison of two values, missing first. */
export function compareValues(a: Value, b: Value): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Listing order of two recordings for a sort field and order (ties by recordingId, same direction). */
export function compareRecordings(a: Partial<ModelRecording>, b: Partial<ModelRecording>, field: SortField, order: SortOrder): number {
  const ida = a.recordingId ?? '';
  const idb = b.recordingId ?? '';
  const asc = compareValues(valueOf(a, field), valueOf(b, field)) || (ida < idb ? -1 : ida > idb ? 1 : 0);
  return order === 'asc' ? asc : -asc;
}

/** The ids a query must list, in listing order (defaults: startDate, desc). */
export function expectedListing(data: readonly ModelRecording[], q: ModelQuery): string[] {
  const field = q.sortField ?? 'startDate';
  const order = q.sortOrder ?? 'desc';
  return data
    .filter((r) => matches(r, q))
    .sort((a, b) => compareRecordings(a, b, field, order))
    .map((r) => r.recordingId);
}

/** Index of the first adjacent pair out of order by value only (ties in any order), or -1. */
export function firstValueInversion(items: readonly Partial<ModelRecording>[], field: SortField, order: SortOrder): number {
  for (let i = 1; i < items.length; i++) {
    const c = compareValues(valueOf(items[i - 1]!, field), valueOf(items[i]!, field));
    if (order === 'asc' ? c > 0 : c < 0) return i;
  }
  return -1;
}

/** Index of the first adjacent pair out of the full order (value, then recordingId), or -1. */
export function firstInversion(items: readonly Partial<ModelRecording>[], field: SortField, order: SortOrder): number {
  for (let i = 1; i < items.length; i++) if (compareRecordings(items[i - 1]!, items[i]!, field, order) > 0) return i;
  return -1;
}

/** Ids that occur more than once, in first-seen order. */
export function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

/** Difference of two id lists as sets: what is missing from `actual` and what is extra in it. */
export function setDiff(expected: readonly string[], actual: readonly string[]): { missing: string[]; extra: string[] } {
  const a = new Set(actual);
  const e = new Set(expected);
  return { missing: expected.filter((id) => !a.has(id)), extra: [...a].filter((id) => !e.has(id)) };
}
