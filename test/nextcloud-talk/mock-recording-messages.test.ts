// The chat's account of a recording, as nextcloud/spreed's system-message listener writes it
// (lib/Chat/SystemMessage/Listener.php setCallRecording; ListenerTest dataCallRecordingChange),
// and the call's own messages when its last participant leaves (recording.feature).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { API, ROOM, advance, backend, call, newMock, room, startCall } from './mock-recording-helpers.ts';

const last = (mock: Awaited<ReturnType<typeof newMock>>, n = 1) => mock.ctx.store.messages(ROOM).slice(-n).map((m) => `${m.systemMessage} by ${m.actorType}/${m.actorId}`);
const started = (status: 1 | 2, actor: { type: string; id: string }) => ({ type: 'started', started: { token: ROOM, status, actor } });

test('a `stopped` naming no participant posts no system message; one naming a participant posts it by them', async () => {
  const mock = await newMock();
  startCall(mock);
  room(mock).callRecording = 3;
  await backend(mock, started(1, { type: 'users', id: 'alice' }));
  const count = mock.ctx.store.messages(ROOM).length;
  assert.equal((await backend(mock, { type: 'stopped', stopped: { token: ROOM } })).status, 200);
  assert.equal(room(mock).callRecording, 0);
  assert.equal(mock.ctx.store.messages(ROOM).length, count, 'no message');
  // An actor who is not a participant is as good as none.
  room(mock).callRecording = 2;
  await backend(mock, { type: 'stopped', stopped: { token: ROOM, actor: { type: 'users', id: 'mallory' } } });
  assert.equal(mock.ctx.store.messages(ROOM).length, count);
  room(mock).callRecording = 2;
  await backend(mock, { type: 'stopped', stopped: { token: ROOM, actor: { type: 'users', id: 'bob' } } });
  assert.deepEqual(last(mock), ['audio_recording_stopped by users/bob']);
  await mock.close();
});

test('a `started` naming someone who is not a participant is authored by guests/failed-to-get-session, like `failed`', async () => {
  const mock = await newMock();
  startCall(mock);
  room(mock).callRecording = 4;
  assert.equal((await backend(mock, started(2, { type: 'users', id: 'mallory' }))).status, 200);
  assert.deepEqual(last(mock), ['audio_recording_started by guests/failed-to-get-session']);
  room(mock).callRecording = 3;
  await backend(mock, started(1, { type: 'guests', id: 'no-such-guest' }));
  assert.deepEqual(last(mock), ['recording_started by guests/failed-to-get-session']);
  await backend(mock, { type: 'failed', failed: { token: ROOM } });
  assert.deepEqual(last(mock), ['recording_failed by guests/failed-to-get-session']);
  await mock.close();
});

test('a moderator stop then the call ending: the simulated server reports `stopped` by that moderator, which is posted', async () => {
  const mock = await newMock();
  startCall(mock);
  await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  await advance(mock, 2000);
  await call(mock, 'DELETE', `${API}/${ROOM}`, { user: 'bob' });
  room(mock).activeSince = null; // the call ends before the recording server answers
  await advance(mock, 1000);
  assert.equal(room(mock).callRecording, 0);
  assert.ok(last(mock, 3).includes('recording_stopped by users/bob'), last(mock, 3).join('; '));
  await mock.close();
});

test('the last participant leaving the call posts call_left, then call_ended; the stop sent then names nobody, so no recording message follows', async () => {
  const mock = await newMock();
  const leave = (user: string) => call(mock, 'DELETE', `/ocs/v2.php/apps/spreed/api/v1/call/${ROOM}`, { user });
  startCall(mock);
  for (const u of ['alice', 'bob']) mock.ctx.store.participant(ROOM, 'users', u)!.inCall = 7;
  await call(mock, 'POST', `${API}/${ROOM}`, { user: 'alice', form: { status: 1 } });
  await advance(mock, 2000);
  assert.equal(room(mock).callRecording, 1);
  await leave('bob');
  assert.deepEqual(last(mock), ['call_left by users/bob']);
  await leave('alice');
  assert.deepEqual(last(mock, 2), ['call_left by users/alice', 'call_ended by users/alice']);
  assert.equal(mock.ctx.outbox.at(-1)!.body, '{"type":"stop","stop":[]}');
  await advance(mock, 1000);
  assert.equal(room(mock).callRecording, 0);
  assert.deepEqual(last(mock, 2), ['call_left by users/alice', 'call_ended by users/alice'], 'no recording_stopped after the call ended');
  await mock.close();
});
