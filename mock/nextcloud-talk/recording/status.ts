// The room's `callRecording` value (facts §2.1 constants) and the moves between them.
// Nextcloud changes it on start (to "starting"), on the recording server's callbacks, and on a
// stop the recording server does not know (404 → failed); a stop by itself changes nothing.

import type { CallRecordingStatus } from '../types.ts';

export type { CallRecordingStatus };

export const RECORDING_NONE = 0;
export const RECORDING_VIDEO = 1;
export const RECORDING_AUDIO = 2;
export const RECORDING_VIDEO_STARTING = 3;
export const RECORDING_AUDIO_STARTING = 4;
export const RECORDING_FAILED = 5;

/** What a moderator may ask for: 1 video, 2 audio. */
export type RecordingKind = typeof RECORDING_VIDEO | typeof RECORDING_AUDIO;

export const isRecordingKind = (v: unknown): v is RecordingKind => v === RECORDING_VIDEO || v === RECORDING_AUDIO;

/** The "starting" status a start of this kind puts the room in. */
export const startingStatus = (kind: RecordingKind): CallRecordingStatus =>
  kind === RECORDING_VIDEO ? RECORDING_VIDEO_STARTING : RECORDING_AUDIO_STARTING;

/** A new start is allowed only when nothing records and nothing is starting. */
export const canStart = (s: CallRecordingStatus): boolean => s === RECORDING_NONE || s === RECORDING_FAILED;

/** The recording server may only report `started` for a start someone asked for. */
export const isStarting = (s: CallRecordingStatus): boolean => s === RECORDING_VIDEO_STARTING || s === RECORDING_AUDIO_STARTING;

export const isRecording = (s: CallRecordingStatus): boolean => s === RECORDING_VIDEO || s === RECORDING_AUDIO;

