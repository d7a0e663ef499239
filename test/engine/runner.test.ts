import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { NO_RECEIVER_REASON } from '../../suites/engine/context.ts';
import { runFailed, summaryLine } from '../../suites/engine/events.ts';
import type { RuleResult, RunEvent } from '../../suites/engine/events.ts';
import { verdict } from '../../suites/engine/rules.ts';
import { renderJunit } from '../../suites/reports/junit.ts';
import { runChecks } from '../../suites/engine/runner.ts';
import type { RunOptions } from '../../suites/engine/runner.ts';
import { deriveSeed, selectChecks, UnknownCheckError } from '../../suites/engine/select.ts';
import { check, fakeControl, fakeModule, fakeSpec, startFakeServer } from './fakes.ts';
import type { FakeServer } from './fakes.ts';
import { NotImplemented } from '../../core/check.ts';
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
  // Long enough for a request or two on a machine under load (at 100 ms a busy CI sent none).
  const { results } = await run([endless], { checkTimeoutMs: 600 });
  assert.equal(results[0]!.status, 'errored');
  assert.match(results[0]!.error!.message, /did not finish within 0.6 s/);
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

describe('rules: a check reports each rule it asserted', () => {
  const get = (ctx: Parameters<Check['run']>[0], path = '/items') => ctx.target.request({ method: 'GET', path });
  const expect200 = (ctx: Parameters<Check['run']>[0], res: Awaited<ReturnType<typeof get>>, decision?: string) => {
    if (res.status !== 200) ctx.fail({ rule: 'answers 200', expected: '200', actual: String(res.status), response: res, ...(decision ? { decision } : {}) });
  };

  test('a failing rule does not stop the next one; the check fails on that rule only', async () => {
    const ran: string[] = [];
    const c = check('rules.continue', async (ctx) => {
      const first = await ctx.rule('missing page is 404', async () => {
        ran.push('first');
        const res = await get(ctx, '/nope');
        if (res.status !== 200) ctx.fail({ rule: 'page answers 200', expected: '200', actual: String(res.status), response: res });
      });
      assert.equal(first, false);
      const second = await ctx.rule('list answers 200', async () => {
        ran.push('second');
        expect200(ctx, await get(ctx));
      });
      assert.equal(second, true);
    });
    const { results } = await run([c]);
    const r = results[0]!;
    assert.deepEqual(ran, ['first', 'second']);
    assert.equal(r.status, 'failed');
    assert.deepEqual(r.rules.map((x) => [x.rule, x.status]), [['missing page is 404', 'failed'], ['list answers 200', 'passed']]);
    assert.equal(r.rules[0]!.failure!.actual, '404');
    assert.match(r.rules[0]!.failure!.curl!, /\/api\/v1\/nope/);
    assert.equal(r.failure!.rule, 'page answers 200');
    assert.equal(r.stoppedEarly, undefined);
  });

  test('a broken decision-only rule (on the rule or on the failure) is deviated, not failed; a documented failure outranks it', async () => {
    const onRule = check('rules.deviates', async (ctx) => {
      await ctx.rule('bad token is 422', async () => expect200(ctx, await get(ctx, '/nope')), { decision: 'bad-page-token-422' });
      await ctx.rule('list answers 200', async () => expect200(ctx, await get(ctx)));
    });
    const onFailure = check('rules.deviates-failure', async (ctx) => {
      await ctx.rule('bad token is 422', async () => expect200(ctx, await get(ctx, '/nope'), 'bad-page-token-422'));
    });
    const both = check('rules.both', async (ctx) => {
      await ctx.rule('decision', async () => expect200(ctx, await get(ctx, '/nope'), 'bad-page-token-422'));
      await ctx.rule('documented', async () => expect200(ctx, await get(ctx, '/nope')));
    });
    const { results, summary } = await run([onRule, onFailure, both]);
    assert.deepEqual(results.map((r) => r.status), ['deviated', 'deviated', 'failed']);
    assert.equal(results[0]!.rules[0]!.status, 'deviated');
    assert.equal(results[0]!.rules[0]!.decision, 'bad-page-token-422');
    assert.equal(results[0]!.rules[0]!.failure!.decision, 'bad-page-token-422');
    assert.equal(results[1]!.rules[0]!.failure!.decision, 'bad-page-token-422');
    // the first failure shown is the documented one
    assert.equal(results[2]!.failure!.decision, undefined);
    assert.deepEqual([summary.passed, summary.failed, summary.deviated], [0, 1, 2]);
  });

  test('notApplicable inside a rule makes that rule not applicable with the reason; the check goes on', async () => {
    const c = check('rules.na', async (ctx) => {
      await ctx.rule('walk every page', async () => ctx.notApplicable('more items than the walk budget (3000)'));
      await ctx.rule('list answers 200', async () => expect200(ctx, await get(ctx)));
      ctx.skip('long-poll cap', 'the target config sets no long-poll room');
      ctx.notRun('ties broken by id', 'needs an ordered page');
    });
    const { results } = await run([c]);
    const r = results[0]!;
    assert.equal(r.status, 'passed');
    assert.deepEqual(
      r.rules.map((x) => [x.rule, x.status, x.reason]),
      [
        ['walk every page', 'not-applicable', 'more items than the walk budget (3000)'],
        ['list answers 200', 'passed', undefined],
        ['long-poll cap', 'not-applicable', 'the target config sets no long-poll room'],
        ['ties broken by id', 'not-run', 'needs an ordered page'],
      ],
    );
  });

  test('a check whose rules were all not applicable is not applicable, never passed, with the reasons', async () => {
    const c = check('rules.nothing', async (ctx) => {
      await ctx.rule('walk every page', async () => ctx.notApplicable('the target has no recordings'));
      ctx.skip('sort order', 'the target has no recordings');
      ctx.skip('filters', 'no room in the config');
    });
    const { results } = await run([c]);
    assert.equal(results[0]!.status, 'not-applicable');
    assert.equal(results[0]!.reason, 'the target has no recordings; no room in the config');
  });

  test('NotImplemented inside a rule: that rule not applicable, the operation reported once; outside: the rest of the check', async () => {
    const inside = check('rules.ni-inside', async (ctx) => {
      await ctx.rule('start answers 201', async () => {
        throw new NotImplemented('startRecording', 'POST /recordings answered 404 Path Not Found', false);
      });
      await ctx.rule('start again', async () => {
        throw new NotImplemented('startRecording', 'POST /recordings answered 404 Path Not Found', false);
      });
      await ctx.rule('list answers 200', async () => expect200(ctx, await get(ctx)));
    });
    const outside = check('rules.ni-outside', async (ctx) => {
      await ctx.rule('list answers 200', async () => expect200(ctx, await get(ctx)));
      throw new NotImplemented('stopRecording', 'listed under notImplemented in the target config', true);
    });
    const alone = check('rules.ni-alone', async () => {
      throw new NotImplemented('stopRecording', 'listed under notImplemented in the target config', true);
    });
    const { results, summary } = await run([inside, outside, alone]);
    assert.deepEqual(results.map((r) => r.status), ['passed', 'passed', 'not-applicable']);
    assert.deepEqual(results[0]!.rules.map((x) => x.status), ['not-applicable', 'not-applicable', 'passed']);
    assert.equal(results[0]!.rules[0]!.reason, 'needs startRecording, which the target does not implement');
    assert.deepEqual(results[0]!.notImplemented, [{ operation: 'startRecording', evidence: 'POST /recordings answered 404 Path Not Found', acknowledged: false }]);
    assert.deepEqual(results[1]!.rules.map((x) => [x.rule, x.status]), [['list answers 200', 'passed'], ['the rest of this check', 'not-applicable']]);
    assert.deepEqual(results[2]!.rules.map((x) => [x.rule, x.status]), [['title of rules.ni-alone', 'not-applicable']]);
    assert.deepEqual(summary.notImplemented.map((n) => [n.operation, n.acknowledged]), [['startRecording', false], ['stopRecording', true]]);
    assert.equal(runFailed(summary), true, 'an unacknowledged missing operation fails the run');
    assert.match(summaryLine(summary), /, 2 operation\(s\) not implemented$/);
  });

  test('a check with no named rule that ends normally passed its title rule', async () => {
    const { results } = await run([listOk]);
    assert.deepEqual(results[0]!.rules, [{ rule: 'title of items.list', status: 'passed' }]);
  });

  test('a ctx.fail outside any rule ends the check: recorded as its rule, the rest is noted as not run', async () => {
    let after = false;
    const c = check('rules.stops', async (ctx) => {
      await ctx.rule('list answers 200', async () => expect200(ctx, await get(ctx)));
      expect200(ctx, await get(ctx, '/nope'));
      after = true;
    });
    const boom = check('rules.boom', async (ctx) => {
      await ctx.rule('list answers 200', async () => expect200(ctx, await get(ctx)));
      throw new TypeError('x is undefined');
    });
    const { results } = await run([c, boom]);
    assert.equal(after, false);
    assert.equal(results[0]!.status, 'failed');
    assert.deepEqual(results[0]!.rules.map((x) => [x.rule, x.status]), [['list answers 200', 'passed'], ['answers 200', 'failed']]);
    assert.equal(results[0]!.stoppedEarly, 'stopped at the first broken rule (answers 200): later steps did not run');
    assert.equal(results[1]!.status, 'errored');
    assert.equal(results[1]!.stoppedEarly, 'stopped by an error: later steps did not run');
    assert.deepEqual(results[1]!.rules.map((x) => x.status), ['passed']);
  });
});

describe('verdict: failed > deviated > passed > not applicable', () => {
  const rule = (status: RuleResult['status']): RuleResult => ({ rule: status, status });
  test('derived from the rules', () => {
    assert.equal(verdict([rule('passed'), rule('deviated'), rule('failed')]), 'failed');
    assert.equal(verdict([rule('passed'), rule('deviated'), rule('not-applicable')]), 'deviated');
    assert.equal(verdict([rule('not-applicable'), rule('passed'), rule('not-run')]), 'passed');
    assert.equal(verdict([rule('not-applicable'), rule('not-run')]), 'not-applicable');
    assert.equal(verdict([]), 'not-applicable');
  });
});

describe('strict decisions and the exit code', () => {
  const deviates = check('strict.deviates', async (ctx) => {
    await ctx.rule('bad token is 422', async () => {
      const res = await ctx.target.request({ method: 'GET', path: '/nope' });
      ctx.fail({ rule: 'bad token is 422', expected: '422', actual: String(res.status), response: res, decision: 'bad-page-token-422' });
    });
  });

  test('on a target without the control API a deviation is reported and the run passes; --strict-decisions fails it', async () => {
    const loose = await run([listOk, deviates]);
    assert.equal(loose.summary.strictDecisions, false);
    assert.equal(loose.summary.deviated, 1);
    assert.equal(runFailed(loose.summary), false);
    const started = loose.events[0] as Extract<RunEvent, { type: 'run-started' }>;
    assert.equal(started.strictDecisions, false);
    const strict = await run([listOk, deviates], { strictDecisions: true });
    assert.equal(strict.summary.strictDecisions, true);
    assert.equal(runFailed(strict.summary), true);
    assert.equal((strict.events[0] as Extract<RunEvent, { type: 'run-started' }>).strictDecisions, true);
  });

  test('with the control API (a callrec mock) decisions are strict by default', async () => {
    const out = await run([deviates], { control: fakeControl(), refreshConfig: async () => ({ apiKey: 'k1' }) });
    assert.equal(out.summary.strictDecisions, true);
    assert.equal(runFailed(out.summary), true);
  });

  test('under strict decisions a deviation counts toward --max-failures', async () => {
    const loose = await run([deviates, listOk], { maxFailures: 1 });
    assert.deepEqual(loose.results.map((r) => r.status), ['deviated', 'passed']);
    const strict = await run([deviates, listOk], { maxFailures: 1, strictDecisions: true });
    assert.deepEqual(strict.results.map((r) => r.status), ['deviated', 'not-run']);
  });
});

describe('a target answering 401 to everything', () => {
  let denied: FakeServer;
  before(async () => (denied = await startFakeServer({ unauthorized: true })));
  after(() => denied.close());

  test('JUnit has no green testcase: every rule failed, was not run, or the check stopped', async () => {
    const list = (ctx: Parameters<Check['run']>[0]) => ctx.target.request({ method: 'GET', path: '/items' });
    const needs200 = (ctx: Parameters<Check['run']>[0], res: Awaited<ReturnType<typeof list>>, rule: string) => {
      if (res.status !== 200) ctx.fail({ rule, expected: '200', actual: String(res.status), response: res });
    };
    const checks = [
      // rules that depend on the first one
      check('deny.rules', async (ctx) => {
        const ok = await ctx.rule('list answers 200', async () => needs200(ctx, await list(ctx), 'list answers 200'));
        for (const r of ['items are sorted', 'no duplicates']) {
          if (ok) await ctx.rule(r, async () => {});
          else ctx.notRun(r, 'the list did not answer 200');
        }
      }),
      // a bare ctx.fail at the first request, several operations
      check('deny.bare', async (ctx) => needs200(ctx, await list(ctx), 'list answers 200'), { operations: ['listItems', 'getText'] }),
      // independent rules, each failing on its own
      check('deny.independent', async (ctx) => {
        await ctx.rule('list', async () => needs200(ctx, await list(ctx), 'list'));
        await ctx.rule('text', async () => needs200(ctx, await ctx.target.request({ method: 'GET', path: '/text' }), 'text'));
      }),
    ];
    const outcome = await runChecks({
      module: fakeModule(checks),
      target: denied.origin,
      config: { apiKey: 'k1' },
      seed: 1,
      maxExamples: 1,
      spec: fakeSpec,
      emit: () => {},
    });
    const started: Extract<RunEvent, { type: 'run-started' }> = {
      type: 'run-started',
      api: 'openvidu-meet',
      apiTitle: 'Fake',
      target: denied.origin,
      specFile: fakeSpec.file,
      seed: 1,
      checks,
      decisions: [],
      startedAt: new Date().toISOString(),
      toolVersion: '0',
      builtInMock: false,
      strictDecisions: false,
      operations: {},
    };
    const xml = renderJunit({ started, finished: { type: 'run-finished', ...outcome } });
    const cases = xml.split('<testcase ').slice(1);
    const green = cases.filter((c) => !/<(failure|error|skipped)/.test(c));
    assert.equal(green.length, 0, green.join('\n'));
    assert.equal(cases.filter((c) => /<failure/.test(c)).length, 4); // one per rule that broke, no more
    assert.equal(runFailed(outcome.summary), true);
  });
});
