// POST /rooms (start or join a meeting), GET /rooms (the team's running meetings),
// GET /rooms/{access_key}, DELETE /rooms/{access_key}.
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authenticate, resolveMember } from '../auth.ts';
import { parseBody, parseRoomOptions, stringField } from '../input.ts';
import * as errors from '../errors.ts';
import { isValidRoomId } from '../ids.ts';
import { currentInstance, join, runningRecording, shutdown } from '../meeting.ts';
import { presentRecording } from '../wire.ts';
import { DEFAULT_ROOM_OPTIONS, roomInfo, roomOptionsWire, userWire } from '../types.ts';
import { has } from '../context.ts';
import type { EyesonContext } from '../context.ts';
import type { Member, RoomInstance, WireRoomOptions } from '../types.ts';
import type { ParsedBody } from '../input.ts';

/** The answer a parse failure gets (400, 413, 415 — or the 500 of the `malformed-json-500` fault). */
export function bodyError(p: Extract<ParsedBody, { ok: false }>): MockResponse {
  if (p.status === 413) return errors.payloadTooLarge(64 * 1024);
  if (p.status === 415) return errors.unsupportedMediaType(p.message);
  if (p.status === 500) return errors.internal(p.message);
  return errors.badRequest(p.message);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The meeting's options as sent (decision room-options); `room-options-ignored` answers the defaults. */
function optionsOf(ctx: EyesonContext, i: RoomInstance): WireRoomOptions {
  if (has(ctx, 'room-options-ignored')) return { ...DEFAULT_ROOM_OPTIONS, custom_fields: {}, recording_available: i.recordingAvailable };
  return roomOptionsWire(i);
}

export async function roomResponse(ctx: EyesonContext, m: Member, origin: string): Promise<Record<string, unknown>> {
  const running = runningRecording(ctx, m.instance);
  const ws = origin.replace(/^http/, 'ws');
  return {
    access_key: m.accessKey,
    ready: true,
    room: roomInfo(m.instance),
    user: userWire(m.user),
    links: {
      self: `${origin}/rooms/${encodeURIComponent(m.accessKey)}`,
      gui: `${origin}/gui/?${encodeURIComponent(m.accessKey)}`,
      guest_join: `${origin}/gui/?guest=${encodeURIComponent(m.instance.guestToken)}`,
      websocket: `${ws}/rt?access_key=${encodeURIComponent(m.accessKey)}`,
    },
    options: optionsOf(ctx, m.instance),
    recording: running ? await presentRecording(ctx, running, origin) : null,
  };
}

export async function createRoom(ctx: EyesonContext, req: MockRequest): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const parsed = await parseBody(ctx, req);
  if (!parsed.ok) return bodyError(parsed);
  const b = parsed.fields;
  const user = b.user;
  if (!isObject(user) || typeof user.name !== 'string' || user.name.trim() === '') return errors.badRequest('user[name] is required');
  const roomId = b.id === undefined || b.id === null || b.id === '' ? undefined : stringField(b.id);
  if (b.id !== undefined && b.id !== null && b.id !== '' && (roomId === undefined || !isValidRoomId(roomId))) {
    return errors.badRequest('id must be 1–128 characters without "/" or control characters');
  }
  const options = parseRoomOptions(b.options);
  if (!options.ok) return errors.badRequest(options.message);
  const result = join(ctx, auth.value, {
    ...(roomId !== undefined ? { roomId } : {}),
    ...(typeof b.name === 'string' && b.name !== '' && !has(ctx, 'room-name-ignored') ? { name: b.name } : {}),
    user: {
      name: user.name,
      ...(stringField(user.id) ? { id: stringField(user.id)! } : {}),
      ...(stringField(user.avatar) ? { avatar: stringField(user.avatar)! } : {}),
    },
    ...(options.recordingAvailable !== undefined ? { recordingAvailable: options.recordingAvailable } : {}),
    options: options.options,
  });
  if (!result.ok) return errors.badRequest('this room id is in use by another team');
  return json(201, await roomResponse(ctx, result.member, req.origin));
}

export async function getRoom(ctx: EyesonContext, req: MockRequest, key: string): Promise<MockResponse> {
  const m = resolveMember(ctx, key);
  if (!m.ok) return m.response;
  return json(200, await roomResponse(ctx, m.value, req.origin));
}

/** By access key (no header), or by room id with the owning team's API key. */
export async function shutdownRoom(ctx: EyesonContext, req: MockRequest, key: string): Promise<MockResponse> {
  if (ctx.members.has(key)) {
    const m = resolveMember(ctx, key);
    if (!m.ok) return m.response;
    shutdown(ctx, m.value.instance);
    return shutDown(ctx);
  }
  if (req.headers['authorization'] === undefined) return errors.notFound('Access key');
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const room = ctx.rooms.get(key);
  if (!room || room.teamKey !== auth.value.apiKey) return errors.notFound('Room');
  const live = currentInstance(room);
  if (!live) return errors.gone();
  shutdown(ctx, live);
  return shutDown(ctx);
}

/** 204 No Content (eyeson-php counts only 204 as a shutdown); the `shutdown-200` fault answers 200. */
const shutDown = (ctx: EyesonContext): MockResponse => errors.noContent(has(ctx, 'shutdown-200') ? 200 : 204);

/**
 * The team's running meetings (decision current-meetings), oldest first. The faults list shut-down
 * meetings too (`current-meetings-include-shutdown`) or every team's (`current-meetings-all-teams`).
 */
export async function listCurrentMeetings(ctx: EyesonContext, req: MockRequest): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const allTeams = has(ctx, 'current-meetings-all-teams');
  const withShutdown = has(ctx, 'current-meetings-include-shutdown');
  const running: RoomInstance[] = [];
  for (const room of ctx.rooms.values()) {
    if (!allTeams && room.teamKey !== auth.value.apiKey) continue;
    const instance = currentInstance(room) ?? (withShutdown ? room.instances[room.instances.length - 1] : undefined);
    if (instance) running.push(instance);
  }
  running.sort((a, b) => a.startedAt - b.startedAt || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
  return json(200, running.map(roomInfo));
}
