// Control actions, default data and determinism of the openvidu-meet mock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, control, newMock } from './mock-helpers.ts';

test('default data: key, four rooms, 20 complete recordings over alpha/beta with distinct start dates', () => {
  const s = newMock().snapshot() as any;
  assert.deepEqual(s.apiKeys, ['callrec-dev-key']);
  assert.deepEqual(s.rooms.map((r: any) => [r.roomId, r.participants, r.recordingEnabled]), [
    ['room-alpha', 3, true], ['room-beta', 2, true], ['room-empty', 0, true], ['room-disabled', 2, false],
  ]);
  assert.equal(s.recordings.length, 20);
  assert.ok(s.recordings.every((r: any) => r.status === 'complete' && ['room-alpha', 'room-beta'].includes(r.roomId)));
  assert.equal(new Set(s.recordings.map((r: any) => r.startDate)).size, 20);
});

test('same seed → identical snapshot and responses; another seed → different ids', async () => {
  const run = async (seed: number) => {
    const mock = newMock({ seed });
    const started = await call(mock, 'POST', '/recordings', { body: { roomId: 'room-beta' } });
    const list = await call(mock, 'GET', '/recordings', { query: { maxItems: '5' } });
    return { snap: JSON.stringify(mock.snapshot()), started: started.body, list: list.body };
  };
  assert.deepEqual(await run(5), await run(5));
  assert.notEqual((await run(5)).snap, (await run(6)).snap);
  const mock = newMock({ seed: 5 });
  const first = JSON.stringify(mock.snapshot());
  await call(mock, 'POST', '/recordings', { body: { roomId: 'room-beta' } });
  mock.reset();
  assert.equal(JSON.stringify(mock.snapshot()), first);
});

test('seed: rooms and recordings, replace, generate; bad input is 400', async () => {
  const mock = newMock();
  const res = await control(mock, 'seed', {
    replace: true,
    rooms: [{ roomId: 'r1', roomName: 'One', participants: 2 }],
    recordings: [
      { roomId: 'r1', status: 'active', durationMs: 10_000 },
      { roomId: 'r2', status: 'ending' },
      { roomId: 'r1', status: 'aborted', startDate: 1000, durationMs: 500 },
    ],
  });
  assert.deepEqual(res.rooms.map((r: any) => r.roomId), ['r1']);
  assert.deepEqual(res.recordings.map((r: any) => r.status), ['active', 'ending', 'aborted']);
  assert.equal(res.recordings[0].startDate, mock.clock.now() - 10_000);
  assert.equal(res.recordings[2].endDate, 1500);
  assert.equal((mock.snapshot() as any).recordings.length, 3);
  const g = await control(mock, 'seed', { generate: { rooms: 3, recordings: 50 } });
  assert.deepEqual(g.generated.rooms, ['gen-room-1', 'gen-room-2', 'gen-room-3']);
  assert.equal(g.generated.recordingIds.length, 50);
  for (const bad of [{ rooms: 'x' }, { recordings: [{ roomId: 'a--b' }] }, { recordings: [{ roomId: 'r1', status: 'weird' }] }, { generate: { recordings: -1 } }]) {
    assert.equal((await mock.control('seed', bad)).status, 400, JSON.stringify(bad));
  }
});

test('room, apiKeys, token, webhook, tick and unknown actions', async () => {
  const mock = newMock();
  assert.deepEqual(await control(mock, 'room', { roomId: 'room-empty', participants: 1 }), {
    roomId: 'room-empty', roomName: 'Empty Room', participants: 1, recordingEnabled: true, layout: 'grid',
    recordingAccess: 'admin_moderator_speaker', creationDate: mock.clock.now() - 2 * 24 * 3600_000,
  });
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: 'room-empty' } })).status, 201);
  assert.equal((await mock.control('token', { kind: 'room-member' })).status, 400);
  assert.match((await control(mock, 'token', { kind: 'access' })).token, /^ey[\w-]+\.[\w-]+\.[\w-]+$/);
  assert.deepEqual(await control(mock, 'webhook', { url: null }), { url: null });
  assert.equal((await mock.control('webhook', { url: 'ftp://x' })).status, 400);
  assert.equal((await control(mock, 'tick')).settled, 0);
  assert.equal((await mock.control('nope', {})).status, 404);
  assert.equal((await mock.control('apiKeys', { keys: [''] })).status, 400);
});

test('provider states create data and answer their ids', async () => {
  const mock = newMock();
  const done = await control(mock, 'provider-state', { state: 'a completed recording exists' });
  assert.equal((await call(mock, 'GET', `/recordings/${done.recordingId}/media`)).status, 200);
  const active = await control(mock, 'provider-state', { state: 'an active recording exists', params: { roomId: 'room-beta' } });
  assert.equal(active.roomId, 'room-beta');
  assert.equal((await call(mock, 'POST', `/recordings/${active.recordingId}/stop`)).status, 202);
  const again = await control(mock, 'provider-state', { state: 'an active recording exists', params: { roomId: 'room-beta' } });
  assert.notEqual(again.recordingId, active.recordingId);
  assert.equal((await control(mock, 'provider-state', { state: 'an active recording exists', params: { roomId: 'room-beta' } })).recordingId, again.recordingId);
  const room = await control(mock, 'provider-state', { state: 'a room with participants', params: { roomId: 'room-new' } });
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: room.roomId } })).status, 201);
  await control(mock, 'provider-state', { state: 'no recordings exist' });
  assert.equal((await call(mock, 'GET', '/recordings')).json().recordings.length, 0);
  assert.equal((await mock.control('provider-state', { state: 'the moon is full' })).status, 400);
});
