// test-process: own (thousands of generated requests over HTTP: several seconds of CPU, run beside the rest)
// Generated traffic against the real HTTP mock: a few thousand requests, valid and hostile
// (malformed JSON, wrong types, oversized bodies, odd ids, bad ranges and cursors, unknown
// methods, stray query parameters), sent with bounded concurrency. Whatever the order the
// requests land in, the mock must answer each one with a documented status and a body that
// matches the spec, never a 5xx, and leave its state consistent.
//
// The corpus comes from fast-check with a fixed seed, so every run sends the same requests.
// Concurrency can reorder them, which is why the assertions are invariants, not exact answers.
import assert from 'node:assert/strict';
import { Agent, type IncomingHttpHeaders } from 'node:http';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { loadSpec } from '../../core/spec-load.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { flatHeaders, pooled, rawClient } from '../support/traffic.ts';

const SEED = 20260101;
const REQUESTS = 3000;
const CONCURRENCY = 16;
const BASE = '/api/v1';
const KEY = 'callrec-dev-key';
const BODY_LIMIT = 64 * 1024;
const spec = loadSpec('specs/openvidu-meet/openapi.yaml').validator;

// ---------------------------------------------------------------------------------------------
// The generated requests

/** What the request is meant to provoke; some intents carry an exact expectation (see expected()). */
type Intent = 'plain' | 'oversized' | 'malformed-json' | 'unknown-method' | 'control';

interface GenRequest {
  intent: Intent;
  method: string;
  /** Full path; `{id}` stands for a recording id chosen when the request is sent. */
  path: string;
  id?: IdChoice;
  /** Sent as the `recordingIds` query parameter (comma-separated), resolved like `id`. */
  ids?: IdChoice[];
  query: [string, string][];
  headers: Record<string, string>;
  body?: string;
}

/**
 * A recording id: one the mock knows (picked at send time from all ids, or from those this run
 * started, so stops and media requests meet recordings in every state), or a hostile one
 * given as a path segment (already percent-encoded, or deliberately broken encoding).
 */
type IdChoice = { kind: 'known' | 'started'; pick: number } | { kind: 'raw'; value: string };

const ROOMS = ['room-alpha', 'room-beta', 'room-empty', 'room-disabled', 'no-such-room'];

const oddIds: string[] = [
  '..%2F..%2Fetc%2Fpasswd',
  '..%2F',
  '%2e%2e',
  '..',
  encodeURIComponent('récording--EG_ünï--çødé'),
  encodeURIComponent('room--EG_😀--x'),
  'a'.repeat(10_000),
  `room-alpha--EG_${'x'.repeat(10_000)}--Y`,
  'room-alpha--EG_nothere--ZZZZZ',
  'room-alpha--EG_--X',
  'room-alpha--XX_abc--X',
  '--EG_abc--',
  '%20room-alpha--EG_abc--X%20',
  '%00',
  '%zz',
  'room-alpha%2F--EG_abc--X',
  encodeURIComponent("'; DROP TABLE recordings; --"),
];

const idArb: fc.Arbitrary<IdChoice> = fc.oneof(
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'known' as const, pick })) },
  { weight: 2, arbitrary: fc.nat().map((pick) => ({ kind: 'started' as const, pick })) },
  { weight: 2, arbitrary: fc.constantFrom(...oddIds).map((value) => ({ kind: 'raw' as const, value })) },
  { weight: 1, arbitrary: fc.string({ maxLength: 40 }).map((s) => ({ kind: 'raw' as const, value: encodeURIComponent(s) || 'x' })) },
);

/** Stray and hostile query parameters, added to any request. */
const junkQuery = fc.array(
  fc.tuple(
    fc.oneof(fc.constantFrom('foo', '__proto__', 'constructor', 'maxItems', 'sortField', 'secret', 'fields', 'a[b]', ''), fc.string({ maxLength: 12 })),
    fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('', '-1', '1e309', 'NaN', 'null', '[]', '{}', '%', 'a'.repeat(2000))),
  ),
  { maxLength: 3 },
);

const auth = fc.oneof(
  { weight: 8, arbitrary: fc.constant<Record<string, string>>({ 'x-api-key': KEY }) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({}) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({ 'x-api-key': 'wrong-key' }) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({ authorization: 'Bearer not.a.jwt' }) },
  { weight: 1, arbitrary: fc.constant<Record<string, string>>({ 'x-room-member-token': 'Bearer eyJhbGciOiJub25lIn0.e30.' }) },
);

const json = (v: unknown) => JSON.stringify(v);

const startBody = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...ROOMS).map((roomId) => json({ roomId })) },
  { weight: 2, arbitrary: fc.record({ roomId: fc.constantFrom(...ROOMS), config: fc.record({ layout: fc.oneof(fc.constantFrom('grid', 'speaker', 'single-speaker'), fc.string({ maxLength: 10 }), fc.integer()) }) }).map(json) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string()), fc.string({ maxLength: 150 }), fc.object()).map((roomId) => json({ roomId })) },
  { weight: 1, arbitrary: fc.oneof(fc.constant(null), fc.constant([]), fc.integer(), fc.string(), fc.constant({}), fc.record({ config: fc.anything() })).map(json) },
);

const malformedJson = fc.constantFrom('{"roomId":', '{roomId: "room-alpha"}', "{'roomId':'room-alpha'}", '{"roomId":"room-alpha",}', 'not json', '\u0000\u0001', '{"a":1}{"b":2}', '\uFEFF{"roomId":"room-alpha"');

const ranges = fc.oneof(
  fc.constantFrom('bytes=0-9', 'bytes=0-0', 'bytes=5-', 'bytes=-5', 'bytes=10-5', 'bytes=0-1,5-6', 'items=0-1', 'bytes=abc-def', 'bytes=', 'bytes=99999999-', 'bytes=0-99999999', 'bytes= 0-1', 'BYTES=0-1', '', 'bytes=1-2-3'),
  fc.tuple(fc.nat(7_000_000), fc.option(fc.nat(7_000_000))).map(([a, b]) => `bytes=${a}-${b ?? ''}`),
  fc.string({ maxLength: 20 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
);

const tokens = fc.oneof(
  fc.constantFrom('abc', '!!!', '====', 'eyJ2IjoxfQ', Buffer.from('{"v":null,"id":null}').toString('base64url'), Buffer.from('[1,2,3]').toString('base64url'), Buffer.from('{"fieldValue":"x"}').toString('base64')),
  fc.string({ maxLength: 40 }),
  fc.json({ maxDepth: 2 }).map((j) => Buffer.from(j).toString('base64url')),
);

const listQuery = fc.record(
  {
    maxItems: fc.oneof(fc.integer({ min: -5, max: 150 }).map(String), fc.constantFrom('3.5', 'abc', '', '1e3', '0x10')),
    sortField: fc.constantFrom('startDate', 'roomName', 'duration', 'size', 'endDate', 'bogus', ''),
    sortOrder: fc.constantFrom('asc', 'desc', 'ASC', 'up'),
    status: fc.constantFrom('complete', 'active', 'ending', 'failed', 'recording', ''),
    roomId: fc.constantFrom(...ROOMS),
    roomName: fc.oneof(fc.constantFrom('alpha', 'BETA', '.*', '(', '[', '\\'), fc.string({ maxLength: 10 })),
    fields: fc.constantFrom('recordingId', 'recordingId,roomId', 'status,size', 'nope', ',,,'),
    nextPageToken: tokens,
  },
  { requiredKeys: [] },
).map((q) => Object.entries(q).map(([k, v]) => [k, String(v)] as [string, string]));

// At most one 10 kB id per list: two would push the request line past node's 16 KiB header
// limit, and the 431 would come from node's parser, not from the mock.
const idList = fc.array(idArb, { minLength: 0, maxLength: 4 }).filter((ids) => ids.reduce((n, c) => n + (c.kind === 'raw' ? c.value.length : 60), 0) < 12_000);

const api = (p: string) => BASE + p;
const plain = (method: string, path: string, extra: Partial<GenRequest> = {}): GenRequest => ({ intent: 'plain', method, path: api(path), query: [], headers: {}, ...extra });

/** One documented operation with valid-looking or hostile inputs. */
const operation: fc.Arbitrary<GenRequest> = fc.oneof(
  { weight: 4, arbitrary: startBody.map((body) => plain('POST', '/recordings', { body, headers: { 'content-type': 'application/json' } })) },
  { weight: 4, arbitrary: listQuery.map((query) => plain('GET', '/recordings', { query })) },
  { weight: 3, arbitrary: idArb.map((id) => plain('GET', '/recordings/{id}', { id })) },
  { weight: 3, arbitrary: idArb.map((id) => plain('POST', '/recordings/{id}/stop', { id })) },
  { weight: 2, arbitrary: idArb.map((id) => plain('DELETE', '/recordings/{id}', { id })) },
  { weight: 3, arbitrary: fc.tuple(idArb, fc.option(ranges)).map(([id, range]) => plain('GET', '/recordings/{id}/media', { id, headers: range === null ? {} : { range } })) },
  { weight: 2, arbitrary: fc.tuple(idArb, fc.constantFrom('true', 'false', 'yes', '')).map(([id, p]) => plain('GET', '/recordings/{id}/url', { id, query: [['privateAccess', p]] })) },
  { weight: 1, arbitrary: idList.map((ids) => plain('GET', '/recordings/download', { ids })) },
  { weight: 2, arbitrary: idList.map((ids) => plain('DELETE', '/recordings', { ids })) },
  {
    weight: 1,
    arbitrary: fc
      .constantFrom('/', '/api', '/api/v1', '/api/v2/recordings', '/api/v1/recordings/x/y/z/w', '/api/v1/recordingz', '/%2e%2e/%2e%2e/etc/passwd', '/api/v1/recordings//stop')
      .map((path): GenRequest => ({ intent: 'plain', method: 'GET', path, query: [], headers: {} })), // outside the documented routes
  },
);

/** Requests whose answer is fixed by the spec whatever the state. */
const special: fc.Arbitrary<GenRequest> = fc.oneof(
  fc.tuple(fc.constantFrom(...ROOMS), fc.integer({ min: BODY_LIMIT + 1, max: BODY_LIMIT + 10_000 })).map(([roomId, size]) => {
    const body = json({ roomId, pad: '' });
    return { intent: 'oversized' as const, method: 'POST', path: api('/recordings'), query: [], headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body: body.replace('"pad":""', `"pad":"${'x'.repeat(size - body.length)}"`) };
  }),
  malformedJson.map((body) => ({ intent: 'malformed-json' as const, method: 'POST', path: api('/recordings'), query: [], headers: { 'content-type': 'application/json', 'x-api-key': KEY }, body })),
  fc.tuple(fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'PURGE', 'COPY', 'LOCK', 'TRACE'), fc.constantFrom('/recordings', '/recordings/{id}', '/recordings/{id}/media', '/recordings/{id}/stop', '/recordings/{id}/url', '/recordings/download'), idArb).map(
    ([method, path, id]) => ({ intent: 'unknown-method' as const, method, path: api(path), id, query: [], headers: { 'x-api-key': KEY } }),
  ),
  // Time moves on now and then, so ending recordings complete and media becomes downloadable.
  fc.integer({ min: 0, max: 5000 }).map((advanceMs) => ({ intent: 'control' as const, method: 'POST', path: '/__callrec/clock', query: [], headers: {}, body: json({ advanceMs }) })),
);

const generated: fc.Arbitrary<GenRequest> = fc
  .tuple(fc.oneof({ weight: 5, arbitrary: operation }, { weight: 1, arbitrary: special }), auth, junkQuery)
  .map(([r, credentials, junk]) => (r.intent === 'plain' ? { ...r, headers: { ...credentials, ...r.headers }, query: [...r.query, ...junk] } : r));

// ---------------------------------------------------------------------------------------------
// Sending

interface Sent {
  req: GenRequest;
  method: string;
  path: string; // as sent, without query
  url: string; // path + query, for messages
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: MockServer;
const client = rawClient(() => server.url, CONCURRENCY);
const send = client.send;
/** Recording ids the mock knows, and the ones this run started (generated ids pick from them). */
const pool: string[] = [];
const started: string[] = [];

/** The id as a path segment (percent-encoded). */
const idSegment = (id: IdChoice): string => {
  if (id.kind === 'raw') return id.value;
  const from = id.kind === 'started' && started.length > 0 ? started : pool;
  return encodeURIComponent(from[id.pick % from.length] ?? 'room-alpha--EG_none--X');
};

/** The id as a plain string (for a query parameter, which URLSearchParams encodes). */
const idValue = (id: IdChoice): string => {
  const segment = idSegment(id);
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // deliberately broken encoding: send the characters as they are
  }
};

async function sendGenerated(r: GenRequest): Promise<Sent> {
  const path = r.id ? r.path.replace('{id}', idSegment(r.id)) : r.path;
  const query = r.ids ? [...r.query, ['recordingIds', r.ids.map(idValue).join(',')]] : r.query;
  const qs = new URLSearchParams(query).toString();
  const url = qs ? `${path}?${qs}` : path;
  const res = await send(r.method, url, r.headers, r.body);
  if (r.intent === 'plain' && r.method === 'POST' && res.status === 201) {
    const { recordingId } = JSON.parse(res.body.toString()) as { recordingId: string };
    pool.push(recordingId);
    started.push(recordingId);
  }
  return { req: r, method: r.method, path, url, ...res };
}

// ---------------------------------------------------------------------------------------------
// Judging one response

/** The exact status a request of this intent must get (undefined: any documented answer). */
function expected(s: Sent): number[] | undefined {
  switch (s.req.intent) {
    case 'oversized':
      return [413];
    case 'malformed-json':
      // The spec answers a malformed body with 422 (decision malformed-json-422).
      return [422];
    case 'unknown-method':
      return [405];
    case 'control':
      return [200];
    default:
      return undefined;
  }
}

/** Problems with one response; empty when it is acceptable. */
function judge(s: Sent): string[] {
  const problems: string[] = [];
  const where = `${s.method} ${s.url.slice(0, 120)} → ${s.status}`;
  if (s.status >= 500) problems.push(`${where}: 5xx ${s.body.toString().slice(0, 200)}`);
  const want = expected(s);
  if (want && !want.includes(s.status)) problems.push(`${where}: expected ${want.join(' or ')}`);
  if (s.req.intent === 'control') return problems;
  // The mock marks any response that breaks its spec, including a success for a request the spec rejects.
  const violation = flatHeaders(s.headers)['x-callrec-spec-violation'];
  if (violation) problems.push(`${where}: the mock broke its spec: ${violation}`);

  const op = spec.findOperation(s.method, s.path);
  if (op) {
    for (const issue of spec.validateResponse(op.operationId, s.status, flatHeaders(s.headers), s.body)) problems.push(`${where}: ${issue.message} (${issue.specRef})`);
    return problems;
  }
  // No operation: an unknown path (404) or a method the path does not define (405 with Allow).
  const allowed = spec.allowedMethods(s.path);
  if (allowed) {
    if (s.status !== 405) problems.push(`${where}: method not defined on a known path must be 405`);
    const allow = String(s.headers.allow ?? '').split(',').map((m) => m.trim()).filter(Boolean);
    if (allow.length === 0) problems.push(`${where}: 405 without Allow`);
    if (allow.includes(s.method)) problems.push(`${where}: Allow lists the refused method`);
    for (const m of allow) if (!allowed.includes(m)) problems.push(`${where}: Allow lists ${m}, which the spec does not define here`);
  } else if (s.status !== 404) {
    problems.push(`${where}: unknown path must be 404`);
  }
  if (String(s.headers['content-type'] ?? '').startsWith('application/json')) {
    let value: unknown;
    try {
      value = JSON.parse(s.body.toString());
    } catch (e) {
      problems.push(`${where}: JSON body does not parse: ${(e as Error).message}`);
      return problems;
    }
    for (const issue of spec.validateValue('#/components/schemas/Error', value)) problems.push(`${where}: error body: ${issue.message}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// State invariants

interface StateRecording {
  recordingId: string;
  roomId: string;
  status: string;
  startDate?: number;
  endDate?: number;
  duration?: number;
  size?: number;
}

async function state(): Promise<{ recordings: StateRecording[] }> {
  const r = await send('GET', '/__callrec/state', {});
  assert.equal(r.status, 200);
  return JSON.parse(r.body.toString()) as { recordings: StateRecording[] };
}

/** Every recording id the listing shows, walking nextPageToken to the end. */
async function walkListing(): Promise<string[]> {
  const ids: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    // Small pages, so the walk crosses many page boundaries (the data set is a few dozen recordings).
    const qs = new URLSearchParams({ maxItems: '7', ...(token ? { nextPageToken: token } : {}) });
    const r = await send('GET', `${BASE}/recordings?${qs}`, { 'x-api-key': KEY });
    assert.equal(r.status, 200, r.body.toString());
    const body = JSON.parse(r.body.toString()) as { recordings: { recordingId: string }[]; pagination: { isTruncated: boolean; nextPageToken?: string | null } };
    // A truncated page promises more: the page its token leads to cannot be empty.
    if (page > 0) assert.ok(body.recordings.length > 0, 'a nextPageToken led to an empty page');
    ids.push(...body.recordings.map((x) => x.recordingId));
    if (!body.pagination.isTruncated) return ids;
    token = body.pagination.nextPageToken ?? undefined;
    assert.ok(token, 'a truncated page must carry a nextPageToken');
  }
  assert.fail('listing did not end');
}

function stateProblems(recordings: readonly StateRecording[]): string[] {
  const problems: string[] = [];
  // A room records one recording at a time: the lock covers starting and active. An `ending`
  // recording has released it (start → stop → start is allowed), so it is not counted here.
  const holding = new Map<string, string[]>();
  for (const r of recordings) {
    if (r.status === 'starting' || r.status === 'active') holding.set(r.roomId, [...(holding.get(r.roomId) ?? []), r.recordingId]);
  }
  for (const [room, ids] of holding) if (ids.length > 1) problems.push(`room ${room} holds ${ids.length} running recordings: ${ids.join(', ')}`);
  for (const r of recordings) {
    if (r.status !== 'complete') continue;
    if (typeof r.size !== 'number' || typeof r.duration !== 'number') problems.push(`complete ${r.recordingId} lacks size or duration`);
    if (typeof r.startDate !== 'number' || typeof r.endDate !== 'number' || r.endDate < r.startDate) problems.push(`complete ${r.recordingId} has endDate ${r.endDate} before startDate ${r.startDate}`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------

before(async () => {
  server = await startMockServer({ api: 'openvidu-meet', seed: 1, clock: 'frozen' });
  // 200 ended recordings on top of the default 20, so deletes cannot empty the store and the
  // listing walk afterwards spans many pages.
  const seeded = await send('POST', '/__callrec/seed', {}, json({ generate: { rooms: 5, recordings: 200 } }));
  assert.equal(seeded.status, 200, seeded.body.toString());
  const s = await state();
  pool.push(...s.recordings.map((r) => r.recordingId));
});

after(async () => {
  client.destroy();
  await server.close();
});

test('generated traffic: documented answers only, no 5xx, consistent state afterwards', async () => {
  const corpus = fc.sample(generated, { seed: SEED, numRuns: REQUESTS });
  // The corpus must actually exercise what it claims to (a generator change must not hollow it out).
  for (const intent of ['oversized', 'malformed-json', 'unknown-method', 'control'] as const) {
    assert.ok(corpus.filter((r) => r.intent === intent).length >= 20, `too few ${intent} requests generated`);
  }
  const sent = await pooled(corpus, CONCURRENCY, sendGenerated);
  const problems = sent.flatMap(judge);
  assert.deepEqual(problems.slice(0, 15), [], `${problems.length} problem(s); first ones listed`);

  // The traffic did reach the mock's behaviour, not only its validation layer.
  const statuses = new Set(sent.map((s) => s.status));
  for (const s of [200, 201, 202, 206, 401, 404, 405, 409, 413, 416, 422]) assert.ok(statuses.has(s), `no ${s} among ${[...statuses].sort().join(', ')}`);

  const { recordings } = await state();
  assert.deepEqual(stateProblems(recordings), []);
  const listed = await walkListing();
  assert.ok(listed.length > 50, `the walk should span many pages (${listed.length} listed)`);
  assert.equal(new Set(listed).size, listed.length, 'the listing repeats a recording');
  assert.deepEqual([...listed].sort(), recordings.map((r) => r.recordingId).sort(), 'the listing differs from the state');
});

test('100 parallel starts in one room: exactly one 201, 99 × 409', async () => {
  const roomId = 'race-room';
  const room = await send('POST', '/__callrec/action/room', {}, json({ roomId, participants: 2, recordingEnabled: true }));
  assert.equal(room.status, 200, room.body.toString());
  // One socket per request, so the requests really are in flight together.
  const raceAgent = new Agent({ keepAlive: false, maxSockets: 100 });
  try {
    const answers = await Promise.all(
      Array.from({ length: 100 }, () => send('POST', `${BASE}/recordings`, { 'x-api-key': KEY, 'content-type': 'application/json' }, json({ roomId }), { agent: raceAgent })),
    );
    const count = (status: number) => answers.filter((a) => a.status === status).length;
    assert.equal(count(201), 1, `statuses: ${answers.map((a) => a.status).join(',')}`);
    assert.equal(count(409), 99);
    for (const a of answers) {
      assert.deepEqual(spec.validateResponse('startRecording', a.status, flatHeaders(a.headers), a.body), []);
    }
  } finally {
    raceAgent.destroy();
  }
  const running = (await state()).recordings.filter((r) => r.roomId === roomId && (r.status === 'active' || r.status === 'starting'));
  assert.equal(running.length, 1);
});
