// The Talk Pact contracts: the committed pacts are what the consumer contracts generate, the
// built-in mock honours them (`callrec verify` → 0), and a fault that breaks them fails (→ 1).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoPath } from '../../core/repo-root.ts';
import { generateWithRetry, interactionsOf, pactHarness } from '../support/pact-harness.ts';
import { runVerify } from '../../suites/engine/verify.ts';
import { getApi } from '../../apis.ts';
import { RANDOM, SERVER_CONSUMER, WEB_CONSUMER, pactFile, serverFlows, webFlows } from '../../suites/nextcloud-talk/contracts/consumer.pact.ts';
import { generateTalkPacts } from '../../suites/nextcloud-talk/contracts/generate.ts';
import { startProxy } from '../../suites/engine/proxy.ts';

const nextcloudTalk = getApi('nextcloud-talk');

const pact = pactHarness('nextcloud-talk');
const scratch = pact.scratch;
const TOTAL = webFlows.length + serverFlows.length;

test('the committed pacts are exactly what the consumer contracts generate (V4)', async () => {
  await generateWithRetry(() => generateTalkPacts(scratch));
  for (const [consumer, flows] of [[WEB_CONSUMER, webFlows], [SERVER_CONSUMER, serverFlows]] as const) {
    const committed = repoPath(`fixtures/pacts/${pactFile(consumer)}`);
    const doc = JSON.parse(readFileSync(committed, 'utf8'));
    assert.equal(doc.metadata.pactSpecification.version, '4.0');
    assert.deepEqual([doc.consumer.name, doc.provider.name], [consumer, 'nextcloud-talk']);
    assert.deepEqual(interactionsOf(committed).map((i) => i.description), flows.map((f) => f.description).sort());
    assert.deepEqual(interactionsOf(join(scratch, pactFile(consumer))), interactionsOf(committed), 'fixtures/pacts is stale: run suites/nextcloud-talk/contracts/generate.ts');
  }
});

test('the built-in mock satisfies both contracts (runVerify → 0)', async () => {
  const lines: string[] = [];
  const code = await runVerify({ module: nextcloudTalk, target: pact.url, log: (l) => lines.push(l) });
  assert.equal(code, 0, lines.join('\n'));
  assert.match(lines.at(-1) ?? '', new RegExp(`^PASS: ${TOTAL} interaction\\(s\\) verified`));
});

test('negative control: answers without the OCS envelope break the web client contract (runVerify → 1)', async () => {
  await pact.setFaults(['ocs-envelope-missing']);
  const lines: string[] = [];
  try {
    const code = await runVerify({ module: nextcloudTalk, target: pact.url, log: (l) => lines.push(l) });
    assert.equal(code, 1, lines.join('\n'));
  } finally {
    await pact.setFaults([]);
  }
  const failed = lines.filter((l) => l.includes('✗'));
  // Every successful JSON answer of the web client lost its envelope; the recording server reads status only.
  assert.equal(failed.length, webFlows.length - 1, lines.join('\n'));
  assert.ok(failed.every((l) => !/recording server reports/.test(l)), lines.join('\n'));
});

test('negative control: a 401 for a badly signed callback breaks the recording-server contract (runVerify → 1)', async () => {
  await pact.setFaults(['backend-auth-failure-401']);
  const lines: string[] = [];
  try {
    const code = await runVerify({ module: nextcloudTalk, target: pact.url, log: (l) => lines.push(l) });
    assert.equal(code, 1, lines.join('\n'));
  } finally {
    await pact.setFaults([]);
  }
  const failed = lines.filter((l) => l.includes('✗'));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /random does not match its checksum/);
});

test('negative control: a route-level 403 without the OCS error body breaks the recording-server contract (runVerify → 1)', async () => {
  // In front of the mock: a web-server rule that refuses callbacks with an unknown random itself,
  // a bare 403 the API never sent. Everything else (control API included) goes through.
  const front = await startProxy(pact.url, (req) => {
    const random = req.headers['talk-recording-random'];
    const refused = req.url?.includes('/recording/backend') && random !== undefined && random !== RANDOM;
    return refused ? { status: 403, headers: { 'content-type': 'text/html' }, body: '<html><body>Forbidden</body></html>' } : undefined;
  });
  const lines: string[] = [];
  try {
    const code = await runVerify({ module: nextcloudTalk, target: front.url, log: (l) => lines.push(l) });
    assert.equal(code, 1, lines.join('\n'));
  } finally {
    await front.close();
  }
  const failed = lines.filter((l) => l.includes('✗'));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /random does not match its checksum/);
});
