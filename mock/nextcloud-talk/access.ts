// Who is a participant of which room, and what their type lets them do.
import { has, nowSeconds, type TalkContext } from './context.ts';
import { failure, type OcsResult } from './ocs.ts';
import { MODERATOR_TYPES } from './types.ts';
import type { Actor, ActorType, Participant, ParticipantType, Room } from './types.ts';

export const isModerator = (p: Participant | undefined): boolean => p !== undefined && MODERATOR_TYPES.has(p.participantType);

/** The actor type and id an actor has in rooms (undefined for anonymous callers). */
export function actorKey(actor: Actor): { actorType: ActorType; actorId: string } | undefined {
  if (actor.kind === 'user') return { actorType: 'users', actorId: actor.user.id };
  if (actor.kind === 'guest') return { actorType: 'guests', actorId: actor.session.guestId };
  return undefined;
}

export function participantOf(ctx: TalkContext, actor: Actor, token: string): Participant | undefined {
  const key = actorKey(actor);
  return key ? ctx.store.participant(token, key.actorType, key.actorId) : undefined;
}

export function newParticipant(
  ctx: TalkContext,
  room: Room,
  who: { actorType: ActorType; actorId: string; displayName: string },
  type: ParticipantType,
): Participant {
  return {
    roomToken: room.token,
    actorType: who.actorType,
    actorId: who.actorId,
    displayName: who.displayName,
    participantType: type,
    inCall: 0,
    sessionId: '0',
    lastPing: 0,
    notificationLevel: 0, // the user's default until they choose (spec: notification-level-default)
    favorite: false,
    lastReadMessage: ctx.store.lastMessage(room.token)?.id ?? 0,
    lastMentionMessage: 0,
  };
}

/** Sets a participant's type (its role in the room). */
export function setType(p: Participant, type: ParticipantType): void {
  p.participantType = type;
}

/** Lazy settling of the lobby timer: once it has passed, the lobby is open. */
export function settleLobby(ctx: TalkContext, room: Room): void {
  if (room.lobbyState === 1 && room.lobbyTimer !== null && room.lobbyTimer <= nowSeconds(ctx) && !has(ctx, 'lobby-timer-never-expires')) {
    room.lobbyState = 0;
    room.lobbyTimer = null;
  }
}

/** True when the lobby keeps this participant out of chat and call. */
export function inLobby(ctx: TalkContext, room: Room, p: Participant | undefined): boolean {
  settleLobby(ctx, room);
  return room.lobbyState === 1 && !isModerator(p);
}

export interface Membership {
  room: Room;
  participant: Participant | undefined;
}

/**
 * The room `token` as this caller may see it: participants always, anybody for a public room
 * (so they can join), 404 otherwise ("room could not be found for the participant").
 */
export function findRoom(ctx: TalkContext, actor: Actor, token: string, o: { participantOnly?: boolean } = {}): Membership | OcsResult {
  const room = ctx.store.room(token);
  if (!room) {
    if (has(ctx, 'unknown-room-500')) throw new Error(`no room ${token}`);
    return failure(404);
  }
  const participant = participantOf(ctx, actor, token);
  if (participant) return { room, participant };
  if (!o.participantOnly && room.type === 3) return { room, participant: undefined };
  return failure(404);
}

export const isMembership = (m: Membership | OcsResult): m is Membership => 'room' in m;

/** A participant whose session is connected (joined the room). */
export const connected = (p: Participant | undefined): p is Participant => p !== undefined && p.sessionId !== '0';
