// The Talk Pact contracts: the committed pacts are what the consumer contracts generate, the
// built-in mock honours them (`callrec verify` → 0), and a fault that breaks them fails (→ 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoPath } from '../../core/repo-root.ts';
import { assertCommittedPact, generateWithRetry, pactHarness } from '../support/pact-harness.ts';
import { RANDOM, SERVER_CONSUMER, WEB_CONSUMER, pactFile, serverFlows, webFlows } from '../../suites/nextcloud-talk/contracts/consumer.pact.ts';
import { generateTalkPacts } from '../../suites/nextcloud-talk/contracts/generate.ts';

const pact = pactHarness('nextcloud-talk');
const scratch = pact.scratch;
const TOTAL = webFlows.length + serverFlows.length;

test('the committed pacts are exactly what the consumer contracts generate (V4)', async () => {
  await generateWithRetry(() => generateTalkPacts(scratch));
  for (const [consumer, flows] of [[WEB_CONSUMER, webFlows], [SERVER_CONSUMER, serverFlows]] as const) {
    assertCommittedPact({
      committed: repoPath(`fixtures/pacts/${pactFile(consumer)}`),
      fresh: join(scratch, pactFile(consumer)),
      consumer,
      provider: 'nextcloud-talk',
      flows,
      generator: 'suites/nextcloud-talk/contracts/generate.ts',
    });
  }
});

test('the built-in mock satisfies both contracts (runVerify → 0)', async () => {
  const { code, lines, log } = await pact.verify();
  assert.equal(code, 0, log);
  assert.match(lines.at(-1) ?? '', new RegExp(`^PASS: ${TOTAL} interaction\\(s\\) verified`));
});

test('negative control: answers without the OCS envelope break the web client contract (runVerify → 1)', async () => {
  const { code, failed, log } = await pact.verify({ faults: ['ocs-envelope-missing'] });
  assert.equal(code, 1, log);
  // Every successful JSON answer of the web client lost its envelope; the recording server reads status only.
  assert.equal(failed.length, webFlows.length - 1, log);
  assert.ok(failed.every((l) => !/recording server reports/.test(l)), log);
});

test('negative control: a 401 for a badly signed callback breaks the recording-server contract (runVerify → 1)', async () => {
  const { code, failed, log } = await pact.verify({ faults: ['backend-auth-failure-401'] });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 1, log);
  assert.match(failed[0]!, /random does not match its checksum/);
});

test('negative control: a route-level 403 without the OCS error body breaks the recording-server contract (runVerify → 1)', async () => {
  // In front of the mock: a web-server rule that refuses callbacks with an unknown random itself,
  // a bare 403 the API never sent. Everything else (control API included) goes through.
  const { code, failed, log } = await pact.verify({
    intercept: (req) => {
      const random = req.headers['talk-recording-random'];
      const refused = req.url?.includes('/recording/backend') && random !== undefined && random !== RANDOM;
      return refused ? { status: 403, headers: { 'content-type': 'text/html' }, body: '<html><body>Forbidden</body></html>' } : undefined;
    },
  });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 1, log);
  assert.match(failed[0]!, /random does not match its checksum/);
});
