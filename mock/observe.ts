// What a running mock remembers for people looking at it (the dashboard, GET /__callrec/journal,
// /deliveries, /history): the last requests it answered, the last outgoing requests it made
// (webhooks, Talk's recording-server calls) with the receivers' answers, and when each
// recording's (or Talk room's) status changed. All bounded rings, so a long-running mock or a
// benchmark never grows; an entry costs one small object. Platform-neutral (no node: imports).
import type { Clock } from '../core/clock.ts';

/** A fixed-size ring: add() is O(1), list() gives the newest first. */
export class Ring<T> {
  private readonly items: T[] = [];
  private next = 0;
  private seq = 0;
  constructor(readonly size: number) {}
  /** Takes `item` over (numbers it in place: no copy per entry), so pass a fresh object. */
  add(item: Omit<T, 'seq'>): void {
    const entry = item as T & { seq: number };
    entry.seq = ++this.seq;
    if (this.items.length < this.size) this.items.push(entry);
    else this.items[this.next] = entry;
    this.next = (this.next + 1) % this.size;
  }
  list(): T[] {
    const n = this.items.length;
    const out: T[] = [];
    for (let i = 1; i <= n; i++) out.push(this.items[(this.next - i + n) % n]!);
    return out;
  }
  clear(): void {
    this.items.length = 0;
    this.next = 0;
  }
}

/** One answered documented-API request (the control API's own are not journaled). */
export interface JournalEntry {
  seq: number;
  /** The mock's clock when the request came in (ms since the epoch). */
  at: number;
  method: string;
  /** Path and query string as sent. */
  url: string;
  status: number;
  /** Time until the answer was ready (a streamed file body is sent after this). */
  ms: number;
  /** The spec guard's finding, when the answer broke the spec (x-callrec-spec-violation). */
  specViolation?: string;
}

/** A journal entry as recorded: the query string is serialized only when someone reads the journal. */
export type RecordedRequest = Omit<JournalEntry, 'url'> & { path: string; query: URLSearchParams };

export const asJournalEntry = ({ path, query, ...rest }: RecordedRequest): JournalEntry => {
  const q = query.toString();
  return { ...rest, url: q ? `${path}?${q}` : path } as JournalEntry;
};

export const JOURNAL_SIZE = 200;
export const DELIVERY_SIZE = 100;
const BODY_CHARS = 4000;
const ANSWER_CHARS = 1000;

/** One outgoing HTTP attempt: a webhook, an event, a recording-server request (each retry is its own). */
export interface Delivery {
  seq: number;
  at: number;
  method: string;
  url: string;
  /** As sent, signatures included (they are the mock's own secrets, as is everything in the control API). */
  headers: Record<string, string>;
  body: string;
  status?: number;
  /** The receiver's answer body, shortened. */
  answer?: string;
  /** Why no answer came (network error, timeout, abort). */
  error?: string;
  ms: number;
}

const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max)}… (${text.length} characters)` : text);
const lenient = new TextDecoder();

function bodyText(body: BodyInit | null | undefined): string {
  if (body === undefined || body === null) return '';
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return lenient.decode(body);
  if (body instanceof ArrayBuffer) return lenient.decode(new Uint8Array(body));
  if (body instanceof URLSearchParams) return body.toString();
  return `(${Object.prototype.toString.call(body)})`;
}

function headerRecord(h: HeadersInit | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(h).forEach((value, name) => (out[name] = value));
  return out;
}

/** Statuses whose responses have no body (a Response built with one throws). */
const NULL_BODY = new Set([101, 204, 205, 304]);

/** `fetch` that records every attempt in `ring`; the caller gets an equivalent Response. */
export function recordingFetch(inner: typeof fetch, ring: Ring<Delivery>, clock: Clock): typeof fetch {
  return async (input, init) => {
    const at = clock.now();
    const t0 = performance.now();
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const base = { at, method: init?.method ?? 'GET', url, headers: headerRecord(init?.headers), body: shorten(bodyText(init?.body), BODY_CHARS) };
    let res: Response;
    try {
      res = await inner(input, init);
    } catch (e) {
      ring.add({ ...base, error: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 });
      throw e;
    }
    // Read the answer once, remember it, and hand the caller a Response over the same bytes.
    let bytes: ArrayBuffer;
    try {
      bytes = await res.arrayBuffer();
    } catch (e) {
      ring.add({ ...base, status: res.status, error: e instanceof Error ? e.message : String(e), ms: performance.now() - t0 });
      throw e;
    }
    ring.add({ ...base, status: res.status, answer: shorten(lenient.decode(bytes), ANSWER_CHARS), ms: performance.now() - t0 });
    return new Response(NULL_BODY.has(res.status) ? null : bytes, { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** A thing with a status the dashboard follows: a recording, or a room where the status lives on the room (Talk). */
export interface StatusItem {
  kind: 'recording' | 'room';
  id: string;
  status: string;
  room?: string;
}

export interface StatusTrack {
  kind: StatusItem['kind'];
  id: string;
  room?: string;
  status: string;
  /** Each status and the mock time it was first seen at; the first is the state at reset (`seeded`) or at creation. */
  history: { status: string; at: number; seeded?: boolean }[];
}

export interface StatusHistoryView {
  /** False once there were more than `maxItems` items (a large seeded set): no history then. */
  tracking: boolean;
  maxItems: number;
  items: StatusTrack[];
}

/** Up to this many items, each write is looked at at once (two writes between looks would merge otherwise). */
export const EAGER_MAX_ITEMS = 500;
/** Above this many items the history stops (until the next reset): a sample walks them all. */
export const HISTORY_MAX_ITEMS = 5000;
const GONE = 'gone';

/**
 * Status history by sampling: the current statuses are compared with the last seen after every
 * tick (each 250 ms on a real clock, after each clock advance on a frozen one), every control
 * action, and every documented-API write while there are at most EAGER_MAX_ITEMS (a sample walks
 * them all). Above that a write only marks the history dirty (O(1): a busy client or a benchmark
 * pays nothing per request) and the next control request or tick looks.
 * So a transition is stamped with the mock time it was first *seen* at: what a write does, at
 * the write (or, for large sets, at the next look: the same instant on a frozen clock, where
 * only control calls move time, and those look first); what time makes due, at the end of the
 * advance (frozen clock) or within one tick (real clock). Items that vanish end as `gone`.
 */
export class StatusHistory {
  private tracks = new Map<string, StatusTrack>();
  private off = false;
  private dirty = false;
  private count = 0;
  constructor(
    private readonly read: () => StatusItem[],
    private readonly clock: Clock,
  ) {}

  /** The state after a reset: everything present is `seeded`. */
  restart(): void {
    this.tracks.clear();
    this.off = false;
    this.sample(true);
  }

  /** A documented-API write came in: look now on a small set, else at the next sampleIfDirty(). */
  written(): void {
    if (this.count <= EAGER_MAX_ITEMS) this.sample();
    else this.dirty = true;
  }

  sampleIfDirty(): void {
    if (this.dirty) this.sample();
  }

  sample(seeded = false): void {
    this.dirty = false;
    if (this.off) return;
    const items = this.read();
    this.count = items.length;
    if (items.length > HISTORY_MAX_ITEMS) {
      this.off = true;
      this.tracks.clear();
      return;
    }
    const now = this.clock.now();
    const seen = new Set<string>();
    for (const it of items) {
      const key = `${it.kind}:${it.id}`;
      seen.add(key);
      const t = this.tracks.get(key);
      if (!t) {
        this.tracks.set(key, { kind: it.kind, id: it.id, ...(it.room ? { room: it.room } : {}), status: it.status, history: [{ status: it.status, at: now, ...(seeded ? { seeded } : {}) }] });
      } else if (t.status !== it.status) {
        t.status = it.status;
        t.history.push({ status: it.status, at: now });
      }
    }
    for (const [key, t] of this.tracks) {
      if (!seen.has(key) && t.status !== GONE) {
        t.status = GONE;
        t.history.push({ status: GONE, at: now });
      }
    }
  }

  list(): StatusHistoryView {
    return { tracking: !this.off, maxItems: HISTORY_MAX_ITEMS, items: [...this.tracks.values()] };
  }
}
