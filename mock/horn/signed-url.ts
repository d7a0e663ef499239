// Time-limited download URLs (GET …/download → {url}). The URL itself is the credential:
// `<origin>/api/v1_0/channels/recording/downloads/<recordingId>?kind=&expires=<ms>&signature=`,
// signature = Base64url(HMAC-SHA256(key, "<recordingId>\n<kind>\n<expires>")) (decision `download-url-form`).
import { hmacSha256, timingSafeEqualHex, toBase64 } from '../../core/hmac.ts';

export const DOWNLOAD_PATH = '/channels/recording/downloads';

const base64url = (bytes: Uint8Array) => toBase64(bytes).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export async function signUrl(key: Uint8Array, recordingId: string, kind: string, expires: number): Promise<string> {
  return base64url(await hmacSha256(key, `${recordingId}\n${kind}\n${expires}`));
}

export async function signatureMatches(key: Uint8Array, recordingId: string, kind: string, expires: number, given: string): Promise<boolean> {
  return timingSafeEqualHex(await signUrl(key, recordingId, kind, expires), given);
}
