// The seeded data set: users (alice owns most rooms), a group, rooms of every type and a chat
// history whose length and contents follow the seed. Same seed → same data.
import { newParticipant } from './access.ts';
import { nowSeconds, type TalkContext } from './context.ts';
import { lockPair, makeRoom } from './handlers/rooms.ts';
import type { Participant, ParticipantType, Room, RoomType, User } from './types.ts';

export const DEFAULT_USERS: readonly Omit<User, 'attachmentFolder'>[] = [
  { id: 'alice', displayName: 'Alice Archer', password: 'alice-password', appPasswords: ['alice-app-password-0001'], isAdmin: false, groups: ['team'] },
  { id: 'bob', displayName: 'Bob Baker', password: 'bob-password', appPasswords: ['bob-app-password-0001'], isAdmin: false, groups: ['team'] },
  { id: 'carol', displayName: 'Carol Cooper', password: 'carol-password', appPasswords: ['carol-app-password-0001'], isAdmin: false, groups: ['team'] },
  { id: 'dave', displayName: 'Dave Dalton', password: 'dave-password', appPasswords: [], isAdmin: false, groups: [] },
  { id: 'admin', displayName: 'Administrator', password: 'admin-password', appPasswords: ['admin-app-password-0001'], isAdmin: true, groups: ['admin'] },
];

/** Fixed tokens of the seeded rooms, so checks and contracts can name them. */
export const ROOMS = {
  oneToOne: 'alicebob11',
  group: 'teamroom22',
  public: 'publicroom3',
  protected: 'protected33',
  readOnly: 'readonly22',
  lobby: 'lobbyroom22',
} as const;

export const ROOM_PASSWORD = 'room-password';

export function addUserRecord(ctx: TalkContext, u: Partial<User> & { id: string }): User {
  const user: User = {
    id: u.id,
    displayName: u.displayName ?? u.id,
    password: u.password ?? `${u.id}-password`,
    appPasswords: u.appPasswords ?? [],
    isAdmin: u.isAdmin ?? false,
    groups: u.groups ?? [],
    attachmentFolder: u.attachmentFolder ?? '/Talk',
  };
  ctx.store.users.set(user.id, user);
  return user;
}

export function seedMember(ctx: TalkContext, room: Room, userId: string, type: ParticipantType): Participant {
  const user = ctx.store.users.get(userId);
  if (!user) throw new Error(`unknown user ${userId}`);
  return ctx.store.putParticipant(newParticipant(ctx, room, { actorType: 'users', actorId: user.id, displayName: user.displayName }, type));
}

const LINES = [
  'Good morning!',
  'Did anyone look at the agenda?',
  'I will share the slides later.',
  'Can we move the call to 3pm?',
  'Thanks, that works for me.',
  'The build is green again.',
  'Lunch?',
  'See you in the call.',
];

/**
 * Appends `count` plain comments by `authors` in `room`, spaced a minute apart and ending now.
 * Bypasses mention parsing so big data sets load fast.
 */
export function appendHistory(ctx: TalkContext, room: Room, authors: readonly User[], count: number): void {
  const end = nowSeconds(ctx);
  for (let i = 0; i < count; i++) {
    const a = authors[ctx.prng.int(0, authors.length - 1)]!;
    const m = ctx.store.appendMessage({
      token: room.token,
      actorType: 'users',
      actorId: a.id,
      actorDisplayName: a.displayName,
      timestamp: end - (count - i) * 60,
      message: `${LINES[ctx.prng.int(0, LINES.length - 1)]!} #${i + 1}`,
      messageParameters: {},
      systemMessage: '',
      messageType: 'comment',
    });
    room.lastActivity = m.timestamp;
  }
}

function room(ctx: TalkContext, token: string, type: RoomType, name: string, members: [string, ParticipantType][]): Room {
  const r = makeRoom(ctx, type, name, token);
  for (const [id, t] of members) seedMember(ctx, r, id, t);
  lockPair(ctx, r);
  return r;
}

/** Fills an empty store with the default data set for the context's seed. */
export function seedDefault(ctx: TalkContext): void {
  for (const u of DEFAULT_USERS) addUserRecord(ctx, { ...u, appPasswords: [...u.appPasswords], groups: [...u.groups] });
  const users = (ids: string[]) => ids.map((id) => ctx.store.users.get(id)!);
  const oneToOne = room(ctx, ROOMS.oneToOne, 1, 'bob', [['alice', 1], ['bob', 1]]);
  const group = room(ctx, ROOMS.group, 2, 'Team', [['alice', 1], ['bob', 2], ['carol', 3]]);
  room(ctx, ROOMS.public, 3, 'Town hall', [['alice', 1], ['bob', 3]]);
  const prot = room(ctx, ROOMS.protected, 3, 'Board (password)', [['alice', 1]]);
  prot.password = ROOM_PASSWORD;
  const ro = room(ctx, ROOMS.readOnly, 2, 'Announcements', [['alice', 1], ['bob', 3], ['carol', 3]]);
  ro.readOnly = 1;
  const lobby = room(ctx, ROOMS.lobby, 2, 'Webinar', [['alice', 1], ['carol', 3]]);
  lobby.lobbyState = 1;
  // The seed decides how much history the rooms carry (so seeds differ, reproducibly).
  appendHistory(ctx, group, users(['alice', 'bob', 'carol']), ctx.prng.int(150, 260));
  appendHistory(ctx, oneToOne, users(['alice', 'bob']), ctx.prng.int(5, 20));
  appendHistory(ctx, ro, users(['alice']), ctx.prng.int(2, 5));
  appendHistory(ctx, lobby, users(['alice', 'carol']), ctx.prng.int(2, 5));
  // Everybody has read everything so far; unread counts start at zero.
  for (const r of ctx.store.rooms.values()) {
    const last = ctx.store.lastMessage(r.token)?.id ?? 0;
    for (const p of ctx.store.participants(r.token)) p.lastReadMessage = last;
  }
}

/** Bench/big data: `rooms` group rooms owned by `owner` (with bob), and one room with `messages` messages. */
export function generate(ctx: TalkContext, o: { rooms: number; messages: number; owner: string }): { rooms: number; chatRoom?: string } {
  const owner = ctx.store.users.get(o.owner);
  const bob = ctx.store.users.get('bob') ?? owner;
  if (!owner || !bob) throw new Error(`unknown user ${o.owner}`);
  for (let i = 0; i < o.rooms; i++) {
    const r = makeRoom(ctx, 2, `Generated ${i + 1}`);
    seedMember(ctx, r, owner.id, 1);
    if (bob.id !== owner.id) seedMember(ctx, r, bob.id, 3);
  }
  if (o.messages <= 0) return { rooms: o.rooms };
  const chat = makeRoom(ctx, 2, 'Generated chat');
  seedMember(ctx, chat, owner.id, 1);
  if (bob.id !== owner.id) seedMember(ctx, chat, bob.id, 3);
  appendHistory(ctx, chat, [owner, bob], o.messages);
  return { rooms: o.rooms, chatRoom: chat.token };
}
