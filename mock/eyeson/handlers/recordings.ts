// Recordings: a room's listing (the collection) and one recording by id (get, delete).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authenticate } from '../auth.ts';
import { has, isExpired, visible, PAGE_SIZE } from '../context.ts';
import * as errors from '../errors.ts';
import { deleteRecording } from '../meeting.ts';
import { presentRecording } from '../wire.ts';
import type { EyesonContext } from '../context.ts';
import type { Recording, RoomInstance } from '../types.ts';

// GET and DELETE /recordings/{recording_id} (API key; only the team's own recordings).
export async function getRecording(ctx: EyesonContext, req: MockRequest, id: string): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const r = ctx.store.get(id);
  if (!visible(ctx, r, auth.value.apiKey)) return errors.notFound('Recording');
  const wire = await presentRecording(ctx, r, req.origin, true);
  if (has(ctx, 'duration-as-string') && wire.duration !== null) wire.duration = String(wire.duration);
  return json(200, wire);
}

export async function deleteRecordingHandler(ctx: EyesonContext, req: MockRequest, id: string): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const r = ctx.store.get(id);
  if (r && r.teamKey === auth.value.apiKey && r.deletedAt !== undefined && !isExpired(ctx, r) && has(ctx, 'delete-twice-200')) {
    return errors.noContent(200);
  }
  if (!visible(ctx, r, auth.value.apiKey) || r.deletedAt !== undefined) return errors.notFound('Recording');
  deleteRecording(ctx, r);
  return errors.noContent(200);
}

// GET /rooms/{room_id}/recordings: one page of 25, newest first, filtered by `since`/`until`
// (inclusive bounds on created_at) and `started_at` (the room instance running at that instant),
// all combined with AND before the page is cut. Pages count from 1 (0 = 1); past the end is [].
/** RFC 3339 date-time (what `format: date-time` means); seconds and fraction optional, as clients vary. */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?([Zz]|[+-]\d{2}:?\d{2})$/;

/** A query timestamp in ms; `+` arrives as a space when a client forgot to percent-encode it. */
function instant(raw: string | null): number | undefined | null {
  if (raw === null || raw === '') return undefined;
  const text = raw.replace(/ (\d{2}:?\d{2})$/, '+$1');
  if (!DATE_TIME.test(text)) return null;
  const ms = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms) ? ms : null;
}

/** The recordings of a listing, in order (an array, or a window on one). */
interface Matching {
  readonly length: number;
  slice(start: number, end: number): readonly Recording[];
}

/** First index of a sorted list from which `pred` holds to the end (binary search). */
function firstWhere(list: readonly Recording[], pred: (r: Recording) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (pred(list[mid]!)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The run of `list` (newest first) between a prefix of too-new and a suffix of too-old
 * recordings (expired or before `since`): everything in between is kept.
 */
function run(list: readonly Recording[], tooNew: (r: Recording) => boolean, tooOld: (r: Recording) => boolean): Matching {
  const from = firstWhere(list, (r) => !tooNew(r));
  const to = Math.max(from, firstWhere(list, tooOld));
  return { length: to - from, slice: (start, end) => list.slice(from + Math.max(0, start), from + Math.min(end, to - from)) };
}

const runningAt = (i: RoomInstance, t: number) => i.startedAt <= t && (i.shutdownAt === undefined || t <= i.shutdownAt);

export async function listRoomRecordings(ctx: EyesonContext, req: MockRequest, roomId: string): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;

  const pageText = req.query.get('page');
  if (pageText !== null && pageText !== '' && !/^\d{1,9}$/.test(pageText)) return errors.badRequest('page must be a non-negative integer');
  const page = Math.max(1, Number(pageText ?? '1') || 1);
  const since = instant(req.query.get('since'));
  const until = instant(req.query.get('until'));
  const startedAt = instant(req.query.get('started_at'));
  if (since === null) return errors.badRequest('since must be an ISO 8601 timestamp');
  if (until === null) return errors.badRequest('until must be an ISO 8601 timestamp');
  if (startedAt === null) return errors.badRequest('started_at must be an ISO 8601 timestamp');

  const room = ctx.rooms.get(roomId);
  if (!room) return errors.notFound('Room');
  if (room.teamKey !== auth.value.apiKey) return errors.forbidden('Room');

  // Bounds on created_at. The list is newest first, so the too-new ones are a prefix of it and the
  // too-old ones (expired, or before `since`) a suffix.
  const tooNew = (r: Recording) => until !== undefined && !has(ctx, 'until-ignored') && r.createdAt > until;
  const tooOld = (r: Recording) => isExpired(ctx, r) || (since !== undefined && !has(ctx, 'since-ignored') && r.createdAt < since);
  const keep = (r: Recording): boolean => {
    if (r.deletedAt !== undefined && !has(ctx, 'deleted-still-listed')) return false;
    if (tooOld(r) || tooNew(r)) return false;
    if (startedAt !== undefined && !has(ctx, 'started-at-ignored') && !runningAt(r.instance, startedAt)) return false;
    return true;
  };
  const all = ctx.store.ofRoom(room.id);
  // Without deleted recordings and a started_at filter only the created_at bounds remain, so the
  // matches are one run of the list, found by binary search (a page of 100k costs O(log n)).
  const bounded = (startedAt === undefined || has(ctx, 'started-at-ignored')) && (ctx.store.deletedIn(room.id) === 0 || has(ctx, 'deleted-still-listed'));
  const matching: Matching = bounded ? run(all, tooNew, tooOld) : all.filter(keep);

  const size = has(ctx, 'page-size-24') ? PAGE_SIZE - 1 : PAGE_SIZE;
  let start = (page - 1) * size;
  if (page > 1 && has(ctx, 'page-repeats-last-item')) start -= 1;
  if (start >= matching.length && matching.length > 0 && has(ctx, 'out-of-range-page-repeats-last')) {
    start = Math.floor((matching.length - 1) / size) * size;
  }
  const items = await Promise.all(matching.slice(start, start + size).map((r) => presentRecording(ctx, r, req.origin)));
  return json(200, has(ctx, 'list-wrapped-in-object') ? { recordings: items } : items);
}
