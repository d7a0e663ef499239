// Participant management (seed 004): list, add, remove (users, guests, self), join/leave the
// room session, promote/demote moderators.
import { createSession, sessionCookie } from '../auth.ts';
import { findRoom, inLobby, isModerator, isMembership, newParticipant, setType } from '../access.ts';
import { guestObjectName, postSystem } from '../chat.ts';
import { has, nowSeconds, type TalkContext } from '../context.ts';
import { failure, ok } from '../ocs.ts';
import { participantWire } from '../wire.ts';
import type { Handler, TalkRequest } from '../router.ts';
import type { Participant, Room, User } from '../types.ts';
import { leaveCall } from './call.ts';
import { addUser } from './rooms.ts';
import { authorOf, badRequest, forbidden, isFailure, memberOf, notFound } from './common.ts';

const userParam = (u: { id: string; displayName: string }) => ({ type: 'user', id: u.id, name: u.displayName });
// Named as spreed's SystemMessage parser names a guest (getGuestName).
const guestParam = (ctx: TalkContext, p: Participant) => ({ type: 'guest', id: `guest/${p.actorId}`, name: guestObjectName(ctx, p.displayName) });

/** A 512-character session id, as Talk v1 hands out on joining a room. */
export const newSessionId = (ctx: TalkContext) => ctx.prng.id(512, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

function moderated(ctx: TalkContext, req: TalkRequest, token: string, o: { membersFault?: boolean } = {}) {
  const m = memberOf(ctx, req, token);
  if (isFailure(m)) return m;
  if (!isModerator(m.participant) && !(o.membersFault && has(ctx, 'members-managed-by-non-moderator'))) return forbidden();
  return m;
}

export const listParticipants: Handler = (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  if (inLobby(ctx, m.room, m.participant)) return failure(412);
  // Plain guests may not see who else is in the room (platform: RoomController::getParticipants).
  if (m.participant.participantType === 4 && !has(ctx, 'guest-lists-participants')) return forbidden();
  return ok(ctx.store.participants(m.room.token).map(participantWire));
};

export const addParticipant: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!, { membersFault: true });
  if (isFailure(m)) return m;
  const source = req.input.str('source') ?? 'users';
  const target = req.input.str('newParticipant') ?? '';
  if (m.room.type === 1 && !has(ctx, 'one-to-one-unlocked')) return badRequest(); // locked-one-to-one-rooms
  let users: User[];
  if (source === 'users') {
    const u = ctx.store.users.get(target);
    if (!u) return notFound();
    users = [u];
  } else if (source === 'groups') {
    users = [...ctx.store.users.values()].filter((u) => u.groups.includes(target));
    if (users.length === 0 && !has(ctx, 'unknown-group-added')) return notFound();
  } else if (source === 'emails') {
    // Inviting by mail makes the room public (the guest joins by link); the type change is returned.
    if (!(has(ctx, 'email-loosely-validated') ? target.includes('@') : /^[^@\s]+@[^@\s]+$/.test(target))) return badRequest();
    if (m.room.type === 2) {
      m.room.type = 3;
      postSystem(ctx, m.room, authorOf(m.participant), 'guests_allowed');
      return ok({ type: 3 });
    }
    return ok([]);
  } else return badRequest();
  for (const u of users) {
    const existing = ctx.store.participant(m.room.token, 'users', u.id);
    if (existing && existing.participantType !== 5 && !has(ctx, 'member-added-again-reset')) continue;
    if (existing) setType(existing, 3);
    else addUser(ctx, m.room, u, 3);
    if (!has(ctx, 'user-added-no-message')) postSystem(ctx, m.room, authorOf(m.participant), 'user_added', { user: userParam(u) });
  }
  return ok([]);
};

/**
 * Removes a participant and, when no user is left, the room itself: guests do not keep a room
 * (Talk 6 removeSelfFromRoom deletes it at getNumberOfParticipants() === 1, which ignores guests;
 * later releases count users alike).
 */
function drop(ctx: TalkContext, room: Room, p: Participant): void {
  if (!has(ctx, 'leaving-keeps-call')) leaveCall(ctx, room, p); // a no-op for who is not in the call
  ctx.store.removeParticipant(room.token, p.actorType, p.actorId);
  if (has(ctx, 'guest-session-outlives-removal')) ctx.store.setSession(p, p.sessionId); // indexed again
  if (!ctx.store.participants(room.token).some((x) => x.actorType === 'users') && !has(ctx, 'last-leave-keeps-room')) {
    ctx.store.deleteRoom(room.token);
    ctx.waiters.notify(room.token);
  }
}

export const removeParticipant: Handler = (ctx, req, { token }) => {
  const named = req.input.str('participant') ?? '';
  // Naming oneself is leaving (removeSelf), before the moderator check and in one-to-one rooms
  // too, as the platform's removeParticipantFromRoom does (spec: remove-participant-self).
  const me = memberOf(ctx, req, token!);
  if (isFailure(me)) return me;
  if (me.participant.actorType === 'users' && me.participant.actorId === named && !has(ctx, 'remove-self-by-name-forbidden')) return leave(ctx, me.room, me.participant);
  const m = moderated(ctx, req, token!, { membersFault: true });
  if (isFailure(m)) return m;
  if (m.room.type === 1) return badRequest();
  const target = ctx.store.participant(m.room.token, 'users', named);
  if (!target) return notFound();
  if (target.participantType === 1 && !has(ctx, 'owner-removable')) return forbidden();
  postSystem(ctx, m.room, authorOf(m.participant), 'user_removed', { user: userParam({ id: target.actorId, displayName: target.displayName }) });
  drop(ctx, m.room, target);
  return ok([]);
};

export const removeGuest: Handler = (ctx, req, { token }) => {
  const m = has(ctx, 'remove-guest-by-anyone') ? memberOf(ctx, req, token!) : moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  const target = ctx.store.bySession(req.input.str('participant') ?? '');
  if (!target || (target.roomToken !== m.room.token && !has(ctx, 'remove-guest-any-room'))) return notFound();
  if (target.actorType !== 'guests') return badRequest(); // spec: remove-guest-not-guest
  if (target === m.participant) return forbidden(); // a guest moderator removing its own session
  drop(ctx, m.room, target);
  return ok([]);
};

/** Whether `p` is the last owner/moderator among the users while other users remain. */
function lastModerator(ctx: TalkContext, room: Room, p: Participant): boolean {
  if (p.participantType !== 1 && p.participantType !== 2) return false;
  if (p.participantType === 2 && has(ctx, 'last-moderator-owner-only')) return false;
  if (has(ctx, 'last-moderator-may-leave')) return false;
  const users = ctx.store.participants(room.token).filter((x) => x.actorType === 'users' && x.actorId !== p.actorId);
  if (has(ctx, 'guests-keep-last-moderator') && users.length === 0 && ctx.store.participants(room.token).some((x) => x.actorType === 'guests')) return true;
  return users.length > 0 && !users.some((x) => x.participantType === 1 || x.participantType === 2);
}

/**
 * removeSelf's logic: the last moderator may not leave others behind (400). One-to-one rooms are
 * only left: both members are owners, so neither is ever the last moderator there.
 */
function leave(ctx: TalkContext, room: Room, p: Participant) {
  if (lastModerator(ctx, room, p)) return badRequest();
  drop(ctx, room, p);
  return ok(has(ctx, 'leave-answers-object') ? {} : []);
}

export const removeSelf: Handler = (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  return leave(ctx, m.room, m.participant);
};

export const joinRoom: Handler = (ctx, req, { token }) => {
  const room = ctx.store.room(token!);
  if (!room) return notFound();
  const password = req.input.str('password'); // absent never matches: a room without one is not asked
  const headers: Record<string, string> = {};
  let actor = req.actor;
  if (actor.kind === 'anonymous') {
    if (room.type !== 3) return notFound();
    const session = createSession(ctx);
    headers['set-cookie'] = sessionCookie(session);
    actor = { kind: 'guest', session };
  }
  let p: Participant | undefined;
  if (actor.kind === 'user') {
    p = ctx.store.participant(room.token, 'users', actor.user.id);
    if (!p) {
      if (room.type !== 3) return notFound();
      if (room.password !== '' && password !== room.password) return forbidden();
      p = ctx.store.putParticipant(newParticipant(ctx, room, { actorType: 'users', actorId: actor.user.id, displayName: actor.user.displayName }, 5));
    } else if (has(ctx, 'self-joined-password-asked-again') && p.participantType === 5 && password !== room.password) return forbidden();
  } else {
    const session = actor.session;
    // Joining again with the session keeps the participant (spec: guest-rejoin-same-participant).
    p = ctx.store.participant(room.token, 'guests', session.guestId);
    if (!p || has(ctx, 'guest-rejoin-new-participant')) {
      if (room.type !== 3) return notFound();
      if (room.password !== '' && password !== room.password && !has(ctx, 'guest-password-not-checked')) return forbidden();
      p = ctx.store.putParticipant(
        newParticipant(ctx, room, { actorType: 'guests', actorId: session.guestId, displayName: session.guestName }, 4),
      );
    }
  }
  ctx.store.setSession(p, newSessionId(ctx));
  if (!has(ctx, 'join-no-ping')) p.lastPing = nowSeconds(ctx);
  return ok({ sessionId: p.sessionId }, { headers });
};

export const leaveRoom: Handler = (ctx, req, { token }) => {
  const m = findRoom(ctx, req.actor, token!, { participantOnly: true });
  // Nothing to leave (unknown room, not a participant) is a no-op, as the platform's leaveRoom
  // swallows both exceptions (spec: leave-room-no-op).
  if (!isMembership(m)) return has(ctx, 'leave-room-not-member-404') ? m : ok([]);
  const p = m.participant!;
  if (!has(ctx, 'leaving-keeps-call')) leaveCall(ctx, m.room, p); // a no-op for who is not in the call
  // Guests and users who only followed the link are not members beyond their session.
  if (p.participantType === 4 || (p.participantType === 5 && !has(ctx, 'leave-keeps-self-joined'))) drop(ctx, m.room, p);
  else ctx.store.setSession(p, '0');
  return ok([]);
};

/** The participant a moderator change targets: a user by `participant`, a guest by `sessionId`. */
function target(ctx: TalkContext, req: TalkRequest, room: Room): Participant | undefined {
  const sessionId = req.input.str('sessionId');
  if (sessionId) {
    if (has(ctx, 'session-zero-found') && sessionId === '0') return ctx.store.participants(room.token).find((x) => x.sessionId === '0');
    const p = ctx.store.bySession(sessionId);
    return p && (p.roomToken === room.token || has(ctx, 'moderator-session-any-room')) ? p : undefined;
  }
  return ctx.store.participant(room.token, 'users', req.input.str('participant') ?? '');
}

export const promoteModerator: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  const t = target(ctx, req, m.room);
  if (!t) return notFound();
  // Only a plain user (3) or guest (4) can be promoted; owners are 400 too, the other member of a
  // one-to-one room included (spec: promote-400; the platform's promoteUserToModerator).
  if (t.participantType === 1 && has(ctx, 'promote-owner-403')) return forbidden();
  const by = authorOf(m.participant);
  if (t.participantType === 3) {
    if (!has(ctx, 'promote-keeps-user-type')) setType(t, 2);
    postSystem(ctx, m.room, by, 'moderator_promoted', { user: userParam({ id: t.actorId, displayName: t.displayName }) });
  } else if (t.participantType === 4) {
    setType(t, 6);
    postSystem(ctx, m.room, by, 'guest_moderator_promoted', { user: guestParam(ctx, t) });
  } else return badRequest();
  return ok([]);
};

export const demoteModerator: Handler = (ctx, req, { token }) => {
  const m = moderated(ctx, req, token!);
  if (isFailure(m)) return m;
  // Demoting oneself is 403 before any lookup (the platform's demoteUserFromModerator).
  const sessionId = req.input.str('sessionId');
  const self = sessionId ? sessionId === m.participant.sessionId : req.input.str('participant') === m.participant.actorId && m.participant.actorType === 'users';
  if (self && !has(ctx, 'demote-self-allowed') && !(sessionId && has(ctx, 'guest-demotes-itself'))) return forbidden();
  const t = target(ctx, req, m.room);
  if (!t) return notFound();
  const by = authorOf(m.participant);
  if (t.participantType === 2) {
    setType(t, 3);
    postSystem(ctx, m.room, by, 'moderator_demoted', { user: userParam({ id: t.actorId, displayName: t.displayName }) });
  } else if (t.participantType === 6) {
    setType(t, 4);
    postSystem(ctx, m.room, by, 'guest_moderator_demoted', { user: guestParam(ctx, t) });
  } else return badRequest();
  return ok([]);
};
