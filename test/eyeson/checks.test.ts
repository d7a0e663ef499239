// The pure parts behind the Eyeson checks (the three-state reading of a recording, the lifecycle
// model, the range oracle) and how the suite behaves against a target without the control API:
// checks that need the mock's clock or config it does not have are not applicable, never passed
// or failed on assumptions about the mock's data.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { loadSpec } from '../../core/spec-load.ts';
import { runChecks } from '../../suites/engine/runner.ts';
import { getApi } from '../../apis.ts';
import { stateOfFields } from '../../suites/eyeson/support.ts';
import { expectedStart, expectedStop, observe, readViolation, type ModelRecording } from '../../suites/eyeson/lifecycle-model.ts';
import { headerOf, wantRange } from '../../suites/eyeson/checks/download.ts';

const eyeson = getApi('eyeson');

const fields = (duration: number | null, download: string | null) => ({ duration, links: { self: 'x', download } });

test('a recording\'s state comes from duration and links.download; download without duration is no state', () => {
  assert.equal(stateOfFields(fields(null, null)), 'started');
  assert.equal(stateOfFields(fields(12, null)), 'stopped');
  assert.equal(stateOfFields(fields(0, 'https://x/a.webm')), 'finished');
  assert.equal(stateOfFields(fields(null, 'https://x/a.webm')), undefined);
});

test('lifecycle model: forward only, a stop is final, nobody-stopped stays started', () => {
  const rec: ModelRecording = { id: 'r', meeting: 0, seen: 'started', stopped: false };
  assert.equal(readViolation(rec, 'started'), undefined);
  assert.match(readViolation(rec, 'stopped') ?? '', /nobody stopped/);
  assert.match(readViolation(rec, undefined) ?? '', /download is set while duration is null/);
  rec.stopped = true;
  assert.match(readViolation(rec, 'started') ?? '', /still reads as started/);
  assert.equal(readViolation(rec, 'stopped'), undefined);
  observe(rec, 'finished');
  assert.equal(rec.seen, 'finished');
  assert.match(readViolation(rec, 'stopped') ?? '', /went back from finished to stopped/);
  observe(rec, 'stopped'); // a lie read later never lowers what was seen
  assert.equal(rec.seen, 'finished');
  assert.equal(expectedStart({ accessKey: 'k', roomId: 'r' }), 201);
  assert.equal(expectedStart({ accessKey: 'k', roomId: 'r', running: 'x' }), 405);
  assert.equal(expectedStop({ accessKey: 'k', roomId: 'r' }), 404);
});

test('range oracle (RFC 9110 §14): clamping, open ends, suffixes, unsatisfiable starts', () => {
  assert.deepEqual(wantRange({ kind: 'int', start: 0, end: 99 }, 1000), { kind: 'partial', start: 0, end: 99 });
  assert.deepEqual(wantRange({ kind: 'int', start: 900, end: 5000 }, 1000), { kind: 'partial', start: 900, end: 999 });
  assert.deepEqual(wantRange({ kind: 'int', start: 10 }, 1000), { kind: 'partial', start: 10, end: 999 });
  assert.deepEqual(wantRange({ kind: 'suffix', length: 10 }, 1000), { kind: 'partial', start: 990, end: 999 });
  assert.deepEqual(wantRange({ kind: 'suffix', length: 5000 }, 1000), { kind: 'partial', start: 0, end: 999 });
  assert.deepEqual(wantRange({ kind: 'int', start: 1000 }, 1000), { kind: 'unsatisfiable' });
  assert.equal(headerOf({ kind: 'int', start: 3 }), 'bytes=3-');
  assert.equal(headerOf({ kind: 'suffix', length: 7 }), 'bytes=-7');
});

let mock: MockServer;
before(async () => {
  mock = await startMockServer({ api: 'eyeson', clock: 'frozen' });
});
after(async () => {
  await mock?.close();
});

test('against a target without the control API and without writes, checks never rely on the mock', async () => {
  const { results } = await runChecks({
    module: eyeson,
    target: mock.url,
    config: { apiKey: 'callrec-eyeson-key' },
    seed: 1,
    maxExamples: 10,
    spec: loadSpec(eyeson.specPath).validator,
    emit: () => {},
  });
  const status = Object.fromEntries(results.map((r) => [r.id, r.status]));
  // Read-only checks still judge the target…
  assert.equal(status['eyeson.auth.api-key'], 'passed');
  assert.equal(status['eyeson.schema.responses-conform'], 'passed');
  assert.equal(status['eyeson.robustness.bad-input'], 'passed');
  // …while those that need writes, a clock or configured data say why they cannot.
  for (const id of ['eyeson.retention.fourteen-days', 'eyeson.pagination.pages', 'eyeson.pagination.time-filters', 'eyeson.download.link-expiry', 'eyeson.lifecycle.fields-in-order', 'eyeson.sdk.body-encodings', 'eyeson.delete.lifecycle', 'eyeson.webhooks.signature']) {
    assert.equal(status[id], 'not-applicable', `${id}: ${status[id]} ${results.find((r) => r.id === id)?.reason ?? ''}`);
  }
  assert.ok(results.every((r) => r.status !== 'failed' && r.status !== 'errored'), JSON.stringify(results.filter((r) => r.status === 'failed' || r.status === 'errored').map((r) => [r.id, r.failure ?? r.error])));
});

test('with a configured finished recording and paged room, a real-target run reads them (no writes)', async () => {
  const defaults = (await (await fetch(`${mock.url}/__callrec/action/defaults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { archiveRoomId: string; finishedRecordingId: string };
  const { results } = await runChecks({
    module: eyeson,
    target: mock.url,
    config: { apiKey: 'callrec-eyeson-key', rooms: { paged: defaults.archiveRoomId }, recordings: { finished: defaults.finishedRecordingId } },
    seed: 2,
    maxExamples: 10,
    checks: ['eyeson.pagination.pages', 'eyeson.pagination.time-filters', 'eyeson.download.ranges', 'eyeson.download.link-expiry'],
    spec: loadSpec(eyeson.specPath).validator,
    emit: () => {},
  });
  const status = Object.fromEntries(results.map((r) => [r.id, r.status]));
  assert.deepEqual(status, {
    'eyeson.pagination.pages': 'passed',
    'eyeson.pagination.time-filters': 'passed',
    'eyeson.download.ranges': 'passed',
    'eyeson.download.link-expiry': 'passed', // served and re-issued…
  });
  // …but the hour cannot be waited out on a clock that does not move: those rules say why.
  const expiry = results.find((r) => r.id === 'eyeson.download.link-expiry')!;
  const rule = (name: string) => expiry.rules?.find((r) => r.rule === name);
  assert.equal(rule('a download link is not served once its hour is over')?.status, 'not-applicable');
  assert.match(rule('a download link is not served once its hour is over')?.reason ?? '', /maxWaitSeconds/);
  assert.equal(rule('an expired link answers 403')?.status, 'not-applicable');
  assert.equal(rule('reading the recording again issues a fresh working link')?.status, 'passed');
});
