// The Talk state behind a small interface: Maps by key plus the indexes the handlers need,
// so a room lookup is O(1), a user's room list is O(their rooms), and a chat page is
// O(log n + page) (messages are kept in id order, found by binary search).
import type { ActorType, ChatMessage, Notification, Participant, Room, Session, StoredFile, User } from './types.ts';

export const participantKey = (actorType: ActorType, actorId: string) => `${actorType}/${actorId}`;

/** First index whose message id is > `id` (ids are strictly increasing in the array). */
export function upperBound(messages: readonly ChatMessage[], id: number): number {
  let lo = 0;
  let hi = messages.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (messages[mid]!.id <= id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index whose message id is >= `id`. */
export function lowerBound(messages: readonly ChatMessage[], id: number): number {
  let lo = 0;
  let hi = messages.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (messages[mid]!.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface ChatWindow {
  /** Messages in the order the API returns them (history: newest first; future: oldest first). */
  messages: ChatMessage[];
}

export class TalkStore {
  /** The mock's fault set (the store's own faults: indexes left stale). */
  constructor(private readonly faults: ReadonlySet<string> = new Set()) {}
  readonly users = new Map<string, User>();
  /** Browser sessions by cookie value. */
  readonly sessions = new Map<string, Session>();
  readonly rooms = new Map<string, Room>();
  /** Participants per room, by participantKey. */
  private readonly members = new Map<string, Map<string, Participant>>();
  /** Tokens of the rooms a user is a participant of. */
  private readonly byUser = new Map<string, Set<string>>();
  /** Connected participants by their 512-character session id. */
  private readonly bySessionId = new Map<string, Participant>();
  /** Chat per room, append-only, ids increasing. */
  private readonly chat = new Map<string, ChatMessage[]>();
  /** Files per user: path → file; and by id across users. */
  readonly files = new Map<string, Map<string, StoredFile>>();
  private readonly filesById = new Map<number, { user: string; file: StoredFile }>();
  readonly notifications: Notification[] = [];
  private lastRoomId = 0;
  private lastMessageId = 0;
  private lastFileId = 0;
  private lastNotificationId = 0;

  clear(): void {
    this.users.clear();
    this.sessions.clear();
    this.rooms.clear();
    this.members.clear();
    this.byUser.clear();
    this.bySessionId.clear();
    this.chat.clear();
    this.files.clear();
    this.filesById.clear();
    this.notifications.length = 0;
    this.lastRoomId = 0;
    this.lastMessageId = 0;
    this.lastFileId = 0;
    this.lastNotificationId = 0;
  }

  // ---- rooms ----

  /** Stores a room; an `id` of 0 is replaced by the next numeric room id. */
  addRoom(room: Room): Room {
    if (room.id === 0) room.id = ++this.lastRoomId;
    this.rooms.set(room.token, room);
    this.members.set(room.token, new Map());
    this.chat.set(room.token, []);
    return room;
  }

  room(token: string): Room | undefined {
    return this.rooms.get(token);
  }

  deleteRoom(token: string): void {
    for (const p of this.participants(token)) this.removeParticipant(token, p.actorType, p.actorId);
    this.rooms.delete(token);
    this.members.delete(token);
    this.chat.delete(token);
  }

  // ---- participants ----

  participants(token: string): Participant[] {
    return [...(this.members.get(token)?.values() ?? [])];
  }

  participant(token: string, actorType: ActorType, actorId: string): Participant | undefined {
    return this.members.get(token)?.get(participantKey(actorType, actorId));
  }

  /** Inserts or replaces; keeps the user and session indexes in step. */
  putParticipant(p: Participant): Participant {
    const room = this.members.get(p.roomToken);
    if (!room) throw new Error(`no room ${p.roomToken}`);
    const key = participantKey(p.actorType, p.actorId);
    const old = room.get(key);
    // '0' (no session) is never a key, so deleting it is a no-op.
    if (old) this.bySessionId.delete(old.sessionId);
    room.set(key, p);
    if (p.sessionId !== '0') this.bySessionId.set(p.sessionId, p);
    if (p.actorType === 'users') {
      let set = this.byUser.get(p.actorId);
      if (!set) this.byUser.set(p.actorId, (set = new Set()));
      set.add(p.roomToken);
    }
    return p;
  }

  /** Sets a participant's session id ('0' = disconnected), keeping the session index right. */
  setSession(p: Participant, sessionId: string): void {
    this.bySessionId.delete(p.sessionId);
    p.sessionId = sessionId;
    if (sessionId !== '0') this.bySessionId.set(sessionId, p);
    else if (this.faults.has('left-session-zero-found')) this.bySessionId.set(sessionId, p);
  }

  /** Removes a participant; callers name one they found in the room. */
  removeParticipant(token: string, actorType: ActorType, actorId: string): void {
    const room = this.members.get(token)!;
    const key = participantKey(actorType, actorId);
    const p = room.get(key)!;
    room.delete(key);
    this.bySessionId.delete(p.sessionId);
    if (actorType === 'users' && !this.faults.has('room-list-keeps-removed')) this.byUser.get(actorId)!.delete(token); // every user participant was indexed by putParticipant
  }

  bySession(sessionId: string): Participant | undefined {
    return this.bySessionId.get(sessionId);
  }

  roomsOfUser(userId: string): string[] {
    return [...(this.byUser.get(userId) ?? [])];
  }

  // ---- chat ----

  messages(token: string): readonly ChatMessage[] {
    return this.chat.get(token) ?? [];
  }

  appendMessage(m: Omit<ChatMessage, 'id'>): ChatMessage {
    const list = this.chat.get(m.token)!; // messages go to rooms that exist
    const msg: ChatMessage = { id: ++this.lastMessageId, ...m };
    list.push(msg);
    return msg;
  }

  lastMessage(token: string): ChatMessage | undefined {
    return this.messages(token).at(-1);
  }

  /** Messages newer than `afterId` (count only). */
  countAfter(token: string, afterId: number): number {
    const list = this.messages(token);
    return list.length - upperBound(list, afterId);
  }

  /**
   * One chat page. History (`future` false): up to `limit` messages with id < lastKnown
   * (all when lastKnown is 0), newest first. Future: up to `limit` messages with id > lastKnown,
   * oldest first.
   */
  chatPage(token: string, o: { lastKnown: number; future: boolean; limit: number }): ChatMessage[] {
    const list = this.messages(token);
    if (o.future) {
      const from = upperBound(list, o.lastKnown);
      return list.slice(from, from + o.limit);
    }
    const end = o.lastKnown > 0 ? lowerBound(list, o.lastKnown) : list.length;
    return list.slice(Math.max(0, end - o.limit), end).reverse();
  }

  // ---- files ----

  putFile(user: string, path: string, bytes: Uint8Array, mimetype: string, mtime: number): StoredFile {
    let tree = this.files.get(user);
    if (!tree) this.files.set(user, (tree = new Map()));
    const old = tree.get(path);
    const file: StoredFile = { fileId: old?.fileId ?? ++this.lastFileId, path, bytes, mimetype, mtime };
    tree.set(path, file);
    this.filesById.set(file.fileId, { user, file });
    return file;
  }

  file(user: string, path: string): StoredFile | undefined {
    return this.files.get(user)?.get(path);
  }

  fileById(fileId: number): { user: string; file: StoredFile } | undefined {
    return this.filesById.get(fileId);
  }

  // ---- notifications ----

  notify(n: Omit<Notification, 'id' | 'processed'>): Notification {
    const full: Notification = { id: ++this.lastNotificationId, processed: false, ...n };
    this.notifications.push(full);
    return full;
  }
}
