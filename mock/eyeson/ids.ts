// Identifiers as Eyeson hands them out: 24 hex digits (ids) and 24 alphanumerics (keys, tokens).
import type { Prng } from '../../core/prng.ts';

const HEX = '0123456789abcdef';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export const objectId = (prng: Prng): string => prng.id(24, HEX);
export const accessKey = (prng: Prng): string => prng.id(24, ALNUM);
export const guestToken = (prng: Prng): string => prng.id(24, ALNUM);

/**
 * A room id a client may choose: 1–128 characters, no slash (it names a path segment) and no control
 * characters. Spaces are fine: eyeson-php's own tests join the room 'standup meeting'.
 */
export const isValidRoomId = (id: string): boolean => id.length > 0 && id.length <= 128 && !/[\x00-\x1f\x7f/]/.test(id);
