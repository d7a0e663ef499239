// Room management (seed 004 "Room management"): list, create, get, rename, delete, public/private,
// password, favorites, notification level, read-only and lobby.
import { findRoom, isModerator, isMembership, newParticipant, settleLobby } from '../access.ts';
import { postSystem } from '../chat.ts';
import { has, nowSeconds, type TalkContext } from '../context.ts';
import { failure, ok } from '../ocs.ts';
import { roomWire } from '../wire.ts';
import type { Handler } from '../router.ts';
import type { Participant, Room, RoomType, User } from '../types.ts';
import { authorOf, badRequest, forbidden, isFailure, memberOf, notFound } from './common.ts';

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A fresh room token: 8 characters of [a-z0-9] (the recording API requires [a-z0-9]{4,30}). */
export function newToken(ctx: TalkContext): string {
  for (;;) {
    const t = ctx.prng.id(8, TOKEN_ALPHABET);
    if (has(ctx, 'room-token-reused')) return t;
    if (!ctx.store.room(t)) return t;
  }
}

export function makeRoom(ctx: TalkContext, type: RoomType, name: string, token = newToken(ctx)): Room {
  const now = nowSeconds(ctx);
  return ctx.store.addRoom({
    id: 0,
    token,
    type,
    name,
    password: '',
    readOnly: 0,
    lobbyState: 0,
    lobbyTimer: null,
    objectType: '',
    objectId: '',
    activeSince: null,
    callFlag: 0,
    callRecording: 0,
    recordingOwner: null,
    lastActivity: now,
    createdAt: now,
  });
}

export const addUser = (ctx: TalkContext, room: Room, user: User, type: Participant['participantType']): Participant =>
  ctx.store.putParticipant(newParticipant(ctx, room, { actorType: 'users', actorId: user.id, displayName: user.displayName }, type));

const userParam = (u: User) => ({ type: 'user', id: u.id, name: u.displayName });

/** Remembers who the two users of a one-to-one room are, so a leaver can be re-added. */
export function lockPair(ctx: TalkContext, room: Room): void {
  if (room.type === 1) room.pair = ctx.store.participants(room.token).filter((p) => p.actorType === 'users').map((p) => p.actorId);
}

/**
 * Re-adds the user who left a one-to-one room (as owner, without a system message, as the
 * platform's ensureOneToOneRoomIsFilled does): seed 004, locked-one-to-one-rooms.
 */
export function refillOneToOne(ctx: TalkContext, room: Room): void {
  if (room.type !== 1 || !room.pair || has(ctx, 'one-to-one-not-readded')) return;
  for (const id of room.pair) {
    const u = ctx.store.users.get(id);
    if (has(ctx, 'one-to-one-refill-resets-present') && u) addUser(ctx, room, u, 1);
    else if (u && !ctx.store.participant(room.token, 'users', id)) addUser(ctx, room, u, 1);
  }
}

/** The one-to-one room of two users, whether or not both are still in it. */
function oneToOneOf(ctx: TalkContext, a: string, b: string): Room | undefined {
  for (const token of [...ctx.store.roomsOfUser(a), ...ctx.store.roomsOfUser(b)]) {
    const r = ctx.store.room(token)!;
    if (r.type === 1 && r.pair?.includes(a) && r.pair.includes(b)) return r;
  }
  return undefined;
}

export const listRooms: Handler = (ctx, req) => {
  if (req.actor.kind !== 'user') return failure(997, 'Current user is not logged in');
  const me = req.actor.user.id;
  const rooms: Record<string, unknown>[] = [];
  for (const token of ctx.store.roomsOfUser(me)) {
    const room = ctx.store.room(token)!;
    if (!has(ctx, 'lobby-timer-never-opens')) settleLobby(ctx, room);
    rooms.push(roomWire(ctx, room, ctx.store.participant(token, 'users', me)));
  }
  // Newest activity first (capability last-room-activity), ties by token for a stable order
  // (spec: room-list-order).
  const newestFirst = has(ctx, 'room-list-oldest-first') ? -1 : 1;
  rooms.sort((a, b) => newestFirst * ((b.lastActivity as number) - (a.lastActivity as number)) || (!has(ctx, 'room-list-ties-unordered') ? ((a.token as string) < (b.token as string) ? -1 : 1) : 0));
  return ok(rooms);
};

export const createRoom: Handler = (ctx, req) => {
  if (req.actor.kind !== 'user') return failure(997, 'Current user is not logged in');
  const me = req.actor.user;
  const type = req.input.int('roomType');
  const invite = req.input.str('invite') ?? '';
  const roomName = (req.input.str('roomName') ?? '').trim();
  if (type === 1) {
    const other = ctx.store.users.get(invite);
    if (!other) return notFound();
    if (other.id === me.id) return forbidden(); // a one-to-one room with oneself (platform: 403)
    const existing = oneToOneOf(ctx, me.id, other.id);
    if (existing) {
      // The spec's RoomExisting: 200 with the token only; whoever had left is back in the room.
      if (!has(ctx, 'one-to-one-recreate-not-refilled')) refillOneToOne(ctx, existing);
      return ok({ token: existing.token });
    }
    const room = makeRoom(ctx, 1, other.id);
    const mine = addUser(ctx, room, me, 1);
    addUser(ctx, room, other, 1);
    lockPair(ctx, room);
    postSystem(ctx, room, authorOf(mine), 'conversation_created');
    return ok(roomWire(ctx, room, mine), { status: has(ctx, 'one-to-one-created-200') ? 200 : 201 });
  }
  if (type === 2 || type === 3) {
    let members: User[] = [];
    if (type === 2 && invite !== '') {
      members = [...ctx.store.users.values()].filter((u) => u.groups.includes(invite) && !has(ctx, 'group-invite-not-found'));
      if (members.length === 0 && !has(ctx, 'unknown-group-ignored')) return notFound();
    }
    // A room without invited group members needs a name (the platform's createEmptyRoom trims, then
    // 400); only a group room reads `invite`, so a public room always does.
    if (members.length === 0 && roomName === '') return badRequest();
    if (roomName.length > 200) return badRequest();
    if (has(ctx, 'room-name-max-199') && roomName.length === 200) return badRequest();
    const room = makeRoom(ctx, type, roomName);
    const mine = addUser(ctx, room, me, 1);
    postSystem(ctx, room, authorOf(mine), 'conversation_created');
    for (const u of members) {
      if (u.id === me.id) continue;
      addUser(ctx, room, u, 3);
      if (!has(ctx, 'group-invite-unannounced')) postSystem(ctx, room, authorOf(mine), 'user_added', { user: userParam(u) });
    }
    return ok(roomWire(ctx, room, has(ctx, 'create-answer-as-stranger') ? undefined : mine), { status: 201 });
  }
  return badRequest();
};

export const getRoom: Handler = (ctx, req, { token }) => {
  const m = findRoom(ctx, req.actor, token!);
  if (!isMembership(m)) return m;
  if (!has(ctx, 'lobby-timer-never-opens')) settleLobby(ctx, m.room);
  const wire = roomWire(ctx, m.room, m.participant);
  if (has(ctx, 'non-participant-type-5') && !m.participant && req.actor.kind === 'user') wire.participantType = 5;
  return ok(wire);
};

/** Guards shared by moderator-only room changes. */
function moderated(ctx: TalkContext, req: Parameters<Handler>[1], token: string) {
  const m = memberOf(ctx, req, token);
  if (isFailure(m)) return m;
  if (!isModerator(m.participant)) return forbidden();
  return m;
}

export const renameRoom: Handler = (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  if (!isModerator(m.participant) && !has(ctx, 'rename-by-non-moderator')) return forbidden();
  if (m.room.type === 1) return failure(405);
  const name = (req.input.str('roomName') ?? '').trim();
  if (name.length === 0 || name.length > 200) return badRequest();
  if (has(ctx, 'room-name-max-199') && name.length === 200) return badRequest();
  if (name !== m.room.name) {
    m.room.name = name;
    postSystem(ctx, m.room, authorOf(m.participant), 'conversation_renamed');
  } else if (has(ctx, 'rename-same-name-posts')) postSystem(ctx, m.room, authorOf(m.participant), 'conversation_renamed');
  return ok([]);
};

export const deleteRoom: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  if (m.room.type === 1 && !has(ctx, 'one-to-one-unlocked')) return badRequest(); // one-to-one rooms can only be left (locked-one-to-one-rooms)
  ctx.store.deleteRoom(m.room.token);
  ctx.waiters.notify(m.room.token);
  return ok([]);
};

export const makePublic: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  if (m.room.type === 1 && !has(ctx, 'one-to-one-settings-allowed')) return badRequest();
  if (m.room.type === 2) {
    m.room.type = 3;
    postSystem(ctx, m.room, authorOf(m.participant), 'guests_allowed');
  } else if (has(ctx, 'public-again-posts-message')) postSystem(ctx, m.room, authorOf(m.participant), 'guests_allowed');
  return ok([]);
};

export const makePrivate: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  if (m.room.type === 1) return badRequest();
  if (m.room.type === 3) {
    m.room.type = 2;
    m.room.password = '';
    // Guests and users who only followed the link lose access with the link.
    for (const p of ctx.store.participants(m.room.token))
      if ((p.participantType === 4 || p.participantType === 5 || p.participantType === 6) && !has(ctx, 'private-keeps-link-joiners')) ctx.store.removeParticipant(m.room.token, p.actorType, p.actorId);
    postSystem(ctx, m.room, authorOf(m.participant), 'guests_disallowed');
  }
  return ok([]);
};

export const setPassword: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  if (m.room.type !== 3 && !has(ctx, 'password-on-group-room')) return forbidden();
  const password = req.input.str('password') ?? '';
  if (has(ctx, 'password-cleared-silently') && (password === '' && m.room.password === '')) return ok([]);
  m.room.password = password;
  // spreed's RoomService::setPassword fires its event on every call, and the system-message
  // listener posts password_removed for an empty password, whether or not there was one.
  postSystem(ctx, m.room, authorOf(m.participant), password !== '' ? 'password_set' : 'password_removed');
  return ok([]);
};

/** Favorites and notification levels are per user: guests get 404 (seed 004). */
function userMember(ctx: TalkContext, req: Parameters<Handler>[1], token: string) {
  const m = memberOf(ctx, req, token);
  if (isFailure(m)) return m;
  if (m.participant.actorType !== 'users' && !has(ctx, 'guest-settings-allowed')) return notFound();
  return m;
}

export const addFavorite: Handler = (ctx, req, { token }) => {
  const m = userMember(ctx, req, token!);
  if (isFailure(m)) return m;
  m.participant.favorite = !has(ctx, 'favorite-not-stored');
  return ok([]);
};

export const removeFavorite: Handler = (ctx, req, { token }) => {
  const m = userMember(ctx, req, token!);
  if (isFailure(m)) return m;
  m.participant.favorite = false;
  return ok([]);
};

export const setNotificationLevel: Handler = (ctx, req, { token }) => {
  const m = userMember(ctx, req, token!);
  if (isFailure(m)) return m;
  const level = has(ctx, 'int-param-leading-digits') ? Number.parseInt(String(req.input.raw('level')), 10) : req.input.int('level');
  if (level !== 1 && level !== 2 && level !== 3) return badRequest();
  m.participant.notificationLevel = level;
  return ok([]);
};

export const setReadOnly: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  const state = req.input.int('state');
  if (state !== 0 && state !== 1) return badRequest();
  if (m.room.type === 1 && !has(ctx, 'one-to-one-settings-allowed')) return badRequest();
  if (m.room.readOnly !== state) {
    m.room.readOnly = state;
    if (!has(ctx, 'read-only-lobby-no-message')) postSystem(ctx, m.room, authorOf(m.participant), state === 1 ? 'read_only' : 'read_only_off');
  } else if (has(ctx, 'same-state-posts-message')) postSystem(ctx, m.room, authorOf(m.participant), state === 1 ? 'read_only' : 'read_only_off');
  return ok([]);
};

export const setLobby: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  const state = req.input.int('state');
  if (state !== 0 && state !== 1) return badRequest();
  if (m.room.type === 1 && !has(ctx, 'one-to-one-settings-allowed')) return badRequest();
  const timer = req.input.int('timer');
  if (timer !== undefined && (Number.isNaN(timer) || timer < 0)) return badRequest();
  const changed = m.room.lobbyState !== state;
  m.room.lobbyState = state;
  m.room.lobbyTimer = state === 1 && timer ? timer : null;
  if (has(ctx, 'lobby-past-timer-closed') && m.room.lobbyTimer !== null && m.room.lobbyTimer <= nowSeconds(ctx)) m.room.lobbyTimer = null;
  if (has(ctx, 'lobby-timer-zero-opens') && state === 1 && timer === 0) m.room.lobbyTimer = 0;
  if (changed && !has(ctx, 'read-only-lobby-no-message')) postSystem(ctx, m.room, authorOf(m.participant), state === 1 ? 'lobby_non_moderators' : 'lobby_none');
  else if (!changed && has(ctx, 'same-state-posts-message')) postSystem(ctx, m.room, authorOf(m.participant), state === 1 ? 'lobby_non_moderators' : 'lobby_none');
  settleLobby(ctx, m.room);
  return ok([]);
};
