// HMAC-SHA-256 and the encodings the platforms put in signature headers (hex, Base64).
// In Node it uses node:crypto's synchronous HMAC (~5 µs; WebCrypto costs ~200 µs of CPU per
// call, which dominated signed-link and callback requests in the bench), reached through
// process.getBuiltinModule so this module still imports nothing Node-only and the browser
// falls back to WebCrypto.
import { remember } from './remember.ts';

export type KeyOrMessage = string | Uint8Array;

const utf8 = new TextEncoder();

// Strings are signed as UTF-8, which is what every platform we mock does with its secrets and
// bodies. The copy also gives WebCrypto a plain ArrayBuffer-backed view, whatever came in.
const toBytes = (v: KeyOrMessage): Uint8Array<ArrayBuffer> =>
  typeof v === 'string' ? utf8.encode(v) : new Uint8Array(v);

type NodeHmac = { update(data: KeyOrMessage): NodeHmac; digest(): Uint8Array; digest(encoding: 'hex' | 'base64' | 'base64url'): string };
type NodeKey = object;
type NodeCrypto = { createHmac(alg: string, key: KeyOrMessage | NodeKey): NodeHmac; createSecretKey(key: Uint8Array): NodeKey };
const nodeCrypto = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:crypto') as
  | NodeCrypto
  | undefined;

export async function hmacSha256(key: KeyOrMessage, message: KeyOrMessage): Promise<Uint8Array> {
  // node:crypto takes strings as UTF-8 itself: no copy needed.
  if (nodeCrypto) return new Uint8Array(nodeMac(nodeCrypto, key).update(message).digest());
  // WebCrypto refuses a zero-length HMAC key, but HMAC (RFC 2104) zero-pads the key to the block
  // size, so an empty key and a single 0x00 byte give the same MAC. A mock may be configured
  // with an empty secret, so keep that working.
  const raw = toBytes(key);
  const keyBytes = raw.byteLength === 0 ? new Uint8Array(1) : raw;
  const cryptoKey = await globalThis.crypto.subtle.importKey('raw', keyBytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await globalThis.crypto.subtle.sign('HMAC', cryptoKey, toBytes(message)));
}

/**
 * HMAC-SHA-256 as lower-case hex (node:crypto's own encoder where it can: no byte loop). The
 * message may come in parts, MACed as their concatenation (no copy in Node).
 */
export async function hmacSha256Hex(key: KeyOrMessage, message: KeyOrMessage | readonly KeyOrMessage[]): Promise<string> {
  const parts = typeof message === 'string' || message instanceof Uint8Array ? [message] : message;
  if (nodeCrypto) {
    const mac = nodeMac(nodeCrypto, key);
    for (const part of parts) mac.update(part);
    return mac.digest('hex');
  }
  return toHex(await hmacSha256(key, concatBytes(parts.map(toBytes))));
}

/**
 * Prepared keys, by secret: node:crypto skips re-importing the key on every MAC (a mock checks
 * every callback against the same few secrets). Bounded, oldest first out.
 */
const preparedKeys = new Map<string, NodeKey>();
const secretKey = (crypto: NodeCrypto, secret: string): NodeKey =>
  preparedKeys.get(secret) ?? remember(preparedKeys, secret, crypto.createSecretKey(utf8.encode(secret)), 64);

/** A node:crypto HMAC-SHA-256, a string key taken prepared. */
const nodeMac = (crypto: NodeCrypto, key: KeyOrMessage): NodeHmac => crypto.createHmac('sha256', typeof key === 'string' ? secretKey(crypto, key) : key);

/** HMAC-SHA-256 as unpadded Base64url (RFC 4648 §5), as signed URLs carry it. */
export async function hmacSha256Base64Url(key: KeyOrMessage, message: KeyOrMessage): Promise<string> {
  if (nodeCrypto) return nodeMac(nodeCrypto, key).update(message).digest('base64url');
  return toBase64(await hmacSha256(key, message)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function concatBytes(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.byteLength, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** Lower-case hex, two digits per byte. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/** Standard Base64 with padding (RFC 4648 §4), without relying on Node's Buffer. */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/**
 * Compares two signature strings without an early exit, so the time taken does not reveal
 * how many leading characters matched. Different lengths return false at once: the length
 * of a hex digest is public anyway. `caseInsensitive` folds both to lower case first (some
 * platforms send upper-case hex).
 */
export function timingSafeEqualHex(a: string, b: string, opts: { caseInsensitive?: boolean } = {}): boolean {
  if (a.length !== b.length) return false;
  const x = opts.caseInsensitive ? a.toLowerCase() : a;
  const y = opts.caseInsensitive ? b.toLowerCase() : b;
  let diff = 0;
  for (let i = 0; i < x.length; i++) diff |= x.charCodeAt(i) ^ y.charCodeAt(i);
  return diff === 0;
}
