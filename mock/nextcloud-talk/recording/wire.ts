// The bytes each side of the recording-server protocol puts on the wire.
// Nextcloud (PHP json_encode, compact, `/` escaped) → recording server:
//   POST <server>/api/v1/room/<token>  {"type":"start","start":{"status","owner","actor":{type,id}}}
//                                      {"type":"stop","stop":{"actor":{type,id}}} or {"type":"stop","stop":[]}
// recording server (Python json.dumps) → Nextcloud:
//   POST …/recording/backend  {"type": "started"|"stopped"|"failed", …}   (facts §2.6, §3)
import { decodeUtf8Strict } from '../../../core/http.ts';
import type { Prng } from '../../../core/prng.ts';
import type { RecordingKind } from './status.ts';

export interface WireActor {
  type: string;
  id: string;
}

/** JSON as PHP's json_encode writes it by default: compact, `/` as `\/`, non-ASCII as lower-case \uXXXX. */
export function phpJsonEncode(value: unknown): string {
  return JSON.stringify(value).replace(/[/\u0080-\uffff]/g, (ch) =>
    ch === '/' ? '\\/' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

export const startBody = (status: RecordingKind, owner: string, actor: WireActor): string =>
  phpJsonEncode({ type: 'start', start: { status, owner, actor } });

/** Without an actor (the call ended) PHP serialises the empty array as `[]`, not `{}` (facts §2.5). */
export const stopBody = (actor: WireActor | undefined): string =>
  actor ? phpJsonEncode({ type: 'stop', stop: { actor } }) : '{"type":"stop","stop":[]}';

/**
 * Where a recording server takes start/stop: trailing slashes dropped, then a ws:// or wss://
 * prefix rewritten to http(s):// (BackendNotifier compares the prefix case-sensitively).
 */
export function roomUrl(server: string, token: string, keepWs = false): string {
  const trimmed = server.replace(/\/+$/, '');
  const base = keepWs ? trimmed : trimmed.replace(/^ws(s?):\/\//, 'http$1://');
  return `${base}/api/v1/room/${encodeURIComponent(token)}`;
}

/** Nextcloud's random: 64 characters of its default secure-random alphabet (A–Z a–z 0–9 + /). */
export const nextcloudRandom = (prng: Prng): string =>
  prng.id(64, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/');

/** The recording server's random: token_urlsafe(64), i.e. 86 URL-safe Base64 characters. */
export const recordingServerRandom = (prng: Prng): string =>
  prng.id(86, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_');

// ---- incoming backend callbacks (recording server → Nextcloud) ----

export type BackendMessage =
  | { type: 'started'; token: string; status: RecordingKind; actor: WireActor }
  | { type: 'stopped'; token: string; actor?: WireActor }
  | { type: 'failed'; token: string };

export type ParsedBackend =
  | { ok: true; message: BackendMessage }
  /** `unknown_type`: the type is missing or not one of the three; `raw` is the decoded body (for the message). */
  | { ok: false; error: 'unknown_type'; raw: unknown }
  /** A known type whose fields are missing or of the wrong kind (answered like an unknown room, spec decision backend-unknown-type). */
  | { ok: false; error: 'broken_fields'; raw: unknown };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isActor = (v: unknown): v is WireActor => isObject(v) && typeof v.type === 'string' && typeof v.id === 'string';

export function parseBackendMessage(body: Uint8Array): ParsedBackend {
  let raw: unknown = null;
  try {
    raw = JSON.parse(decodeUtf8Strict(body));
  } catch {
    raw = null; // PHP's json_decode gives null, and then the type is unknown
  }
  const type = isObject(raw) ? raw.type : undefined;
  if (type !== 'started' && type !== 'stopped' && type !== 'failed') return { ok: false, error: 'unknown_type', raw };
  const inner = (raw as Record<string, unknown>)[type];
  const bad = { ok: false, error: 'broken_fields', raw } as const;
  if (!isObject(inner) || typeof inner.token !== 'string') return bad;
  const token = inner.token;
  if (type === 'started') {
    if ((inner.status !== 1 && inner.status !== 2) || !isActor(inner.actor)) return bad;
    return { ok: true, message: { type, token, status: inner.status, actor: { type: inner.actor.type, id: inner.actor.id } } };
  }
  if (type === 'stopped') {
    if (inner.actor !== undefined && !isActor(inner.actor)) return bad;
    return { ok: true, message: { type, token, actor: inner.actor ? { type: inner.actor.type, id: inner.actor.id } : undefined } };
  }
  return { ok: true, message: { type, token } };
}

/**
 * What PHP's json_decode($json, true) makes of a decoded body, as json_encode then writes it: an
 * object whose keys are 0, 1, … in order (the empty object too) is a PHP list, written `[…]`.
 */
function asPhpArrays(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(asPhpArrays);
  if (!isObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.every((k, i) => k === String(i))) return keys.map((k) => asPhpArrays(value[k]));
  return Object.fromEntries(keys.map((k) => [k, asPhpArrays(value[k])]));
}

/**
 * The text of Nextcloud's unknown_type message: the decoded body re-encoded by PHP's json_encode
 * (RecordingController::backend), so `/` is `\/`, non-ASCII is \uXXXX and `{}` is `[]`.
 * `plain` (the `backend-unknown-type-message-plain-json` fault) re-encodes it as JavaScript does.
 */
export function unknownTypeMessage(raw: unknown, plain = false): string {
  const encoded = plain ? JSON.stringify(raw) : phpJsonEncode(asPhpArrays(raw));
  return `The given type ${encoded} is not supported.`;
}
