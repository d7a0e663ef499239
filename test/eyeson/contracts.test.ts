// The Eyeson client's Pact contract: the committed pact is what the consumer contract generates,
// the built-in mock honours it, and a fault that breaks one interaction makes the verify fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateWithRetry, interactionsOf, pactHarness } from '../support/pact-harness.ts';
import { getApi } from '../../apis.ts';
import { runVerify } from '../../suites/engine/verify.ts';
import { PACT_FILE, flows } from '../../suites/eyeson/contracts/consumer.pact.ts';
import { generateEyesonPact } from '../../suites/eyeson/contracts/generate.ts';

const eyeson = getApi('eyeson');

const COMMITTED = fileURLToPath(new URL(`../../fixtures/pacts/${PACT_FILE}`, import.meta.url));
const pact = pactHarness('eyeson');
const scratch = pact.scratch;

test('the committed pact is exactly what the consumer contract generates (V4, every flow)', async () => {
  const fresh = await generateWithRetry(() => generateEyesonPact(join(scratch, 'generated')));
  const committed = JSON.parse(readFileSync(COMMITTED, 'utf8'));
  assert.equal(committed.metadata.pactSpecification.version, '4.0');
  assert.deepEqual([committed.consumer.name, committed.provider.name], ['callrec-eyeson-client', 'eyeson']);
  assert.deepEqual(
    interactionsOf(COMMITTED).map((i) => i.description),
    flows.map((f) => f.description).sort(),
  );
  assert.deepEqual(interactionsOf(fresh), interactionsOf(COMMITTED), 'fixtures/pacts is stale: run suites/eyeson/contracts/generate.ts');
});

test('the built-in mock satisfies the contract (runVerify → 0)', async () => {
  const lines: string[] = [];
  const code = await runVerify({ module: eyeson, target: pact.url, log: (l) => lines.push(l) });
  assert.equal(code, 0, lines.join('\n'));
  assert.match(lines.at(-1) ?? '', new RegExp(`^PASS: ${flows.length} interaction\\(s\\) verified`));
});

test('negative control: a shut-down meeting answering 404 instead of 410 breaks that interaction (runVerify → 1)', async () => {
  await pact.setFaults(['shutdown-room-404']);
  const lines: string[] = [];
  try {
    const code = await runVerify({ module: eyeson, target: pact.url, log: (l) => lines.push(l) });
    assert.equal(code, 1, lines.join('\n'));
  } finally {
    await pact.setFaults([]);
  }
  const failed = lines.filter((l) => l.includes('✗'));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /start recording a shut-down meeting/);
  assert.match(lines.at(-1) ?? '', new RegExp(`^FAIL: 1 of ${flows.length}`));
});

test('negative control: a listing wrapped in an object breaks the list interaction', async () => {
  await pact.setFaults(['list-wrapped-in-object']);
  const lines: string[] = [];
  try {
    assert.equal(await runVerify({ module: eyeson, target: pact.url, log: (l) => lines.push(l) }), 1, lines.join('\n'));
  } finally {
    await pact.setFaults([]);
  }
  const failed = lines.filter((l) => l.includes('✗'));
  assert.equal(failed.length, 1, lines.join('\n'));
  assert.match(failed[0]!, /first page of a room's recordings/);
});
