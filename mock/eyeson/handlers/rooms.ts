// POST /rooms (start or join a meeting), GET /rooms/{access_key}, DELETE /rooms/{access_key}.
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authenticate, resolveMember } from '../auth.ts';
import { booleanField, parseBody, stringField } from '../input.ts';
import * as errors from '../errors.ts';
import { isValidRoomId } from '../ids.ts';
import { currentInstance, join, runningRecording, shutdown } from '../meeting.ts';
import { presentRecording } from '../wire.ts';
import { roomInfo, userWire } from '../types.ts';
import type { EyesonContext } from '../context.ts';
import type { Member } from '../types.ts';
import type { ParsedBody } from '../input.ts';

/** The answer a parse failure gets (400, 413, 415 — or the 500 of the `malformed-json-500` fault). */
export function bodyError(p: Extract<ParsedBody, { ok: false }>): MockResponse {
  if (p.status === 413) return errors.payloadTooLarge(64 * 1024);
  if (p.status === 415) return errors.unsupportedMediaType(p.message || '(none)');
  if (p.status === 500) return errors.internal(p.message);
  return errors.badRequest(p.message);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

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
    options: { recording_available: m.instance.recordingAvailable, widescreen: false, show_names: true },
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
    return errors.badRequest('id must be 1–128 visible characters without "/"');
  }
  const options = isObject(b.options) ? b.options : {};
  const recordingAvailable = booleanField(options.recording_available);
  if (recordingAvailable === null) return errors.badRequest('options[recording_available] must be true or false');
  const result = join(ctx, auth.value, {
    ...(roomId !== undefined ? { roomId } : {}),
    ...(typeof b.name === 'string' && b.name !== '' ? { name: b.name } : {}),
    user: {
      name: user.name,
      ...(stringField(user.id) ? { id: stringField(user.id)! } : {}),
      ...(stringField(user.avatar) ? { avatar: stringField(user.avatar)! } : {}),
    },
    ...(recordingAvailable !== undefined ? { recordingAvailable } : {}),
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
    return errors.noContent(200);
  }
  if (req.headers['authorization'] === undefined) return errors.notFound('Access key');
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const room = ctx.rooms.get(key);
  if (!room || room.teamKey !== auth.value.apiKey) return errors.notFound('Room');
  const live = currentInstance(room);
  if (!live) return errors.gone();
  shutdown(ctx, live);
  return errors.noContent(200);
}
