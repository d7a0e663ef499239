// The stateful Horn channel-recordings mock: one ApiMock over a context (users, channels,
// recordings, clock, prng, faults), a precompiled router and one handler per operation.
// Platform-neutral (runs under node:http and under msw in a browser).
import { asHead, createSpecGuard, neverThrow } from '../spec-guard.ts';
import { createClock } from '../../core/clock.ts';
import { createPrng } from '../../core/prng.ts';
import type { ApiMock } from '../../core/api.ts';
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { has } from './context.ts';
import { runControl } from './control.ts';
import { SEEDED_TOKENS, USERS, defaultChannels, defaultRecordings, defaultUsers } from './datasets.ts';
import * as errors from './errors.ts';
import { createEventDispatcher } from './events.ts';
import { readyAt } from './lifecycle.ts';
import { createSegmentMedia } from './media.ts';
import { matchRoute } from './router.ts';
import { decodeParams } from '../../core/router.ts';
import { createRecordingStore } from './store.ts';
import { present } from './wire.ts';
import type { HornContext } from './context.ts';
import type { SeededRole } from './datasets.ts';
import type { Recording } from './types.ts';
import type { MediaMockOptions, TickingMock } from '../mock-options.ts';

export { faults } from './faults.ts';
export { CHANNELS, SEEDED_TOKENS, USERS } from './datasets.ts';
export { PROVIDER_STATES } from './control.ts';
export { DEFAULT_WEBHOOK_SECRET } from './events.ts';
export { BASE_PATH } from './paths.ts';

export type HornMockOptions = MediaMockOptions;

export type HornMock = TickingMock;

/** Thrown out of handle() only with strictSpec, so tests see the mock's own spec violations. */
export { SpecViolationError } from '../spec-guard.ts';

export function createHornMock(opts: HornMockOptions): HornMock {
  const clock = opts.clock ?? createClock();
  const faults = new Set<string>(opts.faults ?? []);
  const checkSpec = createSpecGuard({ api: 'horn', spec: opts.spec, strict: opts.strictSpec, faults });
  let seed = opts.seed;
  const ctx: HornContext = {
    clock,
    faults,
    prng: createPrng(seed),
    store: createRecordingStore(),
    channels: new Map(),
    users: new Map(),
    tokens: new Map(),
    media: createSegmentMedia(opts.media),
    mediaStore: opts.media,
    events: createEventDispatcher({ fetch: opts.fetch ?? ((...args) => globalThis.fetch(...args)), has: (f) => faults.has(f) }),
    signingKey: new Uint8Array(),
    reads: 0,
  };

  /** Lazy settling: every ended recording whose processing time has passed becomes ready, oldest first. */
  function settle(): number {
    const now = clock.now();
    const due: { r: Recording; at: number }[] = [];
    for (const r of ctx.store.unsettled()) {
      if (r.endTime === undefined) continue;
      const at = readyAt(r as Recording & { endTime: number });
      if (at <= now) due.push({ r, at });
    }
    due.sort((a, b) => a.at - b.at || (a.r.id < b.r.id ? -1 : 1));
    for (const { r, at } of due) {
      ctx.store.markReady(r.id, at);
      ctx.events.emit('recording.ready', present(ctx, r), at);
    }
    return due.length;
  }

  function reset(newSeed?: number): void {
    if (newSeed !== undefined) seed = newSeed;
    ctx.prng = createPrng(seed);
    ctx.signingKey = new TextEncoder().encode(`callrec-horn-signing-key-${seed}`);
    ctx.store.clear();
    ctx.users = new Map(defaultUsers().map((u) => [u.id, u]));
    ctx.tokens = new Map((Object.keys(SEEDED_TOKENS) as SeededRole[]).map((role) => [SEEDED_TOKENS[role], USERS[role].id]));
    ctx.channels = new Map(defaultChannels(ctx.prng).map((c) => [c.id, c]));
    ctx.events.registration = undefined;
    ctx.reads = 0;
    ctx.store.insertMany(defaultRecordings(ctx.prng, clock.now()));
  }


  /** The envelope faults, applied to every error body on the way out. */
  function bendErrors(res: MockResponse): MockResponse {
    if (res.status < 400 || typeof res.body !== 'string') return res;
    if (!has(ctx, 'error-code-lowercase') && !has(ctx, 'error-message-missing')) return res;
    const body = JSON.parse(res.body) as { error: string; message?: string };
    if (has(ctx, 'error-code-lowercase')) body.error = body.error.toLowerCase();
    if (has(ctx, 'error-message-missing')) delete body.message;
    return { ...res, body: JSON.stringify(body) };
  }

  async function route(req: MockRequest): Promise<MockResponse> {
    settle();
    const m = matchRoute(req.method, req.path);
    if (m.kind === 'not-found') return bendErrors(errors.routeNotFound(req.method, req.path));
    if (m.kind === 'method-not-allowed')
      return bendErrors(has(ctx, 'unknown-method-404') ? errors.routeNotFound(req.method, req.path) : errors.methodNotAllowed(req.method, m.allow));
    const params = decodeParams(m.params);
    // A segment that cannot be percent-decoded names nothing: 404, which every operation documents.
    if (!params) return bendErrors(errors.error(404, 'NOT_FOUND', 'malformed percent-encoding in the path names no resource'));
    let res = bendErrors(await m.operation.run(ctx, req, params));
    res = checkSpec(m.operation.id, req, res);
    return m.head ? asHead(res) : res;
  }

  /**
   * Every answer carries the mock's own time as `Date` (RFC 9110 §6.6.1), as a real server's
   * carries its clock: a client measures TTLs on the server's clock, which here may be frozen
   * or run faster than wall time.
   */
  const dated = (res: MockResponse): MockResponse => (res.headers['date'] ? res : { ...res, headers: { ...res.headers, date: new Date(clock.now()).toUTCString() } });

  const mock: HornMock = {
    api: 'horn',
    clock,
    faults,
    handle: async (req) => dated(await neverThrow(() => route(req), errors.internal, 'Unexpected error')),
    control: (action, body) => neverThrow(() => runControl(ctx, { settle }, action, body), errors.internal, `control action '${action}' failed`),
    reset,
    snapshot() {
      settle();
      const live = [...ctx.store.all()].filter((r) => !r.deleted);
      return {
        api: 'horn',
        seed,
        now: clock.now(),
        users: [...ctx.users.values()],
        channels: [...ctx.channels.values()],
        webhook: ctx.events.registration ?? null,
        recordingCount: live.length,
        deletedCount: ctx.store.size - live.length,
        // Large generated sets would make a snapshot unreadable: the first 1000 are enough to look at.
        recordings: live.slice(0, 1000).map((r) => ({ ...r })),
      };
    },
    tick: settle,
    async close() {
      await ctx.events.close();
    },
  };
  reset(seed);
  return mock;
}
