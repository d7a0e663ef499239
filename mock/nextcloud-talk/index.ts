// The stateful Nextcloud Talk mock (Talk API v1 + recording API v1) behind /ocs/v2.php: one
// ApiMock over a TalkContext, a precompiled router, OCS rendering and faults. Platform-neutral.
import { SpecViolationError, createSpecGuard } from '../spec-guard.ts';
import type { ApiMock, MockOptions } from '../../core/api.ts';
import type { SpecValidator } from '../../core/check.ts';
import { createClock } from '../../core/clock.ts';
import { json, type MockRequest, type MockResponse } from '../../core/http.ts';
import { createPrng } from '../../core/prng.ts';
import { authenticate, passesCsrf } from './auth.ts';
import { defaultConfig, type TalkContext } from './context.ts';
import { runControl, settleAll } from './control.ts';
import { seedDefault } from './datasets.ts';
import { lazyInput, readInput } from './input.ts';
import { ChatWaiters, observedClock } from './long-poll.ts';
import { failure, isOcsResult, render } from './ocs.ts';
import { BASE_PATH, matchRoute, type TalkRequest } from './router.ts';
import { TalkStore } from './store.ts';
import type { MediaStore } from '../media-store.ts';
import { closeRecording, installRecording, recordingControl, recordingSnapshot, resetRecording, settleRecordings } from './recording/index.ts';

export { faults } from './faults.ts';
export { ROOMS, DEFAULT_USERS, ROOM_PASSWORD } from './datasets.ts';
export { PROVIDER_STATES } from './control.ts';
export { BASE_PATH } from './router.ts';

/** Request bodies above this are refused with 413 (a callrec decision; PHP's limits vary per server). */
export const BODY_LIMIT_BYTES = 16 * 1024 * 1024;

export interface NextcloudTalkMockOptions extends MockOptions {
  spec?: SpecValidator;
  /** Media the simulated recording server uploads (fixtures); recordings need it, Talk v1 does not. */
  media?: MediaStore;
}

export interface NextcloudTalkMock extends ApiMock {
  /** The live context (tests and the recording slice's tests look inside). */
  readonly ctx: TalkContext;
  /** Settles lobby timers, long-poll deadlines and due recording-server callbacks. */
  tick(): Promise<number>;
}

/** Thrown out of handle() only with strictSpec, so tests see the mock's own spec violations. */
export { SpecViolationError } from '../spec-guard.ts';

const NOT_LOGGED_IN = 'Current user is not logged in';
const TOKEN_PATTERN = /^[a-z0-9]{4,30}$/;

export function createNextcloudTalkMock(opts: NextcloudTalkMockOptions): NextcloudTalkMock {
  const inner = opts.clock ?? createClock();
  const faults = new Set<string>(opts.faults ?? []);
  // OCS reads every parameter from the query string, a JSON body or a form body alike, which
  // OpenAPI cannot express; so only responses are judged against the spec here.
  const checkSpec = createSpecGuard({ api: 'nextcloud-talk', spec: opts.spec, strict: opts.strictSpec, faults, validateRequests: false });
  let seed = opts.seed;
  // The clock is observed so a frozen-clock long-poll ends as soon as time passes its deadline.
  const clock = observedClock(inner, () => ctx.waiters.clockMoved());
  const ctx: TalkContext = {
    clock,
    faults,
    prng: createPrng(seed),
    store: new TalkStore(),
    config: defaultConfig(),
    outbox: [],
    fetch: opts.fetch ?? ((...args) => globalThis.fetch(...args)),
    waiters: new ChatWaiters(clock),
    hooks: { callEnded: [] },
    signalingQueues: new Map(),
    origin: '',
  };

  installRecording(ctx, opts.media);

  async function tick(): Promise<number> {
    const n = settleAll(ctx);
    ctx.waiters.clockMoved();
    await settleRecordings(ctx);
    return n;
  }

  function reset(newSeed?: number): void {
    if (newSeed !== undefined) seed = newSeed;
    ctx.waiters.wakeAll();
    ctx.prng = createPrng(seed);
    ctx.store.clear();
    ctx.config = defaultConfig();
    ctx.outbox.length = 0;
    ctx.signalingQueues.clear();
    resetRecording(ctx);
    seedDefault(ctx);
  }


  async function route(req: MockRequest): Promise<MockResponse> {
    if (!ctx.origin) ctx.origin = req.origin;
    const settling = settleRecordings(ctx);
    if (settling) await settling;
    const m = matchRoute(req.method, req.path);
    if (m.kind === 'not-found') return render(req, failure(998, 'Invalid query, please check the syntax.'), { faults });
    if (m.kind === 'method-not-allowed') return render(req, failure(405, '', [], { allow: m.allow.join(', ') }), { faults });
    // Tokens look like [a-z0-9]{4,30}; anything else is an unknown room (spec: token-pattern).
    if (m.params.token !== undefined && !TOKEN_PATTERN.test(m.params.token)) return render(req, failure(404), { faults });
    if (req.body.byteLength > BODY_LIMIT_BYTES) return render(req, failure(413), { faults });
    // CSRF first (spec: ocs-api-request); its failure is not wrapped in the OCS envelope
    // (only 401/403 are re-wrapped; facts §2.4).
    if (!m.route.noCsrf && !passesCsrf(ctx, req)) return json(412, { message: 'CSRF check failed' });
    const auth = authenticate(ctx, req);
    if (!auth.ok) return render(req, failure(997, NOT_LOGGED_IN), { faults });
    if ((m.route.access ?? 'user') === 'user' && auth.actor.kind !== 'user') return render(req, failure(997, NOT_LOGGED_IN), { faults });
    const input = m.route.rawBody ? { ok: true as const, input: lazyInput(req) } : readInput(req);
    if (!input.ok) return render(req, failure(400, input.error), { faults });
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
    const out = await m.route.handler(ctx, treq, m.params);
    const res = isOcsResult(out) ? render(req, out, { faults }) : out;
    return req.method === 'HEAD' ? { ...res, body: undefined } : res;
  }

  const mock: NextcloudTalkMock = {
    api: 'nextcloud-talk',
    clock,
    faults,
    ctx,
    async handle(req) {
      let res: MockResponse;
      try {
        res = await route(req);
      } catch (e) {
        return render(req, failure(996, `Internal error: ${e instanceof Error ? e.message : String(e)}`), { faults });
      }
      const op = opts.spec?.findOperation(req.method, req.path);
      return op ? checkSpec(op.operationId, req, res) : res;
    },
    async control(action, body) {
      try {
        return (await recordingControl(ctx, action, body)) ?? (await runControl(ctx, action, body, { tick }));
      } catch (e) {
        return json(500, { error: 'Internal Server Error', message: `control action '${action}' failed: ${e instanceof Error ? e.message : String(e)}` });
      }
    },
    reset,
    snapshot() {
      settleAll(ctx);
      const rooms = [...ctx.store.rooms.values()];
      return {
        api: 'nextcloud-talk',
        seed,
        now: clock.now(),
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
    tick,
    async close() {
      ctx.waiters.wakeAll();
      await closeRecording(ctx);
    },
  };
  reset(seed);
  return mock;
}

