// Contract: the Talk web client's recording calls, as nextcloud/spreed sends them from
// src/services/recordingService.js (getWelcomeMessage, startCallRecording, stopCallRecording)
// through @nextcloud/axios in a logged-in browser: the session cookie, the page's `requesttoken`
// header, X-Requested-With, axios's Accept (no format parameter: OCS answers JSON by Accept), a
// JSON body {status} for the start and no body for the stop. What the client relies on:
// src/store/conversationsStore.js sets callRecording to 3/4 itself after a start and reads the
// room again later, so the room must then say the same; the admin settings
// (src/components/AdminSettings/RecordingServer.vue) read `response.data.ocs.data.version`, and on
// an error `exception.response.data.ocs.data.error` (CAN_NOT_CONNECT, JSON_INVALID, …).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { MockServer } from '../../mock/server.ts';
import { BASE, ROOM, SECRET, callRecording, callRunning, control, serverPy, talk } from './client-helpers.ts';

interface Browser {
  cookie: string;
  requesttoken: string;
}

/** What @nextcloud/axios sends from a logged-in page. */
async function axios(s: MockServer, b: Browser, method: 'GET' | 'POST' | 'DELETE', path: string, data?: unknown): Promise<{ status: number; contentType: string; data: { ocs: { meta: { statuscode: number }; data: unknown } } }> {
  const res = await fetch(`${s.url}${BASE}${path}`, {
    method,
    headers: {
      Accept: 'application/json, text/plain, */*',
      'X-Requested-With': 'XMLHttpRequest',
      requesttoken: b.requesttoken,
      cookie: b.cookie,
      ...(data === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(data === undefined ? {} : { body: JSON.stringify(data) }),
  });
  return { status: res.status, contentType: res.headers.get('content-type') ?? '', data: (await res.json()) as never };
}

const browser = (s: MockServer, user: string) => control<Browser>(s, 'token', { kind: 'session', user });

test('startCallRecording / stopCallRecording from a browser session: 200 JSON, and the room says what the client assumed', async () => {
  const s = await talk();
  const rec = await serverPy({ [s.url]: SECRET }); // a recording server that only ever answers
  try {
    await control(s, 'recording-server', { url: rec.url, secret: SECRET });
    await callRunning(s);
    const alice = await browser(s, 'alice');
    const start = await axios(s, alice, 'POST', `/recording/${ROOM}`, { status: 2 });
    assert.equal(start.status, 200);
    assert.match(start.contentType, /application\/json/);
    assert.equal(start.data.ocs.data, null);
    assert.equal(await callRecording(s), 4, 'CALL.RECORDING.AUDIO_STARTING, as the store set it');
    const stop = await axios(s, alice, 'DELETE', `/recording/${ROOM}`);
    assert.equal(stop.status, 200);
    assert.equal(await callRecording(s), 4, 'the status waits for the recording server');
    // A start the client may not make answers an error it only logs: still JSON with data.error.
    const again = await axios(s, alice, 'POST', `/recording/${ROOM}`, { status: 1 });
    assert.equal(again.status, 400);
    assert.deepEqual(again.data.ocs.data, { error: 'recording' });
  } finally {
    await s.close();
    await rec.close();
  }
});

test('getWelcomeMessage from the admin settings: data.version for a working server, data.error CAN_NOT_CONNECT for an unreachable one', async () => {
  const s = await talk();
  try {
    await control(s, 'recording-server', { simulated: true, secret: SECRET });
    const admin = await browser(s, 'admin');
    const ok = await axios(s, admin, 'GET', '/recording/welcome/0');
    assert.equal(ok.status, 200);
    assert.equal(typeof (ok.data.ocs.data as { version?: unknown }).version, 'number');
    await control(s, 'recording-server', { url: 'http://127.0.0.1:9', secret: SECRET });
    const down = await axios(s, admin, 'GET', '/recording/welcome/0');
    assert.equal(down.status, 500);
    assert.equal((down.data.ocs.data as { error?: unknown }).error, 'CAN_NOT_CONNECT');
    // Not an admin: Nextcloud's admin check, before the controller.
    const alice = await browser(s, 'alice');
    assert.equal((await axios(s, alice, 'GET', '/recording/welcome/0')).status, 403);
  } finally {
    await s.close();
  }
});
