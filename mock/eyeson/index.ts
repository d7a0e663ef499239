// The stateful Eyeson recordings mock: one ApiMock over a context (state, clock, prng, faults),
// a precompiled router and one handler per operation. Platform-neutral.
import { asHead, createSpecGuard, neverThrow } from '../spec-guard.ts';
import { createClock } from '../../core/clock.ts';
import { createPrng } from '../../core/prng.ts';
import type { ApiMock } from '../../core/api.ts';
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { runControl } from './control.ts';
import { RECORDING_MEDIA, has, isExpired } from './context.ts';
import { loadDefaults } from './datasets.ts';
import * as errors from './errors.ts';
import { settle } from './meeting.ts';
import { presentRecording } from './present.ts';
import { matchRoute, paramOf } from './router.ts';
import { createRecordingStore } from './store.ts';
import { stateOf } from './types.ts';
import { createWebhookDispatcher } from './webhooks.ts';
import type { EyesonContext } from './context.ts';
import type { MediaMockOptions, TickingMock } from '../mock-options.ts';

export { faults } from './faults.ts';
export { DEV_API_KEY, LOCKED_API_KEY, OTHER_API_KEY } from './auth.ts';
export { PROVIDER_STATES } from './control.ts';
export { ARCHIVE_ROOM_ID, OTHER_TEAM_ROOM_ID } from './datasets.ts';
export { LINK_TTL_SECONDS, PAGE_SIZE, PROCESSING_DELAY_MS, RETENTION_MS } from './context.ts';

export type EyesonMockOptions = MediaMockOptions;

export type EyesonMock = TickingMock;

/** Thrown out of handle() only with strictSpec, so tests see the mock's own spec violations. */
export { SpecViolationError } from '../spec-guard.ts';

const DEFAULT_ORIGIN = 'http://localhost';

export function createEyesonMock(opts: EyesonMockOptions): EyesonMock {
  const clock = opts.clock ?? createClock();
  const faults = new Set<string>(opts.faults ?? []);
  const checkSpec = createSpecGuard({ api: 'eyeson', spec: opts.spec, strict: opts.strictSpec, faults });
  if (!opts.media.info(RECORDING_MEDIA)) throw new Error(`eyeson mock: the media store has no ${RECORDING_MEDIA}`);
  let seed = opts.seed;
  const ctx: EyesonContext = {
    clock,
    faults,
    prng: createPrng(seed),
    seed,
    store: createRecordingStore(),
    teams: new Map(),
    rooms: new Map(),
    members: new Map(),
    media: opts.media,
    linkSecret: '',
    origin: DEFAULT_ORIGIN,
    reads: 0,
    webhooks: createWebhookDispatcher({
      fetch: opts.fetch ?? ((...args) => globalThis.fetch(...args)),
      now: () => clock.now(),
      has: (f) => faults.has(f),
      present: (r) => presentRecording(ctx, r, ctx.origin),
      registrationsFor: function* (url) {
        for (const t of ctx.teams.values()) if (t.webhook?.url === url) yield t.webhook;
      },
    }),
  };

  const tick = () => settle(ctx);

  function reset(newSeed?: number): void {
    if (newSeed !== undefined) seed = newSeed;
    ctx.seed = seed;
    ctx.prng = createPrng(seed);
    ctx.linkSecret = `callrec-eyeson-links-${seed}`;
    ctx.store.clear();
    ctx.teams.clear();
    ctx.rooms.clear();
    ctx.members.clear();
    ctx.webhooks.clear();
    ctx.origin = DEFAULT_ORIGIN;
    ctx.reads = 0;
    loadDefaults(ctx);
  }


  // Every answer carries the server's time in `Date` (RFC 9110 §6.6.1), from the mock's own clock:
  // a client that must judge server-side durations (a download link's hour) reads it there, as it
  // would from a real server. Formatted once per second of mock time.
  let dateSecond = Number.NaN;
  let dateText = '';
  function httpDate(): string {
    const second = Math.floor(clock.now() / 1000);
    if (second !== dateSecond) {
      dateSecond = second;
      dateText = new Date(second * 1000).toUTCString();
    }
    return dateText;
  }

  async function route(req: MockRequest): Promise<MockResponse> {
    const res = await answer(req);
    return { ...res, headers: { date: httpDate(), ...res.headers } };
  }

  async function answer(req: MockRequest): Promise<MockResponse> {
    ctx.origin = req.origin || DEFAULT_ORIGIN;
    tick();
    const m = matchRoute(req.method, req.path);
    if (m.kind === 'not-found') return errors.routeNotFound(req.method, req.path);
    if (m.kind === 'method-not-allowed') {
      return has(ctx, 'unknown-method-404') ? errors.routeNotFound(req.method, req.path) : errors.methodNotAllowed(req.method, m.allow);
    }
    let res = await m.operation.run(ctx, req, paramOf(m.params));
    res = checkSpec(m.operation.id, req, res);
    return m.head ? asHead(res) : res;
  }

  const mock: EyesonMock = {
    api: 'eyeson',
    clock,
    faults,
    handle: (req) => neverThrow(() => route(req), errors.internal, 'Unexpected error'),
    control: (action, body) => neverThrow(() => runControl(ctx, { settle: tick, flush: () => ctx.webhooks.flush() }, action, body), errors.internal, `control action '${action}' failed`),
    reset,
    snapshot() {
      tick();
      return {
        api: 'eyeson',
        seed,
        now: clock.now(),
        teams: [...ctx.teams.values()].map((t) => ({ apiKey: t.apiKey, locked: t.locked, webhook: t.webhook ?? null })),
        rooms: [...ctx.rooms.values()].map((r) => ({
          id: r.id,
          teamKey: r.teamKey,
          instances: r.instances.map((i) => ({ startedAt: i.startedAt, shutdownAt: i.shutdownAt ?? null, recordingAvailable: i.recordingAvailable, recordingId: i.recordingId ?? null })),
        })),
        meetings: [...ctx.members.values()].map((m) => ({ accessKey: m.accessKey, roomId: m.instance.roomId, user: m.user.name, shutdown: m.instance.shutdownAt !== undefined })),
        recordingCount: ctx.store.size,
        recordings: [...ctx.store.all()].map((r) => ({
          id: r.id,
          roomId: r.roomId,
          teamKey: r.teamKey,
          state: stateOf(r),
          createdAt: r.createdAt,
          stoppedAt: r.stoppedAt ?? null,
          finishedAt: r.finishedAt ?? null,
          durationSeconds: r.durationSeconds ?? null,
          deleted: r.deletedAt !== undefined,
          expired: isExpired(ctx, r),
        })),
      };
    },
    tick,
    async close() {
      await ctx.webhooks.close();
    },
  };
  reset(seed);
  return mock;
}
