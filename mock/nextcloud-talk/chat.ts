// Writing to a room's chat: comments (with @mentions turned into Rich Object parameters) and
// system messages. Every append wakes the long-polls waiting on that room.
import { has, nowSeconds, type TalkContext } from './context.ts';
import type { ActorType, ChatMessage, MessageType, RichParameter, Room, SystemMessage } from './types.ts';

/** The longest message the chat accepts (seed 004: 413 above 1000 characters). */
export const MAX_MESSAGE_LENGTH = 1000;

export interface Author {
  actorType: ActorType;
  actorId: string;
  displayName: string;
}

/**
 * How a Rich Object names a guest: its name with " (guest)" after it, "Guest" while it has none
 * (spreed's SystemMessage parser, getGuestName).
 */
export function guestObjectName(ctx: TalkContext, displayName: string): string {
  if (displayName === '') return has(ctx, 'guest-param-name-empty') ? '' : 'Guest';
  return has(ctx, 'guest-param-name-unsuffixed') ? displayName : `${displayName} (guest)`;
}

/** The Rich Object parameter naming an actor. */
export function actorParameter(ctx: TalkContext, a: Author): RichParameter {
  return a.actorType === 'users' || has(ctx, 'system-actor-guest-as-user')
    ? { type: 'user', id: a.actorId, name: a.displayName }
    : { type: 'guest', id: `guest/${a.actorId}`, name: guestObjectName(ctx, a.displayName) };
}

/** Characters, as PHP's mb_strlen counts them (code points, not UTF-16 units). */
export const messageLength = (s: string): number => {
  let n = 0;
  for (const _ of s) n++;
  return n;
};

function append(ctx: TalkContext, room: Room, m: Omit<ChatMessage, 'id' | 'token' | 'timestamp'>): ChatMessage {
  const msg = ctx.store.appendMessage({ token: room.token, timestamp: nowSeconds(ctx), ...m });
  room.lastActivity = msg.timestamp;
  ctx.waiters.notify(room.token);
  if (has(ctx, 'long-poll-woken-by-any-room')) for (const token of ctx.store.rooms.keys()) ctx.waiters.notify(token);
  return msg;
}

/**
 * Posts a comment. `@userid` of an existing user becomes `{mention-user1}` … with a `user`
 * parameter; mentioned participants get their mention marker and a notification.
 */
export function postComment(ctx: TalkContext, room: Room, author: Author, text: string, messageType: MessageType = 'comment'): ChatMessage {
  const parameters: Record<string, RichParameter> = {};
  const mentioned: string[] = [];
  const message = text.replace(/(^|[\s(])@([A-Za-z0-9_.@-]+)/g, (whole, before: string, id: string) => {
    const user = ctx.store.users.get(id) ?? (has(ctx, 'mention-unknown-as-user') ? { id, displayName: id } : undefined);
    if (!user || has(ctx, 'mention-not-parsed')) return whole;
    let index = mentioned.indexOf(id);
    if (index < 0) {
      mentioned.push(id);
      index = mentioned.length - 1;
      parameters[`mention-user${index + 1}`] = { type: 'user', id: user.id, name: user.displayName };
    }
    return `${before}{mention-user${index + 1}}`;
  });
  const msg = append(ctx, room, {
    actorType: author.actorType,
    actorId: author.actorId,
    actorDisplayName: author.displayName,
    message,
    messageParameters: parameters,
    systemMessage: '',
    messageType,
  });
  for (const id of mentioned) {
    const p = ctx.store.participant(room.token, 'users', id);
    if (!p || (author.actorType === 'users' && author.actorId === id && !has(ctx, 'mention-notifies-self'))) continue;
    p.lastMentionMessage = msg.id;
    ctx.store.notify({ user: id, app: 'spreed', objectType: has(ctx, 'mention-notification-as-room') ? 'room' : 'chat', objectId: room.token, subject: 'mention', subjectParameters: {}, timestamp: msg.timestamp });
  }
  return msg;
}

const TEMPLATES: Record<Exclude<SystemMessage, ''>, string> = {
  conversation_created: '{actor} created the conversation',
  conversation_renamed: '{actor} renamed the conversation',
  call_started: '{actor} started a call',
  call_joined: '{actor} joined the call',
  call_left: '{actor} left the call',
  call_ended: 'Call with {actor} ended',
  call_ended_everyone: '{actor} ended the call for everyone',
  guests_allowed: '{actor} allowed guests in the conversation',
  guests_disallowed: '{actor} disallowed guests in the conversation',
  password_set: '{actor} set a password for the conversation',
  password_removed: '{actor} removed the password for the conversation',
  user_added: '{actor} added {user} to the conversation',
  user_removed: '{actor} removed {user} from the conversation',
  moderator_promoted: '{actor} promoted {user} to moderator',
  moderator_demoted: '{actor} demoted {user} from moderator',
  guest_moderator_promoted: '{actor} promoted {user} to moderator',
  guest_moderator_demoted: '{actor} demoted {user} from moderator',
  read_only: '{actor} locked the conversation',
  read_only_off: '{actor} unlocked the conversation',
  lobby_none: '{actor} opened the conversation to everyone',
  lobby_non_moderators: '{actor} restricted the conversation to moderators',
  file_shared: '{file}',
  recording_started: '{actor} started the video recording',
  recording_stopped: '{actor} stopped the video recording',
  audio_recording_started: '{actor} started the audio recording',
  audio_recording_stopped: '{actor} stopped the audio recording',
  recording_failed: 'The recording failed',
};

/** Posts a system message (messageType `system`, or record-* for shared recordings). */
export function postSystem(
  ctx: TalkContext,
  room: Room,
  actor: Author,
  type: Exclude<SystemMessage, ''>,
  extra: Record<string, RichParameter> = {},
  messageType: MessageType = 'system',
): ChatMessage {
  return append(ctx, room, {
    actorType: actor.actorType,
    actorId: actor.actorId,
    actorDisplayName: actor.displayName,
    message: has(ctx, 'system-message-text-bare') ? '{actor}' : TEMPLATES[type],
    messageParameters: { actor: actorParameter(ctx, actor), ...extra },
    systemMessage: type,
    messageType,
  });
}
