// The Talk Pact contracts: the committed pacts are what the consumer contracts generate, the
// built-in mock honours them (`callrec verify` → 0), and a fault that breaks them fails (→ 1).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath } from '../../core/repo-root.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { runVerify } from '../../suites/engine/verify.ts';
import { nextcloudTalk } from '../../suites/nextcloud-talk/module.ts';
import { SERVER_CONSUMER, WEB_CONSUMER, pactFile, serverFlows, webFlows } from '../../suites/nextcloud-talk/contracts/consumer.pact.ts';
import { generateTalkPacts } from '../../suites/nextcloud-talk/contracts/generate.ts';

process.env.PACT_DO_NOT_TRACK = 'true';

const scratch = mkdtempSync(join(tmpdir(), 'callrec-talk-pact-'));
const TOTAL = webFlows.length + serverFlows.length;
let mock: MockServer;

before(async () => {
  mock = await startMockServer({ api: 'nextcloud-talk', clock: 'frozen' });
});
after(async () => {
  await mock?.close();
  rmSync(scratch, { recursive: true, force: true });
});

async function setFaults(faults: string[]): Promise<void> {
  const res = await fetch(`${mock.url}/__callrec/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ faults }) });
  assert.equal(res.status, 200, await res.text());
}

const interactionsOf = (file: string) =>
  (JSON.parse(readFileSync(file, 'utf8')).interactions as { description: string }[]).sort((a, b) => a.description.localeCompare(b.description));

test('the committed pacts are exactly what the consumer contracts generate (V4)', async () => {
  await generateTalkPacts(scratch);
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
  const code = await runVerify({ module: nextcloudTalk, target: mock.url, log: (l) => lines.push(l) });
  assert.equal(code, 0, lines.join('\n'));
  assert.match(lines.at(-1) ?? '', new RegExp(`^PASS: ${TOTAL} interaction\\(s\\) verified`));
});

test('negative control: answers without the OCS envelope break the web client contract (runVerify → 1)', async () => {
  await setFaults(['ocs-envelope-missing']);
  const lines: string[] = [];
  try {
    const code = await runVerify({ module: nextcloudTalk, target: mock.url, log: (l) => lines.push(l) });
    assert.equal(code, 1, lines.join('\n'));
  } finally {
    await setFaults([]);
  }
  const failed = lines.filter((l) => l.includes('✗'));
  // Every successful JSON answer of the web client lost its envelope; the recording server reads status only.
  assert.equal(failed.length, webFlows.length - 1, lines.join('\n'));
  assert.ok(failed.every((l) => !/recording server reports/.test(l)), lines.join('\n'));
});

test('negative control: a 401 for a badly signed callback breaks the recording-server contract (runVerify → 1)', async () => {
  await setFaults(['backend-auth-failure-401']);
  const lines: string[] = [];
  try {
    const code = await runVerify({ module: nextcloudTalk, target: mock.url, log: (l) => lines.push(l) });
    assert.equal(code, 1, lines.join('\n'));
  } finally {
    await setFaults([]);
  }
  const failed = lines.filter((l) => l.includes('✗'));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /random does not match its checksum/);
});
