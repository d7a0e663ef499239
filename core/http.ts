// The small request/response shape every handler works on.
// node:http and msw are thin adapters over it (see mock/adapters/), so handlers
// never pay for undici Request/Response objects and stay plain, testable functions.

/** Header names are lower-case; repeated headers are joined with ", " as node does. */
export type Headers = Record<string, string>;

export interface MockRequest {
  method: string; // upper-case
  /** Path without query string, percent-decoding NOT applied (handlers decode segments). */
  path: string;
  query: URLSearchParams;
  headers: Headers;
  /** Raw request body bytes; empty when none was sent. */
  body: Uint8Array;
  /** Origin the client used, e.g. "http://127.0.0.1:4010"; used to build absolute URLs (Location). */
  origin: string;
}

/** A byte range of a file on disk, streamed by the adapter (never buffered). */
export interface FileBody {
  kind: 'file';
  path: string;
  start: number; // inclusive
  end: number; // inclusive
}

export type Body = Uint8Array | string | FileBody | undefined;

export interface MockResponse {
  status: number;
  headers: Headers;
  body?: Body;
}

export const isFileBody = (b: Body): b is FileBody =>
  typeof b === 'object' && b !== null && !(b instanceof Uint8Array) && (b as FileBody).kind === 'file';

export function json(status: number, value: unknown, headers: Headers = {}): MockResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(value),
  };
}

export function empty(status: number, headers: Headers = {}): MockResponse {
  return { status, headers, body: undefined };
}

/**
 * UTF-8 text of bytes, throwing on invalid sequences. One shared decoder: building one costs
 * more than decoding a small body, and a non-streaming decode() keeps no state between calls.
 */
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
export const decodeUtf8Strict = (bytes: Uint8Array): string => strictDecoder.decode(bytes);

/** Parses a JSON request body; `undefined` for an empty body, a SyntaxError-like marker otherwise. */
export type ParsedJson = { ok: true; value: unknown } | { ok: false; error: string };
export function parseJsonBody(req: MockRequest): ParsedJson {
  if (req.body.byteLength === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(decodeUtf8Strict(req.body)) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
