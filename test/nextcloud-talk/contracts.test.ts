// The Talk Pact contracts: the committed pacts are what the consumer contracts generate, the
// built-in mock honours them (`callrec verify` → 0), and a fault that breaks them fails (→ 1).
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  const front = createServer((req, res) => {
    const random = req.headers['talk-recording-random'];
    if (req.url?.includes('/recording/backend') && random !== undefined && random !== RANDOM) {
      req.resume();
      res.writeHead(403, { 'content-type': 'text/html' }).end('<html><body>Forbidden</body></html>');
      return;
    }
    const up = new URL(pact.url);
    const out = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: { ...req.headers, host: up.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    req.pipe(out);
  });
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', () => r()));
  const lines: string[] = [];
  try {
    const code = await runVerify({ module: nextcloudTalk, target: `http://127.0.0.1:${(front.address() as AddressInfo).port}`, log: (l) => lines.push(l) });
    assert.equal(code, 1, lines.join('\n'));
  } finally {
    front.closeAllConnections();
    await new Promise<void>((r) => front.close(() => r()));
  }
  const failed = lines.filter((l) => l.includes('✗'));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /random does not match its checksum/);
});
