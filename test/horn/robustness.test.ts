// test-process: own (thousands of generated requests over HTTP: several seconds of CPU, run beside the rest)
// Generated traffic against the real HTTP Horn mock: a few thousand requests, valid and hostile
// (every role and broken tokens, unknown and odd ids, malformed list parameters and ttls, forged
// JWTs and download URLs, undefined methods, unknown paths), sent with bounded concurrency while
// the clock moves now and then. Whatever the order they land in, each answer must be one the spec
// documents (never a 5xx), and the state must stay consistent afterwards.
//
// The corpus comes from fast-check with a fixed seed, so every run sends the same requests.
// Concurrency can reorder them, which is why the assertions are invariants, not exact answers.
import assert from 'node:assert/strict';
import type { IncomingHttpHeaders } from 'node:http';
import { after, before, test } from 'node:test';
import fc from 'fast-check';
import { loadSpec } from '../../core/spec-load.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { CHANNELS, SEEDED_TOKENS } from '../../mock/horn/index.ts';
import { flatHeaders as flat, pooled, rawClient } from '../support/traffic.ts';

const SEED = 20260202;
const REQUESTS = 2500;
const CONCURRENCY = 16;
const BASE = '/api/v1_0';
const spec = loadSpec('specs/horn/openapi.yaml').validator;

type Intent = 'plain' | 'unknown-method' | 'control';

/** A value chosen at send time from what the mock knows (`pick`), or given as is. */
type Choice = { kind: 'pool'; pick: number } | { kind: 'raw'; value: string };

interface GenRequest {
  intent: Intent;
  method: string;
  /** Path with placeholders {channel} {recording} {asset} {jwt}. */
  path: string;
  channel?: string;
  recording?: Choice;
  asset?: Choice;
  jwt?: Choice;
  query: [string, string][];
  headers: Record<string, string>;
  body?: string;
}

const oddIds = ['..%2F..%2Fetc%2Fpasswd', '%2e%2e', '%00', '%zz', encodeURIComponent('récording'), 'a'.repeat(5_000), encodeURIComponent("'; DROP TABLE recordings; --"), 'recording', '-s1', 'x-s0', 'x-s99999999'];
const raw = (value: string): Choice => ({ kind: 'raw', value });
const idChoice: fc.Arbitrary<Choice> = fc.oneof(
  { weight: 4, arbitrary: fc.nat().map((pick) => ({ kind: 'pool' as const, pick })) },
  { weight: 1, arbitrary: fc.constantFrom(...oddIds).map(raw) },
  { weight: 1, arbitrary: fc.string({ maxLength: 30 }).map((s) => raw(encodeURIComponent(s) || 'x')) },
);
const jwtChoice: fc.Arbitrary<Choice> = fc.oneof(
  { weight: 3, arbitrary: fc.nat().map((pick) => ({ kind: 'pool' as const, pick })) },
  { weight: 1, arbitrary: fc.constantFrom('not.a.jwt', 'eyJhbGciOiJub25lIn0.e30.', 'a.b.c', '...', 'eyJhbGciOiJIUzI1NiJ9.e30.AAAA').map(raw) },
);

const channels = fc.constantFrom<string>(CHANNELS.recordable, CHANNELS.recordable, CHANNELS.conference, CHANNELS.unconfirmed, 'no-such-channel', '%zz', 'recording');
const auth = fc.constantFrom<Record<string, string>>(
  { authorization: `Bearer ${SEEDED_TOKENS.owner}` },
  { authorization: `Bearer ${SEEDED_TOKENS.owner}` },
  { authorization: `Bearer ${SEEDED_TOKENS.operator}` },
  { authorization: `Bearer ${SEEDED_TOKENS.operator}` },
  { authorization: `Bearer ${SEEDED_TOKENS.stranger}` },
  {},
  { authorization: 'Bearer nope' },
  { authorization: 'Basic dXNlcjpwYXNz' },
);
const junk = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '-1', '0', '1e3', 'NaN', 'null', '%', '999999999999'));
const listQuery = fc
  .record(
    {
      limit: fc.oneof(fc.integer({ min: -2, max: 120 }).map(String), junk),
      offset: fc.oneof(fc.integer({ min: -2, max: 60 }).map(String), junk),
      sort: fc.constantFrom('started', 'ended', 'created', ''),
      order: fc.constantFrom('asc', 'desc', 'ASC', ''),
      session: fc.oneof(fc.constant(''), fc.string({ maxLength: 8 })),
    },
    { requiredKeys: [] },
  )
  .map((q) => Object.entries(q) as [string, string][]);
const ttl = fc.option(fc.oneof(fc.constantFrom('30s', '1m', '2h', '1d', '30d', '31d', '0m', '5x', '-1m', '1.5m', ''), junk), { nil: undefined });
const ttlQuery = (t: string | undefined): [string, string][] => (t === undefined ? [] : [['ttl', t]]);

const R = '/channels/{channel}/recordings/{recording}';
const plain = (method: string, path: string, extra: Partial<GenRequest> = {}): GenRequest => ({ intent: 'plain', method, path: BASE + path, query: [], headers: {}, ...extra });

const operation: fc.Arbitrary<GenRequest> = fc.oneof(
  { weight: 2, arbitrary: channels.map((channel) => plain('GET', '/channels/{channel}/record/possible', { channel })) },
  { weight: 3, arbitrary: channels.map((channel) => plain('POST', '/channels/{channel}/record', { channel })) },
  { weight: 2, arbitrary: channels.map((channel) => plain('DELETE', '/channels/{channel}/record', { channel })) },
  { weight: 4, arbitrary: fc.tuple(channels, listQuery).map(([channel, query]) => plain('GET', '/channels/{channel}/recordings', { channel, query })) },
  { weight: 3, arbitrary: fc.tuple(channels, idChoice).map(([channel, recording]) => plain('GET', R, { channel, recording })) },
  { weight: 3, arbitrary: fc.tuple(channels, idChoice).map(([channel, recording]) => plain('GET', `${R}/assets`, { channel, recording })) },
  { weight: 2, arbitrary: fc.tuple(channels, idChoice, idChoice).map(([channel, recording, asset]) => plain('GET', `${R}/assets/{asset}`, { channel, recording, asset })) },
  {
    weight: 3,
    arbitrary: fc.tuple(channels, idChoice, ttl, fc.option(fc.constantFrom('archive', 'combined_video', 'captions', 'bogus'), { nil: undefined })).map(([channel, recording, t, kind]) =>
      plain('GET', `${R}/download`, { channel, recording, query: [...ttlQuery(t), ...(kind ? ([['kind', kind]] as [string, string][]) : [])] }),
    ),
  },
  { weight: 3, arbitrary: fc.tuple(channels, idChoice, ttl).map(([channel, recording, t]) => plain('GET', `${R}/credentials`, { channel, recording, query: ttlQuery(t) })) },
  { weight: 3, arbitrary: jwtChoice.map((jwt) => plain('GET', '/channels/recording/assets/{jwt}', { jwt })) },
  {
    weight: 3,
    arbitrary: fc.tuple(idChoice, jwtChoice, fc.option(fc.constantFrom('bytes=0-9', 'bytes=-5', 'bytes=99999999-', 'bytes=abc', 'bytes=5-1'), { nil: undefined })).map(([asset, jwt, range]) =>
      plain('GET', '/channels/recording/assets/{asset}/{jwt}', { asset, jwt, headers: range ? { range } : {} }),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(idChoice, fc.constantFrom('combined_video', 'archive', ''), fc.oneof(fc.nat().map(String), junk), fc.string({ maxLength: 20 })).map(([recording, kind, expires, signature]) =>
      plain('GET', '/channels/recording/downloads/{recording}', { recording, query: [['kind', kind], ['expires', expires], ['signature', signature]] }),
    ),
  },
  { weight: 1, arbitrary: fc.constantFrom('/', '/api', BASE, '/api/v2_0/channels', `${BASE}/channels`, `${BASE}/channels/x/y/z/w/v/u/t`, `${BASE}/channelz/x/recordings`).map((path) => ({ ...plain('GET', ''), path })) },
);

const special: fc.Arbitrary<GenRequest> = fc.oneof(
  fc
    .tuple(fc.constantFrom('PUT', 'PATCH', 'OPTIONS', 'TRACE', 'POST'), fc.constantFrom('/channels/{channel}/recordings', R, `${R}/assets`, `${R}/download`, '/channels/{channel}/record/possible'))
    .map(([method, path]) => ({ intent: 'unknown-method' as const, method, path: BASE + path, channel: CHANNELS.recordable, recording: { kind: 'pool' as const, pick: 0 }, query: [], headers: { authorization: `Bearer ${SEEDED_TOKENS.owner}` } })),
  // Time moves on now and then: recordings end processing, URLs and JWTs expire.
  fc.integer({ min: 0, max: 120_000 }).map((advanceMs) => ({ intent: 'control' as const, method: 'POST', path: '/__callrec/clock', query: [], headers: {}, body: JSON.stringify({ advanceMs }) })),
);

const generated: fc.Arbitrary<GenRequest> = fc
  .tuple(fc.oneof({ weight: 6, arbitrary: operation }, { weight: 1, arbitrary: special }), auth)
  .map(([r, credentials]) => (r.intent === 'plain' ? { ...r, headers: { ...credentials, ...r.headers } } : r));

// ---------------------------------------------------------------------------------------------

interface Sent {
  req: GenRequest;
  path: string;
  url: string;
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

let server: MockServer;
const client = rawClient(() => server.url, CONCURRENCY, { jsonBody: true });
const send = client.send;
const pools = { recordings: [] as string[], assets: [] as string[], jwts: [] as string[] };

const choose = (c: Choice | undefined, pool: string[]): string => {
  if (!c) return 'x';
  if (c.kind === 'raw') return c.value;
  return encodeURIComponent(pool[c.pick % pool.length] ?? 'x');
};

async function sendGenerated(r: GenRequest): Promise<Sent> {
  const path = r.path
    .replace('{channel}', r.channel ?? '')
    .replace('{recording}', choose(r.recording, pools.recordings))
    .replace('{asset}', choose(r.asset, pools.assets))
    .replace('{jwt}', choose(r.jwt, pools.jwts));
  const qs = new URLSearchParams(r.query).toString();
  const url = qs ? `${path}?${qs}` : path;
  const res = await send(r.method, url, r.headers, r.body);
  if (r.intent === 'plain' && r.method === 'POST' && res.status === 200) pools.recordings.push((JSON.parse(res.body.toString()) as { id: string }).id);
  return { req: r, path, url, ...res };
}

function judge(s: Sent): string[] {
  const problems: string[] = [];
  const where = `${s.req.method} ${s.url.slice(0, 140)} → ${s.status}`;
  if (s.status >= 500) problems.push(`${where}: 5xx ${s.body.toString().slice(0, 200)}`);
  if (s.req.intent === 'control') {
    if (s.status !== 200) problems.push(`${where}: clock control failed`);
    return problems;
  }
  const op = spec.findOperation(s.req.method === 'HEAD' ? 'GET' : s.req.method, s.path.slice(BASE.length));
  if (op && s.path.startsWith(BASE + '/')) {
    for (const issue of spec.validateResponse(op.operationId, s.status, flat(s.headers), s.body)) problems.push(`${where}: ${issue.message} (${issue.specRef})`);
    return problems;
  }
  const allowed = s.path.startsWith(BASE + '/') ? spec.allowedMethods(s.path.slice(BASE.length)) : undefined;
  if (allowed) {
    if (s.status !== 405) problems.push(`${where}: a method the path does not define must be 405`);
    const allow = String(s.headers.allow ?? '').split(',').map((m) => m.trim()).filter(Boolean);
    if (allow.length === 0 || allow.includes(s.req.method)) problems.push(`${where}: bad Allow '${s.headers.allow ?? ''}'`);
  } else if (s.status !== 404 && s.status !== 400) {
    problems.push(`${where}: an unknown path must be 404`);
  }
  let value: unknown;
  try {
    value = JSON.parse(s.body.toString());
  } catch {
    problems.push(`${where}: the error body is not JSON`);
    return problems;
  }
  for (const issue of spec.validateValue('#/components/schemas/Error', value)) problems.push(`${where}: error body: ${issue.message}`);
  return problems;
}

interface StateRecording {
  id: string;
  channel: string;
  startTime: number;
  endTime?: number;
  readyTime?: number;
}

async function state(): Promise<{ recordings: StateRecording[] }> {
  const r = await send('GET', '/__callrec/state', {});
  assert.equal(r.status, 200);
  return JSON.parse(r.body.toString()) as { recordings: StateRecording[] };
}

const owner = { authorization: `Bearer ${SEEDED_TOKENS.owner}` };

before(async () => {
  server = await startMockServer({ api: 'horn', seed: 1, clock: 'frozen' });
  const seeded = await send('POST', '/__callrec/seed', {}, JSON.stringify({ generate: { recordings: 60, deletedShare: 0.1 } }));
  assert.equal(seeded.status, 200, seeded.body.toString());
  const s = await state();
  pools.recordings.push(...s.recordings.map((r) => r.id));
  // Valid assets and long-lived JWTs of a few ready recordings, so the JWT routes get past validation.
  for (const r of s.recordings.filter((x) => x.channel === CHANNELS.recordable && x.readyTime !== undefined).slice(0, 6)) {
    const creds = await send('GET', `${BASE}/channels/${CHANNELS.recordable}/recordings/${r.id}/credentials?ttl=30d`, owner);
    assert.equal(creds.status, 200, creds.body.toString());
    pools.jwts.push((JSON.parse(creds.body.toString()) as { jwt: string }).jwt);
    const assets = await send('GET', `${BASE}/channels/${CHANNELS.recordable}/recordings/${r.id}/assets`, owner);
    pools.assets.push(...(JSON.parse(assets.body.toString()) as { id: string }[]).map((a) => a.id));
  }
});

after(async () => {
  client.destroy();
  await server.close();
});

test('generated traffic: documented answers only, no 5xx, consistent state afterwards', async () => {
  const corpus = fc.sample(generated, { seed: SEED, numRuns: REQUESTS });
  for (const intent of ['unknown-method', 'control'] as const) assert.ok(corpus.filter((r) => r.intent === intent).length >= 50, `too few ${intent} requests`);
  const sent = await pooled(corpus, CONCURRENCY, sendGenerated);
  const problems = sent.flatMap(judge);
  assert.deepEqual(problems.slice(0, 15), [], `${problems.length} problem(s); first ones listed`);

  // The traffic reached the mock's behaviour, not only its validation layer.
  const statuses = new Set(sent.map((s) => s.status));
  for (const s of [200, 206, 400, 401, 403, 404, 405, 416]) assert.ok(statuses.has(s), `no ${s} among ${[...statuses].sort().join(', ')}`);

  // State invariants: one running recording per channel at most; fields in order.
  const { recordings } = await state();
  const running = new Map<string, number>();
  for (const r of recordings) {
    if (r.endTime === undefined) running.set(r.channel, (running.get(r.channel) ?? 0) + 1);
    if (r.readyTime !== undefined) assert.ok(r.endTime !== undefined && r.readyTime >= r.endTime, `${r.id}: readyTime without a preceding endTime`);
    if (r.endTime !== undefined) assert.ok(r.endTime >= r.startTime, `${r.id}: endTime before startTime`);
  }
  for (const [channel, n] of running) assert.ok(n <= 1, `channel ${channel} has ${n} running recordings`);

  // The listing walk of the busiest channel shows every live recording once, and `total` agrees.
  const ids: string[] = [];
  let total = -1;
  for (let offset = 0; offset < 10_000; offset += 7) {
    const r = await send('GET', `${BASE}/channels/${CHANNELS.recordable}/recordings?limit=7&offset=${offset}&sort=ended&order=asc`, owner);
    assert.equal(r.status, 200, r.body.toString());
    const page = JSON.parse(r.body.toString()) as { total: number; results: { id: string }[] };
    total = page.total;
    ids.push(...page.results.map((x) => x.id));
    if (offset + 7 >= page.total) break;
  }
  const live = recordings.filter((r) => r.channel === CHANNELS.recordable).map((r) => r.id);
  assert.equal(new Set(ids).size, ids.length, 'the listing repeats a recording');
  assert.equal(total, live.length);
  assert.deepEqual([...ids].sort(), [...live].sort(), 'the listing differs from the state');
});
