// The Eyeson domain as the mock keeps it, and the wire shapes it answers.
// Times are kept in ms (whole seconds: the wire has second precision) on the mock's clock.
import { remember } from '../../core/remember.ts';

/** A recording's state is not a field on the wire: it is told apart by duration and links.download. */
export type RecordingState = 'started' | 'stopped' | 'finished';

export const WEBHOOK_TYPES = ['room_update', 'recording_update', 'snapshot_update', 'participant_update'] as const;
export type WebhookType = (typeof WEBHOOK_TYPES)[number];

export interface WebhookRegistration {
  id: string;
  url: string;
  types: WebhookType[];
  lastRequestSentAt: number | null; // ms
  lastResponseCode: string | null;
}

/** One API key = one team. */
export interface Team {
  apiKey: string;
  locked: boolean;
  webhook?: WebhookRegistration;
}

export interface User {
  id: string;
  name: string;
  avatar: string | null;
  guest: boolean;
  joinedAt: number;
}

/** One run of a room, from start to shutdown; joining a shut-down room starts a new instance. */
export interface RoomInstance {
  roomId: string;
  name: string;
  startedAt: number;
  shutdownAt?: number;
  guestToken: string;
  recordingAvailable: boolean;
  /** The other meeting options its first user sent (absent: all defaults). */
  options?: MeetingOptions;
  /** The recording running in this instance, if any. */
  recordingId?: string;
}

export interface Room {
  id: string;
  /** The API key of the team that owns it. */
  teamKey: string;
  /** Oldest first; the last one is the current instance unless it is shut down. */
  instances: RoomInstance[];
}

/** An access key: one user in one room instance. */
export interface Member {
  accessKey: string;
  instance: RoomInstance;
  user: User;
}

export interface Recording {
  id: string;
  roomId: string;
  teamKey: string;
  instance: RoomInstance;
  user: User | null;
  createdAt: number;
  stoppedAt?: number;
  durationSeconds?: number;
  finishedAt?: number;
  deletedAt?: number;
  /** Media fixture the download link serves. */
  media: string;
}

export const stateOf = (r: Recording): RecordingState =>
  r.finishedAt !== undefined ? 'finished' : r.stoppedAt !== undefined ? 'stopped' : 'started';

/** Meeting options (eyeson-node MeetingOptions): named as on the wire, since they are answered as sent. */
export type SfuMode = 'disabled' | 'screencast' | 'ptp';
export type AudioInsert = 'enabled' | 'disabled' | 'audio_only';
export const SFU_MODES: readonly SfuMode[] = ['disabled', 'screencast', 'ptp'];
export const AUDIO_INSERTS: readonly AudioInsert[] = ['enabled', 'disabled', 'audio_only'];

/** The yes/no options, in the order a room response lists them. */
export const BOOLEAN_OPTIONS = [
  'show_names', 'show_label', 'recording_available', 'broadcast_available', 'reaction_available',
  'layout_available', 'guest_token_available', 'lock_available', 'kick_available', 'widescreen',
] as const;
export type BooleanOption = (typeof BOOLEAN_OPTIONS)[number];

export interface WireRoomOptions extends Record<BooleanOption, boolean> {
  exit_url: string | null;
  sfu_mode: SfuMode;
  background_color: string;
  audio_insert: AudioInsert;
  audio_insert_position: { x: number; y: number } | null;
  custom_fields: Record<string, unknown>;
}

/** What an instance keeps of its options besides recording availability (kept as `recordingAvailable`). */
export type MeetingOptions = Partial<Omit<WireRoomOptions, 'recording_available'>>;

/** The defaults eyeson-node documents for each option. */
export const DEFAULT_ROOM_OPTIONS: Readonly<WireRoomOptions> = {
  show_names: true,
  show_label: true,
  exit_url: null,
  recording_available: true,
  broadcast_available: true,
  reaction_available: true,
  layout_available: true,
  guest_token_available: true,
  lock_available: false,
  kick_available: true,
  sfu_mode: 'ptp',
  widescreen: false,
  background_color: '#121212',
  audio_insert: 'audio_only',
  audio_insert_position: null,
  custom_fields: {},
};

/** Every option with its effective value, in the order of DEFAULT_ROOM_OPTIONS. */
export const roomOptionsWire = (i: RoomInstance): WireRoomOptions => ({
  ...DEFAULT_ROOM_OPTIONS,
  custom_fields: {},
  ...i.options,
  recording_available: i.recordingAvailable,
});

// ---- wire shapes ----

export interface WireRoomInfo {
  id: string;
  name: string;
  ready: boolean;
  started_at: string;
  shutdown: boolean;
  guest_token: string;
}

export interface WireUser {
  id: string;
  name: string;
  avatar: string | null;
  guest: boolean;
  joined_at: string;
}

export interface WireRecording {
  id: string;
  created_at: number;
  duration: number | string | null;
  links: { self: string; download: string | null };
  user: WireUser | null;
  room: WireRoomInfo;
}

/**
 * ISO 8601 in whole seconds (`2026-01-01T00:00:00Z`), as Eyeson writes times. Formatting a Date
 * costs about a microsecond and every recording shows two fixed times (room start, user join),
 * so the last few hundred are remembered.
 */
const isoRemembered = new Map<number, string>();
export const iso = (ms: number): string => {
  const known = isoRemembered.get(ms);
  if (known !== undefined) return known;
  return remember(isoRemembered, ms, new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z'), 512);
};
export const wholeSeconds = (ms: number): number => Math.floor(ms / 1000) * 1000;

export const roomInfo = (i: RoomInstance): WireRoomInfo => ({
  id: i.roomId,
  name: i.name,
  ready: true,
  started_at: iso(i.startedAt),
  shutdown: i.shutdownAt !== undefined,
  guest_token: i.guestToken,
});

export const userWire = (u: User): WireUser => ({ id: u.id, name: u.name, avatar: u.avatar, guest: u.guest, joined_at: iso(u.joinedAt) });
