// The stateful Eyeson recordings mock: its context (state, clock, prng, faults), lazy settling,
// routes and control actions, assembled by the shared core (mock/core/define-mock.ts).
// Platform-neutral.
import { createPrng } from '../../core/prng.ts';
import { json } from '../../core/http.ts';
import { defineMock, errorsOf } from '../core/define-mock.ts';
import { runControl } from './control.ts';
import { RECORDING_MEDIA, isExpired } from './context.ts';
import { loadDefaults } from './datasets.ts';
import * as errors from './errors.ts';
import { settle } from './meeting.ts';
import { presentRecording } from './wire.ts';
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

export type EyesonMock = TickingMock<EyesonContext>;

/** Thrown out of handle() only with strictSpec, so tests see the mock's own spec violations. */
export { SpecViolationError } from '../spec-guard.ts';

const DEFAULT_ORIGIN = 'http://localhost';

export const createEyesonMock: (opts: EyesonMockOptions) => EyesonMock = defineMock({
  api: 'eyeson',
  context: ({ clock, faults, fetch, opts }) => {
    if (!opts.media.info(RECORDING_MEDIA)) throw new Error(`eyeson mock: the media store has no ${RECORDING_MEDIA}`);
    const ctx: EyesonContext = {
      clock,
      faults,
      prng: createPrng(opts.seed),
      seed: opts.seed,
      store: createRecordingStore(),
      teams: new Map(),
      rooms: new Map(),
      members: new Map(),
      media: opts.media,
      linkSecret: '',
      origin: DEFAULT_ORIGIN,
      reads: 0,
      webhooks: createWebhookDispatcher({
        fetch,
        now: () => clock.now(),
        has: (f) => faults.has(f),
        present: (r) => presentRecording(ctx, r, faults.has('webhook-links-default-origin') ? DEFAULT_ORIGIN : ctx.origin),
        registrationsFor: function* (url) {
          for (const t of ctx.teams.values()) if (t.webhook?.url === url) yield t.webhook;
        },
      }),
    };
    return ctx;
  },
  reset(ctx, seed) {
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
  },
  // Absolute URLs in webhooks (sent outside any request) use the origin of the latest request.
  receive(ctx, req) {
    ctx.origin = req.origin || DEFAULT_ORIGIN;
  },
  settle,
  tick: settle,
  match: matchRoute,
  run: (ctx, op, req, params) => op.run(ctx, req, paramOf(params)),
  errors: errorsOf(errors),
  // A client that must judge server-side durations (a download link's hour) reads the server's time here.
  dateHeader: true,
  control: (ctx, action, body) => runControl(ctx, action, body),
  badInput: (message) => json(400, { error: message }),
  flush: (ctx) => ctx.webhooks.flush(),
  statuses: (ctx) =>
    [...ctx.store.all()].map((r) => ({ kind: 'recording', id: r.id, room: r.roomId, status: r.deletedAt !== undefined ? 'deleted' : stateOf(r) })),
  snapshot(ctx) {
    settle(ctx);
    return {
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
  close: (ctx) => ctx.webhooks.close(),
});
