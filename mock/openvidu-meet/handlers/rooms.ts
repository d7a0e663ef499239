// The rooms collection and its items as recording clients use them: create, list, get, delete
// (OpenVidu Meet 3.5 rooms API; the official recordings and webhooks tutorials call all four).
import { json, parseJsonBody } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { ANY_CREDENTIAL, authorize, reaches } from '../access.ts';
import { has } from '../context.ts';
import * as errors from '../errors.ts';
import { abnormalEnd } from '../lifecycle.ts';
import { decodePageToken, encodePageToken, invalidTokenIssue, parseCreateRoomBody, parseRoomId, parseRoomListQuery, roomIdSanitiser } from '../input.ts';
import { roomIdPrefix } from '../ids.ts';
import { present, roomWire } from '../wire.ts';
import { isTerminal } from '../types.ts';
import type { MeetContext } from '../context.ts';
import type { AuthMethod } from '../auth.ts';
import type { Room } from '../types.ts';

/** Create, list and delete: the API key or an admin token; a room-member token is no credential here (401). */
const ROOM_ADMIN: readonly AuthMethod[] = ['apiKey', 'accessToken'];

// POST /rooms — a new room, its id made from its name plus a unique suffix.
export async function createRoom(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  const auth = await authorize(ctx, req, ROOM_ADMIN);
  if (!auth.ok) return auth.response;
  const parsed = parseJsonBody(req);
  if (!parsed.ok) return errors.validation([{ field: 'body', message: `Malformed JSON: ${parsed.error}` }]);
  const now = ctx.clock.now();
  const body = parseCreateRoomBody(parsed.value ?? {}, now);
  if (!body.ok) return errors.validation(body.issues);
  const b = body.value;
  let roomId: string;
  do roomId = `${roomIdPrefix(b.roomName)}-${ctx.prng.id(5, 'abcdefghijklmnopqrstuvwxyz0123456789')}`;
  while (ctx.rooms.has(roomId));
  const room: Room = {
    roomId,
    roomName: b.roomName,
    participants: 0,
    recordingEnabled: b.recordingEnabled,
    layout: b.layout,
    recordingAccess: b.recordingAccess,
    creationDate: now,
    ...(b.autoDeletionDate !== undefined ? { autoDeletionDate: b.autoDeletionDate } : {}),
  };
  ctx.rooms.set(roomId, room);
  return json(201, roomWire(room, req.origin), { location: `${req.origin}/api/v1/rooms/${encodeURIComponent(roomId)}` });
}

// GET /rooms — newest first, cursor-paginated, optionally filtered by name.
export async function listRooms(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  const auth = await authorize(ctx, req, ROOM_ADMIN);
  if (!auth.ok) return auth.response;
  const q = parseRoomListQuery(req.query);
  if (!q.ok) return errors.validation(q.issues);
  const { maxItems, roomName, nextPageToken } = q.value;
  const after = nextPageToken === undefined ? undefined : decodePageToken(nextPageToken);
  if (nextPageToken !== undefined && !after) return errors.validation([invalidTokenIssue]);

  const needle = roomName?.toLowerCase();
  // Newest first; ties by id (unique, so never equal), so the (creationDate, roomId) cursor is a total order.
  const ordered = [...ctx.rooms.values()]
    .filter((r) => needle === undefined || r.roomName.toLowerCase().includes(needle))
    .sort((a, b) => (b.creationDate ?? 0) - (a.creationDate ?? 0) || (a.roomId < b.roomId ? -1 : 1));
  if (has(ctx, 'rooms-listed-oldest-first')) ordered.reverse();
  const start = after ? ordered.findIndex((r) => isAfter(r, after.v as number, after.id)) : 0;
  const from = start < 0 ? ordered.length : start;
  const page = ordered.slice(from, from + maxItems);
  const truncated = from + maxItems < ordered.length;
  const last = page[page.length - 1];
  const pagination: { isTruncated: boolean; nextPageToken?: string; maxItems: number } = { isTruncated: truncated, maxItems };
  if (truncated && last) pagination.nextPageToken = encodePageToken({ v: last.creationDate ?? 0, id: last.roomId });
  const rooms = page.map((r) => roomWire(r, req.origin));
  return json(200, has(ctx, 'rooms-list-bare-array') ? rooms : { rooms, pagination });
}

/** True when `r` comes after the cursor item in listing order (creationDate desc, roomId asc). */
const isAfter = (r: Room, v: number, id: string) => (r.creationDate ?? 0) < v || ((r.creationDate ?? 0) === v && r.roomId > id);

// GET /rooms/{roomId} — any credential; a room-member token reads only its own room.
export async function getRoom(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const auth = await authorize(ctx, req, ANY_CREDENTIAL);
  if (!auth.ok) return auth.response;
  const id = parseRoomId(decode(rawId), 'roomId', roomIdSanitiser(ctx));
  if (!id.ok) return errors.validation(id.issues);
  if (!reaches(ctx, auth.principal, id.value)) return errors.forbidden();
  const room = ctx.rooms.get(id.value) ?? (has(ctx, 'deleted-room-still-readable') ? ctx.deletedRooms.get(id.value) : undefined);
  if (!room) return errors.roomNotFound(id.value);
  const wire = roomWire(room, req.origin);
  if (has(ctx, 'room-status-always-open') && wire.status === 'active_meeting') wire.status = 'open';
  return json(200, wire);
}

export const DELETION_WITH_MEETING = ['force', 'when_meeting_ends', 'fail'] as const;
export const DELETION_WITH_RECORDINGS = ['force', 'close', 'fail'] as const;

// DELETE /rooms/{roomId}?withMeeting=&withRecordings= — both policies default to `fail`.
export async function deleteRoom(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const auth = await authorize(ctx, req, ROOM_ADMIN);
  if (!auth.ok) return auth.response;
  const id = parseRoomId(decode(rawId), 'roomId', roomIdSanitiser(ctx));
  if (!id.ok) return errors.validation(id.issues);
  const withMeeting = req.query.get('withMeeting') ?? 'fail';
  const withRecordings = req.query.get('withRecordings') ?? 'fail';
  const issues = [];
  if (!(DELETION_WITH_MEETING as readonly string[]).includes(withMeeting))
    issues.push({ field: 'withMeeting', message: `Invalid enum value. Expected ${DELETION_WITH_MEETING.map((v) => `'${v}'`).join(' | ')}, received '${withMeeting}'` });
  if (!(DELETION_WITH_RECORDINGS as readonly string[]).includes(withRecordings))
    issues.push({ field: 'withRecordings', message: `Invalid enum value. Expected ${DELETION_WITH_RECORDINGS.map((v) => `'${v}'`).join(' | ')}, received '${withRecordings}'` });
  if (issues.length > 0) return errors.validation(issues);

  const room = ctx.rooms.get(id.value);
  if (!room) return errors.roomNotFound(id.value);
  const recordings = [...ctx.store.all()].filter((r) => r.roomId === room.roomId);
  const meeting = room.participants > 0;
  if (meeting && withMeeting === 'fail') return errors.roomConflict(`Room '${room.roomId}' has an active meeting`);
  if (recordings.length > 0 && withRecordings === 'fail') return errors.roomConflict(`Room '${room.roomId}' has recordings`);
  if (meeting && withMeeting === 'when_meeting_ends') {
    room.deleteWhenMeetingEnds = true;
    return json(202, { successCode: 'room_scheduled_to_be_deleted', message: `Room '${room.roomId}' scheduled to be deleted when the meeting ends`, room: roomWire(room, req.origin) });
  }
  room.participants = 0; // force: the meeting ends now
  if (recordings.length > 0 && withRecordings === 'close') {
    room.closed = true;
    return json(200, { successCode: 'room_closed', message: `Room '${room.roomId}' closed: its recordings are kept`, room: roomWire(room, req.origin) });
  }
  const now = ctx.clock.now();
  for (const r of recordings) {
    // Recordings still running when their room's recordings are deleted end as `aborted` (facts §5.4).
    if (!isTerminal(r.status)) {
      const ended = ctx.store.update(r.recordingId, abnormalEnd(r, 'aborted', now));
      if (ended) ctx.webhooks.emit('recordingEnded', present(ctx, ended), now);
    }
    ctx.store.delete(r.recordingId);
  }
  ctx.rooms.delete(room.roomId);
  ctx.deletedRooms.set(room.roomId, room);
  return recordings.length > 0
    ? json(200, { successCode: 'room_and_recordings_deleted', message: `Room '${room.roomId}' and its recordings deleted successfully` })
    : json(200, { successCode: 'room_deleted', message: `Room '${room.roomId}' deleted successfully` });
}

function decode(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}
