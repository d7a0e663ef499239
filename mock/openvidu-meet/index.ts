// The stateful OpenVidu Meet recordings mock: its context (state, clock, prng, faults), lazy
// settling, routes and control actions, assembled by the shared core (mock/core/define-mock.ts).
// Platform-neutral.
import { createPrng } from '../../core/prng.ts';
import { defineMock, errorsOf } from '../core/define-mock.ts';
import { has } from './context.ts';
import { runControl } from './control.ts';
import { DEFAULT_API_KEY, defaultRecordings, defaultRooms } from './datasets.ts';
import * as errors from './errors.ts';
import { dueTransition } from './lifecycle.ts';
import { createMediaCatalogue } from './media.ts';
import { matchRoute } from './router.ts';
import { createRecordingStore } from './store.ts';
import { present, toWire } from './wire.ts';
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

export type OpenViduMeetMock = TickingMock<MeetContext>;

/** Thrown out of handle() only with strictSpec, so tests see the mock's own spec violations. */
export { SpecViolationError } from '../spec-guard.ts';

/** Lazy settling: apply every transition the clock has made due, oldest first. */
function settle(ctx: MeetContext): number {
  const now = ctx.clock.now();
  const due: Transition[] = [];
  for (const r of ctx.store.unsettled()) {
    const t = dueTransition(r, now, ctx.media.facts(r.media));
    if (t) due.push(t);
  }
  // Oldest first, ties by recordingId (decision settle-order): the webhooks go out in the order things happened.
  due.sort((a, b) => a.at - b.at || (a.recordingId < b.recordingId ? -1 : 1));
  if (has(ctx, 'settle-newest-first')) due.reverse();
  for (const t of due) {
    const patch = t.to === 'complete' && has(ctx, 'stop-details-missing') ? { ...t.patch, details: undefined } : t.patch;
    const r = ctx.store.update(t.recordingId, patch);
    if (r) ctx.webhooks.emit('recordingEnded', has(ctx, 'webhook-ended-without-size') ? { ...present(ctx, r), size: undefined } : present(ctx, r), t.at);
  }
  return due.length;
}

export const createOpenViduMeetMock: (opts: OpenViduMeetMockOptions) => OpenViduMeetMock = defineMock({
  api: 'openvidu-meet',
  context: ({ clock, faults, fetch, opts }) => {
    const ctx: MeetContext = {
      clock,
      faults,
      prng: createPrng(opts.seed),
      store: createRecordingStore(),
      rooms: new Map(),
      deletedRooms: new Map(),
      apiKeys: [],
      media: createMediaCatalogue(opts.media),
      mediaStore: opts.media,
      webhooks: createWebhookDispatcher({ fetch, signingKey: () => ctx.apiKeys[0], has: (f) => faults.has(f) }),
      reads: 0,
      stalledStarts: 0,
    };
    return ctx;
  },
  reset(ctx, seed) {
    ctx.prng = createPrng(seed);
    ctx.store.clear();
    // The default rooms were created a day apart, the first one longest ago.
    const now = ctx.clock.now();
    ctx.rooms = new Map(defaultRooms().map((r, i, all) => [r.roomId, { ...r, creationDate: now - (all.length - i) * 24 * 3600_000 }]));
    ctx.deletedRooms.clear();
    ctx.apiKeys = [DEFAULT_API_KEY];
    ctx.webhooks.url = undefined;
    ctx.reads = 0;
    ctx.stalledStarts = 0;
    ctx.store.insertMany(defaultRecordings(ctx.prng, ctx.clock.now(), ctx.rooms, ctx.media));
  },
  settle,
  tick: settle,
  match: matchRoute,
  run: (ctx, op, req, params) => op.run(ctx, req, params.recordingId ?? params.roomId ?? ''),
  errors: errorsOf(errors),
  bodyLimit: { bytes: BODY_LIMIT_BYTES, waivedBy: 'oversized-body-accepted' },
  outgoing(ctx, res) {
    if (res.status === 404 && has(ctx, 'not-found-message-missing') && typeof res.body === 'string') {
      const { message: _dropped, ...rest } = JSON.parse(res.body) as Record<string, unknown>;
      res.body = JSON.stringify(rest);
    }
    if (res.status === 422 && has(ctx, 'validation-messages-generic') && typeof res.body === 'string') {
      const body = JSON.parse(res.body) as { details?: { field: string; message: string }[] };
      res.body = JSON.stringify({ ...body, details: body.details?.map((d) => ({ ...d, message: 'Invalid input' })) });
    }
    return res;
  },
  control: (ctx, action, body) => runControl(ctx, action, body),
  flush: (ctx) => ctx.webhooks.flush(),
  statuses: (ctx) => [...ctx.store.all()].map((r) => ({ kind: 'recording', id: r.recordingId, room: r.roomId, status: r.status })),
  snapshot(ctx) {
    settle(ctx);
    return {
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
  close: (ctx) => ctx.webhooks.close(),
});
