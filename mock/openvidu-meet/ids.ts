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

/** The room part: the platform's permission middlewares judge a request by it, before any lookup. */
export const roomIdOf = (recordingId: string): string => recordingId.split('--')[0] ?? recordingId;

/** The egress part, which the stop endpoint's 404 message names (facts §5.4). */
export const egressIdOf = (recordingId: string): string => recordingId.split('--')[1] ?? recordingId;

/** Room ids must not contain the id separator, or their recordings' ids could not be parsed. */
export const isValidRoomId = (roomId: string): boolean => roomId.length > 0 && roomId.length <= 100 && !roomId.includes('--');

/**
 * The prefix of a new room's id, made from its name as the platform does (room helper
 * `createRoomIdPrefixFromRoomName`): accents dropped, lower case, spaces and hyphens become `_`,
 * anything else outside `[a-z0-9_]` removed, runs of `_` collapsed and trimmed. `room` when nothing is left.
 */
export function roomIdPrefix(roomName: string): string {
  const prefix = roomName
    .normalize('NFD')
    .toLowerCase()
    .replace(/[-\s]/g, '_')
    .replace(/[^a-z0-9_]/g, '')
    .replace(/_+/g, '_')
    .replace(/^_+|_+$/g, '');
  return prefix || 'room';
}

/** A room's access secret for a role: derived from its id (FNV-1a), so the same room always has the same links. */
export function roomSecret(roomId: string, role: 'moderator' | 'speaker'): string {
  let h = 0x811c9dc5;
  for (const ch of `${role}:${roomId}`) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return h.toString(36).padStart(7, '0');
}
