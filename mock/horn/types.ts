// The Horn domain as the mock keeps it, and as the API shows it on the wire (facts §1.4-1.5).
// Times are epoch milliseconds everywhere (decision `time-epoch-ms`).

/** Channel modes visible in Horn's channel docs; only `panel` can be recorded (decision `panel-only-recording`). */
export const SERVICE_MODES = ['panel', 'conference'] as const;
export type ServiceMode = (typeof SERVICE_MODES)[number];

/** Where a recording is in its life, derived from which timestamps it has. */
export type RecordingPhase = 'recording' | 'processing' | 'ready';

/** Upload state of one asset (decision `asset-states`: the enum is not published). */
export const ASSET_STATES = ['pending', 'uploading', 'uploaded', 'failed'] as const;
export type AssetState = (typeof ASSET_STATES)[number];

export interface User {
  id: number;
  handle: string;
  email: string;
  /** Horn mails owners when a recording is ready; only confirmed addresses count (record/possible). */
  emailConfirmed: boolean;
}

export interface Channel {
  id: string;
  name: string;
  serviceMode: ServiceMode;
  /** Owners are operators too, without being listed in `operators`. */
  owners: number[];
  /** Operators who are not owners. */
  operators: number[];
  /** Current channel session; recordings started now belong to it. */
  session: string;
  active: boolean;
}

/** A recording as stored. `deleted` ones stay in the store (retention) but are invisible. */
export interface Recording {
  id: string;
  channel: string;
  session: string;
  startTime: number;
  endTime?: number;
  readyTime?: number;
  deleted?: boolean;
}

/** The Recording object on the wire. */
export interface WireRecording {
  id: string;
  channel: string;
  session: string;
  startTime: number | string; // a string only under the `start-time-as-string` fault
  endTime?: number;
  readyTime?: number;
}

/** One 30-minute upload segment of an ended recording (the RecordingAsset object). */
export interface Asset {
  id: string;
  recordingId: string;
  format: 'MP4';
  kind: 'video';
  state: AssetState | 'in_flight';
  label: string;
  startTime: number;
  endTime: number;
  size?: number;
  relativePath: string;
  userId?: number;
  isIndividual: boolean;
}

/** An entry of the JWT asset listing (AvailableAsset). */
export interface AvailableAsset {
  id: string;
  format: string;
  kind: 'archive' | 'combined_video' | 'captions' | 'other';
  label: string;
  size?: number;
}

