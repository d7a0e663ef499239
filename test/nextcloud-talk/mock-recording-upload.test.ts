// Recording uploads over a real port: the HTTP layer lets through every body the store may take
// (a 9 MiB recording is stored, not refused by a generic 413 or a broken pipe); the store itself
// answers its limits (`size` over the post limit, `invalid_file` over the per-file limit); only
// bodies over the server's 64 MiB cap get the HTTP layer's plain 413, after the body was read.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockServer, type MockServer } from '../../mock/server.ts';
import { checksum } from '../../mock/nextcloud-talk/recording/signature.ts';
import { API, ROOM, SAMPLE_WEBM, SECRET, call, newMock, padded } from './mock-recording-helpers.ts';

const MIB = 1024 * 1024;
const RANDOM = 'r'.repeat(48);

async function server(): Promise<MockServer> {
  const s = await startMockServer({ api: 'nextcloud-talk', port: 0, clock: 'frozen', strictSpec: true });
  await control(s, 'recording-server', { simulated: true, secret: SECRET });
  return s;
}

async function control(s: MockServer, action: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${s.url}/__callrec/action/${action}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, action);
  return res.json();
}

/** A signed multipart upload, as the official recording server sends it (owner + file, checksum over random + token). */
async function upload(s: MockServer, file: Uint8Array, name = 'call.webm'): Promise<{ status: number; contentType: string; body: string }> {
  const form = new FormData();
  form.append('owner', 'alice');
  form.append('file', new Blob([new Uint8Array(file)], { type: 'video/webm' }), name);
  const res = await fetch(`${s.url}/ocs/v2.php/apps/spreed/api/v1/recording/${ROOM}/store?format=json`, {
    method: 'POST',
    headers: { 'ocs-apirequest': 'true', 'talk-recording-random': RANDOM, 'talk-recording-checksum': await checksum(SECRET, RANDOM, ROOM) },
    body: form,
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', body: await res.text() };
}

test('[decision nextcloud-talk/upload-limits] a 9 MiB signed upload over a real port is stored (200, OCS), not refused by the HTTP layer', async () => {
  const s = await server();
  try {
    const r = await upload(s, padded(SAMPLE_WEBM, 9 * MIB), 'nine.webm');
    assert.equal(r.status, 200, r.body.slice(0, 200));
    assert.match(r.contentType, /application\/json/);
    assert.equal(JSON.parse(r.body).ocs.meta.statuscode, 200);
    const state = (await (await fetch(`${s.url}/__callrec/state`)).json()) as { notifications: { subject: string }[] };
    assert.ok(state.notifications.some((n) => n.subject === 'record_file_stored'));
  } finally {
    await s.close();
  }
});

test('[decision nextcloud-talk/upload-limits] the store answers its own limits: over the post limit `size`, a file over the per-file limit `invalid_file` (which notifies the owner it names)', async () => {
  const s = await server();
  try {
    await control(s, 'recording-upload-limit', { bytes: 2 * MIB, fileBytes: MIB });
    let r = await upload(s, padded(SAMPLE_WEBM, 3 * MIB));
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.body).ocs.data, { error: 'size' });
    r = await upload(s, padded(SAMPLE_WEBM, MIB + 1));
    assert.equal(r.status, 400);
    assert.deepEqual(JSON.parse(r.body).ocs.data, { error: 'invalid_file' });
    r = await upload(s, padded(SAMPLE_WEBM, MIB - 1024));
    assert.equal(r.status, 200);
    const state = (await (await fetch(`${s.url}/__callrec/state`)).json()) as { notifications: { subject: string }[] };
    assert.deepEqual(state.notifications.map((n) => n.subject).filter((x) => x.startsWith('record_file')), ['record_file_store_fail', 'record_file_stored'], '`size` names no owner, and no start left one to tell');
  } finally {
    await s.close();
  }
});

test('a body over the 64 MiB cap gets the HTTP layer\'s plain 413 once it was sent, not a broken pipe', async () => {
  const s = await server();
  try {
    const res = await fetch(`${s.url}/ocs/v2.php/apps/spreed/api/v1/recording/${ROOM}/store`, {
      method: 'POST',
      headers: { 'ocs-apirequest': 'true', 'content-type': 'application/octet-stream' },
      body: new Uint8Array(64 * MIB + 1),
    });
    assert.equal(res.status, 413);
    assert.match(await res.text(), /Payload Too Large/);
  } finally {
    await s.close();
  }
});

test('[decision nextcloud-talk/upload-limits] the lifted limit is the store\'s alone: a 17 MiB backend callback is refused with 413, a 16 MiB one is read', async () => {
  const mock = await newMock();
  const MIB = 1024 * 1024;
  const over = await call(mock, 'POST', `${API}/backend`, { body: new Uint8Array(17 * MIB).fill(0x20) });
  assert.equal(over.status, 413);
  assert.equal(over.json?.ocs.meta.statuscode, 413);
  // At the limit the body reaches the endpoint, which refuses it for its (missing) signature.
  assert.equal((await call(mock, 'POST', `${API}/backend`, { body: new Uint8Array(16 * MIB).fill(0x20) })).status, 403);
  await mock.close();
});
