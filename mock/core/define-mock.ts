// The shared mock core: everything a mock does that is not about its platform. An API supplies
// its state (context + reset), its routes and how to run a matched operation, its error bodies,
// lazy settling, its faults' wire effects and control actions; defineMock() turns that into an
// ApiMock with one request path for all four APIs:
//
//   settle → route → 404 / 405 with Allow → params → body limit → run → outgoing → spec guard → HEAD
//
// wrapped so that handle() and control() never throw (an unexpected error becomes the API's
// documented 500), with the clock, fault set, reset, snapshot header and tick owned here.
// Platform-neutral: no node: imports (the browser bundle includes it).
import { createClock, type Clock } from '../../core/clock.ts';
import { json, type MockRequest, type MockResponse } from '../../core/http.ts';
import type { RouteMatch } from '../../core/router.ts';
import type { SpecValidator } from '../../core/check.ts';
import { DELIVERY_SIZE, recordingFetch, Ring, StatusHistory, type Delivery, type StatusItem } from '../observe.ts';
import { asHead, createSpecGuard, neverThrow } from '../spec-guard.ts';
import { BadInput, isObject } from './control-input.ts';
import type { ApiMock, ApiName, CoreMockOptions } from './types.ts';

/** What the core gives an API to build its context from. */
export interface MockEnv<O extends CoreMockOptions> {
  clock: Clock;
  faults: Set<string>;
  /** Outgoing HTTP (webhooks, callbacks): the injected one, or the global fetch. */
  fetch: typeof fetch;
  opts: O;
}

/** What every context holds; the core reads the clock from it (an API may wrap the one it got). */
export interface BaseContext {
  clock: Clock;
  faults: Set<string>;
}

/** The API's documented error bodies for what the core answers itself. */
export interface MockErrors {
  notFound(req: MockRequest): MockResponse;
  methodNotAllowed(req: MockRequest, allow: string[]): MockResponse;
  payloadTooLarge?(limit: number, req: MockRequest): MockResponse;
  /** The 500 of an unexpected error; `req` is undefined for a control action. */
  internal(message: string, req?: MockRequest): MockResponse;
}

/** An API's errors module, where it has the usual functions: the core's MockErrors built from it. */
export interface ErrorBodies {
  routeNotFound(method: string, path: string): MockResponse;
  methodNotAllowed(method: string, allow: string[]): MockResponse;
  payloadTooLarge?(limit: number): MockResponse;
  internal(message: string): MockResponse;
}

export const errorsOf =
  (e: ErrorBodies) =>
  (): MockErrors => ({
    notFound: (req) => e.routeNotFound(req.method, req.path),
    methodNotAllowed: (req, allow) => e.methodNotAllowed(req.method, allow),
    ...(e.payloadTooLarge ? { payloadTooLarge: e.payloadTooLarge } : {}),
    internal: (message) => e.internal(message),
  });

/** The core's own control tools, handed to an API's control actions. */
export interface ControlTools<T> {
  /** Settles every due transition now (as control('tick') does). */
  tick(): T;
}

export interface MockDefinition<Ctx extends BaseContext, Op, O extends CoreMockOptions, T extends number | Promise<number>> {
  api: ApiName;
  /** Builds the one mutable context; reset() then fills it. */
  context(env: MockEnv<O>): Ctx;
  /** Back to the seeded initial state, in place. */
  reset(ctx: Ctx, seed: number): void;
  /** Lazy settling before a request is routed (transitions the clock has made due). */
  settle(ctx: Ctx): unknown;
  /** control('tick') and mock.tick(): settle everything now; answers how much changed. */
  tick(ctx: Ctx): T;
  /** Seen first for every documented-API request (e.g. to remember the origin for links). */
  receive?(ctx: Ctx, req: MockRequest): void;
  match(method: string, path: string): RouteMatch<Op>;
  /**
   * The matched parameters as the handlers want them (decoded, validated), or the answer when
   * they name nothing. Runs before the body limit, as a router's parameter constraints would.
   */
  params?(ctx: Ctx, raw: Record<string, string>, req: MockRequest): Record<string, string> | MockResponse;
  run(ctx: Ctx, op: Op, req: MockRequest, params: Record<string, string>): Promise<MockResponse>;
  /** The spec's operationId the answer is judged by (undefined: not judged); by default the operation's `id`. */
  operationId?(op: Op, req: MockRequest, spec: SpecValidator | undefined): string | undefined;
  /** Built once per mock, from its context (error bodies some faults bend). */
  errors(ctx: Ctx): MockErrors;
  /**
   * Bodies above `bytes` are refused with errors.payloadTooLarge, unless fault `waivedBy` is on.
   * `of` gives one operation a limit of its own (undefined: `bytes`), for an endpoint that
   * documents a larger one (an upload) or answers oversized bodies itself (Infinity).
   */
  bodyLimit?: { bytes: number; waivedBy?: string; of?(ctx: Ctx, op: Op): number | undefined };
  /** Applied to every documented-API answer before the spec guard: faults that bend the envelope. */
  outgoing?(ctx: Ctx, res: MockResponse): MockResponse;
  /** Every answer carries the mock's own time as `Date` (RFC 9110 §6.6.1), for clients that measure TTLs by it. */
  dateHeader?: boolean;
  /** Judge requests as well as responses (default true); off where the spec cannot say where a parameter travels. */
  validateRequests?: boolean;
  /** Start of the message of an unexpected error's 500 (default 'Unexpected error'). */
  unexpected?: string;
  /**
   * The API's own control actions (POST /__callrec/action/<name>, seed, provider-state); `body`
   * is the JSON object sent ({} for anything else). A failed need() is answered by badInput.
   */
  control(ctx: Ctx, action: string, body: Record<string, unknown>, tools: ControlTools<T>): Promise<MockResponse>;
  /** The 400 for control input that fails need() (default {error: 'Bad Request', message}). */
  badInput?(message: string): MockResponse;
  /** Waits for outgoing webhooks in flight (control action `webhook-flush`). */
  flush?(ctx: Ctx): Promise<void>;
  /**
   * What has a status the dashboard follows (recordings; Talk's rooms), read as it is now without
   * settling (the core samples right after requests and ticks, which settle). See mock/observe.ts.
   */
  statuses?(ctx: Ctx): StatusItem[];
  /** The state as JSON, after `api`, `seed` and `now` (settle first where reads settle). */
  snapshot(ctx: Ctx): Record<string, unknown>;
  /** Releases timers (webhook retries, long polls). */
  close?(ctx: Ctx): Promise<void>;
}

/** A mock built by defineMock: the ApiMock surface plus its live context and tick. */
export interface DefinedMock<Ctx, T> extends ApiMock {
  readonly ctx: Ctx;
  tick(): T;
}

/** The fault every API has under this name: a wrong method answers 404 instead of 405 with Allow. */
const UNKNOWN_METHOD_404 = 'unknown-method-404';

const isResponse = (v: Record<string, string> | MockResponse): v is MockResponse => typeof (v as MockResponse).status === 'number';

export function defineMock<Ctx extends BaseContext, Op, O extends CoreMockOptions, T extends number | Promise<number>>(
  def: MockDefinition<Ctx, Op, O, T>,
): (opts: O) => DefinedMock<Ctx, T> {
  return (opts) => {
    const faults = new Set<string>(opts.faults ?? []);
    const outerClock = opts.clock ?? createClock();
    // Every outgoing request goes through this fetch, so the dashboard sees each delivery and its answer.
    const deliveries = new Ring<Delivery>(DELIVERY_SIZE);
    const baseFetch: typeof fetch = opts.fetch ?? ((...args) => globalThis.fetch(...args));
    const env: MockEnv<O> = { clock: outerClock, faults, fetch: recordingFetch(baseFetch, deliveries, outerClock), opts };
    const ctx = def.context(env);
    const clock = ctx.clock;
    const history = def.statuses ? new StatusHistory(() => def.statuses!(ctx), clock) : undefined;
    const guard = createSpecGuard({ api: def.api, spec: opts.spec, strict: opts.strictSpec, faults, validateRequests: def.validateRequests });
    const errors = def.errors(ctx);
    const out = def.outgoing ? (res: MockResponse) => def.outgoing!(ctx, res) : (res: MockResponse) => res;
    const unexpected = def.unexpected ?? 'Unexpected error';
    let seed = opts.seed;

    const limitOf = (op: Op): number => def.bodyLimit!.of?.(ctx, op) ?? def.bodyLimit!.bytes;
    const tooLarge = (req: MockRequest, op: Op): boolean =>
      def.bodyLimit !== undefined && req.body.byteLength > 0 && req.body.byteLength > limitOf(op) && !(def.bodyLimit.waivedBy !== undefined && faults.has(def.bodyLimit.waivedBy));

    async function route(req: MockRequest): Promise<MockResponse> {
      def.receive?.(ctx, req);
      const settling = def.settle(ctx);
      if (settling instanceof Promise) await settling;
      const m = def.match(req.method, req.path);
      if (m.kind === 'not-found') return out(errors.notFound(req));
      if (m.kind === 'method-not-allowed') return out(faults.has(UNKNOWN_METHOD_404) ? errors.notFound(req) : errors.methodNotAllowed(req, m.allow));
      let res: MockResponse;
      const params = def.params ? def.params(ctx, m.params, req) : m.params;
      if (isResponse(params)) res = params;
      else if (tooLarge(req, m.operation)) res = errors.payloadTooLarge!(limitOf(m.operation), req);
      else res = await def.run(ctx, m.operation, req, params);
      const id = def.operationId ? def.operationId(m.operation, req, opts.spec) : (m.operation as { id?: string }).id;
      res = out(res);
      if (id !== undefined) res = guard(id, req, res);
      return m.head ? asHead(res) : res;
    }

    // The server's time, formatted once per second of mock time (a polled resource asks often).
    let dateSecond = Number.NaN;
    let dateText = '';
    function dated(res: MockResponse): MockResponse {
      if (res.headers['date']) return res;
      const second = Math.floor(clock.now() / 1000);
      if (second !== dateSecond) {
        dateSecond = second;
        dateText = new Date(second * 1000).toUTCString();
      }
      return { ...res, headers: { ...res.headers, date: dateText } };
    }

    const sampled = <R>(r: R): R => (history?.sample(), r);
    const tick = (): T => {
      const settled = def.tick(ctx);
      return (settled instanceof Promise ? settled.then(sampled) : sampled(settled)) as T;
    };
    const badInput = def.badInput ?? ((message: string) => json(400, { error: 'Bad Request', message }));
    async function control(action: string, body: unknown): Promise<MockResponse> {
      if (action === 'tick') return json(200, { settled: await tick(), now: clock.now() });
      if (action === 'webhook-flush' && def.flush) {
        await def.flush(ctx);
        return json(200, { ok: true });
      }
      try {
        return await def.control(ctx, action, isObject(body) ? body : {}, { tick });
      } catch (e) {
        if (e instanceof BadInput) return badInput(e.message);
        throw e;
      }
    }

    const mock: DefinedMock<Ctx, T> = {
      api: def.api,
      clock,
      faults,
      ctx,
      handle: async (req) => {
        const res = await neverThrow(() => route(req), (message) => errors.internal(message, req), unexpected);
        // Reads change no status that the next tick would not see; a write is looked at by the next sample.
        if (history && req.method !== 'GET' && req.method !== 'HEAD') history.written();
        return def.dateHeader ? dated(res) : res;
      },
      control: (action, body) =>
        neverThrow(() => control(action, body), (message) => errors.internal(message), `control action '${action}' failed`).then((r) =>
          action === 'tick' ? r : sampled(r),
        ),
      reset(newSeed) {
        if (newSeed !== undefined) seed = newSeed;
        def.reset(ctx, seed);
        history?.restart();
      },
      snapshot: () => ({ api: def.api, seed, now: clock.now(), ...def.snapshot(ctx) }),
      observed: {
        sample: () => history?.sampleIfDirty(),
        deliveries: () => deliveries.list(),
        history: () => history?.list() ?? { tracking: false, maxItems: 0, items: [] },
      },
      tick,
      async close() {
        await def.close?.(ctx);
      },
    };
    mock.reset(seed);
    return mock;
  };
}
