// Lifetimes measured on the server's clock (suites/horn/lifetimes.ts): a fake server whose Date
// header follows a clock the test moves. A credential that ends early fails "works until", one
// that outlives its ttl fails "stops", and instants the server's clock does not reach in the
// budget are not applicable, never passed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CheckFailure, NotApplicable } from '../../core/check.ts';
import type { CheckContext, TargetResponse } from '../../core/check.ts';
import { ServerClock, watchLifetimes } from '../../suites/horn/lifetimes.ts';

interface Recorded {
  rule: string;
  status: 'passed' | 'failed' | 'not-applicable' | 'not-run';
  decision?: string;
}

/** A context with a control API that moves `clock.now`, recording rules as the runner would. */
function fakeContext(clock: { now: number }, withControl: boolean): { ctx: CheckContext; rules: Recorded[] } {
  const rules: Recorded[] = [];
  const ctx = {
    ...(withControl ? { control: { advanceClock: async (ms: number) => void (clock.now += ms) } } : {}),
    async rule(name: string, body: () => unknown, opts?: { decision?: string }) {
      try {
        await body();
        rules.push({ rule: name, status: 'passed', ...(opts?.decision ? { decision: opts.decision } : {}) });
        return true;
      } catch (e) {
        if (e instanceof CheckFailure) rules.push({ rule: name, status: 'failed' });
        else if (e instanceof NotApplicable) rules.push({ rule: name, status: 'not-applicable' });
        else throw e;
        return false;
      }
    },
    skip: (name: string) => void rules.push({ rule: name, status: 'not-applicable' }),
    notRun: (name: string) => void rules.push({ rule: name, status: 'not-run' }),
    fail: (f: ConstructorParameters<typeof CheckFailure>[0]) => {
      throw new CheckFailure(f);
    },
    notApplicable: (reason: string) => {
      throw new NotApplicable(reason);
    },
  } as unknown as CheckContext;
  return { ctx, rules };
}

/** An answer stamped with the fake server's time, as a real server's Date header would be. */
const answer = (status: number, at: number): TargetResponse =>
  ({ status, headers: { date: new Date(at).toUTCString() }, bytes: new Uint8Array(), text: () => '', json: () => ({}), exchange: { request: { method: 'GET', url: 'x', headers: {} }, response: { status, headers: {}, bodyExcerpt: '' }, durationMs: 0 }, curl: 'curl x' }) as TargetResponse;

const T0 = Date.UTC(2026, 0, 1);

async function watch(expiresAfterMs: number, lifetimeMs: number) {
  const clock = { now: T0 };
  const { ctx, rules } = fakeContext(clock, true);
  const made = answer(200, clock.now);
  await watchLifetimes(ctx, new ServerClock(ctx, made), [
    { what: 'a URL', lifetimeMs, madeAt: T0, madeAfter: T0, operation: 'op', use: async () => answer(clock.now - T0 < expiresAfterMs ? 200 : 403, clock.now) },
  ]);
  return rules;
}

test('a credential that lives exactly its ttl passes both rules; the clock is moved to both sides of the end', async () => {
  const rules = await watch(60_000, 60_000);
  assert.deepEqual(rules.map((r) => r.status), ['passed', 'passed']);
});

test('a credential that ends early fails "works until"; one that outlives its ttl fails "stops"', async () => {
  assert.deepEqual((await watch(40_000, 60_000)).map((r) => r.status), ['failed', 'passed']);
  assert.deepEqual((await watch(300_000, 60_000)).map((r) => r.status), ['passed', 'failed']);
});

test('without control, a lifetime the server clock cannot get through in the budget is not applicable, never passed', async () => {
  const clock = { now: T0 };
  const { ctx, rules } = fakeContext(clock, false);
  // A server clock that runs at wall speed: a day cannot pass within a 2-second budget.
  const started = Date.now();
  const serverNow = () => T0 + (Date.now() - started);
  await watchLifetimes(
    ctx,
    new ServerClock(ctx, answer(200, serverNow())),
    [{ what: 'a URL', lifetimeMs: 86_400_000, madeAt: T0, madeAfter: T0, operation: 'op', use: async () => answer(200, serverNow()) }],
    2_000,
  );
  assert.deepEqual(rules.map((r) => r.status), ['not-applicable', 'not-applicable']);
});

test('without control, a fast server clock is followed by its Date header (nothing judged on our clock)', async () => {
  const clock = { now: T0 };
  const { ctx, rules } = fakeContext(clock, false);
  const started = Date.now();
  // 120 times wall speed: the 1-minute lifetime passes in half a second of wall time.
  const serverNow = () => T0 + (Date.now() - started) * 120;
  await watchLifetimes(
    ctx,
    new ServerClock(ctx, answer(200, serverNow())),
    [{ what: 'a URL', lifetimeMs: 60_000, madeAt: T0, madeAfter: T0, operation: 'op', use: async () => answer(serverNow() - T0 < 60_000 ? 200 : 403, serverNow()) }],
    10_000,
  );
  assert.equal(rules[1]?.status, 'passed', JSON.stringify(rules));
  assert.notEqual(rules[0]?.status, 'failed', JSON.stringify(rules));
});

test('without control, a server that judges before it stamps its Date (a busy server, a fast clock) is not failed for the gap', async () => {
  const clock = { now: T0 };
  const { ctx, rules } = fakeContext(clock, false);
  const started = Date.now();
  const serverNow = () => T0 + (Date.now() - started) * 120;
  // Each answer is judged on the server's clock when the request arrives, and stamped 40 ms of
  // wall time (about 5 s of this server's time) later: the stamp alone would say "still works after its end".
  const use = async () => {
    const judgedAt = serverNow();
    await new Promise((r) => setTimeout(r, 40));
    return answer(judgedAt - T0 < 60_000 ? 200 : 403, serverNow());
  };
  await watchLifetimes(ctx, new ServerClock(ctx, answer(200, serverNow())), [{ what: 'a URL', lifetimeMs: 60_000, madeAt: T0, madeAfter: T0, operation: 'op', use }], 10_000);
  assert.ok(rules.every((r) => r.status !== 'failed'), JSON.stringify(rules));
  assert.equal(rules[1]?.status, 'passed', JSON.stringify(rules));
});

test('a server that judges a credential seconds before it stamps its Date is judged between the two, not by the stamp alone', async () => {
  const clock = { now: T0 };
  const { ctx, rules } = fakeContext(clock, true);
  // Judged on the clock as the request arrives, stamped 5 s of server time later.
  const use = async () => {
    const judgedAt = clock.now;
    clock.now += 5_000;
    return answer(judgedAt - T0 < 60_000 ? 200 : 403, clock.now);
  };
  await watchLifetimes(ctx, new ServerClock(ctx, answer(200, T0)), [{ what: 'a URL', lifetimeMs: 60_000, madeAt: T0, madeAfter: T0, operation: 'op', use }]);
  assert.deepEqual(rules.map((r) => r.status), ['passed', 'passed'], JSON.stringify(rules));
});
