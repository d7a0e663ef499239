// Start/stop of call recordings on the mock: every documented status, the order of the 400
// errors, and the callRecording lifecycle driven by the simulated recording server on a frozen clock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, EPOCH, ROOM, advance, backend, call, errorOf, newMock, room, startCall } from './mock-recording-helpers.ts';

test('[decision nextcloud-talk/simulated-recording-server] start → 3 → started → 1 → stop keeps 1 → stopped → 0, then the file is stored and notified', async () => {
  const mock = await newMock();
  startCall(mock);
  const start = await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  assert.equal(start.status, 200);
  assert.equal(start.json!.ocs.data, null);
  assert.equal(room(mock).callRecording, 3);
  await advance(mock, 1999);
  assert.equal(room(mock).callRecording, 3);
  await advance(mock, 1);
  assert.equal(room(mock).callRecording, 1);
  const stop = await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'bob' });
  assert.equal(stop.status, 200);
  assert.equal(room(mock).callRecording, 1, 'the status waits for the recording server');
  await advance(mock, 1000);
  assert.equal(room(mock).callRecording, 0);
  const files = [...(mock.ctx.store.files.get('alice')?.values() ?? [])];
  assert.equal(files.length, 1);
  // Named as the official recording server names it: after the moment the recorder started (2 s after the start).
  const startedAt = new Date(EPOCH + 2000).toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '-');
  assert.equal(files[0]!.path, `/Talk/Recording/teamroom22/Recording ${startedAt}.webm`);
  assert.equal(files[0]!.mimetype, 'video/webm');
  const notes = mock.ctx.store.notifications.filter((n) => n.subject === 'record_file_stored');
  assert.equal(notes.length, 1);
  assert.equal(notes[0]!.user, 'alice');
  const messages = mock.ctx.store.messages(ROOM).map((m) => m.systemMessage).filter((s) => s.includes('recording'));
  assert.deepEqual(messages, ['recording_started', 'recording_stopped']);
  // The exact bytes Nextcloud sent to the recording server.
  assert.deepEqual(mock.ctx.outbox.map((r) => r.body), [
    '{"type":"start","start":{"status":1,"owner":"alice","actor":{"type":"users","id":"alice"}}}',
    '{"type":"stop","stop":{"actor":{"type":"users","id":"bob"}}}',
  ]);
  await mock.close();
});

test('audio: 4 → 2 → 0 and an Ogg file', async () => {
  const mock = await newMock();
  startCall(mock);
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 2 } })).status, 200);
  assert.equal(room(mock).callRecording, 4);
  await advance(mock, 2000);
  assert.equal(room(mock).callRecording, 2);
  await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
  await advance(mock, 1000);
  assert.equal(room(mock).callRecording, 0);
  const file = [...mock.ctx.store.files.get('alice')!.values()][0]!;
  assert.equal(file.mimetype, 'audio/ogg');
  assert.match(file.path, /\.ogg$/);
  await mock.close();
});

test('failed start → 5; a new start from 5 is allowed; failure while recording posts recording_failed', async () => {
  const mock = await newMock();
  startCall(mock);
  await mock.control('fail-next-recording', {});
  await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  await advance(mock, 2000);
  assert.equal(room(mock).callRecording, 5);
  const again = await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  assert.equal(again.status, 200);
  assert.equal(room(mock).callRecording, 3);
  await advance(mock, 2000);
  assert.equal(room(mock).callRecording, 1);
  const failed = await mock.control('fail-recording', { token: ROOM });
  assert.equal(failed.status, 200);
  assert.equal(room(mock).callRecording, 5);
  assert.equal(mock.ctx.store.lastMessage(ROOM)!.systemMessage, 'recording_failed');
  assert.equal(mock.ctx.store.lastMessage(ROOM)!.actorId, 'failed-to-get-session');
  await mock.close();
});

test('[decision nextcloud-talk/recording-seed-version] [decision nextcloud-talk/recording-error-shapes] start errors: status → recording → call → config, each 400 {error}', async () => {
  const mock = await newMock();
  const start = (status: unknown) => call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: status as number } });
  // No call and an invalid status: `status` wins.
  let r = await start(3);
  assert.equal(r.status, 400);
  assert.equal(errorOf(r), 'status');
  assert.equal(errorOf(await start(0)), 'status');
  // Recording disabled and no call: `call` comes before `config`.
  await mock.control('recording-server', { none: true });
  assert.equal(errorOf(await start(1)), 'call');
  startCall(mock);
  r = await start(1);
  assert.equal(r.status, 400);
  assert.equal(errorOf(r), 'config');
  // Internal signaling disables recording with a real recording server (facts §2.2) …
  await mock.control('recording-server', { url: 'http://127.0.0.1:9/recording-server', secret: 's3cret', keepSignaling: true });
  mock.ctx.config.signaling.mode = 'internal';
  assert.equal(errorOf(await start(1)), 'config');
  // … but not with the built-in simulated one, which needs no signaling server (the default).
  await mock.control('recording-server', { simulated: true, keepSignaling: true });
  assert.equal((await start(2)).status, 200);
  // Already recording (starting): `recording`, even when the call has ended meanwhile.
  assert.equal(errorOf(await start(1)), 'recording');
  room(mock).activeSince = null;
  assert.equal(errorOf(await start(1)), 'recording');
  await mock.close();
});

test('start/stop permissions: guest 401, non-participant 404, non-moderator 403, lobby 412', async () => {
  const mock = await newMock();
  startCall(mock);
  startCall(mock, 'lobbyroom22');
  const anonymous = await call(mock, 'POST', `${API}/${ROOM}`, { form: { status: 1 } });
  assert.equal(anonymous.status, 401);
  assert.equal(anonymous.json!.ocs.meta.statuscode, 997);
  const session = (await mock.control('token', { kind: 'session' })).body as string;
  const guest = JSON.parse(session) as { cookie: string; requesttoken: string };
  const asGuest = await call(mock, 'POST', `${API}/publicroom3`, { headers: { cookie: guest.cookie, requesttoken: guest.requesttoken }, form: { status: 1 } });
  assert.equal(asGuest.status, 401);
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}`, { user: 'dave', form: { status: 1 } })).status, 404);
  assert.equal((await call(mock, 'POST', `${API}/nosuchroom`, { user: 'alice', form: { status: 1 } })).status, 404);
  const carol = await call(mock, 'POST', `${API}/${ROOM}`, { user: 'carol', form: { status: 1 } });
  assert.equal(carol.status, 403);
  assert.deepEqual(carol.json!.ocs.data, []);
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'carol' })).status, 403);
  assert.equal((await call(mock, 'POST', `${API}/lobbyroom22`, { user: 'carol', form: { status: 1 } })).status, 412);
  assert.equal((await call(mock, 'DELETE', `${API}/lobbyroom22`, { user: 'carol' })).status, 412);
  assert.equal(room(mock).callRecording, 0);
  assert.equal(mock.ctx.outbox.length, 0, 'nothing reaches the recording server');
  await mock.close();
});

test('[decision nextcloud-talk/stop-idempotent] stop: a no-op 200 when nothing records (nothing sent); repeated stops before the callback resend', async () => {
  const mock = await newMock();
  startCall(mock);
  for (let i = 0; i < 3; i++) assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' })).status, 200);
  assert.equal(mock.ctx.outbox.length, 0);
  await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  await advance(mock, 2000);
  await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
  await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' });
  assert.equal(mock.ctx.outbox.length, 3);
  assert.equal(room(mock).callRecording, 1);
  await advance(mock, 1000);
  assert.equal(room(mock).callRecording, 0);
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' })).status, 200);
  assert.equal(mock.ctx.outbox.length, 3, 'after the callback a stop sends nothing');
  await mock.close();
});

test('a stop the recording server does not know (404) marks the recording failed', async () => {
  const mock = await newMock();
  startCall(mock);
  // The room claims to record, but the recording server never heard of it.
  room(mock).callRecording = 1;
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' })).status, 200);
  assert.equal(mock.ctx.outbox[0]!.status, 404);
  assert.equal(room(mock).callRecording, 5);
  await mock.close();
});

test('the call ending stops the recording with "stop":[] and no recording_stopped message', async () => {
  const mock = await newMock();
  const session = JSON.parse((await mock.control('token', { kind: 'session', user: 'alice' })).body as string) as { cookie: string; requesttoken: string };
  const browser = { cookie: session.cookie, requesttoken: session.requesttoken };
  const v1 = '/ocs/v2.php/apps/spreed/api/v1';
  assert.equal((await call(mock, 'POST', `${v1}/room/${ROOM}/participants/active`, { headers: browser })).status, 200);
  assert.equal((await call(mock, 'POST', `${v1}/call/${ROOM}`, { headers: browser })).status, 200);
  assert.notEqual(room(mock).activeSince, null);
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}`, { headers: browser, form: { status: 1 } })).status, 200);
  await advance(mock, 2000);
  assert.equal(room(mock).callRecording, 1);
  assert.equal((await call(mock, 'DELETE', `${v1}/call/${ROOM}`, { headers: browser })).status, 200);
  assert.equal(room(mock).activeSince, null);
  await mock.tick();
  assert.equal(mock.ctx.outbox.at(-1)!.body, '{"type":"stop","stop":[]}');
  assert.equal(room(mock).callRecording, 1, 'still recording until the server reports stopped');
  await advance(mock, 1000);
  assert.equal(room(mock).callRecording, 0);
  const kinds = mock.ctx.store.messages(ROOM).map((m) => m.systemMessage).filter((s) => s.includes('recording'));
  assert.deepEqual(kinds, ['recording_started']);
  await mock.close();
});

test('50 parallel starts in one room: exactly one 200, the others 400 recording', async () => {
  const mock = await newMock();
  startCall(mock);
  const results = await Promise.all(Array.from({ length: 50 }, (_, i) => call(mock, 'POST', `${API}/${ROOM}`, { user: i % 2 ? 'alice' : 'bob', form: { status: 1 } })));
  assert.equal(results.filter((r) => r.status === 200).length, 1);
  assert.ok(results.filter((r) => r.status !== 200).every((r) => r.status === 400 && errorOf(r) === 'recording'));
  assert.equal(mock.ctx.outbox.length, 1);
  await mock.close();
});

test('backend callbacks move the status: started only from 3/4, stopped → 0, failed → 5', async () => {
  const mock = await newMock();
  startCall(mock);
  const actor = { type: 'users', id: 'alice' };
  // Nobody asked for a start: 404 no_such_room.
  let r = await backend(mock, { type: 'started', started: { token: ROOM, status: 1, actor } });
  assert.equal(r.status, 404);
  assert.deepEqual(r.json!.ocs.data, { type: 'error', error: { code: 'no_such_room', message: 'Room not found.' } });
  room(mock).callRecording = 4;
  r = await backend(mock, { type: 'started', started: { token: ROOM, status: 2, actor } });
  assert.equal(r.status, 200);
  assert.equal(r.json!.ocs.data, null);
  assert.equal(room(mock).callRecording, 2);
  assert.equal(mock.ctx.store.lastMessage(ROOM)!.systemMessage, 'audio_recording_started');
  // A `stopped` naming a participant is posted by them (one naming nobody posts nothing: mock-recording-messages).
  assert.equal((await backend(mock, { type: 'stopped', stopped: { token: ROOM, actor } })).status, 200);
  assert.equal(room(mock).callRecording, 0);
  assert.equal(mock.ctx.store.lastMessage(ROOM)!.systemMessage, 'audio_recording_stopped');
  assert.equal((await backend(mock, { type: 'failed', failed: { token: ROOM } })).status, 200);
  assert.equal(room(mock).callRecording, 5);
  await mock.close();
});

test('[decision nextcloud-talk/simulated-recording-server] the simulated server reports in due order across rooms, ignores a second stop while stopping, and leaves running recordings alone', async () => {
  const mock = await newMock();
  const OTHER = 'publicroom3';
  const start = (token: string) => call(mock, 'POST', `${API}/${token}`, { user: 'alice', form: { status: 1 } });
  const stop = (token: string) => call(mock, 'DELETE', `${API}/${token}`, { user: 'alice' });
  for (const token of [ROOM, OTHER]) {
    startCall(mock, token);
    assert.equal((await start(token)).status, 200);
    await advance(mock, 2000);
  }
  assert.equal(room(mock, ROOM).callRecording, 1, 'the other room\'s `started` left this recording running');
  await stop(OTHER);
  mock.clock.advance(50);
  await stop(ROOM);
  mock.clock.advance(50);
  await stop(OTHER); // while stopping: changes nothing
  await advance(mock, 950);
  assert.equal(room(mock, OTHER).callRecording, 0);
  assert.equal(room(mock, ROOM).callRecording, 0);
  const stoppedId = (token: string) => mock.ctx.store.messages(token).find((m) => m.systemMessage === 'recording_stopped')!.id;
  assert.ok(stoppedId(OTHER) < stoppedId(ROOM), 'the room stopped first reports first');
  await mock.close();
});

test('[decision nextcloud-talk/simulated-recording-server] like the official recording server: a stop before the recorder started ends at once with nothing uploaded, an unknown stop is 404 (a failed recording stays 5), the call\'s end stops and uploads without recording_stopped', async () => {
  const mock = await newMock();
  startCall(mock);
  assert.equal((await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } })).status, 200);
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' })).status, 200);
  await advance(mock, 0);
  assert.equal(room(mock).callRecording, 0, 'stopped before it started: ended at once');
  await advance(mock, 5000);
  assert.equal(mock.ctx.store.files.get('alice')?.size ?? 0, 0, 'nothing recorded, nothing uploaded');
  assert.ok(!mock.ctx.store.messages(ROOM).some((m) => m.systemMessage.endsWith('recording_stopped')));

  await mock.control('fail-next-recording', {});
  await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  await advance(mock, 2000);
  assert.equal(room(mock).callRecording, 5);
  assert.equal((await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'alice' })).status, 200, 'the recorder answers 404: Nextcloud keeps 5 and answers 200');
  assert.equal(room(mock).callRecording, 5);
  assert.equal(mock.ctx.outbox.at(-1)!.status, 404);

  await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 2 } });
  await advance(mock, 2000);
  assert.equal(room(mock).callRecording, 2);
  mock.ctx.store.participant(ROOM, 'users', 'alice')!.inCall = 7;
  assert.equal((await call(mock, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/call/${ROOM}`, { user: 'alice' })).status, 200);
  assert.equal(mock.ctx.outbox.at(-1)!.body, '{"type":"stop","stop":[]}');
  await advance(mock, 1000);
  assert.equal(room(mock).callRecording, 0);
  assert.equal(mock.ctx.store.files.get('alice')?.size, 1, 'the recording the call end stopped is uploaded');
  assert.ok(!mock.ctx.store.messages(ROOM).some((m) => m.systemMessage === 'audio_recording_stopped'));
  await mock.close();
});
