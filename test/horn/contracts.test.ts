// The Horn client's Pact contract: the committed pact is what the consumer test writes, the
// built-in mock honours it, and a fault that breaks it makes `callrec verify` fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWithRetry, interactionsOf, pactHarness } from '../support/pact-harness.ts';
import { getApi } from '../../apis.ts';
import { runVerify } from '../../suites/engine/verify.ts';
import { PACT_FILE, flows } from '../../suites/horn/contracts/consumer.pact.ts';
import { generateHornPact } from '../../suites/horn/contracts/generate.ts';
import { startProxy } from '../../suites/engine/proxy.ts';

const horn = getApi('horn');

const COMMITTED = fileURLToPath(new URL(`../../fixtures/pacts/${PACT_FILE}`, import.meta.url));
const pact = pactHarness('horn');
const scratch = pact.scratch;

test('the committed pact is exactly what the consumer contract generates (V4, every flow)', async () => {
  const fresh = await generateWithRetry(() => generateHornPact(join(scratch, 'generated')));
  const committed = JSON.parse(readFileSync(COMMITTED, 'utf8'));
  assert.equal(committed.metadata.pactSpecification.version, '4.0');
  assert.deepEqual([committed.consumer.name, committed.provider.name], ['callrec-horn-client', 'horn']);
  assert.deepEqual(
    interactionsOf(COMMITTED).map((i) => i.description),
    flows.map((f) => f.description).sort(),
  );
  assert.deepEqual(interactionsOf(fresh), interactionsOf(COMMITTED), 'fixtures/pacts is stale: run suites/horn/contracts/generate.ts');
});

test('the built-in Horn mock satisfies the contract (runVerify → 0)', async () => {
  const lines: string[] = [];
  const code = await runVerify({ module: horn, target: pact.url, log: (l) => lines.push(l) });
  assert.equal(code, 0, lines.join('\n'));
  assert.match(lines.at(-1) ?? '', new RegExp(`^PASS: ${flows.length} interaction\\(s\\) verified`));
});

test('negative control: RECORDING_NOT_PERMITTED as HTTP 500 breaks exactly the error contract (runVerify → 1)', async () => {
  await pact.setFaults(['not-permitted-as-500']);
  const lines: string[] = [];
  try {
    const code = await runVerify({ module: horn, target: pact.url, log: (l) => lines.push(l) });
    assert.equal(code, 1, lines.join('\n'));
  } finally {
    await pact.setFaults([]);
  }
  const failed = lines.filter((l) => l.includes('✗'));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /conference mode/);
  assert.match(lines.at(-1) ?? '', new RegExp(`^FAIL: 1 of ${flows.length}`));
});

test('negative control: startTime as an ISO string breaks every contract that reads a recording', async () => {
  await pact.setFaults(['start-time-as-string']);
  const lines: string[] = [];
  try {
    assert.equal(await runVerify({ module: horn, target: pact.url, log: (l) => lines.push(l) }), 1, lines.join('\n'));
  } finally {
    await pact.setFaults([]);
  }
  const failed = lines.filter((l) => l.includes('✗')).join('\n');
  for (const what of ['start recording a recordable channel', 'first page', 'a ready recording']) assert.match(failed, new RegExp(what), lines.join('\n'));
});

test('negative control: a route-level 404 (no Horn error body) does not satisfy "a recording that does not exist"', async () => {
  // A proxy in front of the mock that answers the unknown recording as a bare framework 404 would,
  // and passes everything else (the control API included) through unchanged.
  const proxy = await startProxy(pact.url, (req) =>
    /\/recordings\/00000000-0000-4000-8000-00000000dead$/.test(req.url ?? '') ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' } : undefined,
  );
  const lines: string[] = [];
  try {
    assert.equal(await runVerify({ module: horn, target: proxy.url, log: (l) => lines.push(l) }), 1, lines.join('\n'));
  } finally {
    await proxy.close();
  }
  const failed = lines.filter((l) => l.includes('✗'));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /does not exist/);
});
