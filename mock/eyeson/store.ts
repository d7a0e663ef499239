// Recordings by id, plus one index per room kept sorted newest first on write (created_at, then
// id, descending), so a room's listing never sorts and a page is a slice.
import type { Recording } from './types.ts';

/** Newest first: later created_at first, ties broken by the larger id. */
const newerFirst = (a: Recording, b: Recording): number => b.createdAt - a.createdAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);

export interface RecordingStore {
  get(id: string): Recording | undefined;
  insert(r: Recording): void;
  /** A room's recordings, newest first (deleted ones included; callers filter). */
  ofRoom(roomId: string): readonly Recording[];
  /** How many of a room's recordings are deleted (0 lets a listing skip filtering them). */
  deletedIn(roomId: string): number;
  /** Call after setting `deletedAt`. */
  markDeleted(r: Recording): void;
  /** Stopped but not yet finished: the only ones a clock tick can change. */
  unsettled(): Iterable<Recording>;
  markStopped(r: Recording): void;
  markSettled(r: Recording): void;
  all(): Iterable<Recording>;
  readonly size: number;
  clear(): void;
}

export function createRecordingStore(): RecordingStore {
  const byId = new Map<string, Recording>();
  const byRoom = new Map<string, Recording[]>();
  const pending = new Set<Recording>();
  const deleted = new Map<string, number>();
  const countDeleted = (r: Recording) => void deleted.set(r.roomId, (deleted.get(r.roomId) ?? 0) + 1);

  /** Position of `r` in a newest-first list (binary search). */
  const positionOf = (list: Recording[], r: Recording): number => {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (newerFirst(list[mid]!, r) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  return {
    get: (id) => byId.get(id),
    insert(r) {
      if (byId.has(r.id)) throw new Error(`recording ${r.id} exists`);
      byId.set(r.id, r);
      const list = byRoom.get(r.roomId) ?? [];
      list.splice(positionOf(list, r), 0, r);
      byRoom.set(r.roomId, list);
      if (r.stoppedAt !== undefined && r.finishedAt === undefined) pending.add(r);
      if (r.deletedAt !== undefined) countDeleted(r);
    },
    ofRoom: (roomId) => byRoom.get(roomId) ?? [],
    deletedIn: (roomId) => deleted.get(roomId) ?? 0,
    markDeleted: countDeleted,
    unsettled: () => pending,
    markStopped: (r) => void pending.add(r),
    markSettled: (r) => void pending.delete(r),
    all: () => byId.values(),
    get size() {
      return byId.size;
    },
    clear() {
      byId.clear();
      byRoom.clear();
      pending.clear();
      deleted.clear();
    },
  };
}
