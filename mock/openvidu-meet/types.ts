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

export interface Room {
  roomId: string;
  roomName: string;
  participants: number;
  recordingEnabled: boolean;
  layout: LayoutName;
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
  | { kind: 'room-member'; roomId: string }
  | { kind: 'anonymous-secret' }; // public share-URL secret, no credentials

export type WebhookEvent = 'recordingStarted' | 'recordingUpdated' | 'recordingEnded';
