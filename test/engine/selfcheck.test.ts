import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { crossCheckMatrix, runSelfcheck } from '../../suites/engine/selfcheck.ts';
import { renderSelfcheck } from '../../suites/reports/selfcheck.ts';
import { check, fakeModule, fakeSpec } from './fakes.ts';

/** A fake target with the control API: fault `open-door` lets requests without a key through. */
async function startFakeMock() {
  let faults: string[] = [];
  const resets: number[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString()) : {};
      const send = (status: number, value: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
      const route = `${req.method} ${req.url}`;
      if (route === 'POST /__callrec/reset') {
        resets.push(body.seed);
        return send(200, { ok: true });
      }
      if (route === 'PUT /__callrec/faults') return send(200, { enabled: (faults = body.faults) });
      if (req.url === '/api/v1/items') {
        const ok = req.headers['x-api-key'] === 'k1' || faults.includes('open-door');
        return send(ok ? 200 : 401, ok ? { items: [] } : { message: 'Unauthorized' });
      }
      send(404, {});
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, resets, close: () => new Promise<void>((r) => server.close(() => r())) };
}

test('selfcheck: clean pass, faults caught or missed, defects, recall line', async () => {
  const mock = await startFakeMock();
  const needsKey = check('auth.missing', async (ctx) => {
    const res = await ctx.target.request({ method: 'GET', path: '/items', auth: 'none' });
    if (res.status !== 401) ctx.fail({ rule: 'no key, no list', expected: '401', actual: String(res.status), response: res });
  });
  const blind = check('blind', async () => {}); // passes whatever the target does
  const orphan = check('orphan', async () => {});
  const module = fakeModule([needsKey, blind, orphan], {
    faults: [
      { name: 'open-door', description: 'lists without a key', trips: ['openvidu-meet.auth.missing'] },
      { name: 'invisible', description: 'nothing any check sees', trips: ['openvidu-meet.blind'] },
      { name: 'typo', description: 'names a check that does not exist', trips: ['openvidu-meet.nope'] },
    ],
  });
  const result = await runSelfcheck({ module, seeds: [1, 2], maxExamples: 2, spec: fakeSpec, startServer: async () => mock });

  assert.deepEqual(result.falsePositives, []);
  assert.deepEqual(
    result.faults.map((f) => [f.fault, f.detected]),
    [['open-door', true], ['invisible', false], ['typo', false]],
  );
  assert.deepEqual(result.faults[0]!.checks, { 'openvidu-meet.auth.missing': ['failed', 'failed'] });
  assert.deepEqual(result.faults[1]!.checks, { 'openvidu-meet.blind': ['passed', 'passed'] });
  assert.deepEqual(result.recall, { detected: 1, total: 3 });
  assert.deepEqual(result.defects, [
    'fault typo declares unknown check openvidu-meet.nope',
    'check openvidu-meet.orphan is tripped by no fault (a check that cannot fail)',
  ]);
  assert.equal(result.ok, false);
  assert.ok(mock.resets.every((s) => s === 1 || s === 2));

  const text = renderSelfcheck(result);
  assert.match(text, /✔ open-door +✔ openvidu-meet\.auth\.missing\n/);
  assert.match(text, /✘ invisible +✘ openvidu-meet\.blind \(passed\/passed\)/);
  assert.match(text, /✘ typo +✘ openvidu-meet\.nope \(unknown check\)/);
  assert.equal(text.trimEnd().split('\n').at(-1), 'fault recall: 1/3');
});

test('selfcheck --matrix: every fault against every check, undeclared trips and single-check faults counted', async () => {
  const mock = await startFakeMock();
  const noKey = (id: string) =>
    check(id, async (ctx) => {
      const res = await ctx.target.request({ method: 'GET', path: '/items', auth: 'none' });
      if (res.status !== 401) ctx.fail({ rule: 'no key, no list', expected: '401', actual: String(res.status), response: res });
    });
  const blind = check('blind', async () => {});
  const module = fakeModule([noKey('auth.missing'), noKey('auth.other'), blind], {
    faults: [
      // Declares one check; the matrix shows a second one trips it too.
      { name: 'open-door', description: 'lists without a key', trips: ['openvidu-meet.auth.missing'] },
      { name: 'invisible', description: 'nothing any check sees', trips: ['openvidu-meet.blind'] },
    ],
  });
  const result = await runSelfcheck({
    module,
    seeds: [1, 2],
    maxExamples: 2,
    spec: fakeSpec,
    matrix: true,
    startServer: async () => mock,
  });

  // The declared verdicts are unchanged by the matrix (seed 1 from the whole run, seed 2 alone).
  assert.deepEqual(result.faults[0]!.checks, { 'openvidu-meet.auth.missing': ['failed', 'failed'] });
  assert.deepEqual(result.recall, { detected: 1, total: 2 });
  assert.deepEqual(result.matrix, {
    seed: 1,
    rows: [
      { fault: 'open-door', trippedBy: ['openvidu-meet.auth.missing', 'openvidu-meet.auth.other'], undeclared: ['openvidu-meet.auth.other'] },
      { fault: 'invisible', trippedBy: [], undeclared: [] },
    ],
    faultsPerCheck: { 'openvidu-meet.auth.missing': 1, 'openvidu-meet.auth.other': 1, 'openvidu-meet.blind': 0 },
    caughtByOne: 0,
    caughtByMany: 1,
    caughtByNone: 1,
  });
  const text = renderSelfcheck(result);
  assert.match(text, /open-door +2 +auth\.missing, \+auth\.other\n/);
  assert.match(text, /invisible +0 +\(none\)\n/);
  assert.match(text, /caught by exactly one check: 0\/2 · by two or more: 1 · by none: 1/);
  assert.equal(text.trimEnd().split('\n').at(-1), 'fault recall: 1/2');
  // Without --matrix, no matrix in the result (the JSON report stays as it was).
  const plain = await runSelfcheck({ module, seeds: [1], maxExamples: 2, spec: fakeSpec, startServer: async () => mock });
  assert.equal(plain.matrix, undefined);
  await mock.close();
});

test('crossCheckMatrix counts faults caught by exactly one check', () => {
  const m = crossCheckMatrix(3, [
    { fault: 'a', trippedBy: ['x'], undeclared: [] },
    { fault: 'b', trippedBy: ['x', 'y'], undeclared: ['y'] },
    { fault: 'c', trippedBy: ['y'], undeclared: [] },
  ], ['x', 'y', 'z']);
  assert.deepEqual([m.caughtByOne, m.caughtByMany, m.caughtByNone], [2, 1, 0]);
  assert.deepEqual(m.faultsPerCheck, { x: 2, y: 2, z: 0 });
});
