// The domain of the OpenVidu Meet recording API as the mock models it (api-facts §5.2).

export const RECORDING_STATUSES = ['starting', 'active', 'ending', 'complete', 'failed', 'aborted', 'limit_reached'] as const;
export type RecordingStatus = (typeof RECORDING_STATUSES)[number];

/** Statuses a recording never leaves; media, delete and ZIP only deal with these (complete for media). */
export type TerminalStatus = Extract<RecordingStatus, 'complete' | 'failed' | 'aborted' | 'limit_reached'>;
export const TERMINAL_STATUSES: readonly TerminalStatus[] = ['complete', 'failed', 'aborted', 'limit_reached'];
export const isTerminal = (s: RecordingStatus): s is TerminalStatus => (TERMINAL_STATUSES as readonly string[]).includes(s);

/** How a recording can end other than by a normal stop (control action `finish`). */
export type AbnormalEnd = Extract<RecordingStatus, 'failed' | 'aborted' | 'limit_reached'>;

export const LAYOUTS = ['grid', 'speaker', 'single-speaker'] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const SORT_FIELDS = ['startDate', 'roomName', 'duration', 'size'] as const;
export type SortField = (typeof SORT_FIELDS)[number];
export type SortOrder = 'asc' | 'desc';

/**
 * Who may see and manage a room's recordings (the room's `config.recording.allowAccessTo` in 3.5):
 * admins (API key, console) always; moderators unless `admin`; speakers only with
 * `admin_moderator_speaker`, and then only to see them (a speaker never deletes).
 */
export const RECORDING_ACCESS = ['admin', 'admin_moderator', 'admin_moderator_speaker'] as const;
export type RecordingAccess = (typeof RECORDING_ACCESS)[number];
export const DEFAULT_RECORDING_ACCESS: RecordingAccess = 'admin_moderator_speaker';

/** The role a room-member token is issued for (by the room secret it was asked with). */
export const ROOM_MEMBER_ROLES = ['moderator', 'speaker'] as const;
export type RoomMemberRole = (typeof ROOM_MEMBER_ROLES)[number];

/** What a room-member token may do with recordings, fixed when the token is issued. */
export interface RecordingPermissions {
  canRecord: boolean;
  canRetrieveRecordings: boolean;
  canDeleteRecordings: boolean;
}

/** The platform's rule (room-member service, 3.5): the role and the room's access setting decide. */
export function recordingPermissions(role: RoomMemberRole, access: RecordingAccess): RecordingPermissions {
  const canDeleteRecordings = role === 'moderator' && access !== 'admin';
  return {
    canRecord: role === 'moderator',
    canRetrieveRecordings: canDeleteRecordings || (role === 'speaker' && access === 'admin_moderator_speaker'),
    canDeleteRecordings,
  };
}

export type RoomStatus = 'open' | 'active_meeting' | 'closed';

export interface Room {
  roomId: string;
  roomName: string;
  participants: number;
  recordingEnabled: boolean;
  layout: LayoutName;
  /** Defaults to admin_moderator_speaker (the platform's default for a new room). */
  recordingAccess?: RecordingAccess;
  /** ms epoch; rooms loaded by control actions get the clock's time when first served. */
  creationDate?: number;
  autoDeletionDate?: number;
  /** Closed rooms keep their recordings but host no meeting (DELETE with withRecordings=close). */
  closed?: boolean;
  /** The meeting's end deletes the room (DELETE with withMeeting=when_meeting_ends). */
  deleteWhenMeetingEnds?: boolean;
}

/**
 * A recording as stored. Wire fields that are unset stay `undefined` and are omitted from JSON,
 * as the real server does (facts §5.2). The private fields below the line never go on the wire.
 */
export interface Recording {
  recordingId: string;
  roomId: string;
  roomName: string;
  status: RecordingStatus;
  layout: LayoutName;
  filename: string;
  startDate?: number; // ms epoch
  endDate?: number; // ms epoch
  duration?: number; // seconds, fractional
  size?: number; // bytes
  errorCode?: number;
  error?: string;
  details?: string;
  // ---- mock-internal ----
  /** Media fixture this recording serves once complete (its size/duration become the recording's). */
  media: string;
  /** Clock time a stop was accepted; `ending` settles to `complete` STOP_SETTLE_MS later. */
  stopRequestedAt?: number;
  publicSecret: string;
  privateSecret: string;
}

/** The JSON shape of a recording (MeetRecording). */
export type MeetRecording = Pick<Recording, 'recordingId' | 'roomId' | 'roomName' | 'status' | 'layout' | 'filename'> &
  Partial<Pick<Recording, 'startDate' | 'endDate' | 'duration' | 'size' | 'errorCode' | 'error' | 'details'>>;

export const WIRE_FIELDS = [
  'recordingId', 'roomId', 'roomName', 'status', 'layout', 'filename',
  'startDate', 'endDate', 'duration', 'size', 'errorCode', 'error', 'details',
] as const satisfies readonly (keyof MeetRecording)[];

/** Who made a request, after authentication. */
export type Principal =
  | { kind: 'api-key' }
  | { kind: 'access-token' } // admin console user
  | { kind: 'room-member'; roomId: string; role: RoomMemberRole; permissions: RecordingPermissions }
  | { kind: 'anonymous-secret' }; // public share-URL secret, no credentials

export type WebhookEvent = 'recordingStarted' | 'recordingUpdated' | 'recordingEnded';
