// The Eyeson client's Pact contract: the committed pact is what the consumer contract generates,
// the built-in mock honours it, and a fault that breaks one interaction makes the verify fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertCommittedPact, generateWithRetry, pactHarness } from '../support/pact-harness.ts';
import { PACT_FILE, flows } from '../../suites/eyeson/contracts/consumer.pact.ts';
import { generateEyesonPact } from '../../suites/eyeson/contracts/generate.ts';

const COMMITTED = fileURLToPath(new URL(`../../fixtures/pacts/${PACT_FILE}`, import.meta.url));
const pact = pactHarness('eyeson');

test('the committed pact is exactly what the consumer contract generates (V4, every flow)', async () => {
  const fresh = await generateWithRetry(() => generateEyesonPact(join(pact.scratch, 'generated')));
  assertCommittedPact({ committed: COMMITTED, fresh, consumer: 'callrec-eyeson-client', provider: 'eyeson', flows, generator: 'suites/eyeson/contracts/generate.ts' });
});

test('the built-in mock satisfies the contract (runVerify → 0)', async () => {
  const { code, lines, log } = await pact.verify();
  assert.equal(code, 0, log);
  assert.match(lines.at(-1) ?? '', new RegExp(`^PASS: ${flows.length} interaction\\(s\\) verified`));
});

test('negative control: a shut-down meeting answering 404 instead of 410 breaks that interaction (runVerify → 1)', async () => {
  const { code, lines, failed, log } = await pact.verify({ faults: ['shutdown-room-404'] });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 1, log);
  assert.match(failed[0]!, /start recording a shut-down meeting/);
  assert.match(lines.at(-1) ?? '', new RegExp(`^FAIL: 1 of ${flows.length}`));
});

test('negative control: a listing wrapped in an object breaks the list interaction', async () => {
  const { code, failed, log } = await pact.verify({ faults: ['list-wrapped-in-object'] });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 1, log);
  assert.match(failed[0]!, /first page of a room's recordings/);
});

test('negative control: a shutdown answering 200 instead of 204 (eyeson-php counts only 204) breaks the shutdown interaction', async () => {
  const { code, failed, log } = await pact.verify({ faults: ['shutdown-200'] });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 1, log);
  assert.match(failed[0]!, /shut a running meeting down/);
});
