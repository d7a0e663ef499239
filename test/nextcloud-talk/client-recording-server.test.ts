// Contract: the official recording server → Talk, byte for byte as
// nextcloud/nextcloud-talk-recording src/nextcloud/talk/recording/BackendNotifier.py sends it:
// backend callbacks `POST {backend}/ocs/v2.php/apps/spreed/api/v1/recording/backend` with
// Python's json.dumps body, Content-Type application/json, OCS-ApiRequest: true,
// Talk-Recording-Random = token_urlsafe(64), Talk-Recording-Checksum = hex HMAC-SHA256(secret,
// random + body), User-Agent Nextcloud-Talk-Recording/<version>; then uploadRecording():
// request-upload first (JSON, checksum over the token), and on its 404 the direct multipart
// upload of requests_toolbelt's MultipartEncoder (boundary uuid4().hex, a file part without a
// content type). What it relies on: doRequest() calls raise_for_status(), so every call it
// makes must answer 2xx, except request-upload, whose 404 means "upload directly".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { MockServer } from '../../mock/server.ts';
import { BASE, ROOM, SECRET, callRecording, callRunning, control, ocs, serverPy, talk } from './client-helpers.ts';

const USER_AGENT = 'Nextcloud-Talk-Recording/0.1';
const WEBM = new Uint8Array(readFileSync(new URL('../../fixtures/media/sample.webm', import.meta.url)));

/** secrets.token_urlsafe(64): 64 random bytes, URL-safe Base64 without padding (86 characters). */
const tokenUrlsafe = () => randomBytes(64).toString('base64url');
const sign = (random: string, data: Buffer | string) => createHmac('sha256', SECRET).update(Buffer.concat([Buffer.from(random), Buffer.from(data)])).digest('hex');

/** backendRequest(): the body exactly as Python's json.dumps writes it (", " and ": "). */
async function backendRequest(s: MockServer, body: string): Promise<number> {
  const random = tokenUrlsafe();
  const res = await fetch(`${s.url}${BASE}/recording/backend`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'OCS-ApiRequest': 'true', 'Talk-Recording-Random': random, 'Talk-Recording-Checksum': sign(random, body), 'User-Agent': USER_AGENT },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

const raiseForStatus = (status: number) => assert.ok(status >= 200 && status < 400, `requests' raise_for_status() would raise for HTTP ${status}`);

/** requestUpload(): answers the status; the client falls back to the direct upload on 404 only. */
async function requestUpload(s: MockServer, owner: string, fileName: string): Promise<number> {
  const random = tokenUrlsafe();
  const res = await fetch(`${s.url}${BASE}/recording/${ROOM}/request-upload`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'OCS-ApiRequest': 'true', 'Talk-Recording-Random': random, 'Talk-Recording-Checksum': sign(random, ROOM), 'User-Agent': USER_AGENT },
    body: JSON.stringify({ owner, fileName }).replace(/,"/g, ', "').replace(/":/g, '": '),
  });
  await res.arrayBuffer();
  return res.status;
}

/** uploadRecordingDirectly(): MultipartEncoder({'owner': owner, 'file': (basename, fileobj)}). */
async function uploadDirectly(s: MockServer, owner: string, fileName: string, bytes: Uint8Array): Promise<{ status: number; body: string }> {
  const boundary = randomUUID().replace(/-/g, '');
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="owner"\r\n\r\n${owner}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\n\r\n`),
    Buffer.from(bytes),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const random = tokenUrlsafe();
  const res = await fetch(`${s.url}${BASE}/recording/${ROOM}/store`, {
    method: 'POST',
    headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}`, 'OCS-ApiRequest': 'true', 'Talk-Recording-Random': random, 'Talk-Recording-Checksum': sign(random, ROOM), 'User-Agent': USER_AGENT },
    body,
  });
  return { status: res.status, body: await res.text() };
}

async function setUp() {
  const s = await talk();
  const rec = await serverPy({ [s.url]: SECRET }); // Talk's side of the protocol needs a recording server to start one
  await control(s, 'recording-server', { url: rec.url, secret: SECRET });
  await callRunning(s);
  return { s, async close() { await s.close(); await rec.close(); } };
}

const lastSystemMessage = async (s: MockServer) => {
  const r = await ocs(s, 'GET', `/chat/${ROOM}?lookIntoFuture=0&limit=1`, 'alice');
  const [m] = r.json.ocs.data as { systemMessage: string; actorType: string; actorId: string }[];
  return `${m!.systemMessage} by ${m!.actorType}/${m!.actorId}`;
};

test('started → stopped → uploadRecording (request-upload 404, then the direct multipart upload): every call 2xx, the file stored and announced', async () => {
  const t = await setUp();
  try {
    raiseForStatus((await ocs(t.s, 'POST', `/recording/${ROOM}`, 'alice', { status: 1 })).status);
    raiseForStatus(await backendRequest(t.s, `{"type": "started", "started": {"token": "${ROOM}", "status": 1, "actor": {"type": "users", "id": "alice"}}}`));
    assert.equal(await callRecording(t.s), 1);
    assert.equal(await lastSystemMessage(t.s), 'recording_started by users/alice');
    raiseForStatus(await backendRequest(t.s, `{"type": "stopped", "stopped": {"token": "${ROOM}", "actor": {"type": "users", "id": "alice"}}}`));
    assert.equal(await callRecording(t.s), 0);
    assert.equal(await lastSystemMessage(t.s), 'recording_stopped by users/alice');

    // A Talk without chunked uploads (the spec's seed version) must answer request-upload 404,
    // which is the one error the recording server takes as "upload directly".
    assert.equal(await requestUpload(t.s, 'alice', 'recording-20260101-120000.webm'), 404);
    const stored = await uploadDirectly(t.s, 'alice', 'recording-20260101-120000.webm', WEBM);
    raiseForStatus(stored.status);
    // It sends no Accept header, so the answer is OCS XML (it reads only the status).
    assert.match(stored.body, /<status>ok<\/status>/);
    const state = (await (await fetch(`${t.s.url}/__callrec/state`)).json()) as { notifications: { subject: string; objectId: string }[] };
    assert.ok(state.notifications.some((n) => n.subject === 'record_file_stored' && n.objectId === ROOM));
  } finally {
    await t.close();
  }
});

test('a `stopped` without an actor (the call ended) and `failed` are taken (2xx); `failed` after `started` posts recording_failed', async () => {
  const t = await setUp();
  try {
    await ocs(t.s, 'POST', `/recording/${ROOM}`, 'alice', { status: 2 });
    raiseForStatus(await backendRequest(t.s, `{"type": "started", "started": {"token": "${ROOM}", "status": 2, "actor": {"type": "users", "id": "alice"}}}`));
    raiseForStatus(await backendRequest(t.s, `{"type": "stopped", "stopped": {"token": "${ROOM}"}}`));
    assert.equal(await lastSystemMessage(t.s), 'audio_recording_started by users/alice', 'no message for a stop nobody asked for');
    await ocs(t.s, 'POST', `/recording/${ROOM}`, 'alice', { status: 1 });
    raiseForStatus(await backendRequest(t.s, `{"type": "started", "started": {"token": "${ROOM}", "status": 1, "actor": {"type": "users", "id": "alice"}}}`));
    raiseForStatus(await backendRequest(t.s, `{"type": "failed", "failed": {"token": "${ROOM}"}}`));
    assert.equal(await callRecording(t.s), 5);
    assert.equal(await lastSystemMessage(t.s), 'recording_failed by guests/failed-to-get-session');
  } finally {
    await t.close();
  }
});

test('what the recording server must not retry: a callback for an unknown room is a 4xx (404 no_such_room)', async () => {
  const t = await setUp();
  try {
    const status = await backendRequest(t.s, '{"type": "stopped", "stopped": {"token": "nosuchroom1"}}');
    assert.equal(status, 404);
  } finally {
    await t.close();
  }
});
