// How a recording comes into being, for the start handler, the data sets and the control API alike.
import { newRecordingIds } from './ids.ts';
import { abnormalEnd, completion } from './lifecycle.ts';
import type { Prng } from '../../core/prng.ts';
import type { MediaFacts } from './lifecycle.ts';
import type { LayoutName, Recording, RecordingStatus, Room } from './types.ts';

export interface RecordingSpec {
  status: RecordingStatus;
  /** Required for every status but `starting` (which has no start date yet). */
  startDate?: number;
  layout?: LayoutName;
  media: string;
  mediaFacts: MediaFacts;
  /** For failed/aborted: how long it ran before ending. */
  durationMs?: number;
  /** For `ending`: when the stop was accepted (settles 3 s later). */
  stopRequestedAt?: number;
}

export function makeRecording(prng: Prng, room: Room, spec: RecordingSpec): Recording {
  const ids = newRecordingIds(prng, room.roomId);
  const r: Recording = {
    recordingId: ids.recordingId,
    roomId: room.roomId,
    roomName: room.roomName,
    status: spec.status,
    layout: spec.layout ?? room.layout,
    filename: ids.filename,
    media: spec.media,
    publicSecret: ids.publicSecret,
    privateSecret: ids.privateSecret,
  };
  if (spec.status !== 'starting') r.startDate = spec.startDate;
  switch (spec.status) {
    case 'ending':
      r.stopRequestedAt = spec.stopRequestedAt ?? spec.startDate;
      r.duration = spec.mediaFacts.duration;
      break;
    case 'complete':
      Object.assign(r, completion(r, spec.mediaFacts));
      break;
    case 'failed':
    case 'aborted':
    case 'limit_reached': {
      const ran = spec.status === 'limit_reached' ? 24 * 3600 * 1000 : (spec.durationMs ?? 1000);
      Object.assign(r, abnormalEnd(r, spec.status, (r.startDate ?? 0) + ran));
      break;
    }
  }
  return r;
}
