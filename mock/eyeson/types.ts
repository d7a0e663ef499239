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
