// The Talk mock's control actions (POST /__callrec/action/<name>, seed, provider-state, tick).
// Every action answers a MockResponse; bad input is a 400 {error:"Bad Request", message}.
//
//   seed            {users?, rooms?, generate?: {rooms, messages, owner?}} → what was created
//                   users: [{id, displayName?, password?, appPasswords?, isAdmin?, groups?}]
//                   rooms: [{token?, type, name?, password?, readOnly?, lobbyState?, lobbyTimer?,
//                            participants?: [{user, type}], messages?: [{user, message}]}]
//   user            {id, displayName?, password?, appPasswords?, isAdmin?, groups?} → the user
//   token           {kind:'app-password', user} → {user, appPassword}
//                   {kind:'session', user?} → {cookie, requesttoken, user?} (no user: a guest browser)
//   config          {recordingEnabled?, recordingServers?: [{server, secret}], recordingConsent?,
//                    signaling?: {mode?, server?, ticketSecret?, stunServers?, turnServers?}} → config
//   outbox          {} → requests sent to recording servers; {clear:true} empties it
//   room            {token} → the stored room, its participants and message count
//   provider-state  {state, params?} → Pact provider states (see PROVIDER_STATES)
//   tick            {} → settles lobby timers and time-outs long-polls the clock has passed
import { json, type MockResponse } from '../../core/http.ts';
import { isObject, need } from '../core/control-input.ts';
import { createSession, sessionCookie } from './auth.ts';
import { settleLobby } from './access.ts';
import { postComment } from './chat.ts';
import type { TalkContext } from './context.ts';
import { ROOMS, addUserRecord, generate, seedMember } from './datasets.ts';
import { lockPair, makeRoom, newToken } from './handlers/rooms.ts';
import { newSessionId } from './handlers/participants.ts';
import { nowSeconds } from './context.ts';
import { SIMULATED_RECORDING_SERVER } from './recording/sim-server.ts';
import type { CallRecordingStatus, ParticipantType, RoomType, User } from './types.ts';

const isInt = (v: unknown, min: number, max: number): v is number => Number.isInteger(v) && (v as number) >= min && (v as number) <= max;

/** Largest generated data set (keeps a stray request from exhausting memory). */
export const MAX_GENERATED = 1_000_000;

/** Pact provider states this mock can set up (names used in fixtures/pacts/). */
export const PROVIDER_STATES = [
  'the default data set',
  'alice moderates a group room with chat history',
  'a public room without password',
  'a read-only room',
  // Recording contracts (suites/nextcloud-talk/contracts/): all in alice's group room, with the
  // simulated recording server holding the secret the contracts sign with.
  'alice is in a call in a room that can record',
  'alice is recording the call in her room',
  'a recording is starting in alice\'s room',
  'alice has a stored recording of her room',
] as const;

/** The secret the recording contracts sign with (the spreed integration tests' value). */
export const CONTRACT_RECORDING_SECRET = 'the recording secret';

/** The actions of this API; `tick` is the core's (mock/core/define-mock.ts). */
export async function runControl(ctx: TalkContext, action: string, b: Record<string, unknown>): Promise<MockResponse> {
  switch (action) {
    case 'seed':
      return json(200, seed(ctx, b));
    case 'user':
      return json(200, publicUser(upsertUser(ctx, b)));
    case 'token':
      return json(200, token(ctx, b));
    case 'config':
      return json(200, config(ctx, b));
    case 'outbox':
      if (b.clear === true) ctx.outbox.length = 0;
      return json(200, { requests: ctx.outbox });
    case 'room': {
      const room = typeof b.token === 'string' ? ctx.store.room(b.token) : undefined;
      need(room, 'token must name an existing room');
      return json(200, { room, participants: ctx.store.participants(room!.token), messages: ctx.store.messages(room!.token).length });
    }
    case 'provider-state':
      return json(200, providerState(ctx, b));
    default:
      return json(404, { error: 'Not Found', message: `unknown nextcloud-talk control action '${action}'` });
  }
}

const publicUser = (u: User) => ({ id: u.id, displayName: u.displayName, isAdmin: u.isAdmin, groups: u.groups });

function upsertUser(ctx: TalkContext, b: Record<string, unknown>): User {
  need(typeof b.id === 'string' && /^[A-Za-z0-9_.@-]{1,64}$/.test(b.id), 'id must be 1-64 characters of [A-Za-z0-9_.@-]');
  need(b.displayName === undefined || typeof b.displayName === 'string', 'displayName must be a string');
  need(b.password === undefined || (typeof b.password === 'string' && b.password.length > 0), 'password must be a non-empty string');
  need(b.appPasswords === undefined || (Array.isArray(b.appPasswords) && b.appPasswords.every((p) => typeof p === 'string' && p.length > 0)), 'appPasswords must be strings');
  need(b.groups === undefined || (Array.isArray(b.groups) && b.groups.every((g) => typeof g === 'string')), 'groups must be strings');
  const old = ctx.store.users.get(b.id as string);
  return addUserRecord(ctx, {
    ...old,
    id: b.id as string,
    ...(b.displayName !== undefined ? { displayName: b.displayName as string } : {}),
    ...(b.password !== undefined ? { password: b.password as string } : {}),
    ...(b.appPasswords !== undefined ? { appPasswords: [...(b.appPasswords as string[])] } : {}),
    ...(b.isAdmin !== undefined ? { isAdmin: b.isAdmin === true } : {}),
    ...(b.groups !== undefined ? { groups: [...(b.groups as string[])] } : {}),
  });
}

function token(ctx: TalkContext, b: Record<string, unknown>) {
  if (b.kind === 'app-password') {
    const user = typeof b.user === 'string' ? ctx.store.users.get(b.user) : undefined;
    need(user, 'user must name an existing user');
    const appPassword = ctx.prng.id(72, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789');
    user!.appPasswords.push(appPassword);
    return { user: user!.id, appPassword };
  }
  need(b.kind === 'session', "kind must be 'app-password' or 'session'");
  need(b.user === undefined || (typeof b.user === 'string' && ctx.store.users.has(b.user)), 'user must name an existing user (or be left out for a guest)');
  const session = createSession(ctx, b.user as string | undefined);
  return { cookie: sessionCookie(session).split(';')[0], requesttoken: session.requestToken, ...(session.userId ? { user: session.userId } : {}) };
}

function config(ctx: TalkContext, b: Record<string, unknown>) {
  if (b.recordingEnabled !== undefined) {
    need(typeof b.recordingEnabled === 'boolean', 'recordingEnabled must be a boolean');
    ctx.config.recordingEnabled = b.recordingEnabled as boolean;
  }
  if (b.recordingServers !== undefined) {
    const ok = Array.isArray(b.recordingServers) && b.recordingServers.every((s) => isObject(s) && typeof s.server === 'string' && /^(https?|wss?):\/\//.test(s.server) && typeof s.secret === 'string');
    need(ok, 'recordingServers must be [{server: http(s) URL, secret: string}]');
    ctx.config.recordingServers = (b.recordingServers as { server: string; secret: string }[]).map((s) => ({ server: s.server, secret: s.secret }));
  }
  if (b.recordingConsent !== undefined) {
    need(isInt(b.recordingConsent, 0, 2), 'recordingConsent must be 0, 1 or 2');
    ctx.config.recordingConsent = b.recordingConsent as 0 | 1 | 2;
  }
  if (b.signaling !== undefined) {
    need(isObject(b.signaling), 'signaling must be an object');
    const s = b.signaling as Record<string, unknown>;
    need(s.mode === undefined || s.mode === 'internal' || s.mode === 'external', "signaling.mode must be 'internal' or 'external'");
    need(s.server === undefined || typeof s.server === 'string', 'signaling.server must be a string');
    need(s.ticketSecret === undefined || typeof s.ticketSecret === 'string', 'signaling.ticketSecret must be a string');
    need(s.stunServers === undefined || (Array.isArray(s.stunServers) && s.stunServers.every((x) => typeof x === 'string')), 'signaling.stunServers must be strings');
    const turnOk = s.turnServers === undefined || (Array.isArray(s.turnServers) && s.turnServers.every((t) => isObject(t) && typeof t.server === 'string' && typeof t.username === 'string' && typeof t.credential === 'string'));
    need(turnOk, 'signaling.turnServers must be [{server, username, credential}]');
    Object.assign(ctx.config.signaling, s);
  }
  return ctx.config;
}

function seed(ctx: TalkContext, b: Record<string, unknown>) {
  const created: { users: string[]; rooms: string[]; generated?: unknown } = { users: [], rooms: [] };
  if (b.users !== undefined) {
    need(Array.isArray(b.users) && b.users.every(isObject), 'users must be an array of objects');
    for (const u of b.users as Record<string, unknown>[]) created.users.push(upsertUser(ctx, u).id);
  }
  if (b.rooms !== undefined) {
    need(Array.isArray(b.rooms) && b.rooms.every(isObject), 'rooms must be an array of objects');
    for (const r of b.rooms as Record<string, unknown>[]) created.rooms.push(seedRoom(ctx, r));
  }
  if (b.generate !== undefined) {
    need(isObject(b.generate), 'generate must be {rooms, messages}');
    const g = b.generate as Record<string, unknown>;
    const rooms = g.rooms ?? 0;
    const messages = g.messages ?? 0;
    need(isInt(rooms, 0, MAX_GENERATED) && isInt(messages, 0, MAX_GENERATED), `generate.rooms and generate.messages must be integers in 0…${MAX_GENERATED}`);
    const owner = typeof g.owner === 'string' ? g.owner : 'alice';
    need(ctx.store.users.has(owner), 'generate.owner must name an existing user');
    created.generated = generate(ctx, { rooms: rooms as number, messages: messages as number, owner });
  }
  return created;
}

function seedRoom(ctx: TalkContext, r: Record<string, unknown>): string {
  need(isInt(r.type, 1, 3), 'room type must be 1, 2 or 3');
  need(r.token === undefined || (typeof r.token === 'string' && /^[a-z0-9]{4,30}$/.test(r.token)), 'token must match [a-z0-9]{4,30}');
  need(r.token === undefined || !ctx.store.room(r.token as string), 'a room with that token exists already');
  need(r.name === undefined || typeof r.name === 'string', 'name must be a string');
  need(r.password === undefined || typeof r.password === 'string', 'password must be a string');
  need(r.readOnly === undefined || isInt(r.readOnly, 0, 1), 'readOnly must be 0 or 1');
  need(r.lobbyState === undefined || isInt(r.lobbyState, 0, 1), 'lobbyState must be 0 or 1');
  need(r.lobbyTimer === undefined || r.lobbyTimer === null || isInt(r.lobbyTimer, 0, 2 ** 40), 'lobbyTimer must be seconds or null');
  const members = (r.participants ?? []) as unknown[];
  need(Array.isArray(members) && members.every((p) => isObject(p) && typeof p.user === 'string' && ctx.store.users.has(p.user) && isInt(p.type, 1, 5) && p.type !== 4), 'participants must be [{user: existing user id, type: 1|2|3|5}]');
  const messages = (r.messages ?? []) as unknown[];
  need(Array.isArray(messages) && messages.every((m) => isObject(m) && typeof m.user === 'string' && typeof m.message === 'string'), 'messages must be [{user, message}]');
  const room = makeRoom(ctx, r.type as RoomType, (r.name as string | undefined) ?? '', (r.token as string | undefined) ?? newToken(ctx));
  room.password = (r.password as string | undefined) ?? '';
  room.readOnly = ((r.readOnly as number | undefined) ?? 0) as 0 | 1;
  room.lobbyState = ((r.lobbyState as number | undefined) ?? 0) as 0 | 1;
  room.lobbyTimer = (r.lobbyTimer as number | null | undefined) ?? null;
  for (const p of members as { user: string; type: ParticipantType }[]) seedMember(ctx, room, p.user, p.type);
  lockPair(ctx, room);
  for (const m of messages as { user: string; message: string }[]) {
    const author = ctx.store.participant(room.token, 'users', m.user);
    need(author, `message author ${m.user} is not a participant`);
    postComment(ctx, room, { actorType: 'users', actorId: author!.actorId, displayName: author!.displayName }, m.message);
  }
  return room.token;
}

function providerState(ctx: TalkContext, b: Record<string, unknown>) {
  const state = b.state;
  need(typeof state === 'string' && (PROVIDER_STATES as readonly string[]).includes(state), `unknown provider state (known: ${PROVIDER_STATES.join('; ')})`);
  // The default data set already holds every room these states name; answer their tokens.
  switch (state as (typeof PROVIDER_STATES)[number]) {
    case 'the default data set':
      return { rooms: ROOMS };
    case 'alice moderates a group room with chat history':
      return { token: ROOMS.group };
    case 'a public room without password':
      return { token: ROOMS.public };
    case 'a read-only room':
      return { token: ROOMS.readOnly };
    case 'alice is in a call in a room that can record':
      return recordingRoom(ctx, 0);
    case 'alice is recording the call in her room':
      return recordingRoom(ctx, 1);
    case "a recording is starting in alice's room":
      return recordingRoom(ctx, 3);
    case 'alice has a stored recording of her room':
      return storedRecording(ctx);
  }
}

/** The group room with alice in its call, recording possible, `callRecording` set as asked. */
function recordingRoom(ctx: TalkContext, status: CallRecordingStatus): { token: string } {
  ctx.config.signaling.mode = 'external';
  ctx.config.signaling.server ||= 'wss://signaling.callrec.invalid';
  ctx.config.recordingEnabled = true;
  ctx.config.recordingServers = [{ server: SIMULATED_RECORDING_SERVER, secret: CONTRACT_RECORDING_SECRET }];
  const room = ctx.store.room(ROOMS.group)!;
  const alice = ctx.store.participant(room.token, 'users', 'alice')!;
  if (alice.sessionId === '0') ctx.store.setSession(alice, newSessionId(ctx));
  alice.inCall = 7;
  room.activeSince ??= nowSeconds(ctx);
  room.callFlag = 7;
  room.callRecording = status;
  if (status !== 0) room.recordingOwner = 'alice';
  return { token: room.token };
}

/** A recording alice's room stored for her: the file and its `record_file_stored` notification. */
function storedRecording(ctx: TalkContext): { token: string; fileId: number; timestamp: number } {
  const { token } = recordingRoom(ctx, 0);
  const timestamp = nowSeconds(ctx);
  // An Ogg page starting a Vorbis header: what content sniffing calls audio/ogg.
  const bytes = new Uint8Array([...'OggS'].map((c) => c.charCodeAt(0)).concat([0, 2, ...new Array(20).fill(0), 1, 30, 1, ...[...'vorbis'].map((c) => c.charCodeAt(0))]));
  const file = ctx.store.putFile('alice', `/Talk/Recording/${token}/contract-recording.ogg`, bytes, 'audio/ogg', timestamp);
  ctx.store.notify({ user: 'alice', app: 'spreed', objectType: 'recording', objectId: token, subject: 'record_file_stored', subjectParameters: { objectId: file.fileId }, timestamp });
  return { token, fileId: file.fileId, timestamp };
}

/** Lobby timers that have passed open their rooms (lazy settling made explicit). */
export function settleAll(ctx: TalkContext): number {
  let n = 0;
  for (const room of ctx.store.rooms.values()) {
    const before = room.lobbyState;
    settleLobby(ctx, room);
    if (room.lobbyState !== before) n++;
  }
  return n;
}
