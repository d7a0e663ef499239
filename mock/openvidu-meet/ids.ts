// Recording ids and secrets. Ids come from the mock's seeded prng, so the same seed and the
// same requests give the same ids (facts §5.2: `{roomId}--{egressId}--{uid}`).
import type { Prng } from '../../core/prng.ts';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

export interface NewIds {
  recordingId: string;
  filename: string;
  publicSecret: string;
  privateSecret: string;
}

export function newRecordingIds(prng: Prng, roomId: string): NewIds {
  const egressId = `EG_${prng.id(12, ALNUM)}`;
  const uid = prng.id(5, UPPER_ALNUM);
  return {
    recordingId: `${roomId}--${egressId}--${uid}`,
    filename: `${roomId}--${uid}.mp4`,
    publicSecret: prng.id(16, ALNUM),
    privateSecret: prng.id(16, ALNUM),
  };
}

/**
 * The server's format rule: exactly three non-empty `--`-separated parts, the middle one an
 * egress id (`EG_` plus at least one character). Checked after trimming.
 */
export function isRecordingId(id: string): boolean {
  const parts = id.split('--');
  if (parts.length !== 3) return false;
  const [room, egress, uid] = parts as [string, string, string];
  return room.length > 0 && uid.length > 0 && egress.startsWith('EG_') && egress.length > 3;
}

/** The egress part, which the stop endpoint's 404 message names (facts §5.4). */
export const egressIdOf = (recordingId: string): string => recordingId.split('--')[1] ?? recordingId;

/** Room ids must not contain the id separator, or their recordings' ids could not be parsed. */
export const isValidRoomId = (roomId: string): boolean => roomId.length > 0 && roomId.length <= 100 && !roomId.includes('--');
