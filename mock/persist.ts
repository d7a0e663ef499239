// Opt-in state that survives a page reload, for every API alike: the requests that changed the
// mock are kept in a journal (in localStorage by default) with the real time each was sent, and
// a new page replays them into a fresh mock of the same seed before it answers anything.
//
// Why replay and not a snapshot: the four mocks' state is plain data built by domain code (stores,
// indexes, sessions, prng), and a snapshot/restore pair would have to be written and kept right
// per API. Replay only needs what the shared core already guarantees: the same seed and the same
// requests at the same clock readings give the same state (ids come from the seeded prng). The
// clock is rebuilt from the same start and reads each entry's recorded real time while replaying,
// so a frozen clock, an advance, a freeze or a reset replays exactly; after the replay it reads
// real time again, so a running clock counts the time the page was closed (a stopped recording
// has meanwhile completed, as it would have on a server).
//
// What is journalled: every request that is not GET/HEAD/OPTIONS (control calls included), and a
// safe request whose answer set a cookie (Talk's browser sessions). A reset cuts the journal
// back to itself. Outgoing HTTP (webhooks, callbacks) is not sent again while replaying.
// Each tab runs its own mock, so two tabs on one key overwrite each other's journal (last change
// wins); merging two mocks' histories has no right answer. Platform-neutral: the storage is
// injected (localStorage in a page, a Map in tests).
import type { ApiMock, ApiName } from '../core/api.ts';
import { createClock } from '../core/clock.ts';
import type { MockRequest, MockResponse } from '../core/http.ts';
import { createDispatch } from './control.ts';
import type { MediaStore } from './media-store.ts';
import { getMock } from './registry.ts';

/** The part of the Web Storage API the journal needs (localStorage fits). */
export interface PersistStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface PersistOptions {
  /** Storage key (default `callrec:<api>`); give each mock in one origin its own. */
  key?: string;
  /** Default: `globalThis.localStorage`. */
  storage?: PersistStorage;
}

/** One journalled request, as the mock received it. */
export interface JournalEntry {
  /** Real time (ms since epoch) when it was received: the clock reads it again on replay. */
  real: number;
  method: string;
  path: string;
  query: string;
  headers: Record<string, string>;
  /** The body, base64. */
  body: string;
  origin: string;
}

export interface Journal {
  version: 1;
  api: ApiName;
  seed: number;
  /** Faults the mock was created with (later switches are journalled requests). */
  faults: string[];
  /** The clock when the mock was created: its reading, the real time then, and whether it was frozen. */
  clock: { start: number; real: number; frozen: boolean };
  entries: JournalEntry[];
}

export interface PersistentMockOptions {
  api: ApiName;
  seed: number;
  faults: string[];
  media: MediaStore;
  /** Start with a frozen clock (only when nothing is stored: a stored journal keeps its own clock). */
  frozen?: boolean;
  persist: PersistOptions;
  /** Real time; tests inject it to play a reload minutes later. */
  realNow?: () => number;
  /** Outgoing HTTP (webhooks), default fetch; never called while replaying. */
  fetch?: typeof fetch;
}

export interface PersistentMock {
  mock: ApiMock;
  /** Control routes and the documented API, journalling what changes the mock. */
  dispatch(req: MockRequest): Promise<MockResponse>;
  /** Settles when the stored journal has been replayed (dispatch waits for it too). */
  ready: Promise<void>;
  /** How many stored requests were replayed (0 for a fresh start). */
  replayed(): number;
  /** Drops the stored journal: the next page starts from the seed. */
  forget(): void;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const RESET = 'POST /__callrec/reset';

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}
const fromBase64 = (s: string): Uint8Array => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

/** The stored journal when it belongs to this mock (same API, seed and initial faults); anything else starts fresh. */
function load(storage: PersistStorage, key: string, o: PersistentMockOptions): Journal | undefined {
  const text = storage.getItem(key);
  if (text === null) return undefined;
  try {
    const j = JSON.parse(text) as Journal;
    const same = j.version === 1 && j.api === o.api && j.seed === o.seed && JSON.stringify(j.faults) === JSON.stringify(o.faults) && Array.isArray(j.entries);
    return same ? j : undefined;
  } catch {
    return undefined; // not ours, or cut short: start from the seed
  }
}

export function createPersistentMock(o: PersistentMockOptions): PersistentMock {
  const storage = o.persist.storage ?? (globalThis as { localStorage?: PersistStorage }).localStorage;
  if (storage === undefined) throw new Error('persist: no localStorage here; pass persist.storage');
  const key = o.persist.key ?? `callrec:${o.api}`;
  const realNow = o.realNow ?? Date.now;
  const saved = load(storage, key, o);

  // While replaying, the clock's idea of real time is the entry's; afterwards, real time.
  let replayingAt: number | undefined = saved?.clock.real;
  const clock = createClock({ start: saved?.clock.start, frozen: saved ? saved.clock.frozen : (o.frozen ?? false), realNow: () => replayingAt ?? realNow() });
  const send = o.fetch ?? ((...args: Parameters<typeof fetch>) => globalThis.fetch(...args));
  const fetchOut: typeof fetch = (...args) => (replayingAt !== undefined ? Promise.resolve(new Response(null, { status: 204 })) : send(...args));
  const api = getMock(o.api);
  const mock = api.create({ seed: o.seed, clock, faults: o.faults, media: o.media, fetch: fetchOut });
  const inner = createDispatch(mock, api.faults);

  const journal: Journal = saved ?? {
    version: 1,
    api: o.api,
    seed: o.seed,
    faults: [...o.faults],
    clock: { start: clock.now(), real: realNow(), frozen: clock.frozen },
    entries: [],
  };
  let writable = true;
  const save = () => {
    if (!writable) return;
    try {
      storage.setItem(key, JSON.stringify(journal));
    } catch (e) {
      writable = false; // quota: keep serving, stop persisting, say so once
      console.warn(`callrec persist: cannot store the journal under '${key}' (${String(e)}); state will not survive a reload`);
    }
  };

  const replay = async () => {
    try {
      for (const e of journal.entries) {
        replayingAt = e.real;
        await inner({ method: e.method, path: e.path, query: new URLSearchParams(e.query), headers: e.headers, body: fromBase64(e.body), origin: e.origin });
      }
    } finally {
      replayingAt = undefined;
    }
  };
  const ready = saved ? replay() : Promise.resolve(save());

  return {
    mock,
    ready,
    replayed: () => saved?.entries.length ?? 0,
    async dispatch(req) {
      await ready;
      const real = realNow();
      const res = await inner(req);
      if (!SAFE.has(req.method) || res.headers['set-cookie'] !== undefined) {
        const entry: JournalEntry = { real, method: req.method, path: req.path, query: req.query.toString(), headers: req.headers, body: toBase64(req.body), origin: req.origin };
        if (`${req.method} ${req.path}` === RESET && res.status === 200) journal.entries = [entry];
        else journal.entries.push(entry);
        save();
      }
      return res;
    },
    forget() {
      writable = false;
      storage.removeItem(key);
    },
  };
}
