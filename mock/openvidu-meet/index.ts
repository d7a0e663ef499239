// The stateful OpenVidu Meet recordings mock: one ApiMock over a context (state, clock, prng,
// faults), a precompiled router and one handler per operation. Platform-neutral.
import { asHead, createSpecGuard, neverThrow } from '../spec-guard.ts';
import { createClock } from '../../core/clock.ts';
import { createPrng } from '../../core/prng.ts';
import type { ApiMock } from '../../core/api.ts';
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { has, present } from './context.ts';
import { runControl } from './control.ts';
import { DEFAULT_API_KEY, defaultRecordings, defaultRooms } from './datasets.ts';
import * as errors from './errors.ts';
import { dueTransition } from './lifecycle.ts';
import { createMediaCatalogue } from './media.ts';
import { matchRoute } from './router.ts';
import { createRecordingStore } from './store.ts';
import { toWire } from './types.ts';
import { createWebhookDispatcher } from './webhooks.ts';
import type { MeetContext } from './context.ts';
import type { Transition } from './lifecycle.ts';
import type { MediaMockOptions, TickingMock } from '../mock-options.ts';

export { faults } from './faults.ts';
export { DEFAULT_API_KEY } from './datasets.ts';
export { PROVIDER_STATES } from './control.ts';

/** Request bodies above this are refused with 413 (a callrec decision; the sources are silent). */
export const BODY_LIMIT_BYTES = 64 * 1024;

export type OpenViduMeetMockOptions = MediaMockOptions;

export type OpenViduMeetMock = TickingMock;

/** Thrown out of handle() only with strictSpec, so tests see the mock's own spec violations. */
export { SpecViolationError } from '../spec-guard.ts';

export function createOpenViduMeetMock(opts: OpenViduMeetMockOptions): OpenViduMeetMock {
  const clock = opts.clock ?? createClock();
  const faults = new Set<string>(opts.faults ?? []);
  const checkSpec = createSpecGuard({ api: 'openvidu-meet', spec: opts.spec, strict: opts.strictSpec, faults });
  let seed = opts.seed;
  const ctx: MeetContext = {
    clock,
    faults,
    prng: createPrng(seed),
    store: createRecordingStore(),
    rooms: new Map(),
    apiKeys: [],
    media: createMediaCatalogue(opts.media),
    mediaStore: opts.media,
    webhooks: createWebhookDispatcher({
      fetch: opts.fetch ?? ((...args) => globalThis.fetch(...args)),
      signingKey: () => ctx.apiKeys[0],
      has: (f) => faults.has(f),
    }),
    reads: 0,
  };

  /** Lazy settling: apply every transition the clock has made due, oldest first. */
  function settle(): number {
    const now = clock.now();
    const due: Transition[] = [];
    for (const r of ctx.store.unsettled()) {
      const t = dueTransition(r, now, ctx.media.facts(r.media));
      if (t) due.push(t);
    }
    due.sort((a, b) => a.at - b.at || (a.recordingId < b.recordingId ? -1 : 1));
    for (const t of due) {
      const r = ctx.store.update(t.recordingId, t.patch);
      if (r) ctx.webhooks.emit('recordingEnded', present(ctx, r), t.at);
    }
    return due.length;
  }

  function reset(newSeed?: number): void {
    if (newSeed !== undefined) seed = newSeed;
    ctx.prng = createPrng(seed);
    ctx.store.clear();
    ctx.rooms = new Map(defaultRooms().map((r) => [r.roomId, r]));
    ctx.apiKeys = [DEFAULT_API_KEY];
    ctx.webhooks.url = undefined;
    ctx.reads = 0;
    ctx.store.insertMany(defaultRecordings(ctx.prng, clock.now(), ctx.rooms, ctx.media));
  }


  async function route(req: MockRequest): Promise<MockResponse> {
    settle();
    const m = matchRoute(req.method, req.path);
    if (m.kind === 'not-found') return errors.routeNotFound(req.method, req.path);
    if (m.kind === 'method-not-allowed')
      return has(ctx, 'unknown-method-404') ? errors.routeNotFound(req.method, req.path) : errors.methodNotAllowed(req.method, m.allow);
    let res: MockResponse;
    if (req.body.byteLength > BODY_LIMIT_BYTES && !has(ctx, 'oversized-body-accepted')) res = errors.payloadTooLarge(BODY_LIMIT_BYTES);
    else res = await m.operation.run(ctx, req, m.params.recordingId ?? '');
    if (res.status === 404 && has(ctx, 'not-found-message-missing') && typeof res.body === 'string') {
      const { message: _dropped, ...rest } = JSON.parse(res.body) as Record<string, unknown>;
      res.body = JSON.stringify(rest);
    }
    res = checkSpec(m.operation.id, req, res);
    return m.head ? asHead(res) : res;
  }

  const mock: OpenViduMeetMock = {
    api: 'openvidu-meet',
    clock,
    faults,
    handle: (req) => neverThrow(() => route(req), errors.internal, 'Unexpected error'),
    control: (action, body) => neverThrow(() => runControl(ctx, { settle }, action, body), errors.internal, `control action '${action}' failed`),
    reset,
    snapshot() {
      settle();
      return {
        api: 'openvidu-meet',
        seed,
        now: clock.now(),
        apiKeys: [...ctx.apiKeys],
        webhookUrl: ctx.webhooks.url ?? null,
        rooms: [...ctx.rooms.values()],
        recordingCount: ctx.store.size,
        recordings: [...ctx.store.all()].map((r) => ({
          ...toWire(r),
          media: r.media,
          publicSecret: r.publicSecret,
          privateSecret: r.privateSecret,
          ...(r.stopRequestedAt !== undefined ? { stopRequestedAt: r.stopRequestedAt } : {}),
        })),
      };
    },
    tick: settle,
    async close() {
      await ctx.webhooks.close();
    },
  };
  reset(seed);
  return mock;
}
