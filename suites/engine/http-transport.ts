// The wire under the target client: node:http(s) over keep-alive agents whose sockets are
// tapped. fetch hides what a conformance tool must see: bytes beyond a response's
// Content-Length, a body cut short, and whether a request went out on a reused connection
// (where an ECONNRESET usually means the target closed an idle connection while this process
// was busy, not that the target failed). Here each raw byte is counted per exchange.

import http from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';

/** Responses are read up to this many bytes unless the run says otherwise (`--max-body`). */
export const DEFAULT_MAX_BODY_BYTES = 64 * 1024 * 1024;

/** A response head larger than this is not scanned for its end (the length check then stays silent). */
const MAX_HEAD_BYTES = 256 * 1024;

/** Transport errors that, before any response byte on a reused connection, mean the idle connection was stale. */
const STALE_CODES = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

export interface WireRequest {
  url: URL;
  method: string;
  /** Sent as given (lower-case names); `accept: *\/*` (as fetch and curl send) and a body's Content-Length are added when absent. */
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Aborting it cancels the request (and any retry); the outcome is then `aborted`. */
  signal: AbortSignal;
  maxBodyBytes: number;
}

export interface WireResponse {
  status: number;
  /** Lower-case names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  bytes: Uint8Array;
}

/** Why a response, once it started, is not one the client can hand to a check. */
export type WireProblem =
  /** The body went beyond the cap: reading stopped and the request was aborted. */
  | { kind: 'too-large'; cap: number; declared?: number; received: number }
  /** The body on the wire is longer or shorter than its Content-Length (RFC 9110 §8.6). */
  | { kind: 'length'; declared: number; received: number; closed: boolean }
  /** The connection broke mid-body for a response without Content-Length. */
  | { kind: 'cut'; received: number; message: string };

/** How one attempt on the wire ended. */
type Sent =
  | { kind: 'response'; response: WireResponse; problem?: WireProblem }
  | { kind: 'transport'; message: string }
  | { kind: 'aborted' };

export type WireOutcome = Sent & {
  /** Set when the request was sent twice: why, and on what kind of connection. */
  retried?: string;
};

/** Sends one request; a stale reused connection is retried once on a fresh one (and says so). */
export async function send(req: WireRequest): Promise<WireOutcome> {
  const first = await attempt(req);
  if (first.kind !== 'stale') return first;
  // The target closed idle connections while we were not looking: none of them is worth trying.
  evictIdle(req.url.protocol === 'https:' ? httpsAgent : httpAgent);
  const second = await attempt(req);
  const retried = `retried once on a fresh connection after ${first.code} on a reused connection`;
  if (second.kind === 'stale') return { kind: 'transport', message: `${second.code} (${second.message})`, retried };
  return { ...second, retried };
}

/** An attempt that failed before any response byte on a reused connection: worth one retry. */
type Attempt = Sent | { kind: 'stale'; code: string; message: string };

function attempt(req: WireRequest): Promise<Attempt> {
  return new Promise<Attempt>((resolve) => {
    if (req.signal.aborted) return resolve({ kind: 'aborted' });
    const secure = req.url.protocol === 'https:';
    const headers = { ...req.headers };
    headers['accept'] ??= '*/*';
    // node:http frames a DELETE (or GET, OPTIONS) body with nothing at all unless told its length.
    if (req.body && req.body.byteLength > 0 && headers['transfer-encoding'] === undefined) headers['content-length'] ??= String(req.body.byteLength);
    // Invalid header names or values throw here, synchronously: a bug in what the check sends,
    // not a finding about the target, so it propagates to the caller.
    const cr = (secure ? https : http).request(req.url, { method: req.method, headers, agent: secure ? httpsAgent : httpAgent });

    let settled = false;
    let record: WireRecord | undefined;
    let res: http.IncomingMessage | undefined;
    const chunks: Buffer[] = [];
    let received = 0;

    const settle = (outcome: Attempt) => {
      if (settled) return;
      settled = true;
      req.signal.removeEventListener('abort', onAbort);
      record?.finish();
      resolve(outcome);
    };
    const response = (): WireResponse => ({ status: res!.statusCode ?? 0, headers: flatHeaders(res!.headers), bytes: concat(chunks) });
    const onAbort = () => {
      settle({ kind: 'aborted' });
      cr.destroy();
    };
    req.signal.addEventListener('abort', onAbort, { once: true });

    cr.on('socket', (socket) => {
      record = tapOf(socket).begin();
    });

    cr.on('error', (e: NodeJS.ErrnoException) => {
      // After a complete response the parser may still choke on bytes past its end (extra body
      // bytes): the raw count judges those when the response ends.
      if (res?.complete) return;
      if (res) return settle(cut(res, received, describe(e), response));
      const code = e.code ?? '';
      if (cr.reusedSocket && (record?.total ?? 0) === 0 && STALE_CODES.has(code)) {
        return settle({ kind: 'stale', code, message: e.message });
      }
      settle({ kind: 'transport', message: describe(e) });
    });

    cr.on('response', (message) => {
      res = message;
      const declared = contentLength(message);
      if (declared !== undefined && declared > req.maxBodyBytes && !bodyless(req.method, message.statusCode ?? 0)) {
        settle({ kind: 'response', response: response(), problem: { kind: 'too-large', cap: req.maxBodyBytes, declared, received: 0 } });
        return void cr.destroy();
      }
      message.on('data', (chunk: Buffer) => {
        if (settled) return;
        received += chunk.byteLength;
        if (received > req.maxBodyBytes) {
          settle({
            kind: 'response',
            response: response(),
            problem: { kind: 'too-large', cap: req.maxBodyBytes, ...(declared !== undefined ? { declared } : {}), received },
          });
          return void cr.destroy();
        }
        chunks.push(chunk);
      });
      message.on('error', (e) => settle(cut(message, received, describe(e), response)));
      message.on('close', () => {
        if (!message.complete) settle(cut(message, received, 'the connection closed', response));
      });
      message.on('end', () => {
        // Bytes that arrived with the body's last chunk reach the tap in the same turn; one more
        // turn lets a trailing segment already read by the kernel be counted too.
        setImmediate(() => {
          const wire = record?.bodyBytes();
          if (declared !== undefined && wire !== undefined && !bodyless(req.method, message.statusCode ?? 0) && !message.headers['transfer-encoding'] && wire !== declared) {
            return settle({ kind: 'response', response: response(), problem: { kind: 'length', declared, received: wire, closed: false } });
          }
          settle({ kind: 'response', response: response() });
        });
      });
    });

    cr.end(req.body && req.body.byteLength > 0 ? req.body : undefined);
  });
}

/** A response that broke off mid-body: a length mismatch when it declared one, else a cut transfer. */
function cut(res: http.IncomingMessage, received: number, message: string, response: () => WireResponse): Attempt {
  const declared = contentLength(res);
  const problem: WireProblem = declared !== undefined ? { kind: 'length', declared, received, closed: true } : { kind: 'cut', received, message };
  return { kind: 'response', response: response(), problem };
}

const contentLength = (res: http.IncomingMessage): number | undefined => {
  const raw = res.headers['content-length'];
  if (raw === undefined || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
};

/** Responses that have no body whatever their Content-Length says (RFC 9110 §6.4.1). */
const bodyless = (method: string, status: number) => method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(h)) if (value !== undefined) out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

function concat(chunks: Buffer[]): Uint8Array {
  const buf = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const code = (e as NodeJS.ErrnoException).code;
  return code && !e.message.includes(code) ? `${code} (${e.message})` : e.message;
}

// ---- the socket tap -------------------------------------------------------------------------

/**
 * What one exchange received on its socket, raw: every byte from the moment the request took the
 * socket, and where the final response head ends (informational 1xx heads skipped).
 */
class WireRecord {
  total = 0;
  private headEnd: number | undefined;
  private scanned = 0; // bytes of earlier (1xx) heads already passed
  private pending: Buffer = Buffer.alloc(0);
  private gaveUp = false;
  done = false;

  constructor(private readonly tap: SocketTap) {}

  push(chunk: Buffer): void {
    this.total += chunk.byteLength;
    if (this.headEnd !== undefined || this.gaveUp) return;
    this.pending = this.pending.byteLength ? Buffer.concat([this.pending, chunk]) : chunk;
    for (;;) {
      const at = this.pending.indexOf('\r\n\r\n');
      if (at < 0) {
        if (this.pending.byteLength > MAX_HEAD_BYTES) this.gaveUp = true;
        return;
      }
      const status = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(this.pending.toString('latin1', 0, 16))?.[1];
      if (status && status.startsWith('1') && status !== '101') {
        this.scanned += at + 4;
        this.pending = this.pending.subarray(at + 4);
        continue;
      }
      this.headEnd = this.scanned + at + 4;
      this.pending = Buffer.alloc(0);
      return;
    }
  }

  /** Raw bytes after the final head: the body as framed on the wire (undefined when the head was not found). */
  bodyBytes(): number | undefined {
    return this.headEnd === undefined ? undefined : this.total - this.headEnd;
  }

  finish(): void {
    this.done = true;
    this.tap.release(this);
  }
}

/**
 * Sees every byte a pooled socket receives. Bytes that arrive while no exchange holds the socket
 * can only be leftovers of the last response (the target sent more than it declared); such a
 * socket is destroyed, so the bytes never pose as the start of the next response.
 */
class SocketTap {
  private current: WireRecord | undefined;

  constructor(private readonly socket: Duplex) {
    socket.on('data', (chunk: Buffer) => {
      if (this.current) this.current.push(chunk);
      else socket.destroy();
    });
  }

  begin(): WireRecord {
    this.current = new WireRecord(this);
    return this.current;
  }

  release(record: WireRecord): void {
    if (this.current === record) this.current = undefined;
  }
}

const taps = new WeakMap<Duplex, SocketTap>();
function tapOf(socket: Duplex): SocketTap {
  let tap = taps.get(socket);
  if (!tap) taps.set(socket, (tap = new SocketTap(socket)));
  return tap;
}

/** Tap every socket at birth, so no byte passes before the listener is there. */
function tapped<A extends http.Agent>(agent: A): A {
  const create = (agent as unknown as { createConnection: (...args: unknown[]) => Duplex }).createConnection;
  (agent as unknown as { createConnection: (...args: unknown[]) => Duplex }).createConnection = function (this: A, ...args: unknown[]) {
    const socket = create.apply(this, args);
    tapOf(socket);
    return socket;
  };
  return agent;
}

// One pool per scheme for the whole process, as fetch's global dispatcher: connections stay
// open between requests (as real clients keep them), LIFO so the freshest idle one goes first.
const httpAgent = tapped(new http.Agent({ keepAlive: true, scheduling: 'lifo' }));
const httpsAgent = tapped(new https.Agent({ keepAlive: true, scheduling: 'lifo' }));

/**
 * Drops every idle connection of the pool, so the next request opens a new one: when one idle
 * connection went stale, the others (to the same target, idle as long) most likely did too.
 */
function evictIdle(agent: http.Agent): void {
  for (const sockets of Object.values(agent.freeSockets)) for (const socket of sockets ?? []) socket.destroy();
}
