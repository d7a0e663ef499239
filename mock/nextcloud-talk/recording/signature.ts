// The shared-secret signature both sides of the recording-server protocol use (facts §2.2, §2.6, §3):
// checksum = lower-case hex HMAC-SHA256(secret, random + data), sent with the random in
// `Talk-Recording-Random` / `Talk-Recording-Checksum`. `data` is the exact raw request body for
// JSON requests, but the room token for a store upload (the multipart body is not signed).
import { hmacSha256Hex, timingSafeEqualHex } from '../../../core/hmac.ts';
import type { Headers } from '../../../core/http.ts';

export const RANDOM_HEADER = 'talk-recording-random';
export const CHECKSUM_HEADER = 'talk-recording-checksum';
export const BACKEND_HEADER = 'talk-recording-backend';

/** Nextcloud refuses a random shorter than this (it is meant to carry ≥ 32 bytes of entropy). */
export const MIN_RANDOM_LENGTH = 32;

/** Over random + data as one byte string (UTF-8), the way PHP and Python concatenate them before hashing. */
export function checksum(secret: string, random: string, data: string | Uint8Array): Promise<string> {
  return hmacSha256Hex(secret, [random, data]);
}

/**
 * Reads the signature headers. Header names arrive lower-cased (core/http.ts), so any spelling
 * of the hyphen form matches. The underscore spelling of the docs (`TALK_RECORDING_RANDOM`) is
 * accepted as an alias: PHP maps both to the same server variable (facts §2.3).
 */
export function signatureHeaders(headers: Headers, opts: { underscoreAliases?: boolean } = {}): { random?: string; checksum?: string } {
  const alias = opts.underscoreAliases ?? true;
  return {
    random: headers[RANDOM_HEADER] ?? (alias ? headers['talk_recording_random'] : undefined),
    checksum: headers[CHECKSUM_HEADER] ?? (alias ? headers['talk_recording_checksum'] : undefined),
  };
}

export interface VerifyOptions {
  /** Minimum random length (Nextcloud: 32). */
  minRandomLength?: number;
  /** Nextcloud lower-cases the received checksum before comparing; the recording server does not. */
  caseInsensitive?: boolean;
  /** False: the underscore header names are not read (the `backend-underscore-headers-ignored` fault). */
  underscoreAliases?: boolean;
  /** Compare only this many leading hex digits (the `backend-checksum-prefix-only` fault). */
  comparePrefix?: number;
}

/**
 * True when the request carries a valid signature over `data`. Constant-time comparison, and the
 * expected digest is always computed, so a missing or short random costs the same as a wrong one.
 */
export async function verifySignature(secret: string, headers: Headers, data: string | Uint8Array, opts: VerifyOptions = {}): Promise<boolean> {
  const { random = '', checksum: received = '' } = signatureHeaders(headers, { underscoreAliases: opts.underscoreAliases ?? true });
  // slice(0, undefined) is the whole string: the prefix cut bites only under the fault.
  const expected = (await checksum(secret, random, data)).slice(0, opts.comparePrefix);
  const given = received.slice(0, opts.comparePrefix);
  const longEnough = random.length >= (opts.minRandomLength ?? MIN_RANDOM_LENGTH);
  const matches = timingSafeEqualHex(expected, given, { caseInsensitive: opts.caseInsensitive ?? true });
  // A missing checksum never matches: the expected digest (or its compared prefix) is never empty.
  return longEnough && matches;
}
