// Member roles and each room's recording access, roomId sanitising, the reachable 503 start
// timeout, and the rooms API (create, list, get, delete with its deletion policies).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, control, newMock } from './mock-helpers.ts';
import type { OpenViduMeetMock } from '../../mock/openvidu-meet/index.ts';

type Role = 'moderator' | 'speaker';
type Access = 'admin' | 'admin_moderator' | 'admin_moderator_speaker';

/** A room with `access`, two complete recordings, and a token for `role` issued under that setting. */
async function memberIn(mock: OpenViduMeetMock, roomId: string, access: Access, role: Role) {
  const seeded = await control(mock, 'seed', {
    rooms: [{ roomId, participants: 2, recordingAccess: access }],
    recordings: [{ roomId, status: 'complete' }, { roomId, status: 'complete' }],
  });
  const issued = await control(mock, 'token', { kind: 'room-member', roomId, role });
  return { auth: { 'x-room-member-token': `Bearer ${issued.token}` }, token: issued.token as string, ids: seeded.recordings.map((r: any) => r.recordingId) as string[], issued };
}

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

test('a room-member token carries its room, its role and the permissions the role had when issued', async () => {
  const mock = newMock();
  const { token, issued } = await memberIn(mock, 'r-claims', 'admin_moderator', 'speaker');
  const c = claims(token);
  assert.equal(c.video.room, 'r-claims');
  assert.deepEqual(JSON.parse(c.metadata), { role: 'speaker', permissions: { canRecord: false, canRetrieveRecordings: false, canDeleteRecordings: false } });
  assert.deepEqual(issued.permissions, { canRecord: false, canRetrieveRecordings: false, canDeleteRecordings: false });
  // A token keeps what it was issued with: opening the room to speakers later does not widen it.
  await control(mock, 'room', { roomId: 'r-claims', recordingAccess: 'admin_moderator_speaker' });
  assert.equal((await call(mock, 'GET', '/recordings', { auth: { 'x-room-member-token': `Bearer ${token}` } })).status, 403);
  assert.equal((await mock.control('token', { kind: 'room-member', roomId: 'r-claims', role: 'owner' })).status, 400);
});

// The platform's table (3.5 room-member service): moderators record always and see and delete unless
// access is `admin`; speakers see only with `admin_moderator_speaker`, never delete or record.
const EXPECTED: Record<Access, Record<Role, { retrieve: boolean; remove: boolean; record: boolean }>> = {
  admin: { moderator: { retrieve: false, remove: false, record: true }, speaker: { retrieve: false, remove: false, record: false } },
  admin_moderator: { moderator: { retrieve: true, remove: true, record: true }, speaker: { retrieve: false, remove: false, record: false } },
  admin_moderator_speaker: { moderator: { retrieve: true, remove: true, record: true }, speaker: { retrieve: true, remove: false, record: false } },
};

test('[decision openvidu-meet/recording-access-403-body] role × recording access decides list, read, media, URL, ZIP, delete, bulk delete and start', async () => {
  for (const access of Object.keys(EXPECTED) as Access[]) {
    for (const role of ['moderator', 'speaker'] as const) {
      const mock = newMock();
      const roomId = `r-${access.replace(/_/g, '')}-${role}`;
      const { auth, ids } = await memberIn(mock, roomId, access, role);
      const want = EXPECTED[access][role];
      const label = `${role} under ${access}`;
      const read = want.retrieve ? 200 : 403;
      const answers: [string, number, number][] = [
        ['list', (await call(mock, 'GET', '/recordings', { auth })).status, read],
        ['get', (await call(mock, 'GET', `/recordings/${ids[0]}`, { auth })).status, read],
        ['media', (await call(mock, 'GET', `/recordings/${ids[0]}/media`, { auth, headers: { range: 'bytes=0-9' } })).status, want.retrieve ? 206 : 403],
        ['url', (await call(mock, 'GET', `/recordings/${ids[0]}/url`, { auth })).status, read],
        ['zip', (await call(mock, 'GET', '/recordings/download', { auth, query: { recordingIds: ids[0]! } })).status, read],
        ['bulk delete', (await call(mock, 'DELETE', '/recordings', { auth, query: { recordingIds: ids[1]! } })).status, want.remove ? 200 : 403],
        ['delete', (await call(mock, 'DELETE', `/recordings/${ids[0]}`, { auth })).status, want.remove ? 200 : 403],
        ['start', (await call(mock, 'POST', '/recordings', { auth, body: { roomId } })).status, want.record ? 201 : 403],
      ];
      for (const [op, got, expected] of answers) assert.equal(got, expected, `${label}: ${op}`);
      // A refusal is the documented Error body; the API key is never limited by the setting.
      const refused = await call(mock, 'GET', '/recordings/download', { auth: { ...auth }, query: { recordingIds: 'x--EG_y--z' } });
      if (!want.retrieve) assert.deepEqual(Object.keys(refused.json()).sort(), ['error', 'message']);
      assert.equal((await call(mock, 'GET', '/recordings', { query: { roomId } })).status, 200);
    }
  }
});

test('a moderator of room A is refused on room B (403), whatever B allows', async () => {
  const mock = newMock();
  const a = await memberIn(mock, 'room-a', 'admin_moderator_speaker', 'moderator');
  const b = await memberIn(mock, 'room-b', 'admin_moderator_speaker', 'moderator');
  for (const [method, path] of [['GET', `/recordings/${b.ids[0]}`], ['GET', `/recordings/${b.ids[0]}/url`], ['DELETE', `/recordings/${b.ids[0]}`]] as const) {
    assert.equal((await call(mock, method, path, { auth: a.auth })).status, 403, `${method} ${path}`);
  }
  assert.equal((await call(mock, 'POST', '/recordings', { auth: a.auth, body: { roomId: 'room-b' } })).status, 403);
  assert.equal((await call(mock, 'GET', `/recordings/${b.ids[0]}`)).status, 200, 'still there');
});

test('roomId is sanitised as the platform does: start body, listing filter, room part of recording ids', async () => {
  const mock = newMock();
  const started = await call(mock, 'POST', '/recordings', { body: { roomId: ' room-alpha! ' } });
  assert.equal(started.status, 201);
  assert.equal(started.json().roomId, 'room-alpha');
  for (const roomId of ['!!!', '   ', '.$']) {
    const r = await call(mock, 'POST', '/recordings', { body: { roomId } });
    assert.deepEqual([r.status, r.json().details[0]], [422, { field: 'roomId', message: 'roomId cannot be empty after sanitization' }], roomId);
  }
  assert.deepEqual((await call(mock, 'POST', '/recordings', { body: { roomId: '' } })).json().details[0].message, 'roomId is required and cannot be empty');
  // The 100-character limit is on the id as sent, before sanitising.
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: `room-alpha${'!'.repeat(95)}` } })).status, 422);
  const clean = (await call(mock, 'GET', '/recordings', { query: { roomId: 'room-beta', maxItems: '100' } })).json().recordings;
  const dirty = (await call(mock, 'GET', '/recordings', { query: { roomId: ' room-beta? ', maxItems: '100' } })).json().recordings;
  assert.ok(clean.length > 0);
  assert.deepEqual(dirty, clean);
  assert.equal((await call(mock, 'GET', '/recordings', { query: { roomId: '%%%' } })).status, 422);
  const id = clean[0].recordingId as string;
  const [room, egress, uid] = id.split('--');
  const decorated = await call(mock, 'GET', `/recordings/${encodeURIComponent(`${room}!--${egress}--${uid}`)}`);
  assert.deepEqual([decorated.status, decorated.json().recordingId], [200, id]);
  const bulk = await call(mock, 'DELETE', '/recordings', { query: { recordingIds: `${room}#--${egress}--${uid}` } });
  assert.deepEqual([bulk.status, bulk.json().deleted], [200, [id]]);
});

test('[decision openvidu-meet/start-timeout-503] stall-start: the next start answers 503, nothing is left recording, the room starts again', async () => {
  const mock = newMock();
  assert.deepEqual(await control(mock, 'stall-start', {}), { stalledStarts: 1 });
  const timedOut = await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } });
  assert.deepEqual([timedOut.status, timedOut.json()], [503, { error: 'Recording Error', message: "Recording in room 'room-alpha' timed out while starting" }]);
  const running = (await call(mock, 'GET', '/recordings', { query: { roomId: 'room-alpha', status: 'active' } })).json().recordings;
  assert.deepEqual(running, []);
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).status, 201);
  // Refusals that come first still come first: a stalled start is only reached by a start that would succeed.
  await control(mock, 'stall-start', { count: 1 });
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: 'room-empty' } })).status, 409);
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: 'room-beta' } })).status, 503);
  assert.equal((await mock.control('stall-start', { count: -1 })).status, 400);
});

test('rooms: create (id from the name), list newest first with pages, get, 422s; room-member tokens cannot create or list', async () => {
  const mock = newMock();
  const created = await call(mock, 'POST', '/rooms', { body: { roomName: '  Ça  va — Réunion ', config: { recording: { enabled: true, allowAccessTo: 'admin' } } } });
  assert.equal(created.status, 201);
  const room = created.json();
  assert.equal(room.roomName, 'Ça va — Réunion');
  assert.match(room.roomId, /^ca_va_reunion-[a-z0-9]{5}$/);
  assert.equal(created.headers.location, `http://mock.test/api/v1/rooms/${room.roomId}`);
  assert.deepEqual(room.config.recording, { enabled: true, allowAccessTo: 'admin', layout: 'grid' });
  assert.equal(room.status, 'open');
  assert.equal((await call(mock, 'GET', `/rooms/${room.roomId}`)).json().roomId, room.roomId);
  // The room's setting decides its members' tokens: under `admin`, a moderator cannot list.
  const { token } = await control(mock, 'token', { kind: 'room-member', roomId: room.roomId, role: 'moderator' });
  assert.equal((await call(mock, 'GET', '/recordings', { auth: { 'x-room-member-token': `Bearer ${token}` } })).status, 403);

  const page1 = (await call(mock, 'GET', '/rooms', { query: { maxItems: '2' } })).json();
  assert.equal(page1.rooms[0].roomId, room.roomId);
  assert.equal(page1.pagination.isTruncated, true);
  const rest = (await call(mock, 'GET', '/rooms', { query: { maxItems: '100', nextPageToken: page1.pagination.nextPageToken } })).json();
  const all = [...page1.rooms, ...rest.rooms].map((r: any) => r.roomId);
  assert.deepEqual(all, [room.roomId, 'room-disabled', 'room-empty', 'room-beta', 'room-alpha']);
  assert.equal(rest.pagination.isTruncated, false);
  assert.deepEqual((await call(mock, 'GET', '/rooms', { query: { roomName: 'réUNION' } })).json().rooms.map((r: any) => r.roomId), [room.roomId]);

  for (const body of [{ roomName: 'x'.repeat(51) }, { roomName: 7 }, { config: { recording: { enabled: true } } }, { config: { recording: { enabled: true, allowAccessTo: 'everyone' } } }, { autoDeletionDate: mock.clock.now() + 60_000 }]) {
    assert.equal((await call(mock, 'POST', '/rooms', { body })).status, 422, JSON.stringify(body));
  }
  assert.equal((await call(mock, 'GET', '/rooms', { query: { maxItems: '0' } })).status, 422);
  assert.equal((await call(mock, 'GET', '/rooms', { query: { nextPageToken: 'bad!' } })).status, 422);
  assert.equal((await call(mock, 'POST', '/rooms', { auth: 'none', body: {} })).status, 401);
  const member = { 'x-room-member-token': `Bearer ${token}` };
  assert.equal((await call(mock, 'POST', '/rooms', { auth: member, body: {} })).status, 401);
  assert.equal((await call(mock, 'GET', '/rooms', { auth: member })).status, 401);
  assert.equal((await call(mock, 'DELETE', `/rooms/${room.roomId}`, { auth: member })).status, 401);
  // Without config a room records and is open to every role.
  assert.deepEqual((await call(mock, 'POST', '/rooms', {})).json().config.recording, { enabled: true, allowAccessTo: 'admin_moderator_speaker', layout: 'grid' });
});

test('[decision openvidu-meet/room-member-reads-own-room] [decision openvidu-meet/room-path-id-sanitised] GET /rooms/{roomId}: members read their own room only; the path id is sanitised', async () => {
  const mock = newMock();
  for (const role of ['moderator', 'speaker'] as const) {
    const { token } = await control(mock, 'token', { kind: 'room-member', roomId: 'room-alpha', role });
    const auth = { 'x-room-member-token': `Bearer ${token}` };
    assert.equal((await call(mock, 'GET', '/rooms/room-alpha', { auth })).status, 200, role);
    assert.equal((await call(mock, 'GET', '/rooms/room-beta', { auth })).status, 403, role);
  }
  const odd = await call(mock, 'GET', `/rooms/${encodeURIComponent('room-alpha!')}`);
  assert.deepEqual([odd.status, odd.json().roomId], [200, 'room-alpha']);
  assert.equal((await call(mock, 'GET', `/rooms/${encodeURIComponent('!!')}`)).status, 422);
  assert.deepEqual((await call(mock, 'GET', '/rooms/nope')).json(), { error: 'Room Error', message: "Room 'nope' does not exist" });
});

test('[decision openvidu-meet/room-deletion-policies] DELETE /rooms/{roomId}: fail by default, when_meeting_ends 202, close keeps recordings, force deletes them', async () => {
  const mock = newMock();
  // room-alpha: a meeting (3 participants) and recordings. Both policies default to fail.
  const busy = await call(mock, 'DELETE', '/rooms/room-alpha');
  assert.deepEqual([busy.status, busy.json().message], [409, "Room 'room-alpha' has an active meeting"]);
  const withRecs = await call(mock, 'DELETE', '/rooms/room-alpha', { query: { withMeeting: 'force' } });
  assert.deepEqual([withRecs.status, withRecs.json().message], [409, "Room 'room-alpha' has recordings"]);
  assert.equal((await call(mock, 'DELETE', '/rooms/room-alpha', { query: { withMeeting: 'now' } })).status, 422);

  // when_meeting_ends: 202, the room stays until its meeting ends, then it is gone.
  const later = await call(mock, 'DELETE', '/rooms/room-disabled', { query: { withMeeting: 'when_meeting_ends' } });
  assert.deepEqual([later.status, later.json().successCode, later.json().room.meetingEndAction], [202, 'room_scheduled_to_be_deleted', 'delete']);
  assert.equal((await call(mock, 'GET', '/rooms/room-disabled')).status, 200);
  await control(mock, 'room', { roomId: 'room-disabled', participants: 0 });
  assert.equal((await call(mock, 'GET', '/rooms/room-disabled')).status, 404);

  // close: the room is closed, its recordings stay.
  const closed = await call(mock, 'DELETE', '/rooms/room-beta', { query: { withMeeting: 'force', withRecordings: 'close' } });
  assert.deepEqual([closed.status, closed.json().successCode, closed.json().room.status], [200, 'room_closed', 'closed']);
  assert.ok((await call(mock, 'GET', '/recordings', { query: { roomId: 'room-beta' } })).json().recordings.length > 0);

  // force: an active recording ends aborted, then the room and its recordings go.
  const started = await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } });
  assert.equal(started.status, 201);
  const gone = await call(mock, 'DELETE', '/rooms/room-alpha', { query: { withMeeting: 'force', withRecordings: 'force' } });
  assert.deepEqual([gone.status, gone.json().successCode], [200, 'room_and_recordings_deleted']);
  assert.equal((await call(mock, 'GET', `/recordings/${started.json().recordingId}`)).status, 404);
  assert.deepEqual((await call(mock, 'GET', '/recordings', { query: { roomId: 'room-alpha' } })).json().recordings, []);
  assert.equal((await call(mock, 'GET', '/rooms/room-alpha')).status, 404);
  // A room with neither: deleted at once.
  const plain = (await call(mock, 'POST', '/rooms', { body: { roomName: 'Plain' } })).json();
  assert.deepEqual((await call(mock, 'DELETE', `/rooms/${plain.roomId}`)).json().successCode, 'room_deleted');
});
