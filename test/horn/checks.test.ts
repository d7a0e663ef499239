// The pure parts behind the Horn checks (ttl reading, JWT forgeries, the listing and lifecycle
// reference models), and one property-based check run end to end against a faulty mock, to see
// its failure carry the fast-check reproduction.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SignJWT, jwtVerify } from 'jose';
import { ttlMs, DEFAULT_TTL_MS } from '../../suites/horn/ttl.ts';
import { decodeJwtParts, withAlgNone, withFlippedSignature, withTamperedPayload } from '../../suites/horn/jwt-forge.ts';
import { duplicates, expectedIds, firstInversion } from '../../suites/horn/pagination-model.ts';
import type { ModelRecording } from '../../suites/horn/pagination-model.ts';
import { observe, timesViolation } from '../../suites/horn/lifecycle-model.ts';
import { startMockServer } from '../../mock/server.ts';
import { createControlClient } from '../../suites/engine/control-client.ts';
import { runChecks } from '../../suites/engine/runner.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { getApi } from '../../apis.ts';
import { checks } from '../../suites/horn/checks/index.ts';
import { faults } from '../../mock/horn/faults.ts';
import { trips } from '../../suites/horn/faults.ts';

const horn = getApi('horn');

test('ttl: number and unit s/m/h/d, default 5 minutes; anything else is not a ttl', () => {
  assert.equal(ttlMs('30s'), 30_000);
  assert.equal(ttlMs('1m'), 60_000);
  assert.equal(ttlMs('2h'), 7_200_000);
  assert.equal(ttlMs('1d'), 86_400_000);
  assert.equal(DEFAULT_TTL_MS, 300_000);
  for (const bad of ['', 'm', '1', '1.5m', '-1m', '1w', ' 1m']) assert.equal(ttlMs(bad), undefined, bad);
});

test('JWT forgeries: each one fails a real HS256 verification, and alg none carries no signature', async () => {
  const key = new TextEncoder().encode('callrec-test-key');
  const token = await new SignJWT({ channel: 'c', scope: 'recording:download' }).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).setSubject('r1').setExpirationTime('1h').sign(key);
  const parts = decodeJwtParts(token);
  assert.ok(parts);
  assert.equal(parts.payload.sub, 'r1');
  await jwtVerify(token, key); // the genuine one verifies
  for (const forged of [withFlippedSignature(parts), withTamperedPayload(parts), withAlgNone(parts)]) {
    assert.notEqual(forged, token);
    await assert.rejects(jwtVerify(forged, key));
  }
  const none = decodeJwtParts(withAlgNone(parts));
  assert.equal(none?.header.alg, 'none');
  assert.equal(withAlgNone(parts).endsWith('.'), true);
  assert.equal(decodeJwtParts(withTamperedPayload(parts))?.payload.callrec, 'tampered');
  assert.equal(decodeJwtParts('not.a.jwt'), undefined);
  assert.equal(decodeJwtParts('only-one-part'), undefined);
});

const rec = (id: string, session: string, startTime: number, endTime: number, deleted = false): ModelRecording => ({ id, session, startTime, endTime, deleted });
const DATA = [rec('a', 's1', 100, 900), rec('b', 's2', 200, 300), rec('c', 's1', 300, 400), rec('d', 's1', 50, 60, true)];

test('listing model: defaults started desc, sort ended differs, deleted never shown, session filters', () => {
  assert.deepEqual(expectedIds(DATA, { limit: 2 }), ['c', 'b', 'a']);
  assert.deepEqual(expectedIds(DATA, { limit: 2, sort: 'ended', order: 'asc' }), ['b', 'c', 'a']);
  assert.deepEqual(expectedIds(DATA, { limit: 2, sort: 'started', order: 'asc', session: 's1' }), ['a', 'c']);
  assert.deepEqual(duplicates(['a', 'b', 'a', 'c', 'b', 'a']), ['a', 'b']);
  assert.equal(firstInversion([{ startTime: 1 }, { startTime: 2 }, { startTime: 1 }], 'started', 'asc'), 2);
  assert.equal(firstInversion([{ endTime: 3 }, { endTime: 3 }, { endTime: 1 }], 'ended', 'desc'), -1);
});

test('lifecycle model: endTime before readyTime, nothing disappears or changes, order of times', () => {
  const r = { id: 'r', channel: 'c', startTime: 100 };
  assert.equal(timesViolation(r, { startTime: 100 }), undefined);
  assert.match(timesViolation(r, { startTime: 100, readyTime: 150 })!, /readyTime 150 is set while endTime is not/);
  assert.match(timesViolation(r, { startTime: 100, endTime: 50 })!, /before startTime/);
  observe(r, { startTime: 100, endTime: 200 });
  assert.match(timesViolation(r, { startTime: 100 })!, /endTime was 200/);
  assert.match(timesViolation(r, { startTime: 100, endTime: 200, readyTime: 150 })!, /readyTime 150 is before endTime 200/);
  observe(r, { startTime: 100, endTime: 200, readyTime: 260 });
  assert.match(timesViolation(r, { startTime: 100, endTime: 200 })!, /readyTime was 260/);
  assert.match(timesViolation(r, { startTime: '1970-01-01T00:00:00.100Z', endTime: 200, readyTime: 260 })!, /startTime changed/);
});

test('every fault names existing Horn checks, and every check with a decision names one the spec records', () => {
  const ids = new Set(checks.map((c) => c.id));
  for (const f of faults) for (const id of trips[f.name]) assert.ok(ids.has(id), `${f.name} trips unknown check ${id}`);
  const spec = loadSpec(horn.specPath);
  const text = JSON.stringify((spec as unknown as { doc?: unknown }).doc ?? spec);
  for (const c of checks) if (c.decision) assert.ok(text.includes(`"id":"${c.decision}"`), `${c.id}: decision ${c.decision} not in the spec`);
});

/** Runs one check against a mock server with one fault on, as `callrec run` does against the built-in mock. */
async function runOneCheck(server: { url: string }, fault: string, check: string, seed: number, maxExamples: number) {
  const control = createControlClient(server.url);
  const { results } = await runChecks({
    module: horn,
    target: server.url,
    config: {},
    control,
    refreshConfig: () => horn.mockTargetConfig(control),
    faults: [fault],
    seed,
    maxExamples,
    checks: [check],
    spec: loadSpec(horn.specPath).validator,
    decisions: [],
    builtInMock: true,
    emit: () => {},
  });
  return results;
}

test('a property-based check under a fault fails with the rule, the response and the fast-check reproduction', async () => {
  const server = await startMockServer({ api: 'horn', clock: 'frozen' });
  try {
    const results = await runOneCheck(server, 'sort-ended-ignored', 'horn.pagination.limit-offset', 3, 10);
    const [result] = results as unknown as { status: string; failure?: { rule: string; repro?: string; curl?: string; reproduce?: string } }[];
    assert.equal(result?.status, 'failed');
    assert.match(result.failure!.rule, /sorted by endTime|requested order/);
    assert.match(JSON.stringify(result.failure), /fast-check seed/);
    assert.match(JSON.stringify(result.failure), /curl/);
  } finally {
    await server.close();
  }
});

test('every decision id a Horn rule or failure names (decision-only rules) is one the spec records', () => {
  const spec = loadSpec(horn.specPath);
  const text = JSON.stringify((spec as unknown as { doc?: unknown }).doc ?? spec);
  const dir = fileURLToPath(new URL('../../suites/horn/', import.meta.url));
  const files = readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith('.ts'));
  const used = new Set<string>();
  for (const f of files) {
    const source = readFileSync(join(dir, f), 'utf8');
    for (const m of source.matchAll(/decision(?:: |\s*=\s*)'([a-z0-9-]+)'/g)) used.add(m[1]!);
  }
  assert.ok(used.size >= 10, `found only ${[...used].join(', ')}`);
  for (const id of used) assert.ok(text.includes(`"id":"${id}"`), `decision ${id} is not in the spec`);
});

test('a broken decision-only rule deviates while the documented rules of the same check still pass', async () => {
  const server = await startMockServer({ api: 'horn', clock: 'frozen' });
  try {
    const run = async (fault: string, check: string) => {
      const results = await runOneCheck(server, fault, check, 1, 5);
      return results[0] as unknown as { status: string; rules: { rule: string; status: string; decision?: string }[] };
    };
    // RECORDING_NOT_PERMITTED as 500: the code is documented and still there; only our 400 is broken.
    const record = await run('not-permitted-as-500', 'horn.record.possible-and-permitted');
    assert.equal(record.status, 'deviated', JSON.stringify(record.rules));
    // (The same 500 breaks our 400 for a channel without a confirmed owner and for an inactive one.)
    assert.deepEqual(record.rules.filter((r) => r.status !== 'passed').map((r) => [r.status, r.decision]), [['deviated', 'recording-not-permitted-400'], ['deviated', 'unconfirmed-email-blocks-start'], ['deviated', 'panel-only-recording']]);
    // An asset state outside our enum (the enum is unpublished) deviates; the rest of the schema check passes.
    const schema = await run('asset-state-outside-enum', 'horn.schema.responses-conform');
    assert.equal(schema.status, 'deviated', JSON.stringify(schema.rules));
    assert.ok(schema.rules.filter((r) => r.status !== 'passed').every((r) => r.status === 'deviated' && r.decision === 'asset-states'), JSON.stringify(schema.rules));
    // A stranger reading recordings breaks roles-per-operation only: one rule per operation, all reported.
    const auth = await run('stranger-reads-recordings', 'horn.auth.roles');
    const broken = auth.rules.filter((r) => r.status !== 'passed');
    assert.equal(auth.status, 'deviated');
    assert.ok(broken.length >= 4 && broken.every((r) => r.status === 'deviated' && /no role/.test(r.rule)), JSON.stringify(broken));
  } finally {
    await server.close();
  }
});
