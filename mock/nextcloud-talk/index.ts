// The stateful Nextcloud Talk mock (Talk API v1 + recording API v1) behind /ocs/v2.php: its
// context, settling, routes with OCS rendering, and control actions, assembled by the shared
// core (mock/core/define-mock.ts). Platform-neutral.
import { json, type MockResponse } from '../../core/http.ts';
import { createPrng } from '../../core/prng.ts';
import { defineMock, type DefinedMock } from '../core/define-mock.ts';
import type { CoreMockOptions } from '../core/types.ts';
import { authenticate, passesCsrf } from './auth.ts';
import { defaultConfig, has, type TalkContext } from './context.ts';
import { runControl, settleAll } from './control.ts';
import { seedDefault } from './datasets.ts';
import { lazyInput, readInput } from './input.ts';
import { ChatWaiters, observedClock } from './long-poll.ts';
import { failure, render } from './ocs.ts';
import { matchRoute, type TalkRequest } from './router.ts';
import { TalkStore } from './store.ts';
import type { MediaStore } from '../media-store.ts';
import { closeRecording, installRecording, recordingBodyLimit, recordingControl, recordingSnapshot, resetRecording, settleRecordings } from './recording/index.ts';

export { faults } from './faults.ts';
export { ROOMS, DEFAULT_USERS, ROOM_PASSWORD } from './datasets.ts';
export { PROVIDER_STATES } from './control.ts';
export { BASE_PATH } from './router.ts';

/** Request bodies above this are refused with 413 (a callrec decision; PHP's limits vary per server). */
export const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export interface NextcloudTalkMockOptions extends CoreMockOptions {
  /** Media the simulated recording server uploads (fixtures); recordings need it, Talk v1 does not. */
  media?: MediaStore;
}

/** Its tick also settles lobby timers, long-poll deadlines and due recording-server callbacks. */
export type NextcloudTalkMock = DefinedMock<TalkContext, Promise<number>>;

/** Thrown out of handle() only with strictSpec, so tests see the mock's own spec violations. */
export { SpecViolationError } from '../spec-guard.ts';

const NOT_LOGGED_IN = 'Current user is not logged in';
const TOKEN_PATTERN = /^[a-z0-9]{4,30}$/;

async function tick(ctx: TalkContext): Promise<number> {
  // The fault leaves lobby timers that pass after they were set unsettled (rooms.ts too).
  const n = has(ctx, 'lobby-timer-never-opens') ? 0 : settleAll(ctx);
  ctx.waiters.clockMoved();
  await settleRecordings(ctx);
  return n;
}

/** Room.callRecording's values, as the Talk API documents them. */
const CALL_RECORDING = ['none', 'video', 'audio', 'starting video', 'starting audio', 'failed'] as const;

export const createNextcloudTalkMock: (opts: NextcloudTalkMockOptions) => NextcloudTalkMock = defineMock({
  api: 'nextcloud-talk',
  context: ({ clock: inner, faults, fetch, opts }) => {
    // The clock is observed so a frozen-clock long-poll ends as soon as time passes its deadline.
    const clock = observedClock(inner, () => ctx.waiters.clockMoved());
    const ctx: TalkContext = {
      clock,
      faults,
      prng: createPrng(opts.seed),
      store: new TalkStore(faults),
      config: defaultConfig(),
      outbox: [],
      fetch,
      waiters: new ChatWaiters(clock),
      hooks: { callEnded: [] },
      signalingQueues: new Map(),
      origin: '',
    };
    installRecording(ctx, opts.media);
    return ctx;
  },
  reset(ctx, seed) {
    ctx.waiters.wakeAll();
    ctx.prng = createPrng(seed);
    ctx.store.clear();
    ctx.config = defaultConfig();
    ctx.outbox.length = 0;
    ctx.signalingQueues.clear();
    resetRecording(ctx);
    seedDefault(ctx);
  },
  receive(ctx, req) {
    if (!ctx.origin) ctx.origin = req.origin;
  },
  // Before a request only the recording server's answers settle; lobby timers settle where read.
  settle: settleRecordings,
  tick,
  match: matchRoute,
  // Tokens look like [a-z0-9]{4,30}; anything else is an unknown room (spec: token-pattern).
  params: (ctx, params, req) => {
    // The fault matches the raw path: a percent-escaped token stays escaped and names no room.
    if (has(ctx, 'path-params-raw') && req.path.includes('%')) return render(req, failure(404), ctx);
    return params.token !== undefined && !TOKEN_PATTERN.test(params.token) ? render(req, failure(404), ctx) : params;
  },
  async run(ctx, route, req, params) {
    // CSRF first (spec: ocs-api-request); its failure is not wrapped in the OCS envelope
    // (only 401/403 are re-wrapped; facts §2.4).
    if (!route.noCsrf && !passesCsrf(ctx, req)) return has(ctx, 'csrf-refusal-wrapped') ? render(req, failure(412, 'CSRF check failed'), ctx) : json(412, { message: 'CSRF check failed' });
    const auth = authenticate(ctx, req);
    const notLoggedIn = () => render(req, failure(997, has(ctx, 'not-logged-in-message-empty') ? '' : NOT_LOGGED_IN), ctx);
    if (!auth.ok) return notLoggedIn();
    if ((route.access ?? 'user') === 'user' && auth.actor.kind !== 'user' && !has(ctx, 'body-read-before-login-check')) return notLoggedIn();
    const input = route.rawBody ? { ok: true as const, input: lazyInput(req) } : readInput(req, ctx.faults);
    if (!input.ok) return render(req, failure(400, input.error), ctx);
    // Fields spelled out: a spread of the adapter's request object took V8's slow path (a third
    // of this function's time in profiles).
    const treq: TalkRequest = {
      method: req.method,
      path: req.path,
      query: req.query,
      headers: req.headers,
      body: req.body,
      origin: req.origin,
      actor: auth.actor,
      input: input.input,
    };
    const out = await route.handler(ctx, treq, params);
    if (has(ctx, 'ocs-meta-paging-always')) Object.assign(out, { totalitems: 0, itemsperpage: 0 });
    if (has(ctx, 'refusal-data-not-empty') && out.statuscode >= 400 && Array.isArray(out.data) && out.data.length === 0) out.data = { error: 'refused' };
    if (has(ctx, 'write-answer-not-empty') && req.method !== 'GET' && out.statuscode === 200 && Array.isArray(out.data) && out.data.length === 0) out.data = { done: true };
    return render(req, out, ctx);
  },
  // Talk's routes carry no operationId: the spec finds the operation by method and path.
  operationId: (_route, req, spec) => spec?.findOperation(req.method, req.path)?.operationId,
  errors: (ctx) => ({
    notFound: (req) => render(req, has(ctx, 'route-miss-plain-404') ? failure(404) : failure(998, 'Invalid query, please check the syntax.'), ctx),
    methodNotAllowed: (req, allow) => render(req, failure(405, '', [], { allow: (has(ctx, 'allow-methods-unsorted') ? [...allow].reverse() : allow).join(', ') }), ctx),
    payloadTooLarge: (_limit, req) => render(req, failure(413), ctx),
    internal: (message, req) => (req ? render(req, failure(996, message), ctx) : json(500, { error: 'Internal Server Error', message })),
  }),
  // The recording upload has a limit of its own (recording/index.ts).
  bodyLimit: { bytes: BODY_LIMIT_BYTES, of: recordingBodyLimit },
  // OCS reads every parameter from the query string, a JSON body or a form body alike, which
  // OpenAPI cannot express; so only responses are judged against the spec here.
  validateRequests: false,
  unexpected: 'Internal error',
  control: async (ctx, action, body) => (await recordingControl(ctx, action, body)) ?? (await runControl(ctx, action, body)),
  // Talk keeps a call's recording status on its room (callRecording), not on a recording object.
  statuses: (ctx) => [...ctx.store.rooms.values()].map((r) => ({ kind: 'room', id: r.token, status: CALL_RECORDING[r.callRecording] })),
  snapshot(ctx) {
    settleAll(ctx);
    const rooms = [...ctx.store.rooms.values()];
    return {
      config: ctx.config,
      users: [...ctx.store.users.values()].map((u) => ({ id: u.id, displayName: u.displayName, isAdmin: u.isAdmin, groups: u.groups })),
      roomCount: rooms.length,
      rooms: rooms.slice(0, 1000).map((r) => ({
        ...r,
        participants: ctx.store.participants(r.token).map((p) => ({ actorType: p.actorType, actorId: p.actorId, participantType: p.participantType, inCall: p.inCall, sessionId: p.sessionId === '0' ? '0' : `${p.sessionId.slice(0, 8)}…` })),
        messageCount: ctx.store.messages(r.token).length,
        lastMessageId: ctx.store.lastMessage(r.token)?.id ?? 0,
      })),
      notifications: ctx.store.notifications,
      outbox: ctx.outbox,
      pendingLongPolls: ctx.waiters.size,
      recording: recordingSnapshot(ctx),
    };
  },
  async close(ctx) {
    ctx.waiters.wakeAll();
    await closeRecording(ctx);
  },
});
