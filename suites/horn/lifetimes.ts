// Lifetimes (the ttl of download URLs and JWTs) run on the server's clock, so the checks measure
// them there: the `Date` header of every answer (RFC 9110 §6.6.1, whole seconds) tells the
// server's time. The same body serves every target. On callrec's mock the clock is moved through
// the control API to each instant worth a look; on a real server (or the mock met without
// control, whose clock may run faster than wall time) the check polls on a wall-time budget and
// paces itself by the rate it sees the server's clock run. Nothing is judged on our own clock,
// so a fast or slow server clock can only make a rule not applicable, never fail it.
import type { CheckContext, FailureInput, TargetResponse } from '../../core/check.ts';
import { excerpt } from '../engine/expect.ts';

/** A little either side of a lifetime, plus the Date header's one-second resolution (below). */
export const MARGIN_MS = 2_000;
const DATE_RESOLUTION_MS = 1_000;
/** Wall time a check may spend waiting for a server's clock (the runner stops a check at 120 s). */
export const WAIT_BUDGET_MS = 90_000;
const MAX_SLEEP_MS = 2_000;
const MIN_SLEEP_MS = 100;
const FIRST_STEP_MS = 250;

/** The server's time of an answer (its Date header), or our clock when it sends none. */
export function serverTime(res: TargetResponse): number {
  const d = Date.parse(res.headers['date'] ?? '');
  return Number.isFinite(d) ? d : Date.now();
}

const seconds = (ms: number) => (ms % 60_000 === 0 && ms >= 60_000 ? `${ms / 60_000} min` : `${ms / 1000} s`);

/** The server's clock as the answers show it, and the way to let its time pass. */
export class ServerClock {
  private readonly firstServer: number;
  private readonly firstWall = performance.now();
  private lastServer: number;
  private lastWall = performance.now();

  constructor(
    private readonly ctx: CheckContext,
    first: TargetResponse,
  ) {
    this.firstServer = this.lastServer = serverTime(first);
  }

  observe(res: TargetResponse): number {
    const t = serverTime(res);
    if (t >= this.lastServer) {
      this.lastServer = t;
      this.lastWall = performance.now();
    }
    return t;
  }

  wallElapsed(): number {
    return performance.now() - this.firstWall;
  }

  /**
   * Server milliseconds per wall millisecond, once measurable: 1.5 s of wall time and two ticks
   * of the Date header seen (one tick alone could be any rate between 0 and twice the truth).
   */
  rate(): number | undefined {
    const wall = this.lastWall - this.firstWall;
    const server = this.lastServer - this.firstServer;
    return wall >= 1_500 && server >= 2 * DATE_RESOLUTION_MS ? server / wall : undefined;
  }

  /** The latest server time an answer has shown (a lower bound on the server's time from now on). */
  latest(): number {
    return this.lastServer;
  }

  /** The server's time now, as far as we can tell (the mock's frozen clock moves only when we move it). */
  now(): number {
    if (this.ctx.control) return this.lastServer;
    return this.lastServer + (performance.now() - this.lastWall) * (this.rate() ?? 1);
  }

  /** Whether `at` (server time) can come within the wall budget left. */
  reachable(at: number, budgetMs: number): boolean {
    if (this.ctx.control) return true;
    const rate = this.rate();
    if (rate === undefined) return true;
    return this.now() + rate * Math.max(0, budgetMs - this.wallElapsed()) >= at;
  }

  /**
   * Lets server time pass toward `at`: moves the mock's clock there, or sleeps one bounded step
   * (short until the server's rate is known, so a fast clock is not overshot).
   */
  async toward(at: number): Promise<void> {
    const left = at - this.now();
    if (this.ctx.control) {
      if (left > 0) {
        await this.ctx.control.advanceClock(Math.ceil(left));
        this.lastServer += Math.ceil(left); // the clock is frozen: it is exactly where we moved it
      }
      return;
    }
    const rate = this.rate();
    const sleep = rate === undefined ? FIRST_STEP_MS : Math.min(MAX_SLEEP_MS, Math.max(MIN_SLEEP_MS, left / rate));
    await new Promise((r) => setTimeout(r, sleep));
  }
}

/** One credential whose lifetime is watched: it must work until it ends and not after. */
export interface Watched {
  /** e.g. "a download URL with ttl=1m" */
  what: string;
  lifetimeMs: number;
  /** Server time of the answer that made it (the Date header: it was made before, within a second). */
  madeAt: number;
  /**
   * The latest server time seen before it was asked for: it was made after this. A slow or busy
   * exchange (or a fast clock) can put seconds of server time between the moment a server reads
   * its clock and the Date it stamps; judging between these bounds keeps that from deciding.
   */
  madeAfter: number;
  /** One use of it (no Bearer token: the credential is in the URL). */
  use(): Promise<TargetResponse>;
  operation: string;
  /** Set when the lifetime itself rests only on a callrec decision (e.g. seconds as a ttl unit). */
  decision?: string;
}

interface State {
  w: Watched;
  /** From this age on a working answer counts as evidence (half the lifetime: a shorter one would have ended). */
  worksFrom: number;
  worksAt?: number;
  worksFailure?: FailureInput;
  stopsAt?: number;
  stopsFailure?: FailureInput;
}

const worksRule = (w: Watched) => `${w.what} works until its lifetime (${seconds(w.lifetimeMs)}) ends`;
const stopsRule = (w: Watched) => `${w.what} stops working when its lifetime (${seconds(w.lifetimeMs)}) ends`;

/**
 * Uses each credential at the instants that tell (just before and just after its lifetime, on the
 * server's clock) and records two rules per credential: works until, stops after. A rule whose
 * instant the server's clock did not reach within the budget is not applicable, with the reason.
 */
export async function watchLifetimes(ctx: CheckContext, clock: ServerClock, watched: Watched[], budgetMs = WAIT_BUDGET_MS): Promise<void> {
  const states: State[] = watched.map((w) => ({ w, worksFrom: w.lifetimeMs / 2 }));
  // The next instant (server time) worth a use of this credential, or undefined once it is settled:
  // the middle of the span where working is evidence, then (on the mock) just before the end,
  // then just after the end. Each aims clear of the Date header's rounding.
  const nextAt = (s: State): number | undefined => {
    if (s.stopsAt !== undefined || s.stopsFailure) return undefined;
    const { lifetimeMs, madeAt } = s.w;
    const nearEnd = lifetimeMs - MARGIN_MS - DATE_RESOLUTION_MS;
    if (!s.worksFailure) {
      if (s.worksAt === undefined) return madeAt + (s.worksFrom + nearEnd) / 2;
      if (ctx.control && s.worksAt < nearEnd - DATE_RESOLUTION_MS) return madeAt + nearEnd;
    }
    return madeAt + lifetimeMs + MARGIN_MS + DATE_RESOLUTION_MS;
  };
  const abandoned = new Set<State>();
  const live = () => states.filter((s) => !abandoned.has(s) && nextAt(s) !== undefined);
  // On the mock each round moves the clock, so a few dozen rounds settle everything; the cap
  // only guards against a clock that will not move.
  for (let round = 0; !ctx.control || round < 500; round++) {
    for (const s of live()) if (!clock.reachable(nextAt(s)!, budgetMs)) abandoned.add(s);
    const open = live();
    if (open.length === 0 || (!ctx.control && clock.wallElapsed() >= budgetMs)) break;
    // For the first wall seconds every credential is used on each step (a fast clock may pass a
    // whole lifetime before its rate is known); after that, the ones due. On a real server one is
    // used on every step anyway, so its clock stays in view and a rate misread early is corrected.
    const early = !ctx.control && clock.rate() === undefined && clock.wallElapsed() < 1_500;
    const due = open.filter((s) => early || clock.now() >= nextAt(s)!);
    if (due.length === 0 && !ctx.control) due.push(open.reduce((a, b) => (nextAt(a)! <= nextAt(b)! ? a : b)));
    for (const s of due) {
      const sentAfter = clock.latest(); // the server reads its clock for this use after this
      judge(s, await s.w.use(), clock, sentAfter);
    }
    const after = live();
    if (after.length) await clock.toward(Math.min(...after.map((s) => nextAt(s)!)));
  }

  const budget = `${Math.round(budgetMs / 1000)} s of wall time`;
  for (const s of states) {
    const opts = { operation: s.w.operation, ...(s.w.decision ? { decision: s.w.decision } : {}) };
    const works = worksRule(s.w);
    if (s.worksFailure) await ctx.rule(works, () => ctx.fail(s.worksFailure!), opts);
    else if (s.worksAt !== undefined) await ctx.rule(works, () => undefined, opts);
    else ctx.skip(works, `the server's clock would not reach ${seconds(s.worksFrom)} after it was made within ${budget}`, opts);
    const stops = stopsRule(s.w);
    if (s.stopsFailure) await ctx.rule(stops, () => ctx.fail(s.stopsFailure!), opts);
    else if (s.stopsAt !== undefined) await ctx.rule(stops, () => undefined, opts);
    else ctx.skip(stops, `the server's clock would not reach ${seconds(s.w.lifetimeMs + MARGIN_MS)} after it was made within ${budget}`, opts);
  }
}

/**
 * Judges one use. The server judged the credential at some instant between the latest time seen
 * before the request went out and the answer's Date (plus its one-second resolution), and made it
 * between `madeAfter` and `madeAt` (plus the resolution): a verdict is drawn only where every age
 * those bounds allow agrees; otherwise the next round asks again.
 */
function judge(s: State, res: TargetResponse, clock: ServerClock, sentAfter: number): void {
  const answeredBy = clock.observe(res) + DATE_RESOLUTION_MS;
  const youngest = sentAfter - (s.w.madeAt + DATE_RESOLUTION_MS);
  const oldest = answeredBy - s.w.madeAfter;
  const { lifetimeMs, operation } = s.w;
  const when = `${(Math.max(0, youngest) / 1000).toFixed(0)}–${(oldest / 1000).toFixed(0)} s after it was made (server clock, Date headers)`;
  const ok = res.status >= 200 && res.status < 300;
  if (oldest <= lifetimeMs - MARGIN_MS) {
    if (!ok) s.worksFailure ??= { rule: worksRule(s.w), expected: `a 2xx answer ${when}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation };
    else if (youngest >= s.worksFrom) s.worksAt = youngest;
  } else if (youngest >= lifetimeMs + MARGIN_MS) {
    if (res.status >= 400 && res.status < 500) s.stopsAt = youngest;
    else s.stopsFailure = { rule: stopsRule(s.w), expected: `a 4xx refusal ${when}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation };
  } else if (ok && youngest >= s.worksFrom && oldest <= lifetimeMs) s.worksAt ??= youngest;
}
