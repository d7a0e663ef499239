import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NO_RECEIVER_REASON } from '../../suites/engine/context.ts';
import type { RunEvent } from '../../suites/engine/events.ts';
import { runChecks } from '../../suites/engine/runner.ts';
import type { RunOptions } from '../../suites/engine/runner.ts';
import { deriveSeed, selectChecks, UnknownCheckError } from '../../suites/engine/select.ts';
import { check, fakeControl, fakeModule, fakeSpec, startFakeServer } from './fakes.ts';
import type { FakeServer } from './fakes.ts';
import type { Check } from '../../core/check.ts';

let server: FakeServer;
before(async () => (server = await startFakeServer()));
after(() => server.close());

const run = (checks: Check[], opts: Partial<RunOptions> = {}) => {
  const events: RunEvent[] = [];
  const outcome = runChecks({
    module: fakeModule(checks),
    target: server.origin,
    config: { apiKey: 'k1' },
    seed: 42,
    maxExamples: 5,
    spec: fakeSpec,
    emit: (e) => events.push(e),
    ...opts,
  });
  return outcome.then((o) => ({ ...o, events }));
};

const listOk = check('items.list', async (ctx) => {
  const res = await ctx.target.request({ method: 'GET', path: '/items' });
  if (res.status !== 200) ctx.fail({ rule: 'list answers 200', expected: '200', actual: String(res.status), response: res });
});
const listFails = (id: string) =>
  check(id, async (ctx) => {
    const res = await ctx.target.request({ method: 'GET', path: '/items', query: { page: 2 } });
    ctx.fail({ rule: 'items must be empty', expected: '0 items', actual: `${res.json<{ items: unknown[] }>().items.length} items`, response: res });
  });

describe('runChecks', () => {
  test('a passing and a failing check: the failure carries rule, spec location, operation and curl', async () => {
    const { results, summary } = await run([listOk, listFails('items.empty')]);
    assert.deepEqual(results.map((r) => r.status), ['passed', 'failed']);
    assert.equal(summary.passed, 1);
    assert.equal(summary.failed, 1);
    const f = results[1]!.failure!;
    assert.equal(f.rule, 'items must be empty');
    assert.equal(f.specLocation, 'specs/fake/openapi.yaml#/paths/~1items/get');
    assert.equal(f.operation, 'listItems');
    assert.equal(f.actual, '3 items');
    assert.equal(f.curl, `curl -sS -i -X GET '${server.origin}/api/v1/items?page=2' -H 'x-api-key: k1'`);
    assert.deepEqual(results[1]!.calls, { listItems: 1 });
    assert.deepEqual(results[1]!.statuses, { listItems: [200] });
  });

  test('an unmet need makes the check not applicable with the reason, without running it', async () => {
    let ran = false;
    const needy = check('needs.room', async () => void (ran = true), { needs: ['credentials', 'room'] });
    const { results } = await run([needy]);
    assert.equal(ran, false);
    assert.equal(results[0]!.status, 'not-applicable');
    assert.match(results[0]!.reason!, /rooms\.recordable/);
    const writes = await run([check('needs.writes', async () => {}, { needs: ['writes'] })], { config: { apiKey: 'k1', writes: 'yes' } });
    assert.match(writes.results[0]!.reason!, /writes/);
    const ctl = await run([check('needs.control', async () => {}, { needs: ['control'] })]);
    assert.match(ctl.results[0]!.reason!, /control API/);
  });

  test('with the control API every need is met, the mock is reset before each check and the config refreshed', async () => {
    const control = fakeControl();
    const seen: unknown[] = [];
    const needy = check('needs.all', async (ctx) => void seen.push(ctx.config.apiKey), { needs: ['room', 'recording', 'writes', 'control'] });
    const { results } = await run([needy, listOk], {
      control,
      config: {},
      faults: [],
      refreshConfig: async () => ({ apiKey: 'k1' }),
    });
    assert.deepEqual(results.map((r) => r.status), ['passed', 'passed']);
    assert.deepEqual(seen, ['k1']);
    assert.deepEqual(control.calls, ['reset 42', 'faults ', 'reset 42', 'faults ']);
  });

  test('ctx.notApplicable ends a check as not applicable, other exceptions as errored with a stack head', async () => {
    const na = check('na', async (ctx) => ctx.notApplicable('no recordings on this target'));
    const boom = check('boom', async () => {
      throw new TypeError('cannot read x of undefined');
    });
    const { results, summary } = await run([na, boom]);
    assert.equal(results[0]!.status, 'not-applicable');
    assert.equal(results[0]!.reason, 'no recordings on this target');
    assert.equal(results[1]!.status, 'errored');
    assert.match(results[1]!.error!.stack, /TypeError: cannot read x of undefined/);
    assert.equal(summary.errored, 1);
  });

  test('a non-JSON body read with json() becomes a failure, not an error', async () => {
    const c = check('text', async (ctx) => void (await ctx.target.request({ method: 'GET', path: '/text' })).json());
    const { results } = await run([c]);
    assert.equal(results[0]!.status, 'failed');
    assert.equal(results[0]!.failure!.operation, 'getText');
  });

  test('maxFailures stops the run; the rest are reported as not run, never as passed', async () => {
    let laterRan = false;
    const later = check('later', async () => void (laterRan = true));
    const { results, summary, events } = await run([listFails('a'), listFails('b'), later], { maxFailures: 1 });
    assert.deepEqual(results.map((r) => r.status), ['failed', 'not-run', 'not-run']);
    assert.equal(laterRan, false);
    assert.match(results[2]!.reason!, /max-failures 1/);
    assert.equal(summary.passed, 0);
    assert.equal(summary.notRun, 2);
    // not-run checks are finished without being started
    assert.equal(events.filter((e) => e.type === 'check-started').length, 1);
    assert.equal(events.filter((e) => e.type === 'check-finished').length, 3);
  });

  test('events: run-started (seed, checks, operations), started/finished per check, run-finished', async () => {
    const { events } = await run([listOk]);
    assert.deepEqual(events.map((e) => e.type), ['run-started', 'check-started', 'check-finished', 'run-finished']);
    const started = events[0] as Extract<RunEvent, { type: 'run-started' }>;
    assert.equal(started.seed, 42);
    assert.deepEqual(started.checks.map((c) => c.id), ['openvidu-meet.items.list']);
    assert.deepEqual(started.operations, { listItems: { method: 'GET', path: '/items' } });
  });

  test('each check gets its own reproducible seed', async () => {
    const seeds: number[] = [];
    const a = check('seed.a', async (ctx) => void seeds.push(ctx.seed));
    const b = check('seed.b', async (ctx) => void seeds.push(ctx.seed));
    await run([a, b]);
    await run([b]);
    assert.equal(seeds[0], deriveSeed(42, 'openvidu-meet.seed.a'));
    assert.notEqual(seeds[0], seeds[1]);
    assert.equal(seeds[1], seeds[2]); // b alone gets the seed it had in the full run
  });

  test('a receiver that cannot be registered makes the check not applicable', async () => {
    const c = check('hooks', async (ctx) => void (await ctx.receiver()));
    const { results } = await run([c]);
    assert.equal(results[0]!.status, 'not-applicable');
    assert.equal(results[0]!.reason, NO_RECEIVER_REASON);
  });

  test('a registered receiver keeps exact bytes, starts once per check and is closed afterwards', async () => {
    let registered: string[] = [];
    let url = '';
    const c = check('hooks', async (ctx) => {
      const r1 = await ctx.receiver();
      const r2 = await ctx.receiver();
      assert.equal(r1, r2);
      url = r1.url;
      await fetch(r1.url, { method: 'POST', body: '{"a":1}  ', headers: { 'x-signature': 'abc' } });
      const [d] = await r1.waitFor(1, 5000);
      assert.equal(Buffer.from(d!.body).toString(), '{"a":1}  ');
      assert.equal(d!.headers['x-signature'], 'abc');
      await assert.rejects(r1.waitFor(2, 10), /deliver/);
    });
    const module = fakeModule([c], { registerReceiver: async (u) => ((registered = [...registered, u]), true) });
    const out = await runChecks({ module, target: server.origin, config: { apiKey: 'k1' }, seed: 1, maxExamples: 1, spec: fakeSpec, emit: () => {} });
    assert.equal(out.results[0]!.status, 'passed', JSON.stringify(out.results[0]));
    assert.deepEqual(registered, [url]);
    await assert.rejects(fetch(url)); // closed
  });

  test('a request that gets no answer within the timeout is a failure with a curl repro', async () => {
    const c = check('slow', async (ctx) => void (await ctx.target.request({ method: 'GET', path: '/slow' })));
    const { results } = await run([c], { timeoutMs: 50 });
    assert.equal(results[0]!.status, 'failed');
    assert.match(results[0]!.failure!.actual, /no response after 50 ms/);
    assert.match(results[0]!.failure!.repro!, /^curl .*\/api\/v1\/slow'/);
  });
});

test('a check that runs out of time is errored, and stops talking to the target', async () => {
  let sent = 0;
  const endless = check('endless', async (ctx) => {
    for (;;) {
      await ctx.target.request({ method: 'GET', path: '/items' });
      sent++;
    }
  });
  const { results } = await run([endless], { checkTimeoutMs: 100 });
  assert.equal(results[0]!.status, 'errored');
  assert.match(results[0]!.error!.message, /did not finish within 0.1 s/);
  // The request in flight when time ran out may still land; after that, nothing more.
  await new Promise((r) => setTimeout(r, 50));
  const afterRun = server.requests.length;
  await new Promise((r) => setTimeout(r, 150));
  assert.ok(sent > 0);
  assert.equal(server.requests.length, afterRun, 'requests kept coming after the check timed out');
});

describe('selectChecks', () => {
  const all = ['a.one', 'a.two', 'b.one', 'b.two', 'c', 'd.x', 'e.y', 'f.z', 'g.w'].map((s) => ({ id: `openvidu-meet.${s}` }));

  test('prefix match, with or without the API prefix, and exclusions', () => {
    const ids = (sel: Parameters<typeof selectChecks>[2]) => selectChecks('openvidu-meet', all, sel).map((c) => c.id);
    assert.deepEqual(ids({ checks: ['openvidu-meet.a'] }), ['openvidu-meet.a.one', 'openvidu-meet.a.two']);
    assert.deepEqual(ids({ checks: ['b.one', 'c'] }), ['openvidu-meet.b.one', 'openvidu-meet.c']);
    assert.deepEqual(ids({ checks: 'all', excludeChecks: ['a', 'b', 'd', 'e', 'f', 'g'] }), ['openvidu-meet.c']);
    // `a.on` is not a prefix of a segment
    assert.throws(() => ids({ checks: ['a.on'] }), UnknownCheckError);
    assert.throws(() => ids({ excludeChecks: ['nope'] }), /unknown check id: nope/);
  });

  test('shards partition the checks', () => {
    for (const count of [1, 2, 3, 4]) {
      const parts = Array.from({ length: count }, (_, i) => selectChecks('openvidu-meet', all, { shard: { index: i + 1, count } }).map((c) => c.id));
      const union = parts.flat();
      assert.equal(union.length, all.length, `n=${count}: no check twice`);
      assert.deepEqual(new Set(union), new Set(all.map((c) => c.id)), `n=${count}: every check once`);
    }
  });
});

test('the version reports print is the package version', async () => {
  const { readFileSync } = await import('node:fs');
  const { TOOL_VERSION } = await import('../../suites/engine/version.ts');
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  assert.equal(TOOL_VERSION, pkg.version);
});
