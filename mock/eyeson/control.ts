// The mock's own control actions (POST /__callrec/action/<name>, plus seed and provider-state).
// Every action answers JSON; bad input is a 400 {error}.
//
//   seed            {rooms?, recordings?, generate?, replace?}   load data (see seedData below)
//   room            {id?, name?, apiKey?, user?, recordingAvailable?, accessKey?}
//                   start or join a meeting as POST /rooms would → {accessKey, roomId, startedAt, guestToken}
//   shutdown        {accessKey} | {roomId}         shut a meeting down (its access keys answer 410)
//   lock-key        {apiKey, locked?=true}         lock (423) or unlock an API key; unknown keys are added
//   apiKeys         {keys: string[]}               add unlocked API keys (teams)
//   webhook         {url|null, apiKey?, types?}    register (or clear) a team's webhook directly
//   webhook-flush   {}                             wait until every queued webhook was delivered
//   tick            {}                             settle due transitions now (finished + webhooks)
//   defaults        {}                             ids of the seeded data set (keys, rooms, recordings, one past 14 days)
//   provider-state  {state, params?}               Pact provider states (PROVIDER_STATES)
import { json } from '../../core/http.ts';
import { BadInput, isObject, need } from '../core/control-input.ts';
import type { MockResponse } from '../../core/http.ts';
import { DEV_API_KEY, LOCKED_API_KEY, OTHER_API_KEY } from './auth.ts';
import { PROCESSING_DELAY_MS, RECORDING_MEDIA, RETENTION_MS, isExpired } from './context.ts';
import { ARCHIVE_ROOM_ID, OTHER_TEAM_ROOM_ID, generateHistory } from './datasets.ts';
import { parseTypes, webhookWire } from './handlers/webhooks.ts';
import { guestToken, isValidRoomId, objectId } from './ids.ts';
import { currentInstance, join, runningRecording, shutdown, startRecording } from './meeting.ts';
import { wholeSeconds } from './types.ts';
import type { EyesonContext } from './context.ts';
import type { Recording, RecordingState, Room, RoomInstance, Team } from './types.ts';

const DAY = 24 * 3600_000;

/** The actions of this API; `tick` and `webhook-flush` are the core's (mock/core/define-mock.ts). */
export async function runControl(ctx: EyesonContext, action: string, b: Record<string, unknown>): Promise<MockResponse> {
  switch (action) {
    case 'seed':
      return json(200, seedData(ctx, b));
    case 'room':
      return json(200, meeting(ctx, b));
    case 'shutdown':
      return json(200, shutdownAction(ctx, b));
    case 'lock-key': {
      need(typeof b.apiKey === 'string' && b.apiKey.trim() !== '', 'apiKey must be a non-empty string');
      need(b.locked === undefined || typeof b.locked === 'boolean', 'locked must be a boolean');
      const team = teamFor(ctx, b.apiKey as string);
      team.locked = (b.locked as boolean | undefined) ?? true;
      return json(200, { apiKey: team.apiKey, locked: team.locked });
    }
    case 'apiKeys': {
      need(Array.isArray(b.keys) && b.keys.every((k) => typeof k === 'string' && k.trim() !== ''), 'keys must be an array of non-empty strings');
      for (const k of b.keys as string[]) teamFor(ctx, k);
      return json(200, { keys: [...ctx.teams.keys()] });
    }
    case 'webhook': {
      need(b.url === null || (typeof b.url === 'string' && /^https?:\/\/[^/]/.test(b.url)), 'url must be an http(s) URL or null');
      const team = teamFor(ctx, typeof b.apiKey === 'string' ? b.apiKey : DEV_API_KEY);
      if (b.url === null) {
        team.webhook = undefined;
        return json(200, { webhook: null });
      }
      const types = b.types === undefined ? ['recording_update' as const] : parseTypes(b.types);
      need(types, 'types must be a comma list or array of known webhook types');
      team.webhook = { id: objectId(ctx.prng), url: b.url as string, types: types!, lastRequestSentAt: null, lastResponseCode: null };
      return json(200, { webhook: webhookWire(team.webhook) });
    }
    case 'defaults':
      return json(200, defaults(ctx));
    case 'provider-state':
      return json(200, providerState(ctx, b));
    default:
      return json(404, { error: `unknown eyeson control action '${action}'` });
  }
}

function teamFor(ctx: EyesonContext, apiKey: string): Team {
  let team = ctx.teams.get(apiKey);
  if (!team) {
    team = { apiKey, locked: false };
    ctx.teams.set(apiKey, team);
  }
  return team;
}

// ---- meetings ----

function meeting(ctx: EyesonContext, b: Record<string, unknown>) {
  need(b.id === undefined || (typeof b.id === 'string' && isValidRoomId(b.id)), 'id must be a valid room id');
  need(b.name === undefined || typeof b.name === 'string', 'name must be a string');
  need(b.recordingAvailable === undefined || typeof b.recordingAvailable === 'boolean', 'recordingAvailable must be a boolean');
  need(b.accessKey === undefined || (typeof b.accessKey === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(b.accessKey)), 'accessKey must be 1–64 of [A-Za-z0-9_-]');
  need(b.accessKey === undefined || !ctx.members.has(b.accessKey as string), 'accessKey is taken');
  const user = isObject(b.user) ? b.user : {};
  const team = teamFor(ctx, typeof b.apiKey === 'string' ? b.apiKey : DEV_API_KEY);
  const result = join(ctx, team, {
    ...(b.id !== undefined ? { roomId: b.id as string } : {}),
    ...(b.name !== undefined ? { name: b.name as string } : {}),
    user: { name: typeof user.name === 'string' ? user.name : 'callrec', ...(typeof user.id === 'string' ? { id: user.id } : {}) },
    ...(b.recordingAvailable !== undefined ? { recordingAvailable: b.recordingAvailable as boolean } : {}),
    ...(b.accessKey !== undefined ? { accessKey: b.accessKey as string } : {}),
  });
  need(result.ok, 'room id belongs to another team');
  if (!result.ok) throw new BadInput('unreachable');
  const m = result.member;
  return { accessKey: m.accessKey, roomId: m.instance.roomId, startedAt: new Date(m.instance.startedAt).toISOString(), guestToken: m.instance.guestToken, apiKey: team.apiKey };
}

function shutdownAction(ctx: EyesonContext, b: Record<string, unknown>) {
  let instance: RoomInstance | undefined;
  if (typeof b.accessKey === 'string') instance = ctx.members.get(b.accessKey)?.instance;
  else if (typeof b.roomId === 'string') {
    const room = ctx.rooms.get(b.roomId);
    instance = room && (currentInstance(room) ?? room.instances[room.instances.length - 1]);
  } else throw new BadInput('give accessKey or roomId');
  need(instance, 'no such meeting');
  if (instance!.shutdownAt === undefined) shutdown(ctx, instance!);
  return { roomId: instance!.roomId, shutdown: true };
}

// ---- seed ----

/**
 * rooms:      [{id, apiKey?, name?, recordingAvailable?}]     rooms with a running instance
 * recordings: [{roomId, id?, state?='finished', createdAt? (ms), durationSeconds?}]
 * generate:   {roomId?, apiKey?, count, days?=13, instances?=3}  finished history over the last `days`
 * replace:    true clears rooms, meetings and recordings first (teams stay)
 */
function seedData(ctx: EyesonContext, b: Record<string, unknown>) {
  need(b.rooms === undefined || Array.isArray(b.rooms), 'rooms must be an array');
  need(b.recordings === undefined || Array.isArray(b.recordings), 'recordings must be an array');
  if (b.replace === true) {
    ctx.store.clear();
    ctx.rooms.clear();
    ctx.members.clear();
  }
  const rooms: unknown[] = [];
  for (const r of (b.rooms as unknown[] | undefined) ?? []) {
    need(isObject(r), 'each room must be an object');
    rooms.push(meeting(ctx, r as Record<string, unknown>));
  }
  const recordings: string[] = [];
  for (const r of (b.recordings as unknown[] | undefined) ?? []) {
    need(isObject(r), 'each recording must be an object');
    recordings.push(seedRecording(ctx, r as Record<string, unknown>).id);
  }
  let generated: { roomId: string; recordingIds: string[] } | undefined;
  if (b.generate !== undefined) {
    need(isObject(b.generate), 'generate must be an object');
    const g = b.generate as Record<string, unknown>;
    need(Number.isInteger(g.count) && (g.count as number) >= 0 && (g.count as number) <= 100_000, 'generate.count must be an integer 0..100000');
    need(g.days === undefined || (typeof g.days === 'number' && g.days > 0 && g.days <= 365), 'generate.days must be in (0, 365]');
    need(g.instances === undefined || (Number.isInteger(g.instances) && (g.instances as number) >= 1), 'generate.instances must be a positive integer');
    const roomId = typeof g.roomId === 'string' ? g.roomId : objectId(ctx.prng);
    need(isValidRoomId(roomId), 'generate.roomId must be a valid room id');
    const room = roomFor(ctx, roomId, typeof g.apiKey === 'string' ? g.apiKey : DEV_API_KEY);
    const now = ctx.clock.now();
    const days = (g.days as number | undefined) ?? 13;
    const recs = generateHistory(ctx, room, g.count as number, { from: now - days * DAY, to: now - 3600_000, instances: (g.instances as number | undefined) ?? 3 });
    generated = { roomId, recordingIds: recs.map((r) => r.id).reverse() };
  }
  return { rooms, recordings, ...(generated ? { generated } : {}) };
}

function roomFor(ctx: EyesonContext, id: string, apiKey: string): Room {
  let room = ctx.rooms.get(id);
  if (!room) {
    room = { id, teamKey: teamFor(ctx, apiKey).apiKey, instances: [] };
    ctx.rooms.set(id, room);
  }
  return room;
}

const STATES: readonly RecordingState[] = ['started', 'stopped', 'finished'];

function seedRecording(ctx: EyesonContext, r: Record<string, unknown>): Recording {
  need(typeof r.roomId === 'string' && isValidRoomId(r.roomId), 'recording roomId must be a valid room id');
  const state = (r.state ?? 'finished') as RecordingState;
  need(STATES.includes(state), `state must be one of ${STATES.join(', ')}`);
  need(r.id === undefined || (typeof r.id === 'string' && r.id !== '' && !ctx.store.get(r.id)), 'id must be a new non-empty string');
  need(r.createdAt === undefined || Number.isFinite(r.createdAt), 'createdAt must be a number (ms epoch)');
  need(r.durationSeconds === undefined || (Number.isInteger(r.durationSeconds) && (r.durationSeconds as number) >= 0), 'durationSeconds must be a non-negative integer');
  const room = roomFor(ctx, r.roomId as string, typeof r.apiKey === 'string' ? r.apiKey : DEV_API_KEY);
  const now = ctx.clock.now();

  if (state === 'started') {
    let live = currentInstance(room);
    if (!live) {
      meeting(ctx, { id: room.id, apiKey: room.teamKey });
      live = currentInstance(room)!;
    }
    need(!runningRecording(ctx, live), 'that room is already recording');
    const member = [...ctx.members.values()].find((m) => m.instance === live)!;
    return startRecording(ctx, member, typeof r.id === 'string' ? { id: r.id } : {});
  }

  const duration = (r.durationSeconds as number | undefined) ?? 60;
  const stoppedAtDefault = state === 'stopped' ? now : now - 3600_000;
  const createdAt = wholeSeconds((r.createdAt as number | undefined) ?? stoppedAtDefault - duration * 1000);
  const stoppedAt = createdAt + duration * 1000;
  need(stoppedAt <= now, 'a stopped or finished recording must have ended by now');
  const instance = instanceCovering(ctx, room, createdAt);
  const rec: Recording = {
    id: typeof r.id === 'string' ? r.id : objectId(ctx.prng),
    roomId: room.id,
    teamKey: room.teamKey,
    instance,
    user: null,
    createdAt,
    stoppedAt,
    durationSeconds: duration,
    ...(state === 'finished' || stoppedAt + PROCESSING_DELAY_MS <= now ? { finishedAt: stoppedAt + PROCESSING_DELAY_MS } : {}),
    media: RECORDING_MEDIA,
  };
  ctx.store.insert(rec);
  return rec;
}

/** The room instance running at `t`, or a new shut-down one around it. */
function instanceCovering(ctx: EyesonContext, room: Room, t: number): RoomInstance {
  const found = room.instances.find((i) => i.startedAt <= t && (i.shutdownAt === undefined || t <= i.shutdownAt));
  if (found) return found;
  const instance: RoomInstance = {
    roomId: room.id,
    name: room.id,
    startedAt: wholeSeconds(t - 60_000),
    shutdownAt: wholeSeconds(Math.min(ctx.clock.now(), t + 3600_000)),
    guestToken: guestToken(ctx.prng),
    recordingAvailable: true,
  };
  room.instances.push(instance);
  room.instances.sort((a, b) => a.startedAt - b.startedAt);
  return instance;
}

// ---- defaults ----

function defaults(ctx: EyesonContext) {
  const visibleIds = (roomId: string) =>
    ctx.store.ofRoom(roomId).filter((r) => r.deletedAt === undefined && !isExpired(ctx, r)).map((r) => r.id);
  const archive = visibleIds(ARCHIVE_ROOM_ID);
  // Past the 14 days by the platform's rule whatever fault is on: what an implementer would list
  // as a recording made more than 14 days ago.
  const expired = ctx.store.ofRoom(ARCHIVE_ROOM_ID).find((r) => r.deletedAt === undefined && ctx.clock.now() >= r.createdAt + RETENTION_MS);
  return {
    apiKey: DEV_API_KEY,
    otherApiKey: OTHER_API_KEY,
    lockedApiKey: LOCKED_API_KEY,
    archiveRoomId: ARCHIVE_ROOM_ID,
    otherTeamRoomId: OTHER_TEAM_ROOM_ID,
    finishedRecordingId: archive[0] ?? null,
    archiveRecordingIds: archive,
    expiredRecordingId: expired?.id ?? null,
  };
}

// ---- Pact provider states ----

export const PROVIDER_STATES = [
  'a running meeting',
  'a meeting that is recording',
  'a meeting with recording disabled',
  'a shut-down meeting',
  'a finished recording exists',
  'a room with 30 recordings',
  'a webhook is registered',
  'no webhook is registered',
  'the API key is locked',
] as const;

/** Sets the state up and answers the ids a contract can inject (`fromProviderState`). */
function providerState(ctx: EyesonContext, b: Record<string, unknown>): Record<string, unknown> {
  need(typeof b.state === 'string', 'state must be a string');
  const p = isObject(b.params) ? b.params : {};
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  const fresh = (extra: Record<string, unknown> = {}) =>
    meeting(ctx, { ...(str('roomId') ? { id: str('roomId') } : {}), ...(str('accessKey') && !ctx.members.has(str('accessKey')!) ? { accessKey: str('accessKey') } : {}), ...extra });
  switch (b.state as string) {
    case 'a running meeting': {
      const m = fresh();
      return { accessKey: m.accessKey, roomId: m.roomId };
    }
    case 'a meeting that is recording': {
      const m = fresh();
      const member = ctx.members.get(m.accessKey)!;
      const r = runningRecording(ctx, member.instance) ?? startRecording(ctx, member, str('recordingId') && !ctx.store.get(str('recordingId')!) ? { id: str('recordingId')! } : {});
      return { accessKey: m.accessKey, roomId: m.roomId, recordingId: r.id };
    }
    case 'a meeting with recording disabled': {
      const m = fresh({ recordingAvailable: false });
      return { accessKey: m.accessKey, roomId: m.roomId };
    }
    case 'a shut-down meeting': {
      const m = fresh();
      shutdownAction(ctx, { accessKey: m.accessKey });
      return { accessKey: m.accessKey, roomId: m.roomId };
    }
    case 'a finished recording exists': {
      const roomId = str('roomId') ?? ARCHIVE_ROOM_ID;
      const id = str('recordingId');
      const existing = id ? ctx.store.get(id) : undefined;
      const r = existing ?? seedRecording(ctx, { roomId, state: 'finished', durationSeconds: 42, ...(id ? { id } : {}) });
      return { recordingId: r.id, roomId: r.roomId };
    }
    case 'a room with 30 recordings': {
      const roomId = str('roomId') ?? 'callrec-paged-room';
      const room = roomFor(ctx, roomId, DEV_API_KEY);
      const now = ctx.clock.now();
      if (ctx.store.ofRoom(roomId).length < 30) generateHistory(ctx, room, 30, { from: now - 3 * DAY, to: now - 3600_000, instances: 2 });
      return { roomId };
    }
    case 'a webhook is registered': {
      const team = teamFor(ctx, DEV_API_KEY);
      team.webhook = { id: str('webhookId') ?? objectId(ctx.prng), url: str('url') ?? 'https://example.com/eyeson-webhook', types: ['recording_update'], lastRequestSentAt: null, lastResponseCode: null };
      return { webhookId: team.webhook.id };
    }
    case 'no webhook is registered':
      teamFor(ctx, DEV_API_KEY).webhook = undefined;
      return {};
    case 'the API key is locked': {
      const key = str('apiKey') ?? LOCKED_API_KEY;
      teamFor(ctx, key).locked = true;
      return { apiKey: key };
    }
    default:
      throw new BadInput(`unknown provider state '${String(b.state)}'; known: ${PROVIDER_STATES.join(' | ')}`);
  }
}

