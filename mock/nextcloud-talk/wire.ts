// Wire shapes of rooms, participants, call peers and chat messages (seed 004 field lists).
// PHP quirks kept on purpose: an empty map serialises as `[]` (messageParameters, lastMessage).
import { has, type TalkContext } from './context.ts';
import { IN_CALL, type ChatMessage, type Participant, type Room } from './types.ts';

export function messageWire(m: ChatMessage): Record<string, unknown> {
  const params = Object.keys(m.messageParameters).length > 0 ? m.messageParameters : [];
  return {
    id: m.id,
    token: m.token,
    actorType: m.actorType,
    actorId: m.actorId,
    actorDisplayName: m.actorDisplayName,
    timestamp: m.timestamp,
    systemMessage: m.systemMessage,
    messageType: m.messageType,
    message: m.message,
    messageParameters: params,
  };
}

/** Name shown for a room: its name, or for one-to-one / unnamed rooms the other participants. */
export function displayNameOf(ctx: TalkContext, room: Room, viewer: Participant | undefined): string {
  if (room.type !== 1 && room.name !== '') return room.name;
  const others = ctx.store
    .participants(room.token)
    .filter((p) => p.actorType === 'users' && !(viewer && p.actorType === viewer.actorType && p.actorId === viewer.actorId))
    .map((p) => p.displayName)
    .sort();
  if (others.length > 0) return others.join(', ');
  return has(ctx, 'one-to-one-left-name-empty') ? '' : room.name;
}

/**
 * A room as `viewer` sees it. A non-participant (a public room seen before joining), user or
 * guest, is shown participantType 4, the default of spreed's formatRoom for a caller it finds no
 * participant for.
 */
export function roomWire(ctx: TalkContext, room: Room, viewer: Participant | undefined): Record<string, unknown> {
  let count = 0;
  let numGuests = 0;
  for (const p of ctx.store.participants(room.token)) {
    if (p.sessionId === '0') continue;
    if (p.actorType === 'users') count++;
    else numGuests++;
  }
  if (has(ctx, 'guests-counted-as-users')) [count, numGuests] = [count + numGuests, 0];
  const last = ctx.store.lastMessage(room.token);
  const flags = viewer?.inCall ?? 0;
  const lastRead = viewer?.lastReadMessage ?? 0;
  return {
    token: room.token,
    type: has(ctx, 'room-type-as-string') ? String(room.type) : room.type,
    name: room.name,
    displayName: displayNameOf(ctx, room, viewer),
    objectType: room.objectType,
    objectId: room.objectId,
    participantType: viewer?.participantType ?? 4,
    participantInCall: (flags & IN_CALL) !== 0,
    participantFlags: flags,
    readOnly: room.readOnly,
    lobbyState: room.lobbyState,
    lobbyTimer: room.lobbyTimer ?? 0,
    count,
    numGuests,
    lastPing: viewer?.lastPing ?? 0,
    sessionId: viewer?.sessionId ?? '0',
    hasPassword: room.password !== '',
    hasCall: room.activeSince !== null,
    callRecording: room.callRecording,
    lastActivity: room.lastActivity,
    isFavorite: viewer?.favorite ?? false,
    notificationLevel: viewer?.notificationLevel ?? 0,
    unreadMessages: viewer ? ctx.store.countAfter(room.token, lastRead) : 0,
    unreadMention: viewer ? viewer.lastMentionMessage > lastRead : false,
    lastMessage: last ? messageWire(last) : [],
  };
}

/** A participant entry: exactly the Talk 6 fields (getParticipants), closed by decision closed-objects. */
export function participantWire(p: Participant): Record<string, unknown> {
  return {
    userId: p.actorType === 'users' ? p.actorId : '',
    displayName: p.displayName,
    participantType: p.participantType,
    lastPing: p.lastPing,
    sessionId: p.sessionId,
    inCall: p.inCall,
  };
}

/** A call peer: the seed's fields (getPeersForCall of Talk 6), closed by decision closed-objects. */
export function callPeerWire(p: Participant): Record<string, unknown> {
  return {
    userId: p.actorType === 'users' ? p.actorId : '',
    token: p.roomToken,
    lastPing: p.lastPing,
    sessionId: p.sessionId,
  };
}
