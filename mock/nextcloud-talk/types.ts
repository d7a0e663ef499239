// The Nextcloud Talk domain as the mock keeps it (Talk API v1, Talk 6 era, plus the recording
// state the recording API v1 adds). Wire shapes are built from these in wire.ts.
// Numbers are the documented constants (seed 004 "Constants", docs/constants.md).

/** 1 one-to-one, 2 group, 3 public (guests may join by link). */
export type RoomType = 1 | 2 | 3;
export const ROOM_TYPES: readonly RoomType[] = [1, 2, 3];

/** 0 read-write, 1 read-only (nobody may chat or call). */
export type ReadOnlyState = 0 | 1;

/** 0 lobby off, 1 lobby on for non-moderators (until `lobbyTimer`, if set). */
export type LobbyState = 0 | 1;

/**
 * 1 owner, 2 moderator, 3 user, 4 guest, 5 user following a public link (self-joined),
 * 6 guest promoted to moderator.
 */
export type ParticipantType = 1 | 2 | 3 | 4 | 5 | 6;
export const PARTICIPANT_TYPES: readonly ParticipantType[] = [1, 2, 3, 4, 5, 6];
export const MODERATOR_TYPES: ReadonlySet<ParticipantType> = new Set<ParticipantType>([1, 2, 6]);

/** Call flags bitmask: 0 disconnected, 1 in call, 2 with audio, 4 with video. */
export const IN_CALL = 1;
export const WITH_AUDIO = 2;
export const WITH_VIDEO = 4;
export const ALL_CALL_FLAGS = IN_CALL | WITH_AUDIO | WITH_VIDEO;

/** 0 default (not chosen), 1 always, 2 on mention, 3 never (Participant::NOTIFY_*). */
export type NotificationLevel = 0 | 1 | 2 | 3;

/** 0 none, 1 recording video, 2 recording audio, 3 starting video, 4 starting audio, 5 failed. */
export type CallRecordingStatus = 0 | 1 | 2 | 3 | 4 | 5;

/** 0 not required, 1 required, 2 optional (config.recordingConsent). */
export type RecordingConsent = 0 | 1 | 2;

export type ActorType = 'users' | 'guests';

export interface User {
  id: string;
  displayName: string;
  password: string;
  /** App passwords also work for Basic auth (as on a real server). */
  appPasswords: string[];
  isAdmin: boolean;
  groups: string[];
  /** Attachment folder for files shared into chat / stored recordings (default `/Talk`). */
  attachmentFolder: string;
}

/** A browser session (cookie `nc_session_id`), logged in as a user or anonymous (a guest). */
export interface Session {
  id: string; // cookie value
  /** CSRF token the page would embed; sent back as the `requesttoken` header. */
  requestToken: string;
  userId?: string;
  /** Guest display name (setGuestName), shared by the rooms this browser joined as a guest. */
  guestName: string;
  /** Actor id this browser has as a guest (40 hex characters, like Talk's sha1 of the session). */
  guestId: string;
}

export interface Room {
  /** Numeric id (internal signaling names rooms by it). */
  id: number;
  token: string; // [a-z0-9]{4,30}
  type: RoomType;
  name: string;
  /** '' when none. Only public rooms can have one. */
  password: string;
  readOnly: ReadOnlyState;
  lobbyState: LobbyState;
  /** Seconds (UTC) when the lobby opens by itself, or null. */
  lobbyTimer: number | null;
  /** "share:password" rooms and the like; '' otherwise. */
  objectType: string;
  objectId: string;
  /** Seconds: when the current call started (null = no call). */
  activeSince: number | null;
  /** Union of the flags of everyone who is in the call. */
  callFlag: number;
  callRecording: CallRecordingStatus;
  /** User who started the current recording (for failure notifications). */
  recordingOwner: string | null;
  /** Seconds (UTC). */
  lastActivity: number;
  createdAt: number;
  /**
   * The two users of a one-to-one room (locked-one-to-one-rooms): one who left is re-added when
   * the other posts, starts a call or asks for the room again. Unset for other rooms.
   */
  pair?: readonly string[];
}

export interface Participant {
  roomToken: string;
  actorType: ActorType;
  /** User id, or for guests a 40-hex id derived from their browser session. */
  actorId: string;
  displayName: string;
  participantType: ParticipantType;
  /** IN_CALL | WITH_AUDIO | WITH_VIDEO, 0 when not in the call. */
  inCall: number;
  /** '0' when not connected, else a 512-character string. */
  sessionId: string;
  /** Seconds (UTC). */
  lastPing: number;
  notificationLevel: NotificationLevel;
  favorite: boolean;
  /** Id of the newest chat message this participant has seen. */
  lastReadMessage: number;
  /** Id of the newest message that mentioned this participant (0 = none). */
  lastMentionMessage: number;
}

/** A Rich Object String parameter (`{actor}`, `{mention-user1}`, `{file}` …). */
export interface RichParameter {
  type: string; // 'user' | 'guest' | 'call' | 'file' | …
  id: string;
  name: string;
  [extra: string]: string;
}

export type SystemMessage =
  | ''
  | 'conversation_created'
  | 'conversation_renamed'
  | 'call_started'
  | 'call_joined'
  | 'call_left'
  | 'call_ended'
  | 'call_ended_everyone'
  | 'guests_allowed'
  | 'guests_disallowed'
  | 'password_set'
  | 'password_removed'
  | 'user_added'
  | 'user_removed'
  | 'moderator_promoted'
  | 'moderator_demoted'
  | 'guest_moderator_promoted'
  | 'guest_moderator_demoted'
  | 'read_only'
  | 'read_only_off'
  | 'lobby_none'
  | 'lobby_non_moderators'
  | 'file_shared'
  | 'recording_started'
  | 'recording_stopped'
  | 'audio_recording_started'
  | 'audio_recording_stopped'
  | 'recording_failed';

/** 'comment' for people, 'system' for system messages, record-* for shared recordings. */
export type MessageType = 'comment' | 'system' | 'record-audio' | 'record-video';

export interface ChatMessage {
  id: number; // strictly increasing across the whole server
  token: string;
  actorType: ActorType;
  actorId: string;
  actorDisplayName: string;
  /** Seconds (UTC). */
  timestamp: number;
  message: string;
  messageParameters: Record<string, RichParameter>;
  systemMessage: SystemMessage;
  messageType: MessageType;
}

/** A file in a user's virtual file tree (recordings are stored here, shared files come from here). */
export interface StoredFile {
  fileId: number;
  path: string; // absolute within the user's files, e.g. /Talk/Recording/abcd1234/x.webm
  bytes: Uint8Array;
  mimetype: string;
  mtime: number; // seconds
}

export interface Notification {
  id: number;
  user: string;
  app: 'spreed';
  objectType: string; // 'chat' | 'call' | 'recording' | 'recording_information' | 'room'
  objectId: string;
  subject: string; // e.g. 'record_file_stored', 'mention'
  subjectParameters: Record<string, unknown>;
  /** Seconds (UTC). */
  timestamp: number;
  processed: boolean;
}

/** A request the server sent (or is sending) to a recording server, kept for inspection. */
export interface OutgoingRequest {
  at: number; // ms clock reading
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string; // exact bytes as UTF-8 text (always JSON here)
  status?: number; // response status, once answered
  error?: string;
}

export interface RecordingServer {
  server: string; // base URL, e.g. http://127.0.0.1:4011
  secret: string;
}

export type SignalingMode = 'internal' | 'external';

export interface TalkConfig {
  /** App config `call_recording` (default yes). */
  recordingEnabled: boolean;
  recordingServers: RecordingServer[];
  recordingConsent: RecordingConsent;
  signaling: {
    mode: SignalingMode;
    /** External signaling server URL (mode external). */
    server: string;
    ticketSecret: string;
    stunServers: string[];
    turnServers: { server: string; username: string; credential: string }[];
  };
}

/** Who is calling: a logged-in user, a guest browser session, or nobody known. */
export type Actor =
  | { kind: 'user'; user: User; session?: Session }
  | { kind: 'guest'; session: Session }
  | { kind: 'anonymous' };
