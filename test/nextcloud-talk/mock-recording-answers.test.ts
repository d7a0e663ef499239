// How the mock takes a real recording server's answers, as nextcloud/spreed's BackendNotifier
// does (lib/Recording/BackendNotifier.php, lib/Service/RecordingService.php): 3 attempts on 5xx
// or connection errors only, a 4xx final at once, and the effect visible when the API call
// answers; plus the admin's welcome probe (RecordingController::getWelcomeMessage).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, ROOM, SECRET, backend, call, newMock, room, startCall } from './mock-recording-helpers.ts';

/** A fetch that answers each request with the next scripted status (200 once the script is empty), or throws for 'refused'. */
function scripted(script: (number | 'refused')[], o: { body?: string; headers?: Record<string, string> } = {}) {
  const seen: { url: string; method: string; body: string }[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    seen.push({ url: String(input), method: init?.method ?? 'GET', body: init?.body ? new TextDecoder().decode(init.body as Uint8Array) : '' });
    const next = script.shift() ?? 200;
    if (next === 'refused') throw new TypeError('fetch failed: connect ECONNREFUSED');
    return new Response(o.body ?? (next === 200 ? '{}' : ''), { status: next, headers: o.headers ?? {} });
  }) as typeof globalThis.fetch;
  return { seen, fetch };
}

async function recordingMock(script: (number | 'refused')[]) {
  const { seen, fetch } = scripted(script);
  const mock = await newMock({ fetch });
  await mock.control('recording-server', { url: 'http://rec.test', secret: SECRET });
  startCall(mock);
  return { mock, seen };
}

const start = (mock: Awaited<ReturnType<typeof newMock>>, status = 1) => call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status } });
const stop = (mock: Awaited<ReturnType<typeof newMock>>) => call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
const running = async (mock: Awaited<ReturnType<typeof newMock>>) => {
  assert.equal((await start(mock)).status, 200);
  assert.equal((await backend(mock, { type: 'started', started: { token: ROOM, status: 1, actor: { type: 'users', id: 'alice' } } })).status, 200);
  assert.equal(room(mock).callRecording, 1);
};

test('a 404 to a stop is not retried and marks the recording failed before the stop answers', async () => {
  const { mock, seen } = await recordingMock([200, 404, 404, 404]);
  await running(mock);
  const r = await stop(mock);
  assert.equal(r.status, 200);
  assert.equal(room(mock).callRecording, 5, 'failed as soon as the stop has answered');
  assert.equal(seen.length, 2, 'one start, one stop');
  await mock.close();
});

test('5xx and connection errors are tried 3 times in all; a success on the third attempt is a success', async () => {
  const { mock, seen } = await recordingMock([503, 'refused', 200]);
  assert.equal((await start(mock)).status, 200);
  assert.equal(seen.length, 3);
  assert.equal(room(mock).callRecording, 3);
  assert.equal(mock.ctx.outbox.length, 1, 'one request in the outbox, whatever the attempts');
  assert.equal(mock.ctx.outbox[0]!.status, 200);
  await mock.close();
});

test('[decision nextcloud-talk/recording-server-refusal-500] a start the recording server refuses (4xx, once) or never takes (5xx ×3) answers 500 and leaves callRecording', async () => {
  const refused = await recordingMock([400]);
  room(refused.mock).callRecording = 5; // a restart after a failure: the status goes back to 5
  const r = await start(refused.mock);
  assert.equal(r.status, 500);
  assert.deepEqual(r.json!.ocs.meta, { status: 'failure', statuscode: 996, message: 'Internal Server Error\n' });
  assert.deepEqual(r.json!.ocs.data, []);
  assert.equal(refused.seen.length, 1, 'a 4xx is not tried again');
  assert.equal(room(refused.mock).callRecording, 5);
  assert.equal((await start(refused.mock)).status, 200, 'the next start may go ahead');
  await refused.mock.close();

  const down = await recordingMock([503, 502, 'refused']);
  assert.equal((await start(down.mock)).status, 500);
  assert.equal(down.seen.length, 3);
  assert.equal(room(down.mock).callRecording, 0);
  await down.mock.close();
});

test('[decision nextcloud-talk/recording-server-refusal-500] a stop refused with a 4xx other than 404, or never taken, answers 500 and leaves callRecording', async () => {
  const refused = await recordingMock([200, 403]);
  await running(refused.mock);
  assert.equal((await stop(refused.mock)).status, 500);
  assert.equal(refused.seen.length, 2);
  assert.equal(room(refused.mock).callRecording, 1);
  await refused.mock.close();

  const down = await recordingMock([200, 500, 500, 500]);
  await running(down.mock);
  assert.equal((await stop(down.mock)).status, 500);
  assert.equal(down.seen.length, 4);
  assert.equal(room(down.mock).callRecording, 1);
  await down.mock.close();
});

test('the call ending asks the recording server to stop; its 404 marks the recording failed before the next request', async () => {
  const { mock, seen } = await recordingMock([200, 404]);
  await running(mock);
  const alice = mock.ctx.store.participant(ROOM, 'users', 'alice')!;
  alice.inCall = 7;
  assert.equal((await call(mock, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/call/${ROOM}`, { user: 'alice' })).status, 200);
  assert.equal((await call(mock, 'GET', `/ocs/v2.php/apps/spreed/api/v1/room/${ROOM}`, { user: 'alice' })).json!.ocs.data && room(mock).callRecording, 5);
  assert.equal(seen[1]!.body, '{"type":"stop","stop":[]}');
  await mock.close();
});

test('with no recording server configured a stop sends nothing and changes nothing (200)', async () => {
  const mock = await newMock();
  startCall(mock);
  room(mock).callRecording = 1;
  await mock.control('recording-server', { none: true });
  assert.equal((await stop(mock)).status, 200);
  assert.equal(room(mock).callRecording, 1);
  assert.equal(mock.ctx.outbox.length, 0);
  await mock.close();
});

// ---- GET …/recording/welcome/{serverId}

const welcome = (mock: Awaited<ReturnType<typeof newMock>>, user: string | undefined, id = '0') => call(mock, 'GET', `${API}/welcome/${id}`, user ? { user } : {});

test('[decision nextcloud-talk/welcome-server-id] welcome: admins only, the simulated server\'s version, 404 null for an unknown index, no route for a non-digit index', async () => {
  const mock = await newMock();
  const r = await welcome(mock, 'admin');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json!.ocs.data, { version: 0.1 });
  const notAdmin = await welcome(mock, 'alice');
  assert.equal(notAdmin.status, 403);
  assert.equal(notAdmin.json!.ocs.meta.message, 'Logged in account must be an admin');
  assert.equal((await welcome(mock, undefined)).status, 401);
  const unknown = await welcome(mock, 'admin', '1');
  assert.equal(unknown.status, 404);
  assert.equal(unknown.json!.ocs.data, null);
  const word = await welcome(mock, 'admin', 'first');
  assert.equal(word.status, 404);
  assert.deepEqual(word.json!.ocs.data, []);
  await mock.control('recording-server', { none: true });
  assert.equal((await welcome(mock, 'admin')).status, 404);
  await mock.close();
});

test('welcome: a real recording server\'s JSON is passed through from GET <server>/api/v1/welcome (URL lower-cased, slashes trimmed)', async () => {
  const { seen, fetch } = scripted([200], { body: '{"version":"0.2.3","features":["audio"]}', headers: { 'content-type': 'application/json' } });
  const mock = await newMock({ fetch });
  await mock.control('recording-server', { url: 'HTTP://Rec.Test/base//', secret: SECRET });
  const r = await welcome(mock, 'admin');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json!.ocs.data, { version: '0.2.3', features: ['audio'] });
  assert.deepEqual(seen.map((s) => [s.method, s.url]), [['GET', 'http://rec.test/base/api/v1/welcome']]);
  await mock.close();
});

test('welcome errors: 500 CAN_NOT_CONNECT, the HTTP status, JSON_INVALID, IS_SIGNALING_SERVER', async () => {
  const cases: [Parameters<typeof scripted>, string][] = [
    [[['refused']], 'CAN_NOT_CONNECT'],
    [[[503]], '503'],
    [[[200], { body: '"just a string"' }], 'JSON_INVALID'],
    [[[200], { body: '{"version":"2.0"}', headers: { 'x-spreed-signaling-features': 'audio-video-permissions' } }], 'IS_SIGNALING_SERVER'],
  ];
  for (const [args, error] of cases) {
    const { fetch } = scripted(...args);
    const mock = await newMock({ fetch });
    await mock.control('recording-server', { url: 'http://rec.test', secret: SECRET });
    const r = await welcome(mock, 'admin');
    assert.equal(r.status, 500, error);
    assert.deepEqual(r.json!.ocs.data, { error });
    await mock.close();
  }
});
