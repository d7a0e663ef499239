// Nextcloud → recording server: with a real recording server configured, start/stop go out as
// signed POSTs (captured here through an injected fetch) in the format the official server
// accepts; its answers drive the status (404 to a stop → failed; 5xx retried, 3 attempts in all).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checksum } from '../../mock/nextcloud-talk/recording/signature.ts';
import { API, ORIGIN, ROOM, SECRET, backend, call, newMock, room, startCall } from './mock-recording-helpers.ts';

interface Captured {
  url: string;
  headers: Record<string, string>;
  body: string;
}

function recorder(answers: number[] = []) {
  const seen: Captured[] = [];
  const fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = new TextDecoder().decode(init?.body as Uint8Array);
    seen.push({ url: String(input), headers, body });
    const status = answers.shift() ?? 200;
    return new Response(status === 200 ? '{}' : '', { status });
  }) as typeof globalThis.fetch;
  return { seen, fetch };
}

test('[decision nextcloud-talk/recording-server-signing] start and stop are POSTed to <server>/api/v1/room/<token>, signed over random + exact body', async () => {
  const { seen, fetch } = recorder();
  const mock = await newMock({ fetch });
  await mock.control('recording-server', { url: 'wss://rec.test/', secret: SECRET });
  startCall(mock);
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 2 } })).status, 200);
  await mock.control('recording-flush', {});
  assert.equal(room(mock).callRecording, 4);
  assert.equal((await backend(mock, { type: 'started', started: { token: ROOM, status: 2, actor: { type: 'users', id: 'alice' } } })).status, 200);
  assert.equal(room(mock).callRecording, 2);
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'bob' })).status, 200);
  await mock.control('recording-flush', {});
  assert.equal(room(mock).callRecording, 2, 'the status waits for the stopped callback');

  assert.equal(seen.length, 2);
  assert.deepEqual(seen.map((s) => s.url), ['https://rec.test/api/v1/room/teamroom22', 'https://rec.test/api/v1/room/teamroom22']);
  assert.deepEqual(seen.map((s) => s.body), [
    '{"type":"start","start":{"status":2,"owner":"alice","actor":{"type":"users","id":"alice"}}}',
    '{"type":"stop","stop":{"actor":{"type":"users","id":"bob"}}}',
  ]);
  for (const s of seen) {
    assert.equal(s.headers['content-type'], 'application/json');
    assert.equal(s.headers['talk-recording-backend'], `${ORIGIN}/`);
    assert.match(s.headers['talk-recording-random']!, /^[A-Za-z0-9+/]{64}$/);
    assert.equal(s.headers['talk-recording-checksum'], await checksum(SECRET, s.headers['talk-recording-random']!, s.body));
  }
  assert.notEqual(seen[0]!.headers['talk-recording-random'], seen[1]!.headers['talk-recording-random']);
  // The outbox keeps the same bytes and the answers.
  assert.deepEqual(mock.ctx.outbox.map((o) => [o.body, o.status]), seen.map((s) => [s.body, 200]));
  await mock.close();
});

test('a 404 answer to stop marks the recording failed; 5xx is tried 3 times in all', async () => {
  const { seen, fetch } = recorder([200, 503, 503, 404]);
  const mock = await newMock({ fetch });
  await mock.control('recording-server', { url: 'http://rec.test', secret: SECRET });
  startCall(mock);
  await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  await backend(mock, { type: 'started', started: { token: ROOM, status: 1, actor: { type: 'users', id: 'alice' } } });
  await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
  await mock.control('recording-flush', {});
  assert.equal(seen.length, 4);
  assert.equal(room(mock).callRecording, 5);
  await mock.close();
});

test('the simulated server gets the same signed bytes, and its callbacks are signed like the official server', async () => {
  const mock = await newMock();
  startCall(mock);
  await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  mock.clock.advance(2000);
  await mock.tick();
  const state = JSON.parse((await mock.control('recording-state', {})).body as string) as { callbacks: { kind: string; status: number }[]; outbox: { headers: Record<string, string>; body: string; status: number }[] };
  assert.deepEqual(state.callbacks.map((c) => [c.kind, c.status]), [['started', 200]]);
  const out = state.outbox[0]!;
  assert.equal(out.status, 200);
  assert.equal(out.headers['Talk-Recording-Checksum'], await checksum(SECRET, out.headers['Talk-Recording-Random']!, out.body));
  await mock.close();
});
