// The reference model of GET /channels/{id}/recordings (facts §1.4): which recordings a query
// shows and in what order. `total` counts what matches (never deleted ones); `sort` started|ended
// (default started) orders by startTime|endTime, `order` asc|desc (default desc).
export type SortKey = 'started' | 'ended';
export type SortOrder = 'asc' | 'desc';

export interface ModelRecording {
  id: string;
  session: string;
  startTime: number;
  endTime: number;
  deleted: boolean;
}

export interface ListQuery {
  limit: number;
  sort?: SortKey;
  order?: SortOrder;
  session?: string;
}

export const sortValue = (r: { startTime?: unknown; endTime?: unknown }, sort: SortKey): number =>
  Number(sort === 'ended' ? r.endTime : r.startTime);

/** The ids the listing must show, in order (the data sets have distinct start and end times). */
export function expectedIds(data: readonly ModelRecording[], q: ListQuery): string[] {
  const sort = q.sort ?? 'started';
  const dir = (q.order ?? 'desc') === 'asc' ? 1 : -1;
  return data
    .filter((r) => !r.deleted && (q.session === undefined || r.session === q.session))
    .sort((a, b) => dir * (sortValue(a, sort) - sortValue(b, sort)))
    .map((r) => r.id);
}

/** Ids that appear more than once, in order of their second appearance. */
export function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const id of ids) {
    if (seen.has(id) && !out.includes(id)) out.push(id);
    seen.add(id);
  }
  return out;
}

/** Index of the first item out of order for the sort/order, or -1. */
export function firstInversion(items: readonly { startTime?: unknown; endTime?: unknown }[], sort: SortKey, order: SortOrder): number {
  for (let i = 1; i < items.length; i++) {
    const a = sortValue(items[i - 1]!, sort);
    const b = sortValue(items[i]!, sort);
    if (order === 'asc' ? b < a : b > a) return i;
  }
  return -1;
}
