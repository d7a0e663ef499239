// The mock's own control actions (POST /__callrec/action/<name>, seed and provider-state):
// load data, mint tokens, end recordings abnormally, point webhooks somewhere, change rooms.
//   seed {rooms?, recordings?, generate?, replace?}   room {roomId, …, recordingAccess?}
//   token {kind: 'access'} | {kind: 'room-member', roomId, role?: 'moderator' | 'speaker'}
//   stall-start {count?: 1}: the next `count` starts time out (503), as a media server that never starts would
//   webhook {url|null}   apiKeys {keys}   finish {recordingId, status}   provider-state {state, params}
// Every action answers a MockResponse; bad input is a 400 {error:"Bad Request", message}.
import { json } from '../../core/http.ts';
import { BadInput, isObject, need } from '../core/control-input.ts';
import type { MockResponse } from '../../core/http.ts';
import { signToken } from './auth.ts';
import { present } from './wire.ts';
import { generateRecordings, generateRooms } from './datasets.ts';
import { makeRecording } from './factory.ts';
import { isValidRoomId } from './ids.ts';
import { abnormalEnd } from './lifecycle.ts';
import { DEFAULT_RECORDING_ACCESS, LAYOUTS, RECORDING_ACCESS, RECORDING_STATUSES, ROOM_MEMBER_ROLES, isTerminal, recordingPermissions } from './types.ts';
import type { MeetContext } from './context.ts';
import type { AbnormalEnd, LayoutName, Recording, RecordingAccess, RecordingStatus, Room, RoomMemberRole } from './types.ts';


/** Largest generated data set (keeps a stray request from exhausting memory). */
export const MAX_GENERATED = 1_000_000;
/** Generated recording ids are listed in the answer only up to this many. */
const LIST_IDS_UP_TO = 1000;

/** The actions of this API; `tick` and `webhook-flush` are the core's (mock/core/define-mock.ts). */
export async function runControl(ctx: MeetContext, action: string, b: Record<string, unknown>): Promise<MockResponse> {
  switch (action) {
    case 'seed':
      return json(200, seed(ctx, b));
    case 'room':
      return json(200, upsertRoom(ctx, b));
    case 'webhook': {
      need(b.url === null || (typeof b.url === 'string' && /^https?:\/\//.test(b.url)), 'url must be an http(s) URL or null');
      ctx.webhooks.url = (b.url as string | null) ?? undefined;
      return json(200, { url: ctx.webhooks.url ?? null });
    }
    case 'token': {
      need(b.kind === 'access' || b.kind === 'room-member', "kind must be 'access' or 'room-member'");
      if (b.kind === 'access') return json(200, { token: await signToken('access', ctx.clock.now()), kind: b.kind });
      need(typeof b.roomId === 'string' && b.roomId.length > 0, 'a room-member token needs roomId');
      need(b.role === undefined || (ROOM_MEMBER_ROLES as readonly unknown[]).includes(b.role), `role must be one of ${ROOM_MEMBER_ROLES.join(', ')}`);
      // As the platform does: the permissions are those of the role under the room's access setting now.
      const roomId = b.roomId as string;
      const role = (b.role as RoomMemberRole | undefined) ?? 'moderator';
      const permissions = recordingPermissions(role, ctx.rooms.get(roomId)?.recordingAccess ?? DEFAULT_RECORDING_ACCESS);
      const token = await signToken('room-member', ctx.clock.now(), { roomId, role, permissions });
      return json(200, { token, kind: b.kind, roomId, role, permissions });
    }
    case 'stall-start': {
      need(b.count === undefined || (Number.isInteger(b.count) && (b.count as number) >= 0 && (b.count as number) <= 100), 'count must be an integer 0..100');
      ctx.stalledStarts = (b.count as number | undefined) ?? 1;
      return json(200, { stalledStarts: ctx.stalledStarts });
    }
    case 'apiKeys': {
      need(Array.isArray(b.keys) && b.keys.every((k) => typeof k === 'string' && k.length > 0), 'keys must be an array of non-empty strings');
      ctx.apiKeys = [...(b.keys as string[])];
      return json(200, { keys: ctx.apiKeys });
    }
    case 'finish':
      return finish(ctx, b);
    case 'provider-state':
      return json(200, providerState(ctx, b));
    default:
      return json(404, { error: 'Not Found', message: `unknown openvidu-meet control action '${action}'` });
  }
}

// ---- rooms ----

function upsertRoom(ctx: MeetContext, b: Record<string, unknown>): Room {
  need(typeof b.roomId === 'string' && isValidRoomId(b.roomId), 'roomId must be a non-empty string of at most 100 characters without "--"');
  need(b.roomName === undefined || typeof b.roomName === 'string', 'roomName must be a string');
  need(b.participants === undefined || (Number.isInteger(b.participants) && (b.participants as number) >= 0), 'participants must be a non-negative integer');
  need(b.recordingEnabled === undefined || typeof b.recordingEnabled === 'boolean', 'recordingEnabled must be a boolean');
  need(b.layout === undefined || (LAYOUTS as readonly unknown[]).includes(b.layout), `layout must be one of ${LAYOUTS.join(', ')}`);
  need(b.recordingAccess === undefined || (RECORDING_ACCESS as readonly unknown[]).includes(b.recordingAccess), `recordingAccess must be one of ${RECORDING_ACCESS.join(', ')}`);
  const id = b.roomId as string;
  const existing = ctx.rooms.get(id);
  const room: Room = {
    roomId: id,
    roomName: (b.roomName as string | undefined) ?? existing?.roomName ?? id,
    participants: (b.participants as number | undefined) ?? existing?.participants ?? 0,
    recordingEnabled: (b.recordingEnabled as boolean | undefined) ?? existing?.recordingEnabled ?? true,
    layout: (b.layout as LayoutName | undefined) ?? existing?.layout ?? 'grid',
    recordingAccess: (b.recordingAccess as RecordingAccess | undefined) ?? existing?.recordingAccess ?? DEFAULT_RECORDING_ACCESS,
    creationDate: existing?.creationDate ?? ctx.clock.now(),
  };
  if (existing?.deleteWhenMeetingEnds) {
    // Scheduled by DELETE /rooms/{id}?withMeeting=when_meeting_ends: the meeting's end deletes it.
    if (room.participants === 0) {
      ctx.rooms.delete(id);
      ctx.deletedRooms.set(id, room);
      return room;
    }
    room.deleteWhenMeetingEnds = true;
  }
  ctx.rooms.set(id, room);
  return room;
}

// ---- seed ----

interface SeedResult {
  rooms: Room[];
  recordings: ReturnType<typeof present>[];
  generated?: { rooms: string[]; recordings: number; recordingIds?: string[] };
}

function seed(ctx: MeetContext, b: Record<string, unknown>): SeedResult {
  need(b.rooms === undefined || Array.isArray(b.rooms), 'rooms must be an array');
  need(b.recordings === undefined || Array.isArray(b.recordings), 'recordings must be an array');
  if (b.replace === true) {
    ctx.store.clear();
    ctx.rooms.clear();
  }
  const result: SeedResult = { rooms: [], recordings: [] };
  for (const r of (b.rooms as unknown[] | undefined) ?? []) {
    need(isObject(r), 'each room must be an object');
    result.rooms.push(upsertRoom(ctx, r as Record<string, unknown>));
  }
  for (const r of (b.recordings as unknown[] | undefined) ?? []) {
    need(isObject(r), 'each recording must be an object');
    const rec = seedRecording(ctx, r as Record<string, unknown>);
    ctx.store.insert(rec);
    result.recordings.push(present(ctx, rec));
  }
  if (b.generate !== undefined) result.generated = generate(ctx, b.generate);
  return result;
}

function seedRecording(ctx: MeetContext, r: Record<string, unknown>): Recording {
  need(typeof r.roomId === 'string' && isValidRoomId(r.roomId), 'recording roomId must be a valid room id');
  const status = (r.status ?? 'complete') as RecordingStatus;
  need(RECORDING_STATUSES.includes(status), `status must be one of ${RECORDING_STATUSES.join(', ')}`);
  need(r.startDate === undefined || Number.isFinite(r.startDate), 'startDate must be a number (ms epoch)');
  need(r.durationMs === undefined || (Number.isFinite(r.durationMs) && (r.durationMs as number) >= 0), 'durationMs must be a non-negative number');
  need(r.layout === undefined || (LAYOUTS as readonly unknown[]).includes(r.layout), `layout must be one of ${LAYOUTS.join(', ')}`);
  need(r.media === undefined || ctx.media.names.includes(r.media as string), `media must be one of ${ctx.media.names.join(', ')}`);
  const room = ctx.rooms.get(r.roomId as string) ?? upsertRoom(ctx, { roomId: r.roomId });
  const now = ctx.clock.now();
  const media = (r.media as string | undefined) ?? ctx.media.pick(ctx.prng);
  const durationMs = r.durationMs as number | undefined;
  // Default start: running for durationMs (active/ending), or an hour ago for ended ones.
  const defaultStart = status === 'active' || status === 'ending' ? now - (durationMs ?? 0) : now - 3600_000;
  return makeRecording(ctx.prng, room, {
    status,
    startDate: (r.startDate as number | undefined) ?? defaultStart,
    media,
    mediaFacts: ctx.media.facts(media),
    ...(r.layout ? { layout: r.layout as LayoutName } : {}),
    ...(durationMs !== undefined ? { durationMs } : {}),
    ...(status === 'ending' ? { stopRequestedAt: now } : {}),
  });
}

function generate(ctx: MeetContext, g: unknown): NonNullable<SeedResult['generated']> {
  need(isObject(g), 'generate must be {rooms, recordings}');
  const { rooms: nRooms = 10, recordings: nRecs = 0 } = g as { rooms?: unknown; recordings?: unknown };
  need(Number.isInteger(nRooms) && (nRooms as number) >= 1 && (nRooms as number) <= 10_000, 'generate.rooms must be an integer 1..10000');
  need(Number.isInteger(nRecs) && (nRecs as number) >= 0 && (nRecs as number) <= MAX_GENERATED, `generate.recordings must be an integer 0..${MAX_GENERATED}`);
  const rooms = generateRooms(ctx.prng, nRooms as number);
  for (const r of rooms) ctx.rooms.set(r.roomId, { ...r, creationDate: ctx.clock.now() });
  const recs = generateRecordings(ctx.prng, ctx.clock.now(), rooms, nRecs as number, ctx.media, (id) => ctx.store.get(id) !== undefined);
  ctx.store.insertMany(recs);
  const out: NonNullable<SeedResult['generated']> = { rooms: rooms.map((r) => r.roomId), recordings: recs.length };
  if (recs.length <= LIST_IDS_UP_TO) out.recordingIds = recs.map((r) => r.recordingId);
  return out;
}

// ---- abnormal ends ----

function finish(ctx: MeetContext, b: Record<string, unknown>): MockResponse {
  need(typeof b.recordingId === 'string', 'recordingId must be a string');
  const ends: readonly AbnormalEnd[] = ['failed', 'aborted', 'limit_reached'];
  need(ends.includes(b.status as AbnormalEnd), `status must be one of ${ends.join(', ')}`);
  const r = ctx.store.get(b.recordingId as string);
  if (!r) return json(404, { error: 'Not Found', message: `Recording '${b.recordingId}' not found` });
  if (isTerminal(r.status)) return json(409, { error: 'Conflict', message: `Recording '${r.recordingId}' has already ended (${r.status})` });
  const now = ctx.clock.now();
  const startDate = r.startDate ?? now;
  ctx.store.update(r.recordingId, { startDate, ...abnormalEnd({ ...r, startDate }, b.status as AbnormalEnd, now) });
  const wire = present(ctx, r);
  ctx.webhooks.emit('recordingEnded', wire, now);
  return json(200, wire);
}

// ---- Pact provider states ----

export const PROVIDER_STATES = [
  'a room with participants',
  'a room without participants',
  'a room with recording disabled',
  'a completed recording exists',
  'an active recording exists',
  'an ending recording exists',
  'no recordings exist',
] as const;

/** Sets the state up and answers the ids a contract can inject (`fromProviderState`). */
function providerState(ctx: MeetContext, b: Record<string, unknown>): Record<string, unknown> {
  need(typeof b.state === 'string', 'state must be a string');
  const params = isObject(b.params) ? b.params : {};
  const roomId = typeof params.roomId === 'string' ? params.roomId : undefined;
  const state = b.state as string;
  switch (state) {
    case 'a room with participants': {
      const room = upsertRoom(ctx, { roomId: roomId ?? 'room-alpha', participants: 3, recordingEnabled: true });
      return { roomId: room.roomId };
    }
    case 'a room without participants':
      return { roomId: upsertRoom(ctx, { roomId: roomId ?? 'room-empty', participants: 0, recordingEnabled: true }).roomId };
    case 'a room with recording disabled':
      return { roomId: upsertRoom(ctx, { roomId: roomId ?? 'room-disabled', participants: 2, recordingEnabled: false }).roomId };
    case 'a completed recording exists':
    case 'an active recording exists':
    case 'an ending recording exists': {
      const status: RecordingStatus = state.startsWith('a completed') ? 'complete' : state.startsWith('an active') ? 'active' : 'ending';
      const room = upsertRoom(ctx, { roomId: roomId ?? 'room-alpha', participants: Math.max(1, ctx.rooms.get(roomId ?? 'room-alpha')?.participants ?? 3) });
      // One room records one recording at a time: reuse a running one instead of adding a second.
      const running = status === 'active' ? [...ctx.store.unsettled()].find((r) => r.roomId === room.roomId && r.status === 'active') : undefined;
      const rec = running ?? seedRecording(ctx, { roomId: room.roomId, status, ...(status === 'complete' ? {} : { durationMs: 60_000 }) });
      if (!running) ctx.store.insert(rec);
      return { roomId: room.roomId, recordingId: rec.recordingId, status: rec.status, filename: rec.filename };
    }
    case 'no recordings exist':
      ctx.store.clear();
      return {};
    default:
      throw new BadInput(`unknown provider state '${state}'; known: ${PROVIDER_STATES.join(' | ')}`);
  }
}
