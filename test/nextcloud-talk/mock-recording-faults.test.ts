// Every recording fault changes what a client observes: each has a probe whose result on the
// clean mock differs from its result with the fault on (and every fault has a probe).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordingFaults, type RecordingFaultName } from '../../mock/nextcloud-talk/faults-recording.ts';
import type { NextcloudTalkMock } from '../../mock/nextcloud-talk/index.ts';
import { checksum } from '../../mock/nextcloud-talk/recording/signature.ts';
import { API, RANDOM, ROOM, SAMPLE_OGG, SAMPLE_WEBM, SECRET, advance, backend, call, errorOf, newMock, padded, room, signBody, startCall, store } from './mock-recording-helpers.ts';
import { trips } from '../../suites/nextcloud-talk/faults.ts';

type Probe = (mock: NextcloudTalkMock) => Promise<unknown>;

const start = (mock: NextcloudTalkMock, user = 'alice', status = 1, token = ROOM) => call(mock, 'POST', `${API}/${token}`, { user, form: { status } });
const outcome = (r: Awaited<ReturnType<typeof call>>) => [r.status, errorOf(r) ?? null];
const recordingNow = async (mock: NextcloudTalkMock) => {
  startCall(mock);
  await start(mock);
  await advance(mock, 2000);
};
const notificationCount = async (mock: NextcloudTalkMock) => ((await call(mock, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user: 'alice' })).json!.ocs.data as unknown[]).length;

/** The recording notifications `user` is listed, as [object_type, subject, messageRichParameters]. */
const listed = async (mock: NextcloudTalkMock, user = 'alice') =>
  ((await call(mock, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user })).json!.ocs.data as Record<string, unknown>[]).map((n) => [n.object_type, n.subject, n.messageRichParameters]);

const PROBES: Record<RecordingFaultName, Probe> = {
  'start-status-checked-last': async (m) => outcome(await start(m, 'alice', 3)),
  'start-invalid-status-accepted': async (m) => {
    startCall(m);
    return outcome(await start(m, 'alice', 3));
  },
  'start-guest-403': async (m) => {
    const g = JSON.parse((await m.control('token', { kind: 'session' })).body as string) as { cookie: string; requesttoken: string };
    return (await call(m, 'POST', `${API}/publicroom3`, { headers: { cookie: g.cookie, requesttoken: g.requesttoken }, form: { status: 1 } })).status;
  },
  'start-non-moderator-allowed': async (m) => {
    startCall(m);
    return (await start(m, 'carol')).status;
  },
  'start-lobby-ignored': async (m) => (await start(m, 'carol', 1, 'lobbyroom22')).status,
  'started-callback-ignored': async (m) => {
    await recordingNow(m);
    return room(m).callRecording;
  },
  'failed-reports-none': async (m) => {
    await m.control('fail-next-recording', {});
    await recordingNow(m);
    return room(m).callRecording;
  },
  'restart-after-failure-refused': async (m) => {
    await m.control('fail-next-recording', {});
    await recordingNow(m);
    return outcome(await start(m));
  },
  'stop-clears-status-at-once': async (m) => {
    await recordingNow(m);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    return room(m).callRecording;
  },
  'stop-idle-400': async (m) => (await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' })).status,
  'start-race-no-claim': async (m) => {
    startCall(m);
    const all = await Promise.all(Array.from({ length: 10 }, () => start(m)));
    return all.filter((r) => r.status === 200).length;
  },
  'backend-checksum-prefix-only': async (m) => {
    const body = '{"type":"failed","failed":{"token":"teamroom22"}}';
    const h = await signBody(body);
    const sum = h['talk-recording-checksum']!;
    const changed = sum.slice(0, 40) + (sum[40] === '0' ? '1' : '0') + sum.slice(41);
    return (await call(m, 'POST', `${API}/backend`, { body, headers: { ...h, 'talk-recording-checksum': changed } })).status;
  },
  'backend-short-random-accepted': async (m) => (await backend(m, { type: 'failed', failed: { token: ROOM } }, { random: RANDOM.slice(0, 31) })).status,
  'backend-uppercase-hex-rejected': async (m) => {
    const body = '{"type":"failed","failed":{"token":"teamroom22"}}';
    const h = await signBody(body);
    return (await call(m, 'POST', `${API}/backend`, { body, headers: { ...h, 'talk-recording-checksum': h['talk-recording-checksum']!.toUpperCase() } })).status;
  },
  'backend-underscore-headers-ignored': async (m) => {
    const body = '{"type":"failed","failed":{"token":"teamroom22"}}';
    const h = await signBody(body);
    return (await call(m, 'POST', `${API}/backend`, { body, headers: { talk_recording_random: h['talk-recording-random']!, talk_recording_checksum: h['talk-recording-checksum']! } })).status;
  },
  'backend-auth-failure-401': async (m) => (await backend(m, { type: 'failed', failed: { token: ROOM } }, { secret: 'wrong' })).status,
  'backend-unknown-type-200': async (m) => (await backend(m, { type: 'paused' })).status,
  'backend-broken-actor-ignored': async (m) => (await backend(m, { type: 'stopped', stopped: { token: ROOM, actor: 'alice' } })).status,
  'backend-unknown-room-200': async (m) => (await backend(m, { type: 'stopped', stopped: { token: 'nosuchroom' } })).status,
  'backend-never-throttled': async (m) => {
    for (let i = 0; i < 10; i++) await backend(m, { type: 'failed', failed: { token: ROOM } }, { secret: 'wrong' });
    return (await backend(m, { type: 'failed', failed: { token: ROOM } })).status;
  },
  'store-checksum-over-body': async (m) => (await store(m, ROOM, { owner: 'alice' })).status,
  'store-empty-file-accepted': async (m) => outcome(await store(m, ROOM, { owner: 'alice', bytes: new Uint8Array() })),
  'store-owner-not-participant-accepted': async (m) => outcome(await store(m, ROOM, { owner: 'dave' })),
  'store-mimetype-from-name': async (m) => outcome(await store(m, ROOM, { owner: 'alice', bytes: new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), fileName: 'x.webm' })),
  'store-path-kept': async (m) => {
    await store(m, ROOM, { owner: 'alice', fileName: '../x.webm' });
    return [...m.ctx.store.files.get('alice')!.values()].map((f) => f.path);
  },
  'store-path-double-slash': async (m) => {
    await store(m, ROOM, { owner: 'alice', fileName: 'x.webm' });
    return [...m.ctx.store.files.get('alice')!.values()].map((f) => f.path);
  },
  'store-dotfile-no-extension': async (m) => outcome(await store(m, ROOM, { owner: 'alice', fileName: '.ogg', bytes: SAMPLE_OGG })),
  'store-owner-file-part-read': async (m) => outcome(await store(m, ROOM, { owner: 'alice', ownerAsFile: true })),
  'store-ogg-window-unbounded': async (m) => {
    const late = new Uint8Array(4200);
    late.set([0x4f, 0x67, 0x67, 0x53], 0);
    late.set([0x4f, 0x70, 0x75, 0x73, 0x48, 0x65, 0x61, 0x64], 4100); // OpusHead beyond 4 KiB
    return outcome(await store(m, ROOM, { owner: 'alice', fileName: 'late.ogg', bytes: late }));
  },
  'store-no-notification': async (m) => {
    await store(m, ROOM, { owner: 'alice' });
    return notificationCount(m);
  },
  'share-chat-wrong-message-type': async (m) => {
    await store(m, ROOM, { owner: 'alice', bytes: SAMPLE_OGG, fileName: 'a.ogg' });
    const file = [...m.ctx.store.files.get('alice')!.values()][0]!;
    await call(m, 'POST', `${API}/${ROOM}/share-chat`, { user: 'alice', form: { fileId: file.fileId, timestamp: 0 } });
    return m.ctx.store.lastMessage(ROOM)!.messageType;
  },
  'dismiss-ignores-timestamp': async (m) => {
    await store(m, ROOM, { owner: 'alice' });
    await call(m, 'DELETE', `${API}/${ROOM}/notification?timestamp=${Math.floor(m.clock.now() / 1000)}`, { user: 'alice' });
    return notificationCount(m);
  },
  'dismiss-any-user': async (m) => {
    await store(m, ROOM, { owner: 'alice' });
    // bob, a moderator of the room too, dismisses at the same timestamp: alice's notification stays.
    await call(m, 'DELETE', `${API}/${ROOM}/notification?timestamp=${Math.floor(m.clock.now() / 1000)}`, { user: 'bob' });
    return notificationCount(m);
  },
  'store-theora-as-audio': async (m) => {
    const theora = new Uint8Array(128);
    theora.set([0x4f, 0x67, 0x67, 0x53], 0);
    theora.set([0x80, 0x74, 0x68, 0x65, 0x6f, 0x72, 0x61], 28);
    return outcome(await store(m, ROOM, { owner: 'alice', fileName: 'video.ogv', bytes: theora }));
  },
  'simulated-upload-skipped': async (m) => {
    await recordingNow(m);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    await advance(m, 1000);
    return notificationCount(m);
  },
  'outgoing-checksum-over-body-only': async (m) => {
    await recordingNow(m);
    const out = m.ctx.outbox[0]!;
    return out.headers['Talk-Recording-Checksum'] === (await checksum(SECRET, out.headers['Talk-Recording-Random']!, out.body));
  },
  'outgoing-backend-header-missing': async (m) => {
    await recordingNow(m);
    return 'Talk-Recording-Backend' in m.ctx.outbox[0]!.headers;
  },
  'outgoing-4xx-retried': async (m) => {
    // The simulated server knows no recording here, so it answers the stop 404.
    startCall(m);
    room(m).callRecording = 1;
    const r = await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    return [r.status, room(m).callRecording];
  },
  'stopped-without-actor-posts-message': async (m) => {
    await recordingNow(m);
    await backend(m, { type: 'stopped', stopped: { token: ROOM } });
    return m.ctx.store.lastMessage(ROOM)!.systemMessage;
  },
  'started-stranger-authored-as-system': async (m) => {
    startCall(m);
    room(m).callRecording = 3;
    await backend(m, { type: 'started', started: { token: ROOM, status: 1, actor: { type: 'users', id: 'mallory' } } });
    return m.ctx.store.lastMessage(ROOM)!.actorId;
  },
  'welcome-non-admin-allowed': async (m) => (await call(m, 'GET', `${API}/welcome/0`, { user: 'alice' })).status,
  'store-body-limit-8mib': async (m) => outcome(await store(m, ROOM, { owner: 'alice', bytes: padded(SAMPLE_WEBM, 9 * 1024 * 1024) })),
  'store-file-limit-ignored': async (m) => {
    await m.control('recording-upload-limit', { fileBytes: 100 });
    return outcome(await store(m, ROOM, { owner: 'alice' }));
  },
  'last-leave-no-call-left': async (m) => {
    startCall(m);
    m.ctx.store.participant(ROOM, 'users', 'alice')!.inCall = 7;
    await call(m, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/call/${ROOM}`, { user: 'alice' });
    return m.ctx.store.messages(ROOM).slice(-2).map((x) => x.systemMessage);
  },
  // round 2: recording
  'outgoing-3xx-refused': async (m) => {
    // A recording server that answers every request 300 without a Location.
    const server = createServer((_req, res) => res.writeHead(300).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await m.control('recording-server', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secret: SECRET });
      startCall(m);
      return (await start(m)).status;
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  },
  'outgoing-ws-url-kept': async (m) => {
    // Port 9 on loopback refuses at once: only the URL asked is compared.
    await m.control('recording-server', { url: 'ws://127.0.0.1:9/', secret: SECRET });
    startCall(m);
    await start(m);
    return m.ctx.outbox.at(-1)?.url;
  },
  'outgoing-content-type-form': async (m) => {
    startCall(m);
    await start(m);
    return m.ctx.outbox.at(-1)?.headers['Content-Type'];
  },
  'store-content-type-strict': async (m) => outcome(await store(m, ROOM, { owner: 'alice', headers: { 'content-type': 'MULTIPART/FORM-DATA; boundary=----callrectest0123456789' } })),
  'notification-subject-unrendered': async (m) => {
    await store(m, ROOM, { owner: 'alice' });
    return ((await call(m, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user: 'alice' })).json!.ocs.data as { subject: string }[]).map((n) => n.subject);
  },
  'welcome-errors-as-connect': async (m) => {
    const server = createServer((_req, res) => res.writeHead(503).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await m.control('recording-server', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secret: SECRET });
      return errorOf(await call(m, 'GET', `${API}/welcome/0`, { user: 'admin' }));
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  },
  'store-missing-file-empty': async (m) => outcome(await store(m, ROOM, { owner: 'alice', noFile: true })),
  'store-owner-invalid-ignored': async (m) => {
    await m.control('recording-owner', { userId: 'alice', state: 'invalid' });
    return outcome(await store(m, ROOM, { owner: 'alice' }));
  },
  'store-owner-permission-ignored': async (m) => {
    await m.control('recording-owner', { userId: 'alice', state: 'permission' });
    return outcome(await store(m, ROOM, { owner: 'alice' }));
  },
  'call-end-stop-answer-ignored': async (m) => {
    // The simulated server records nothing in the room, so it answers the call-end stop 404.
    startCall(m);
    m.ctx.store.participant(ROOM, 'users', 'alice')!.inCall = 7;
    room(m).callRecording = 1;
    await call(m, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/call/${ROOM}`, { user: 'alice' });
    await m.control('recording-settle', {});
    return room(m).callRecording;
  },
  'simulated-upload-tiny': async (m) => {
    startCall(m);
    await start(m);
    await advance(m, 2000);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    await advance(m, 1000);
    return [...m.ctx.store.files.get('alice')!.values()].map((f) => f.bytes.byteLength);
  },
  'throttle-one-failure-late': async (m) => {
    for (let i = 0; i < 10; i++) await store(m, ROOM, { owner: 'alice', random: RANDOM, signData: 'wrong' });
    return (await store(m, ROOM, { owner: 'alice' })).status;
  },
  'throttle-lifts-early': async (m) => {
    for (let i = 0; i < 10; i++) await store(m, ROOM, { owner: 'alice', random: RANDOM, signData: 'wrong' });
    await advance(m, 30 * 60 * 1000 - 30_000);
    return (await store(m, ROOM, { owner: 'alice' })).status;
  },
  'backend-unknown-type-message-plain-json': async (m) => (await backend(m, { type: 'a/é', x: {} })).json!.ocs.data,
  'simulated-events-in-start-order': async (m) => {
    // Both recordings run; the one begun second is stopped 200 ms earlier, then both fall due together.
    for (const token of [ROOM, 'publicroom3']) {
      startCall(m, token);
      await start(m, 'alice', 1, token);
    }
    await advance(m, 2000);
    await call(m, 'DELETE', `${API}/publicroom3`, { user: 'alice' });
    m.clock.advance(200);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    await advance(m, 1000);
    const stoppedId = (token: string) => m.ctx.store.messages(token).find((x) => x.systemMessage === 'recording_stopped')?.id ?? -1;
    return stoppedId('publicroom3') < stoppedId(ROOM);
  },
  'body-limit-lifted-everywhere': async (m) => (await call(m, 'POST', `${API}/backend`, { body: new Uint8Array(17 * 1024 * 1024).fill(0x20) })).status,
  'simulated-second-stop-restarts': async (m) => {
    await recordingNow(m);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    await advance(m, 500);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    await advance(m, 500);
    return room(m).callRecording;
  },
  'simulated-due-stops-running': async (m) => {
    await recordingNow(m);
    startCall(m, 'publicroom3');
    await start(m, 'alice', 1, 'publicroom3');
    await advance(m, 2000);
    return room(m).callRecording;
  },
  'outgoing-fourth-attempt': async (m) => {
    // A recording server that answers 503 three times, then 200.
    let n = 0;
    const server = createServer((_req, res) => res.writeHead(++n <= 3 ? 503 : 200, { 'content-type': 'application/json' }).end('{}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await m.control('recording-server', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secret: SECRET });
      startCall(m);
      return [(await start(m)).status, n];
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  },
  'start-error-message-set': async (m) => (await start(m)).json!.ocs.meta.message,
  'throttle-window-from-last-failure': async (m) => {
    const fail = async (n: number) => {
      for (let i = 0; i < n; i++) await store(m, ROOM, { owner: 'alice', random: RANDOM, signData: 'wrong' });
    };
    await fail(5);
    await advance(m, 10 * 60 * 1000);
    await fail(5);
    await advance(m, 20 * 60 * 1000);
    return (await store(m, ROOM, { owner: 'alice' })).status;
  },
  'store-post-limit-ignored': async (m) => {
    await m.control('recording-upload-limit', { bytes: 100 });
    return outcome(await store(m, ROOM, { owner: 'alice' }));
  },
  'store-fail-notifies-departed-owner': async (m) => {
    startCall(m);
    await start(m, 'bob');
    await call(m, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/room/${ROOM}/participants/self`, { user: 'bob' });
    await store(m, ROOM, { noFile: true, fileName: 'x.webm' });
    return listed(m, 'bob');
  },
  'store-owner-remembered-after-upload': async (m) => {
    startCall(m);
    await start(m);
    await store(m, ROOM, { owner: 'alice' });
    await store(m, ROOM, {});
    return listed(m);
  },
  'store-file-field-taken-as-file': async (m) => outcome(await store(m, ROOM, { owner: 'alice', fileAsField: true })),
  'notification-call-type-group': async (m) => {
    await store(m, 'publicroom3', { owner: 'alice' });
    return listed(m);
  },
  'store-failures-not-counted': async (m) => {
    for (let i = 0; i < 10; i++) await store(m, ROOM, { owner: 'alice', random: RANDOM, signData: 'wrong' });
    return (await backend(m, { type: 'stopped', stopped: { token: ROOM } })).status;
  },
  'store-throttled-by-status-failures': async (m) => {
    for (let i = 0; i < 10; i++) await backend(m, { type: 'started', started: { token: ROOM, status: 1, actor: { type: 'users', id: 'alice' } } });
    return (await store(m, ROOM, { owner: 'alice' })).status;
  },
  'simulated-file-named-at-stop': async (m) => {
    await recordingNow(m);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    await advance(m, 1000);
    return [...m.ctx.store.files.get('alice')!.values()].map((f) => f.path);
  },
  'simulated-stop-while-starting-records': async (m) => {
    startCall(m);
    await start(m);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    await advance(m, 0);
    return room(m).callRecording;
  },
  'simulated-unknown-stop-500': async (m) => {
    await m.control('fail-next-recording', {});
    await recordingNow(m);
    return (await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' })).status;
  },
  'simulated-stop-without-actor-ignored': async (m) => {
    await recordingNow(m);
    m.ctx.store.participant(ROOM, 'users', 'alice')!.inCall = 7;
    await call(m, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/call/${ROOM}`, { user: 'alice' });
    await advance(m, 1000);
    return room(m).callRecording;
  },
  'outgoing-stop-actor-dropped': async (m) => {
    await recordingNow(m);
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    return m.ctx.outbox.at(-1)!.body;
  },
  'stopped-while-starting-posts-message': async (m) => {
    startCall(m);
    await start(m);
    await backend(m, { type: 'stopped', stopped: { token: ROOM, actor: { type: 'users', id: 'alice' } } });
    return m.ctx.store.messages(ROOM).map((x) => x.systemMessage);
  },
  'store-signature-before-room': async (m) => (await store(m, 'nosuchroom0', { owner: 'alice', signData: 'wrong' })).status,
  'store-limits-exclusive': async (m) => {
    await m.control('recording-upload-limit', { fileBytes: SAMPLE_WEBM.byteLength });
    return outcome(await store(m, ROOM, { owner: 'alice' }));
  },
  'notification-datetime-js-iso': async (m) => {
    await store(m, ROOM, { owner: 'alice' });
    return ((await call(m, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user: 'alice' })).json!.ocs.data as Record<string, unknown>[]).map((n) => n.datetime);
  },
  'notification-actions-both-primary': async (m) => {
    await store(m, ROOM, { owner: 'alice' });
    return ((await call(m, 'GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', { user: 'alice' })).json!.ocs.data as Record<string, unknown>[]).map((n) => n.actions);
  },
  'dismiss-clears-failure-notification': async (m) => {
    startCall(m);
    await start(m);
    await store(m, ROOM, {});
    await call(m, 'DELETE', `${API}/${ROOM}/notification?timestamp=${Math.floor(m.clock.now() / 1000)}`, { user: 'alice' });
    return listed(m);
  },
  'welcome-id-digits-at-end': async (m) => (await call(m, 'GET', `${API}/welcome/a0`, { user: 'admin' })).json!.ocs.data,
  'welcome-400-passed-through': async (m) => {
    const server = createServer((_req, res) => res.writeHead(400, { 'content-type': 'application/json' }).end('{"version":"1"}'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await m.control('recording-server', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const res = await call(m, 'GET', `${API}/welcome/0`, { user: 'admin' });
    server.close();
    return res.status;
  },
  'recording-without-signaling-allowed': async (m) => {
    await m.control('recording-server', { url: 'http://127.0.0.1:9' });
    await m.control('config', { signaling: { mode: 'internal' } });
    startCall(m);
    return outcome(await start(m));
  },
  'store-ebml-doctype-near-start': async (m) => {
    const late = padded(new Uint8Array([0x1a, 0x45, 0xdf, 0xa3]), 200);
    late.set([0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d], 100);
    return outcome(await store(m, ROOM, { owner: 'alice', bytes: late }));
  },
  'simulated-duplicate-start-restarts': async (m) => {
    await recordingNow(m);
    await backend(m, { type: 'stopped', stopped: { token: ROOM } });
    await start(m);
    await advance(m, 2000);
    return room(m).callRecording;
  },
  'start-refusal-overwrites-status': async (m) => {
    // A recording server that reports `failed` to this Nextcloud before refusing the start.
    const server = createServer((req, res) => {
      req.resume();
      req.on('end', () => void backend(m, { type: 'failed', failed: { token: ROOM } }).then(() => res.writeHead(400).end('{}')));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await m.control('recording-server', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, secret: SECRET });
    startCall(m);
    const res = await start(m);
    server.close();
    return [res.status, room(m).callRecording];
  },
  'stop-sent-when-idle': async (m) => {
    await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
    return m.ctx.outbox.length;
  },
  'backend-started-fields-unchecked': async (m) => {
    startCall(m);
    await start(m);
    return outcome(await backend(m, { type: 'started', started: { token: ROOM, status: 3, actor: { type: 'users', id: 'alice' } } }));
  },
  'store-backslash-kept': async (m) => {
    await store(m, ROOM, { owner: 'alice', fileName: 'dir\\x.webm' });
    return [...m.ctx.store.files.get('alice')!.values()].map((f) => f.path);
  },
  'store-empty-filename-uploaded': async (m) => outcome(await store(m, ROOM, { owner: 'alice', fileName: '' })),
  'simulated-starts-together': async (m) => {
    startCall(m);
    await start(m);
    await advance(m, 1000);
    startCall(m, 'publicroom3');
    await start(m, 'alice', 1, 'publicroom3');
    await advance(m, 1000);
    return room(m, 'publicroom3').callRecording;
  },
  'notification-of-deleted-room-listed': async (m) => {
    await store(m, ROOM, { owner: 'alice' });
    await call(m, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/room/${ROOM}`, { user: 'alice' });
    return listed(m);
  },
  'welcome-null-passed-through': async (m) => {
    const server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('null'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    await m.control('recording-server', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` });
    const res = await call(m, 'GET', `${API}/welcome/0`, { user: 'admin' });
    server.close();
    return res.status;
  },
  'stop-without-server-500': async (m) => {
    await recordingNow(m);
    await m.control('recording-server', { none: true });
    return (await call(m, 'DELETE', `${API}/${ROOM}`, { user: 'alice' })).status;
  },
  'start-without-secret-allowed': async (m) => {
    await m.control('recording-server', { simulated: true, secret: '' });
    startCall(m);
    return outcome(await start(m));
  },
  'store-underscore-headers-ignored': async (m) => {
    const b = 'underscore0boundary';
    const body = `--${b}\r\nContent-Disposition: form-data; name="owner"\r\n\r\nalice\r\n--${b}\r\nContent-Disposition: form-data; name="file"; filename="u.webm"\r\n\r\n`;
    const bytes = new Uint8Array([...new TextEncoder().encode(body), ...SAMPLE_WEBM, ...new TextEncoder().encode(`\r\n--${b}--\r\n`)]);
    const headers = { 'content-type': `multipart/form-data; boundary=${b}`, talk_recording_random: RANDOM, talk_recording_checksum: await checksum(SECRET, RANDOM, ROOM) };
    return (await call(m, 'POST', `${API}/${ROOM}/store`, { body: bytes, headers })).status;
  },
  'refusal-message-empty': async (m) => {
    await m.control('recording-server', { url: 'http://127.0.0.1:9' });
    startCall(m);
    return (await start(m)).json!.ocs.meta;
  },
  'store-control-chars-kept': async (m) => outcome(await store(m, ROOM, { owner: 'alice', fileName: 'bell\u0007.webm' })),
  'store-audio-mp4-as-video': async (m) => {
    const m4b = padded(new Uint8Array([0, 0, 0, 0x18, ...new TextEncoder().encode('ftypM4B ')]), 64);
    return outcome(await store(m, ROOM, { owner: 'alice', fileName: 'book.mp4', bytes: m4b }));
  },
  'store-fail-notification-no-call': async (m) => {
    startCall(m);
    await start(m);
    await store(m, ROOM, {});
    return listed(m);
  },
};

test('every recording fault has a probe', () => {
  assert.deepEqual(Object.keys(PROBES).sort(), recordingFaults.map((f) => f.name).sort());
  for (const f of recordingFaults) assert.ok(trips[f.name].every((id) => id.startsWith('nextcloud-talk.')), f.name);
});

for (const fault of recordingFaults) {
  test(`fault ${fault.name} changes what clients see`, async () => {
    const probe = PROBES[fault.name];
    const clean = await newMock();
    const faulty = await newMock({ faults: [fault.name] });
    const a = await probe(clean);
    const b = await probe(faulty);
    assert.notDeepEqual(b, a, `${fault.name}: clean ${JSON.stringify(a)} vs faulty ${JSON.stringify(b)}`);
    await clean.close();
    await faulty.close();
  });
}
