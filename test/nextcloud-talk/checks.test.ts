// The Talk checks against the built-in mock: all pass on the clean mock, and a few faults make
// the checks that name them fail with the rule and a reproduction (the full matrix is
// `callrec selfcheck`, run by test/selfcheck.test.ts).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { loadSpec } from '../../core/spec-load.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { createControlClient } from '../../suites/engine/control-client.ts';
import { runChecks } from '../../suites/engine/runner.ts';
import { getApi } from '../../apis.ts';

const nextcloudTalk = getApi('nextcloud-talk');

const spec = loadSpec(nextcloudTalk.specPath).validator;
let mock: MockServer;

before(async () => {
  mock = await startMockServer({ api: 'nextcloud-talk', clock: 'frozen', strictSpec: true });
});
after(async () => {
  await mock?.close();
});

function run(faults: string[], checks?: string[], seed = 1) {
  const control = createControlClient(mock.url);
  return runChecks({
    module: nextcloudTalk,
    target: mock.url,
    config: {},
    control,
    refreshConfig: () => nextcloudTalk.mockTargetConfig(control),
    faults,
    seed,
    maxExamples: 100,
    ...(checks ? { checks } : {}),
    spec,
    builtInMock: true,
    emit: () => {},
  });
}

// Every check passing on the clean mock (seeds 1-3) is the self-check's clean run: selfcheck.test.ts.

test('check ids are unique and each names operations the spec has', () => {
  const ids = nextcloudTalk.checks.map((c) => c.id);
  assert.equal(new Set(ids).size, ids.length);
  for (const c of nextcloudTalk.checks) {
    assert.match(c.id, /^nextcloud-talk\.[a-z-]+\.[a-z-]+$/);
    for (const op of c.operations) assert.ok(spec.pointer(op), `${c.id}: unknown operation ${op}`);
  }
});

test('faults make their checks fail with the broken rule', async () => {
  const cases: [string, string, RegExp][] = [
    ['chat-last-given-off-by-one', 'nextcloud-talk.chat.pagination-windows', /X-Chat-Last-Given/],
    ['start-race-no-claim', 'nextcloud-talk.recording.parallel-starts', /only one start can claim a room/],
    ['failed-reports-none', 'nextcloud-talk.recording.lifecycle-model', /status machine/],
    ['backend-short-random-accepted', 'nextcloud-talk.backend.short-random-rejected', /31-character random/],
  ];
  for (const [fault, id, rule] of cases) {
    const { results } = await run([fault], [id]);
    const r = results.find((x) => x.id === id)!;
    assert.equal(r.status, 'failed', `${fault} → ${id}: ${r.status} ${r.error?.message ?? ''}`);
    assert.match(r.failure!.rule, rule);
  }
});
