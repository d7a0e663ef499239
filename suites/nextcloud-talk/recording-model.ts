// The reference model of a room's call recording status (docs/constants.md; facts §2.2, §2.5):
//
//   0 none ─start(1|2)→ 3|4 starting ─started(k)→ 1|2 recording
//   any ─stopped→ 0        any ─failed→ 5 failed ─start→ 3|4 (a restart after a failure)
//
// A moderator's stop changes nothing by itself (the recording server's `stopped` does), and the
// call ending only asks the recording server to stop. Start errors come in a fixed order:
// status (not 1/2) → recording (something starting or running) → call (no call) → config.
// The suite plays the recording server, so every transition here is one the check caused.

export type CallRecording = 0 | 1 | 2 | 3 | 4 | 5;

export interface RecordingModel {
  status: CallRecording;
  /** A call is running in the room. */
  call: boolean;
}

export type StartError = 'status' | 'recording' | 'call';

export interface Expected {
  http: number;
  /** `data.error` (start) or `data.error.code` (backend) the answer must carry. */
  error?: string;
}

export const initialModel = (): RecordingModel => ({ status: 0, call: true });

/** A start may begin only when nothing is starting or recording (0, or 5 after a failure). */
export const canStart = (s: CallRecording): boolean => s === 0 || s === 5;

export function start(m: RecordingModel, requested: unknown): Expected {
  if (requested !== 1 && requested !== 2) return { http: 400, error: 'status' };
  if (!canStart(m.status)) return { http: 400, error: 'recording' };
  if (!m.call) return { http: 400, error: 'call' };
  m.status = requested === 1 ? 3 : 4;
  return { http: 200 };
}

/** A moderator's stop: 200 always (a no-op at 0), and the status waits for `stopped`. */
export function stop(_m: RecordingModel): Expected {
  return { http: 200 };
}

/** The recording server confirms a start: only for a room that is starting (else 404 no_such_room). */
export function started(m: RecordingModel, kind: 1 | 2): Expected {
  if (m.status !== 3 && m.status !== 4) return { http: 404, error: 'no_such_room' };
  m.status = kind;
  return { http: 200 };
}

export function stopped(m: RecordingModel): Expected {
  m.status = 0;
  return { http: 200 };
}

export function failed(m: RecordingModel): Expected {
  m.status = 5;
  return { http: 200 };
}

/** The call ends (its last participant leaves): the recording is asked to stop, the status stays. */
export function endCall(m: RecordingModel): void {
  m.call = false;
}

export function beginCall(m: RecordingModel): void {
  m.call = true;
}
