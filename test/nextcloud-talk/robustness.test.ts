// test-process: own (thousands of generated requests over HTTP: several seconds of CPU, run beside the rest)
// Generated traffic against the Talk mock over real HTTP: a couple of thousand requests, valid and
// hostile (wrong credentials, missing OCS-APIRequest, odd tokens, malformed JSON, wrong types,
// unsigned or mis-signed recording callbacks, unknown methods), with bounded concurrency and a
// fixed fast-check seed. Every answer must be documented (no 5xx, the spec validates it, the mock
// flags no violation of its own), and the state must be consistent afterwards.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { loadSpec } from '../../core/spec-load.ts';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { pooled } from '../support/traffic.ts';
import { getApi } from '../../apis.ts';

const nextcloudTalk = getApi('nextcloud-talk');

const SEED = 4242;
const REQUESTS = 2000;
const CONCURRENCY = 12;
const SECRET = 'the recording secret';
const V1 = '/ocs/v2.php/apps/spreed/api/v1';
const spec = loadSpec(nextcloudTalk.specPath).validator;
let mock: MockServer;

before(async () => {
  mock = await startMockServer({ api: 'nextcloud-talk', clock: 'frozen', seed: 3 });
  // Recording on, with a simulated recording server that holds the secret the traffic signs with.
  await control('action/config', { signaling: { mode: 'external', server: 'wss://signaling.invalid' } });
  await control('action/recording-server', { simulated: true, secret: SECRET });
});
after(async () => {
  await mock?.close();
});

async function control(route: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${mock.url}/__callrec/${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  assert.equal(res.status, 200, text);
  return JSON.parse(text);
}

const basic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;
const TOKENS = ['teamroom22', 'publicroom3', 'protected33', 'readonly22', 'lobbyroom22', 'alicebob11', 'nosuchroom0', 'UPPER', 'a', '..%2F..', '%00', 'x'.repeat(40)];
const auth = fc.constantFrom<Record<string, string>>(
  { authorization: basic('alice', 'alice-password'), 'ocs-apirequest': 'true' },
  { authorization: basic('alice', 'alice-password'), 'ocs-apirequest': 'true' },
  { authorization: basic('bob', 'bob-password'), 'ocs-apirequest': 'true' },
  { authorization: basic('carol', 'carol-password'), 'ocs-apirequest': 'true' },
  { authorization: basic('dave', 'dave-password'), 'ocs-apirequest': 'true' },
  { authorization: basic('alice', 'wrong'), 'ocs-apirequest': 'true' },
  { authorization: basic('alice', 'alice-password') },
  { authorization: 'Basic !!!', 'ocs-apirequest': 'true' },
  { 'ocs-apirequest': 'true' },
  {},
);
const value = fc.oneof(fc.integer({ min: -3, max: 2000 }), fc.string({ maxLength: 12 }), fc.constant(null), fc.boolean(), fc.constantFrom('1', '2', '0', '', '1e9', 'NaN'));
const params = fc.dictionary(
  fc.constantFrom('roomType', 'roomName', 'invite', 'password', 'state', 'timer', 'level', 'newParticipant', 'participant', 'source', 'flags', 'message', 'lookIntoFuture', 'limit', 'timeout', 'lastKnownMessageId', 'search', 'displayName', 'status', 'timestamp', 'fileId', 'actorDisplayName'),
  value,
  { maxKeys: 4 },
);

interface Gen {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body?: string;
}

const MALFORMED = '{"status":';

const ROUTES: [string, string][] = [
  ['GET', '/room'], ['POST', '/room'], ['GET', '/room/{t}'], ['PUT', '/room/{t}'], ['DELETE', '/room/{t}'], ['POST', '/room/{t}/public'], ['DELETE', '/room/{t}/public'],
  ['PUT', '/room/{t}/password'], ['POST', '/room/{t}/favorite'], ['DELETE', '/room/{t}/favorite'], ['POST', '/room/{t}/notify'], ['PUT', '/room/{t}/read-only'], ['PUT', '/room/{t}/webinary/lobby'],
  ['GET', '/room/{t}/participants'], ['POST', '/room/{t}/participants'], ['DELETE', '/room/{t}/participants'], ['DELETE', '/room/{t}/participants/self'],
  ['POST', '/room/{t}/participants/active'], ['DELETE', '/room/{t}/participants/active'], ['POST', '/room/{t}/moderators'], ['DELETE', '/room/{t}/moderators'],
  ['GET', '/call/{t}'], ['POST', '/call/{t}'], ['DELETE', '/call/{t}'], ['GET', '/chat/{t}'], ['POST', '/chat/{t}'], ['GET', '/chat/{t}/mentions'], ['POST', '/guest/{t}/name'],
  ['GET', '/signaling/settings'], ['POST', '/recording/{t}'], ['DELETE', '/recording/{t}'], ['DELETE', '/recording/{t}/notification'], ['POST', '/recording/{t}/share-chat'],
  ['PATCH', '/room/{t}'], ['PUT', '/chat/{t}'], ['GET', '/nothing/here'],
];

const apiCall: fc.Arbitrary<Gen> = fc
  .tuple(fc.constantFrom(...ROUTES), fc.constantFrom(...TOKENS), auth, params, fc.constantFrom('json', 'form', 'query', 'broken'), fc.boolean())
  .map(([[method, route], token, headers, p, how, json]) => {
    const path = `${V1}${route.replace('{t}', token)}`;
    const strings = Object.fromEntries(Object.entries(p).map(([k, v]) => [k, String(v)]));
    // Chat long-polls would wait for the clock: ask for history or a zero timeout.
    if (route === '/chat/{t}' && method === 'GET') strings.timeout = '0';
    const query: Record<string, string> = json ? { format: 'json' } : {};
    if (how === 'query' || method === 'GET') return { method, path, query: { ...query, ...strings }, headers };
    if (how === 'form') return { method, path, query, headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(strings).toString() };
    if (how === 'broken') return { method, path, query, headers: { ...headers, 'content-type': 'application/json' }, body: MALFORMED };
    return { method, path, query, headers: { ...headers, 'content-type': 'application/json' }, body: JSON.stringify(p) };
  });

const backendBody = fc.oneof(
  fc.tuple(fc.constantFrom('started', 'stopped', 'failed', 'paused'), fc.constantFrom(...TOKENS), fc.constantFrom(1, 2, 3)).map(([type, token, status]) => JSON.stringify({ type, [type]: { token, status, actor: { type: 'users', id: 'alice' } } })),
  fc.json({ maxDepth: 2 }),
  fc.constantFrom('', 'not json', '{"type":'),
);
const recordingCall: fc.Arbitrary<Gen> = fc
  .tuple(backendBody, fc.constantFrom('good', 'good', 'short', 'wrong', 'none', 'upper'), fc.string({ minLength: 40, maxLength: 60, unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789') }))
  .map(([body, how, random]) => {
    const r = how === 'short' ? random.slice(0, 20) : random;
    const sum = createHmac('sha256', how === 'wrong' ? 'other' : SECRET).update(r).update(body).digest('hex');
    const headers: Record<string, string> = { 'content-type': 'application/json', 'ocs-apirequest': 'true' };
    if (how !== 'none') Object.assign(headers, { 'talk-recording-random': r, 'talk-recording-checksum': how === 'upper' ? sum.toUpperCase() : sum });
    return { method: 'POST', path: `${V1}/recording/backend`, query: { format: 'json' }, headers, body };
  });

const corpus = fc.sample(fc.oneof({ weight: 5, arbitrary: apiCall }, { weight: 1, arbitrary: recordingCall }), { seed: SEED, numRuns: REQUESTS });

test(`${REQUESTS} generated requests: documented answers only, no 5xx, state consistent afterwards`, async () => {
  // Keep the brute-force throttle from turning most callbacks into 429 (its own behaviour is a check).
  await control('action/recording-throttle', { limit: 1_000_000, clear: true });
  const problems: string[] = [];
  const statuses = new Map<number, number>();
  await pooled(corpus, CONCURRENCY, async (g) => {
    const url = `${mock.url}${g.path}${Object.keys(g.query).length ? `?${new URLSearchParams(g.query)}` : ''}`;
    const res = await fetch(url, { method: g.method, headers: g.headers, body: g.body });
    const bytes = new Uint8Array(await res.arrayBuffer());
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    const headers: Record<string, string> = {};
    res.headers.forEach((v, k) => (headers[k] = v));
    const where = `${g.method} ${g.path} → ${res.status}`;
    if (res.status >= 500) problems.push(`${where}: 5xx ${Buffer.from(bytes).toString().slice(0, 120)}`);
    if (headers['x-callrec-spec-violation']) problems.push(`${where}: mock flagged ${headers['x-callrec-spec-violation']}`);
    const op = spec.findOperation(g.method, g.path.slice('/ocs/v2.php'.length));
    if (op && /json/.test(headers['content-type'] ?? '')) {
      const issues = spec.validateResponse(op.operationId, res.status, headers, bytes);
      if (issues.length) problems.push(`${where}: ${issues[0]!.message}`);
    }
  });
  assert.deepEqual(problems.slice(0, 10), [], `${problems.length} problem(s)`);
  assert.ok((statuses.get(200) ?? 0) > REQUESTS / 40, `enough successes: ${JSON.stringify([...statuses])}`);

  // Invariants of the state left behind.
  const state = (await (await fetch(`${mock.url}/__callrec/state`)).json()) as {
    rooms: { token: string; type: number; callRecording: number; readOnly: number; lobbyState: number; participants: { participantType: number; inCall: number }[] }[];
  };
  for (const r of state.rooms) {
    assert.match(r.token, /^[a-z0-9]{4,30}$/);
    assert.ok([1, 2, 3].includes(r.type), `${r.token} type ${r.type}`);
    assert.ok(r.callRecording >= 0 && r.callRecording <= 5, `${r.token} callRecording ${r.callRecording}`);
    assert.ok(r.participants.length > 0, `${r.token} kept without participants`);
    for (const p of r.participants) {
      assert.ok(p.participantType >= 1 && p.participantType <= 6);
      assert.ok(p.inCall === 0 || (p.inCall & 1) === 1, `${r.token}: inCall ${p.inCall} without the call bit`);
    }
  }
  // And the API still answers a plain client normally.
  const rooms = await fetch(`${mock.url}${V1}/room?format=json`, { headers: { authorization: basic('alice', 'alice-password'), 'ocs-apirequest': 'true' } });
  assert.equal(rooms.status, 200);
  assert.deepEqual(spec.validateResponse('getRooms', 200, { 'content-type': 'application/json' }, new Uint8Array(await rooms.arrayBuffer())), []);
});
