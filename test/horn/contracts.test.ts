// The Horn client's Pact contract: the committed pact is what the consumer test writes, the
// built-in mock honours it, and a fault that breaks it makes `callrec verify` fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertCommittedPact, generateWithRetry, pactHarness } from '../support/pact-harness.ts';
import { PACT_FILE, flows } from '../../suites/horn/contracts/consumer.pact.ts';
import { generateHornPact } from '../../suites/horn/contracts/generate.ts';

const COMMITTED = fileURLToPath(new URL(`../../fixtures/pacts/${PACT_FILE}`, import.meta.url));
const pact = pactHarness('horn');

test('the committed pact is exactly what the consumer contract generates (V4, every flow)', async () => {
  const fresh = await generateWithRetry(() => generateHornPact(join(pact.scratch, 'generated')));
  assertCommittedPact({ committed: COMMITTED, fresh, consumer: 'callrec-horn-client', provider: 'horn', flows, generator: 'suites/horn/contracts/generate.ts' });
});

test('the built-in Horn mock satisfies the contract (runVerify → 0)', async () => {
  const { code, lines, log } = await pact.verify();
  assert.equal(code, 0, log);
  assert.match(lines.at(-1) ?? '', new RegExp(`^PASS: ${flows.length} interaction\\(s\\) verified`));
});

test('negative control: RECORDING_NOT_PERMITTED as HTTP 500 breaks exactly the error contract (runVerify → 1)', async () => {
  const { code, lines, failed, log } = await pact.verify({ faults: ['not-permitted-as-500'] });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 1, log);
  assert.match(failed[0]!, /conference mode/);
  assert.match(lines.at(-1) ?? '', new RegExp(`^FAIL: 1 of ${flows.length}`));
});

test('negative control: startTime as an ISO string breaks every contract that reads a recording', async () => {
  const { code, failed, log } = await pact.verify({ faults: ['start-time-as-string'] });
  assert.equal(code, 1, log);
  for (const what of ['start recording a recordable channel', 'first page', 'a ready recording']) assert.match(failed.join('\n'), new RegExp(what), log);
});

test('negative control: a route-level 404 (no Horn error body) does not satisfy "a recording that does not exist"', async () => {
  // A proxy in front of the mock that answers the unknown recording as a bare framework 404 would,
  // and passes everything else (the control API included) through unchanged.
  const { code, failed, log } = await pact.verify({
    intercept: (req) =>
      /\/recordings\/00000000-0000-4000-8000-00000000dead$/.test(req.url ?? '') ? { status: 404, headers: { 'content-type': 'text/plain' }, body: 'Not Found' } : undefined,
  });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 1, log);
  assert.match(failed[0]!, /does not exist/);
});
