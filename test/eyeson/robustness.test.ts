// test-process: own (thousands of generated requests over HTTP: several seconds of CPU, run beside the rest)
// Generated client traffic against the real HTTP Eyeson mock: a few thousand requests shaped like
// the official clients' (meetings joined, recordings started and stopped, read, listed, deleted,
// downloaded, webhooks registered) mixed with hostile ones (odd ids, broken bodies and queries,
// wrong keys, undefined methods), sent with bounded concurrency while the clock moves. Every
// answer must be documented (never a 5xx, spec-valid JSON, 405 with Allow, recordings in one of
// their three states), and afterwards the state seen through the API must be consistent.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { loadSpec } from '../../core/spec-load.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { pooled } from '../support/traffic.ts';
import { stateOfFields, type EyesonRecording } from '../../suites/eyeson/support.ts';

const SEED = 20260303;
const REQUESTS = 2000;
const CONCURRENCY = 16;
const KEY = 'callrec-eyeson-key';
const ROOMS = ['fuzz-a', 'fuzz-b', 'fuzz-c', 'callrec-archive'];
const spec = loadSpec('specs/eyeson/openapi.yaml').validator;

let mock: MockServer;
before(async () => {
  mock = await startMockServer({ api: 'eyeson', clock: 'frozen', seed: 7 });
});
after(async () => {
  await mock?.close();
});

// ---- what the traffic learns as it goes (ids only ever come from answers) ----
const accessKeys: string[] = [];
const recordingIds = new Set<string>();
const deleted = new Set<string>();
const links: string[] = [];

type Pick = { kind: 'access' | 'recording' | 'link'; pick: number } | { kind: 'raw'; value: string };
interface Gen {
  method: string;
  path: string; // `{access}`, `{recording}` are filled in when sent
  pick?: Pick;
  query?: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
  advanceMs?: number;
}

const hostile = fc.oneof(fc.constantFrom('%2e%2e', '..%2F', '%00', '%zz', 'a'.repeat(200), encodeURIComponent('réc😀'), '%20'), fc.string({ maxLength: 16 }).map((s) => encodeURIComponent(s) || 'x'));
const pickOf = (kind: 'access' | 'recording' | 'link') =>
  fc.oneof({ weight: 4, arbitrary: fc.nat().map((pick): Pick => ({ kind, pick })) }, { weight: 1, arbitrary: hostile.map((value): Pick => ({ kind: 'raw', value })) });
const auth = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Record<string, string>>({ authorization: KEY }) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
  { weight: 1, arbitrary: fc.constantFrom<Record<string, string>>({ authorization: 'wrong' }, { authorization: 'callrec-eyeson-locked-key' }, { authorization: `Bearer ${KEY}` }) },
);
const form = (o: Record<string, string>) => new URLSearchParams(o).toString();
const joinBody = fc.oneof(
  fc.tuple(fc.constantFrom(...ROOMS), fc.boolean()).map(([id, rec]) => ({ type: 'application/json', body: JSON.stringify({ id, user: { name: 'fuzz' }, options: { recording_available: rec } }) })),
  fc.constantFrom(...ROOMS).map((id) => ({ type: 'application/x-www-form-urlencoded', body: form({ id, 'user[name]': 'fuzz', 'options[recording_available]': 'true' }) })),
  fc.oneof(fc.json({ maxDepth: 2 }), fc.constantFrom('{"user":', 'not json', '{"user":{"name":""}}', '{"user":{"name":5}}')).map((body) => ({ type: 'application/json', body })),
  fc.tuple(fc.string({ maxLength: 40 }), fc.constantFrom('application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data')).map(([body, type]) => ({ type, body })),
);
const webhookBody = fc.oneof(
  fc.constantFrom('recording_update', 'room_update,recording_update', 'bogus', '').map((types) => form({ url: 'http://127.0.0.1:9/hook', types })),
  fc.record({ url: fc.oneof(fc.constant('http://127.0.0.1:9/hook'), fc.string({ maxLength: 20 })), types: fc.oneof(fc.string({ maxLength: 10 }), fc.array(fc.string({ maxLength: 6 }), { maxLength: 2 })) }, { requiredKeys: [] }).map((v) => JSON.stringify(v)),
);
const timeValue = fc.oneof(fc.date({ min: new Date('2025-12-01T00:00:00Z'), max: new Date('2026-01-15T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString()), fc.constantFrom('', 'yesterday', '2026-13-40T00:00:00Z', '1767225600'));
const listQuery = fc.record({ page: fc.oneof(fc.nat({ max: 4 }).map(String), fc.constantFrom('-1', 'x', '1.5', '')), since: timeValue, until: timeValue, started_at: timeValue }, { requiredKeys: [] });
const range = fc.oneof(fc.constantFrom('bytes=0-99', 'bytes=-10', 'bytes=85000-', 'bytes=999999-', 'bytes=5-1', 'bytes=0-1,5-6', 'items=0-1', 'bytes=abc'), fc.tuple(fc.nat(90_000), fc.nat(90_000)).map(([a, b]) => `bytes=${a}-${b}`));

const genRequest: fc.Arbitrary<Gen> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(joinBody, auth).map(([b, a]) => ({ method: 'POST', path: '/rooms', headers: { ...a, 'content-type': b.type }, body: b.body })) },
  { weight: 5, arbitrary: pickOf('access').map((pick) => ({ method: 'POST', path: '/rooms/{access}/recording', pick, headers: {} })) },
  { weight: 4, arbitrary: pickOf('access').map((pick) => ({ method: 'DELETE', path: '/rooms/{access}/recording', pick, headers: {} })) },
  { weight: 3, arbitrary: pickOf('access').map((pick) => ({ method: 'GET', path: '/rooms/{access}', pick, headers: {} })) },
  { weight: 1, arbitrary: pickOf('access').map((pick) => ({ method: 'DELETE', path: '/rooms/{access}', pick, headers: {} })) },
  { weight: 4, arbitrary: fc.tuple(pickOf('recording'), auth).map(([pick, a]) => ({ method: 'GET', path: '/recordings/{recording}', pick, headers: a })) },
  { weight: 1, arbitrary: fc.tuple(pickOf('recording'), auth).map(([pick, a]) => ({ method: 'DELETE', path: '/recordings/{recording}', pick, headers: a })) },
  { weight: 4, arbitrary: fc.tuple(fc.oneof(fc.constantFrom(...ROOMS), hostile), listQuery, auth).map(([room, query, a]) => ({ method: 'GET', path: `/rooms/${room}/recordings`, query, headers: a })) },
  { weight: 2, arbitrary: fc.tuple(pickOf('link'), fc.option(range)).map(([pick, r]) => ({ method: 'GET', path: '{link}', pick, headers: (r === null ? {} : { range: r }) as Record<string, string> })) },
  { weight: 1, arbitrary: fc.tuple(webhookBody, auth).map(([body, a]) => ({ method: 'POST', path: '/webhooks', headers: { ...a, 'content-type': body.startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded' }, body })) },
  { weight: 1, arbitrary: auth.map((a) => ({ method: 'GET', path: '/webhooks', headers: a })) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom('PUT', 'PATCH'), fc.constantFrom('/rooms', '/webhooks', '/recordings/x', '/rooms/x/recordings')).map(([method, path]) => ({ method, path, headers: { authorization: KEY }, body: '{}' })) },
  { weight: 1, arbitrary: fc.integer({ min: 500, max: 8_000 }).map((ms) => ({ method: 'CLOCK', path: '', headers: {}, advanceMs: ms })) },
);

const at = <T>(list: T[], i: number) => (list.length ? list[i % list.length] : undefined);

/** The concrete URL path (and query) of a generated request, from what the traffic has learned. */
function resolve(g: Gen): string {
  const raw = (p: Pick | undefined, fallback: string) => (p?.kind === 'raw' ? p.value : fallback);
  if (g.path === '{link}') {
    const link = g.pick?.kind === 'link' ? at(links, g.pick.pick) : undefined;
    return link ? link.replace(mock.url, '') : `/downloads/${raw(g.pick, 'nope')}.webm?expires=1&signature=${'0'.repeat(64)}`;
  }
  const access = g.pick?.kind === 'access' ? at(accessKeys, g.pick.pick) : undefined;
  const recording = g.pick?.kind === 'recording' ? at([...recordingIds], g.pick.pick) : undefined;
  const path = g.path.replace('{access}', encodeURIComponent(access ?? raw(g.pick, 'nokey'))).replace('{recording}', encodeURIComponent(recording ?? raw(g.pick, 'norec')));
  const qs = g.query ? new URLSearchParams(g.query).toString() : '';
  return qs ? `${path}?${qs}` : path;
}

function learnRecording(r: unknown): void {
  const rec = r as EyesonRecording | null;
  if (!rec || typeof rec.id !== 'string') return;
  recordingIds.add(rec.id);
  if (typeof rec.links?.download === 'string') links.push(rec.links.download);
  // A recording must always be in one of its three states.
  assert.ok(stateOfFields(rec) !== undefined, `recording ${rec.id} has a download link but no duration`);
}

const problems: string[] = [];

async function send(g: Gen): Promise<void> {
  if (g.method === 'CLOCK') {
    const res = await fetch(`${mock.url}/__callrec/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceMs: g.advanceMs }) });
    assert.equal(res.status, 200);
    return;
  }
  const target = resolve(g);
  const res = await fetch(`${mock.url}${target}`, { method: g.method, headers: g.headers, ...(g.body !== undefined ? { body: g.body } : {}) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const headers: Record<string, string> = {};
  res.headers.forEach((v, k) => (headers[k] = v));
  const where = `${g.method} ${target.slice(0, 120)} → ${res.status}`;
  if (res.status >= 500) problems.push(`${where}: server error ${new TextDecoder().decode(bytes).slice(0, 200)}`);
  if (res.status === 405 && !headers['allow']) problems.push(`${where}: 405 without Allow`);
  const path = target.split('?')[0]!;
  const op = spec.findOperation(g.method, path);
  if (op && res.status !== 405) {
    for (const issue of spec.validateResponse(op.operationId, res.status, headers, bytes)) problems.push(`${where}: ${issue.message}`);
  }
  if (!op || res.status >= 400 || !(headers['content-type'] ?? '').includes('json')) return;
  const body = JSON.parse(new TextDecoder().decode(bytes));
  if (op.operationId === 'createRoom' || op.operationId === 'getRoom') {
    if (op.operationId === 'createRoom') accessKeys.push(body.access_key);
    learnRecording(body.recording);
  }
  if (op.operationId === 'getRecording') learnRecording(body);
  if (op.operationId === 'listRoomRecordings') for (const r of body) learnRecording(r);
  if (op.operationId === 'deleteRecording' && res.status === 200) deleted.add(path.split('/').pop()!);
}

// The timeout guards against a hang, not a speed goal: on a busy 2-core box this takes minutes.
test(`${REQUESTS} generated requests: documented answers only, then a consistent state`, { timeout: 300_000 }, async () => {
  // Every room starts with a meeting, so the traffic has access keys from the first request on.
  for (const id of ROOMS) await send({ method: 'POST', path: '/rooms', headers: { authorization: KEY, 'content-type': 'application/json' }, body: JSON.stringify({ id, user: { name: 'seed' } }) });
  assert.equal(accessKeys.length, ROOMS.length);

  const corpus = fc.sample(genRequest, { seed: SEED, numRuns: REQUESTS });
  await pooled(corpus, CONCURRENCY, async (g) => {
    try {
      await send(g);
    } catch (e) {
      problems.push(`${g.method} ${g.path}: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problem(s)`);
  assert.ok(recordingIds.size > 20, `the traffic should have met recordings (met ${recordingIds.size})`);

  // ---- invariants, read sequentially through the documented API ----
  const get = async (path: string, h: Record<string, string> = { authorization: KEY }) => {
    const res = await fetch(`${mock.url}${path}`, { headers: h });
    return { status: res.status, body: res.status === 200 ? await res.json() : undefined };
  };
  for (const room of ROOMS) {
    const seen: string[] = [];
    for (let page = 1; page < 100; page++) {
      const { status, body } = await get(`/rooms/${room}/recordings?page=${page}`);
      assert.equal(status, 200);
      assert.ok(body.length <= 25);
      if (body.length === 0) break;
      seen.push(...body.map((r: EyesonRecording) => r.id));
    }
    assert.equal(new Set(seen).size, seen.length, `room ${room} lists a recording twice`);
    for (const id of seen) assert.ok(!deleted.has(id), `deleted recording ${id} is still listed in ${room}`);
  }
  for (const id of deleted) assert.equal((await get(`/recordings/${id}`)).status, 404, `deleted recording ${id} is readable`);
  for (const key of accessKeys) {
    const { status, body } = await get(`/rooms/${encodeURIComponent(key)}`, {});
    assert.ok(status === 200 || status === 410, `access key answered ${status}`);
    // A meeting's running recording is, by definition, in state started.
    if (status === 200 && body.recording) assert.equal(stateOfFields(body.recording), 'started');
  }
});
