// GET /rooms/{room_id}/recordings: one page of 25, newest first, filtered by `since`/`until`
// (inclusive bounds on created_at) and `started_at` (the room instance running at that instant),
// all combined with AND before the page is cut. Pages count from 1 (0 = 1); past the end is [].
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authenticate } from '../auth.ts';
import { PAGE_SIZE, has, isExpired } from '../context.ts';
import * as errors from '../errors.ts';
import { presentRecording } from '../present.ts';
import type { EyesonContext } from '../context.ts';
import type { Recording, RoomInstance } from '../types.ts';

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

  const keep = (r: Recording): boolean => {
    if (r.deletedAt !== undefined && !has(ctx, 'deleted-still-listed')) return false;
    if (isExpired(ctx, r)) return false;
    if (since !== undefined && !has(ctx, 'since-ignored') && r.createdAt < since) return false;
    if (until !== undefined && !has(ctx, 'until-ignored') && r.createdAt > until) return false;
    if (startedAt !== undefined && !has(ctx, 'started-at-ignored') && !runningAt(r.instance, startedAt)) return false;
    return true;
  };
  const matching = ctx.store.ofRoom(room.id).filter(keep);

  const size = has(ctx, 'page-size-24') ? PAGE_SIZE - 1 : PAGE_SIZE;
  let start = (page - 1) * size;
  if (page > 1 && has(ctx, 'page-repeats-last-item')) start -= 1;
  if (start >= matching.length && matching.length > 0 && has(ctx, 'out-of-range-page-repeats-last')) {
    start = Math.floor((matching.length - 1) / size) * size;
  }
  const items = await Promise.all(matching.slice(start, start + size).map((r) => presentRecording(ctx, r, req.origin)));
  return json(200, has(ctx, 'list-wrapped-in-object') ? { recordings: items } : items);
}
