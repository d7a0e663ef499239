// Contract: Talk → recording server. What nextcloud/spreed's lib/Recording/BackendNotifier.php
// sends (POST <server>/api/v1/room/<token>, Talk-Recording-Backend/-Random/-Checksum, PHP JSON)
// must pass the official recording server's request validation
// (nextcloud/nextcloud-talk-recording src/nextcloud/talk/recording/Server.py, re-stated in
// client-helpers.ts serverPy), and Talk must take that server's answers as BackendNotifier and
// RecordingService do: `{}` 200 is done, a 404 to a stop marks the recording failed at once, a
// 403 (wrong secret) is not retried and fails the API call.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ROOM, SECRET, callRecording, callRunning, control, ocs, serverPy, talk } from './client-helpers.ts';

async function setUp(secretOnServer = SECRET) {
  const s = await talk();
  const rec = await serverPy({ [s.url]: secretOnServer });
  await control(s, 'recording-server', { url: rec.url, secret: SECRET });
  await callRunning(s);
  return { s, rec, async close() { await s.close(); await rec.close(); } };
}

test('[decision nextcloud-talk/recording-server-signing] start and stop pass Server.py\'s validation and are answered {} 200; the status waits for the callbacks', async () => {
  const t = await setUp();
  try {
    assert.equal((await ocs(t.s, 'POST', `/recording/${ROOM}`, 'alice', { status: 1 })).status, 200);
    assert.equal(await callRecording(t.s), 3);
    assert.equal((await ocs(t.s, 'DELETE', `/recording/${ROOM}`, 'bob')).status, 200);
    assert.equal((await ocs(t.s, 'DELETE', `/recording/${ROOM}`, 'bob')).status, 200, 'a stop while stopping is {} too');
    assert.deepEqual(t.rec.requests.map((r) => r.status), [200, 200, 200]);
    const [start, stop] = t.rec.requests;
    assert.equal(start!.path, `/api/v1/room/${ROOM}`);
    assert.equal(start!.headers['talk-recording-backend'], `${t.s.url}/`);
    assert.equal(start!.headers['content-type'], 'application/json');
    assert.match(start!.headers['talk-recording-random']!, /^[A-Za-z0-9+/]{64}$/);
    assert.deepEqual(JSON.parse(start!.body), { type: 'start', start: { status: 1, owner: 'alice', actor: { type: 'users', id: 'alice' } } });
    assert.deepEqual(JSON.parse(stop!.body), { type: 'stop', stop: { actor: { type: 'users', id: 'bob' } } });
    assert.ok(Buffer.byteLength(start!.body) <= 1024, 'within the default maxmessagesize');
    assert.equal(await callRecording(t.s), 3, 'nothing changes until the recording server calls back');
  } finally {
    await t.close();
  }
});

test('[decision nextcloud-talk/empty-php-array] the call ending sends {"type":"stop","stop":[]}, which Server.py accepts (no actor)', async () => {
  const t = await setUp();
  try {
    await ocs(t.s, 'POST', `/recording/${ROOM}`, 'alice', { status: 2 });
    assert.equal((await ocs(t.s, 'DELETE', `/call/${ROOM}`, 'alice')).status, 200);
    await ocs(t.s, 'GET', `/room/${ROOM}`, 'alice'); // the next request waits for the stop's answer
    const stop = t.rec.requests.at(-1)!;
    assert.equal(stop.body, '{"type":"stop","stop":[]}');
    assert.equal(stop.status, 200);
  } finally {
    await t.close();
  }
});

test('a stop Server.py does not know (404) marks the recording failed before the stop answers, without a retry', async () => {
  const t = await setUp();
  try {
    await ocs(t.s, 'POST', `/recording/${ROOM}`, 'alice', { status: 1 });
    t.rec.recordings.clear(); // the recording server lost it (restarted)
    assert.equal((await ocs(t.s, 'DELETE', `/recording/${ROOM}`, 'alice')).status, 200);
    assert.equal(await callRecording(t.s), 5);
    assert.deepEqual(t.rec.requests.map((r) => r.status), [200, 404]);
  } finally {
    await t.close();
  }
});

test('with a secret the recording server does not share, its 403 is final: one request, the start answers 500, nothing changes', async () => {
  const t = await setUp('another secret');
  try {
    const r = await ocs(t.s, 'POST', `/recording/${ROOM}`, 'alice', { status: 1 });
    assert.equal(r.status, 500);
    assert.equal(r.json.ocs.meta.statuscode, 996);
    assert.deepEqual(t.rec.requests.map((q) => q.status), [403]);
    assert.equal(await callRecording(t.s), 0);
  } finally {
    await t.close();
  }
});
