// Honest verdicts against targets that are not callrec's mock (issue 9): a documented alternative
// to one of our decisions deviates instead of failing, every operation of the auth check is
// reported, a listing larger than the walk budget leaves the rules that need all of it not
// applicable (never passed), and the Eyeson mock states its time in `Date` as a real server does.
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { loadSpec } from '../../core/spec-load.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { runChecks } from '../../suites/engine/runner.ts';
import { getApi } from '../../apis.ts';

const eyeson = getApi('eyeson');

const KEY = 'callrec-eyeson-key';
const spec = loadSpec(eyeson.specPath).validator;

let mock: MockServer;
let refusing403: { url: string; server: Server };
before(async () => {
  mock = await startMockServer({ api: 'eyeson', clock: 'frozen', seed: 3 });
  refusing403 = await rewriting401(mock.url);
});
after(async () => {
  await new Promise((r) => refusing403?.server.close(r));
  await mock?.close();
});

/** A proxy that answers every 401 of the mock as 403, as a server following the reference's "403 UNAUTHORIZED" would. */
async function rewriting401(upstream: string): Promise<{ url: string; server: Server }> {
  const up = new URL(upstream);
  const server = createServer((req, res) => {
    const out = httpRequest({ host: up.hostname, port: up.port, method: req.method, path: req.url, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode === 401 ? 403 : (answer.statusCode ?? 502), answer.headers);
      answer.pipe(res);
    });
    req.pipe(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

const run = (target: string, config: Record<string, unknown>, checks: string[]) =>
  runChecks({ module: eyeson, target, config, seed: 1, maxExamples: 5, checks, spec, emit: () => {} });

test('a 403 for a missing or unknown API key (documented) deviates from decision auth-401-403, for every operation', async () => {
  const { results } = await run(refusing403.url, { apiKey: KEY }, ['eyeson.auth.api-key']);
  const r = results[0]!;
  assert.equal(r.status, 'deviated', JSON.stringify(r.failure));
  const refused = (r.rules ?? []).filter((x) => x.rule.includes(' is refused'));
  assert.equal(refused.length, 8); // two operations × four ways of asking, all reported
  assert.ok(refused.every((x) => x.status === 'deviated' && x.decision === 'auth-401-403'));
  const locked = (r.rules ?? []).filter((x) => x.rule.includes('locked API key'));
  assert.deepEqual(locked.map((x) => x.status), ['not-applicable', 'not-applicable']);
  assert.match(locked[0]!.reason ?? '', /lockedApiKey/);
});

test('a room larger than the walk budget: the whole-listing rules are not applicable, never passed', async () => {
  // 1 600 recordings = 64 pages of 25, beyond the 60-page budget of a walk.
  const res = await fetch(`${mock.url}/__callrec/seed`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ generate: { roomId: 'callrec-huge', count: 1600, days: 3, instances: 2 } }) });
  assert.equal(res.status, 200);
  const { results } = await run(mock.url, { apiKey: KEY, rooms: { paged: 'callrec-huge' } }, ['eyeson.pagination.pages', 'eyeson.pagination.time-filters']);
  const pages = results.find((r) => r.id === 'eyeson.pagination.pages')!;
  const rule = (name: string) => pages.rules?.find((x) => x.rule === name);
  assert.equal(pages.status, 'passed');
  assert.equal(rule('a page past the end is an empty array')?.status, 'not-applicable');
  assert.match(rule('a page past the end is an empty array')?.reason ?? '', /more than 60 pages/);
  assert.equal(rule('a recording appears on one page only')?.status, 'passed');
  const filters = results.find((r) => r.id === 'eyeson.pagination.time-filters')!;
  assert.equal(filters.status, 'not-applicable');
  assert.match(filters.reason ?? '', /walk budget/);
});

test('the mock states the time of its own clock in Date', async () => {
  const res = await fetch(`${mock.url}/webhooks`, { headers: { authorization: KEY } });
  await res.arrayBuffer();
  const clock = (await (await fetch(`${mock.url}/__callrec/clock`)).json()) as { now: number };
  assert.equal(res.headers.get('date'), new Date(Math.floor(clock.now / 1000) * 1000).toUTCString());
});

test('a target without start and stop: every rule that does not need them still runs, on the configured data', async () => {
  const defaults = (await (await fetch(`${mock.url}/__callrec/action/defaults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).json()) as { archiveRoomId: string; finishedRecordingId: string };
  const config = {
    apiKey: KEY,
    writes: true,
    rooms: { paged: defaults.archiveRoomId },
    recordings: { finished: defaults.finishedRecordingId },
    notImplemented: ['startRecording', 'stopRecording'],
  };
  const { results } = await run(mock.url, config, ['eyeson.schema.responses-conform', 'eyeson.download.ranges', 'eyeson.recording.start-stop-statuses', 'eyeson.lifecycle.fields-in-order', 'eyeson.delete.lifecycle']);
  const byId = Object.fromEntries(results.map((r) => [r.id, r]));
  for (const r of results) assert.ok(r.status !== 'failed' && r.status !== 'errored', `${r.id}: ${r.status} ${JSON.stringify(r.failure ?? r.error)}`);
  // Schema rules on the configured recording and room, and the ranges of its link, are asserted.
  const schema = byId['eyeson.schema.responses-conform']!;
  assert.equal(schema.rules?.find((x) => x.rule.startsWith('the configured finished recording'))?.status, 'passed');
  assert.equal(byId['eyeson.download.ranges']!.status, 'passed');
  // What needs a recording of our own says why, and names the missing operation.
  assert.ok(schema.notImplemented?.some((n) => n.operation === 'startRecording'));
  // Unknown ids of the other operations are still judged; only the missing ones are set aside.
  assert.equal(schema.rules?.find((x) => x.rule === 'unknown ids and access keys get documented answers')?.status, 'passed');
  assert.equal(schema.rules?.find((x) => x.rule === 'unknown ids and access keys get documented answers: startRecording')?.status, 'not-applicable');
  const rec = byId['eyeson.recording.start-stop-statuses']!;
  assert.equal(rec.rules?.find((x) => x.rule === 'start in a running meeting answers 201')?.status, 'not-applicable');
  assert.equal(rec.rules?.find((x) => x.rule === 'start where options disable recording answers 406')?.status, 'not-applicable');
  assert.equal(rec.rules?.find((x) => x.rule === 'shutting a running meeting down answers 204 No Content')?.status, 'passed');
  assert.equal(byId['eyeson.lifecycle.fields-in-order']!.status, 'not-applicable');
  assert.equal(byId['eyeson.delete.lifecycle']!.rules?.find((x) => x.rule === 'deleting a recording that does not exist answers 404')?.status, 'passed');
});
