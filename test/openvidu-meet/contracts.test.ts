// The Meet frontend's Pact contract: the committed pact is what the consumer test writes,
// the built-in mock honours it, and a fault that breaks it makes `callrec verify` fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assertCommittedPact, generateWithRetry, pactHarness } from '../support/pact-harness.ts';
import { getApi } from '../../apis.ts';
import { runVerify } from '../../suites/engine/verify.ts';
import { PACT_FILE, flows } from '../../suites/openvidu-meet/contracts/consumer.pact.ts';
import { generateMeetPact } from '../../suites/openvidu-meet/contracts/generate.ts';

const openViduMeet = getApi('openvidu-meet');

const COMMITTED = fileURLToPath(new URL(`../../fixtures/pacts/${PACT_FILE}`, import.meta.url));
const pact = pactHarness('openvidu-meet');
const scratch = pact.scratch;

test('the committed pact is exactly what the consumer contract generates (V4, every flow)', async () => {
  const fresh = await generateWithRetry(() => generateMeetPact(join(scratch, 'generated')));
  assertCommittedPact({ committed: COMMITTED, fresh, consumer: 'callrec-meet-frontend', provider: 'openvidu-meet', flows, generator: 'suites/openvidu-meet/contracts/generate.ts' });
});

test('the built-in mock satisfies the contract (runVerify → 0)', async () => {
  const { code, lines, log } = await pact.verify();
  assert.equal(code, 0, log);
  assert.match(lines.at(-1) ?? '', /^PASS: 9 interaction\(s\) verified/);
});

test('negative control: a 201 without Location breaks the start contract (runVerify → 1)', async () => {
  const { code, lines, failed, log } = await pact.verify({ faults: ['start-missing-location'] });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 1, log);
  assert.match(failed[0]!, /start recording a room with participants/);
  assert.match(lines.at(-1) ?? '', /^FAIL: 1 of 9/);
});

test('negative control: a server without start (the platform\'s catch-all 404) breaks both start interactions, the unknown-room one included', async () => {
  // Everything goes through to the mock (provider states too) except start, answered as the
  // platform's catch-all route answers a path it does not serve: an Error-shaped 404.
  const { code, failed, log } = await pact.verify({
    intercept: (req) =>
      req.method === 'POST' && (req.url ?? '').split('?')[0] === '/api/v1/recordings'
        ? { status: 404, headers: { 'content-type': 'application/json; charset=utf-8' }, body: JSON.stringify({ error: 'Path Not Found', message: 'API path not implemented' }) }
        : undefined,
  });
  assert.equal(code, 1, log);
  assert.equal(failed.length, 2, log);
  assert.ok(failed.some((l) => /start recording a room that does not exist/.test(l)), log);
});

test('configuration errors answer 2: no pact files for the provider, unreachable target', async () => {
  const silent = () => {};
  const empty = join(scratch, 'empty');
  mkdirSync(empty);
  assert.equal(await runVerify({ module: openViduMeet, target: pact.url, pactDir: empty, log: silent }), 2);

  // A port that was just free: nothing listens there any more.
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((r) => probe.close(() => r()));
  assert.equal(await runVerify({ module: openViduMeet, target: `http://127.0.0.1:${port}`, log: silent }), 2);
});
