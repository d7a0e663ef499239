// The stateful Horn channel-recordings mock: its context (users, channels, recordings, clock,
// prng, faults), lazy settling, routes and control actions, assembled by the shared core
// (mock/core/define-mock.ts). Platform-neutral (runs under node:http and under msw in a browser).
import { createPrng } from '../../core/prng.ts';
import { decodeParams } from '../../core/router.ts';
import type { MockResponse } from '../../core/http.ts';
import { defineMock, errorsOf } from '../core/define-mock.ts';
import { has } from './context.ts';
import { badControlInput, runControl } from './control.ts';
import { SEEDED_TOKENS, USERS, defaultChannels, defaultRecordings, defaultUsers } from './datasets.ts';
import * as errors from './errors.ts';
import { createEventDispatcher } from './webhooks.ts';
import { readyAt } from './lifecycle.ts';
import { createSegmentMedia } from './media.ts';
import { matchRoute } from './router.ts';
import { createRecordingStore } from './store.ts';
import { present } from './wire.ts';
import type { HornContext } from './context.ts';
import type { SeededRole } from './datasets.ts';
import type { Recording } from './types.ts';
import type { MediaMockOptions, TickingMock } from '../mock-options.ts';

export { faults } from './faults.ts';
export { CHANNELS, SEEDED_TOKENS, USERS } from './datasets.ts';
export { PROVIDER_STATES } from './control.ts';
export { DEFAULT_WEBHOOK_SECRET } from './webhooks.ts';
export { BASE_PATH } from './paths.ts';

export type HornMockOptions = MediaMockOptions;

export type HornMock = TickingMock<HornContext>;

/** Thrown out of handle() only with strictSpec, so tests see the mock's own spec violations. */
export { SpecViolationError } from '../spec-guard.ts';

/** Lazy settling: every ended recording whose processing time has passed becomes ready, oldest first. */
function settle(ctx: HornContext): number {
  const now = ctx.clock.now();
  const due: { r: Recording; at: number }[] = [];
  for (const r of ctx.store.unsettled()) {
    if (r.endTime === undefined) continue;
    const at = readyAt(r as Recording & { endTime: number });
    if (at <= now) due.push({ r, at });
  }
  // Recordings ready at the same instant are announced in id order (decision event-types).
  due.sort((a, b) => a.at - b.at || (has(ctx, 'same-instant-ready-reversed') ? (a.r.id < b.r.id ? 1 : -1) : a.r.id < b.r.id ? -1 : 1));
  for (const { r, at } of due) {
    ctx.store.markReady(r.id, at);
    ctx.events.emit('recording.ready', present(ctx, r), at);
  }
  return due.length;
}

/** The envelope faults, applied to every error body on the way out (and the header fault to downloads). */
function bendErrors(ctx: HornContext, res: MockResponse): MockResponse {
  if (has(ctx, 'accept-ranges-missing')) {
    const { 'accept-ranges': _dropped, ...headers } = res.headers;
    return { ...res, headers };
  }
  if (res.status < 400 || typeof res.body !== 'string') return res;
  if (!has(ctx, 'error-code-lowercase') && !has(ctx, 'error-message-missing')) return res;
  const body = JSON.parse(res.body) as { error: string; message?: string };
  if (has(ctx, 'error-code-lowercase')) body.error = body.error.toLowerCase();
  if (has(ctx, 'error-message-missing')) delete body.message;
  return { ...res, body: JSON.stringify(body) };
}

export const createHornMock: (opts: HornMockOptions) => HornMock = defineMock({
  api: 'horn',
  context: ({ clock, faults, fetch, opts }): HornContext => ({
    clock,
    faults,
    prng: createPrng(opts.seed),
    store: createRecordingStore(),
    channels: new Map(),
    users: new Map(),
    tokens: new Map(),
    media: createSegmentMedia(opts.media),
    mediaStore: opts.media,
    events: createEventDispatcher({ fetch, has: (f) => faults.has(f) }),
    signingKey: new Uint8Array(),
    reads: 0,
  }),
  reset(ctx, seed) {
    ctx.prng = createPrng(seed);
    ctx.signingKey = new TextEncoder().encode(`callrec-horn-signing-key-${seed}`);
    ctx.store.clear();
    ctx.users = new Map(defaultUsers().map((u) => [u.id, u]));
    ctx.tokens = new Map((Object.keys(SEEDED_TOKENS) as SeededRole[]).map((role) => [SEEDED_TOKENS[role], USERS[role].id]));
    ctx.channels = new Map(defaultChannels(ctx.prng).map((c) => [c.id, c]));
    ctx.events.registration = undefined;
    ctx.reads = 0;
    ctx.store.insertMany(defaultRecordings(ctx.prng, ctx.clock.now()));
  },
  settle,
  tick: settle,
  match: matchRoute,
  // A segment that cannot be percent-decoded names nothing: 404, which every operation documents.
  params: (_ctx, raw) => decodeParams(raw) ?? errors.error(404, 'NOT_FOUND', 'malformed percent-encoding in the path names no resource'),
  run: (ctx, op, req, params) => op.run(ctx, req, params),
  errors: errorsOf(errors),
  outgoing: bendErrors,
  // A client measures TTLs on the server's clock, which here may be frozen or run faster than wall time.
  dateHeader: true,
  control: (ctx, action, body, tools) => runControl(ctx, tools, action, body),
  badInput: badControlInput,
  flush: (ctx) => ctx.events.flush(),
  // Horn's recordings carry no status field: the lifecycle is read from which times are set (lifecycle.ts).
  statuses: (ctx) =>
    [...ctx.store.all()].map((r) => ({
      kind: 'recording',
      id: r.id,
      room: r.channel,
      status: r.deleted ? 'deleted' : r.readyTime !== undefined ? 'ready' : r.endTime !== undefined ? 'processing' : 'recording',
    })),
  snapshot(ctx) {
    settle(ctx);
    const live = [...ctx.store.all()].filter((r) => !r.deleted);
    return {
      users: [...ctx.users.values()],
      channels: [...ctx.channels.values()],
      webhook: ctx.events.registration ?? null,
      recordingCount: live.length,
      deletedCount: ctx.store.size - live.length,
      // Large generated sets would make a snapshot unreadable: the first 1000 are enough to look at.
      recordings: live.slice(0, 1000).map((r) => ({ ...r })),
    };
  },
  close: (ctx) => ctx.events.close(),
});
