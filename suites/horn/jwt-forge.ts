// Forged variants of a download JWT (RFC 7519 compact form), for the tampering check. Each one
// keeps what a lazy verifier might look at and breaks what a correct one must check.
import { base64url } from 'jose';

const text = new TextDecoder();
const bytes = new TextEncoder();

export interface JwtParts {
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The three segments as given. */
  segments: [string, string, string];
}

/** Splits and decodes a compact JWT; undefined when it is not one. */
export function decodeJwtParts(token: string): JwtParts | undefined {
  const segments = token.split('.');
  if (segments.length !== 3) return undefined;
  try {
    const header = JSON.parse(text.decode(base64url.decode(segments[0]!))) as unknown;
    const payload = JSON.parse(text.decode(base64url.decode(segments[1]!))) as unknown;
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, segments: segments as [string, string, string] };
  } catch {
    return undefined;
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const segment = (v: unknown) => base64url.encode(bytes.encode(JSON.stringify(v)));

/** The same header and payload with one signature character changed (in the middle, so the bytes change). */
export function withFlippedSignature(jwt: JwtParts): string {
  const sig = jwt.segments[2];
  const at = Math.floor(sig.length / 2);
  const flipped = sig[at] === 'A' ? 'B' : 'A';
  return `${jwt.segments[0]}.${jwt.segments[1]}.${sig.slice(0, at)}${flipped}${sig.slice(at + 1)}`;
}

/** A changed payload (its lifetime stretched by a day) under the original signature. */
export function withTamperedPayload(jwt: JwtParts): string {
  const exp = typeof jwt.payload.exp === 'number' ? jwt.payload.exp + 86_400 : undefined;
  const payload = { ...jwt.payload, ...(exp !== undefined ? { exp } : {}), callrec: 'tampered' };
  return `${jwt.segments[0]}.${segment(payload)}.${jwt.segments[2]}`;
}

/** The same payload, unsigned: header `alg: none`, empty signature. */
export function withAlgNone(jwt: JwtParts): string {
  return `${segment({ ...jwt.header, alg: 'none' })}.${jwt.segments[1]}.`;
}
