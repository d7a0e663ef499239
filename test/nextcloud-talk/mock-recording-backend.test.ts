// The endpoint the recording server calls back: authentication (random ≥ 32, HMAC over the
// exact raw body, case-insensitive hex), documented errors, and the throttle.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checksum } from '../../mock/nextcloud-talk/recording/signature.ts';
import { API, RANDOM, ROOM, SECRET, backend, call, newMock, room, signBody, startCall } from './mock-recording-helpers.ts';

const AUTH_ERROR = { type: 'error', error: { code: 'invalid_request', message: 'The request could not be authenticated.' } };

test('[decision nextcloud-talk/recording-random-min-length] [decision nextcloud-talk/recording-error-shapes] 403 invalid_request for a missing, short or wrong signature; the exact body', async () => {
  const mock = await newMock();
  const body = JSON.stringify({ type: 'failed', failed: { token: ROOM } });
  const cases: Record<string, string>[] = [
    {},
    { 'talk-recording-random': RANDOM },
    await signBody(body, RANDOM.slice(0, 31)),
    await signBody(body, RANDOM, 'wrong secret'),
    { ...(await signBody(body)), 'talk-recording-checksum': '' },
  ];
  for (const headers of cases) {
    const r = await call(mock, 'POST', `${API}/backend`, { body, headers });
    assert.equal(r.status, 403);
    assert.equal(r.json!.ocs.meta.statuscode, 403);
    assert.deepEqual(r.json!.ocs.data, AUTH_ERROR);
  }
  assert.equal(room(mock).callRecording, 0);
  await mock.close();
});

test('[decision nextcloud-talk/recording-header-names] accepted: exactly 32 characters, upper-case hex, any header-name case, underscore alias', async () => {
  const mock = await newMock();
  const body = JSON.stringify({ type: 'failed', failed: { token: ROOM } });
  const sig = await signBody(body);
  const variants: Record<string, string>[] = [
    sig,
    { ...sig, 'talk-recording-checksum': sig['talk-recording-checksum']!.toUpperCase() },
    { 'content-type': 'application/json', TALK_RECORDING_RANDOM: RANDOM, TALK_RECORDING_CHECKSUM: sig['talk-recording-checksum']! },
  ];
  for (const v of variants) {
    // Header names reach the mock lower-cased, as node:http delivers them.
    const headers = Object.fromEntries(Object.entries(v).map(([k, x]) => [k.toLowerCase(), x]));
    const r = await call(mock, 'POST', `${API}/backend`, { body, headers });
    assert.equal(r.status, 200, JSON.stringify(v));
  }
  // A public page, but not exempt from the CSRF rule: without OCS-APIRequest it is 412.
  const csrf = await call(mock, 'POST', `${API}/backend`, { body, headers: { ...sig, 'ocs-apirequest': 'false' } });
  assert.equal(csrf.status, 412);
  await mock.close();
});

test('the checksum covers the exact raw bytes: Python spacing verifies, a re-encoded body does not', async () => {
  const mock = await newMock();
  const python = '{"type": "failed", "failed": {"token": "teamroom22"}}';
  const sig = await signBody(python);
  assert.equal((await call(mock, 'POST', `${API}/backend`, { body: python, headers: sig })).status, 200);
  const compact = JSON.stringify(JSON.parse(python));
  assert.equal((await call(mock, 'POST', `${API}/backend`, { body: compact, headers: sig })).status, 403);
  await mock.close();
});

test('property: a single changed byte of the body, random or checksum is rejected with 403', async () => {
  const mock = await newMock();
  await mock.control('recording-throttle', { limit: 1_000_000 });
  const body = new TextEncoder().encode(JSON.stringify({ type: 'failed', failed: { token: ROOM } }));
  await fc.assert(
    fc.asyncProperty(fc.constantFrom('body', 'random', 'checksum'), fc.nat(), fc.integer({ min: 1, max: 255 }), async (where, pos, delta) => {
      const headers = await signBody(body);
      let sent = body;
      if (where === 'body') {
        sent = new Uint8Array(body);
        sent[pos % sent.length] = (sent[pos % sent.length]! + delta) & 255;
      } else {
        const key = where === 'random' ? 'talk-recording-random' : 'talk-recording-checksum';
        const value = headers[key]!;
        const i = pos % value.length;
        const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
        const next = alphabet[(alphabet.indexOf(value[i]!.toLowerCase()) + 1 + (delta % 15)) % 16]!;
        headers[key] = value.slice(0, i) + next + value.slice(i + 1);
        if (headers[key]!.toLowerCase() === value.toLowerCase()) return; // only a case change: still the same checksum
      }
      const r = await call(mock, 'POST', `${API}/backend`, { body: sent, headers });
      assert.equal(r.status, 403);
    }),
    { seed: 7, numRuns: 120 },
  );
  await mock.close();
});

test('[decision nextcloud-talk/backend-unknown-type] documented errors: unknown type 400, unknown room 404, broken fields 404', async () => {
  const mock = await newMock();
  let r = await backend(mock, { type: 'paused', paused: { token: ROOM } });
  assert.equal(r.status, 400);
  assert.deepEqual(r.json!.ocs.data, { type: 'error', error: { code: 'unknown_type', message: 'The given type {"type":"paused","paused":{"token":"teamroom22"}} is not supported.' } });
  r = await backend(mock, 'not json at all');
  assert.equal(r.status, 400);
  assert.equal((r.json!.ocs.data as { error: { code: string } }).error.code, 'unknown_type');
  for (const type of ['started', 'stopped', 'failed']) {
    const message = type === 'started' ? { type, started: { token: 'nosuchroom', status: 1, actor: { type: 'users', id: 'alice' } } } : { type, [type]: { token: 'nosuchroom' } };
    r = await backend(mock, message);
    assert.equal(r.status, 404, type);
    assert.deepEqual(r.json!.ocs.data, { type: 'error', error: { code: 'no_such_room', message: 'Room not found.' } });
  }
  // Missing or broken fields inside a known type name no room (spec decision backend-unknown-type).
  r = await backend(mock, { type: 'started', started: { token: ROOM, status: 7, actor: { type: 'users', id: 'alice' } } });
  assert.equal(r.status, 404);
  r = await backend(mock, { type: 'stopped', stopped: {} });
  assert.equal(r.status, 404);
  r = await backend(mock, { type: 'stopped', stopped: { token: ROOM, actor: 'alice' } });
  assert.equal(r.status, 404);
  assert.equal((r.json!.ocs.data as { error: { code: string } }).error.code, 'no_such_room');
  await mock.close();
});

test('[decision nextcloud-talk/brute-force-429] throttle: after 10 authentication failures within 30 minutes everything answers 429, until the window passes', async () => {
  const mock = await newMock();
  startCall(mock);
  const body = JSON.stringify({ type: 'failed', failed: { token: ROOM } });
  for (let i = 0; i < 10; i++) assert.equal((await call(mock, 'POST', `${API}/backend`, { body, headers: { 'talk-recording-random': RANDOM, 'talk-recording-checksum': 'bad' } })).status, 403);
  const blocked = await backend(mock, JSON.parse(body));
  assert.equal(blocked.status, 429);
  assert.equal(blocked.json!.ocs.meta.statuscode, 429);
  // The store endpoint shares the protection.
  const storeHeaders = { 'talk-recording-random': RANDOM, 'talk-recording-checksum': await checksum(SECRET, RANDOM, ROOM) };
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}/store`, { headers: storeHeaders })).status, 429);
  mock.clock.advance(30 * 60 * 1000);
  assert.equal((await backend(mock, JSON.parse(body))).status, 200);
  await mock.close();
});

test('started callbacks nobody asked for count towards the throttle too', async () => {
  const mock = await newMock();
  const started = { type: 'started', started: { token: ROOM, status: 1, actor: { type: 'users', id: 'alice' } } };
  for (let i = 0; i < 10; i++) assert.equal((await backend(mock, started)).status, 404);
  assert.equal((await backend(mock, started)).status, 429);
  await mock.control('recording-throttle', { clear: true });
  assert.equal((await backend(mock, started)).status, 404);
  await mock.close();
});
