// Time-limited download URLs (GET …/download → {url}). The URL itself is the credential:
// `<origin>/api/v1_0/channels/recording/downloads/<recordingId>?kind=&expires=<ms>&signature=`,
// signature = Base64url(HMAC-SHA256(key, "<recordingId>\n<kind>\n<expires>")) (decision `download-url-form`).
import { hmacSha256Base64Url, timingSafeEqualHex } from '../../core/hmac.ts';

export const DOWNLOAD_PATH = '/channels/recording/downloads';

export function signUrl(key: Uint8Array, recordingId: string, kind: string, expires: number): Promise<string> {
  return hmacSha256Base64Url(key, `${recordingId}\n${kind}\n${expires}`);
}

export async function signatureMatches(key: Uint8Array, recordingId: string, kind: string, expires: number, given: string): Promise<boolean> {
  return timingSafeEqualHex(await signUrl(key, recordingId, kind, expires), given);
}
