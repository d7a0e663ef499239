// Contract of the official OpenVidu Meet recordings tutorial against the mock, re-stated from its
// public source (never run: it is not on the package registries here):
//   OpenVidu/openvidu-meet-tutorials advanced-features/meet-recordings/src/index.js  (the backend: every
//     request it sends to Meet, through one httpRequest() helper)
//   OpenVidu/openvidu-meet-tutorials advanced-features/meet-recordings/public/js/app.js  (the page: the
//     fields of the answers it renders)
// The backend calls fetch(`${OV_MEET_SERVER_URL}/api/v1/${path}`) with `Content-Type: application/json`
// and `X-API-KEY`, a JSON body only when there is one, parses every answer with response.json() (so
// errors and deletions must be JSON too) and takes `!response.ok` as failure, showing `message`.
// The page shows "Error loading rooms" when GET /rooms fails or a listed room lacks the fields it
// renders, which is what it showed against the mock before the rooms API existed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockServer } from '../../mock/server.ts';
import { DEFAULT_API_KEY } from '../../mock/openvidu-meet/index.ts';

/** The tutorial's helper, request for request: method, URL, headers and body encoding as it sends them. */
function tutorialClient(serverUrl: string) {
  return async function httpRequest(method: string, path: string, body?: unknown): Promise<{ status: number; ok: boolean; body: any; violation?: string }> {
    const response = await fetch(`${serverUrl}/api/v1/${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', 'X-API-KEY': DEFAULT_API_KEY },
      body: body ? JSON.stringify(body) : undefined,
    });
    const responseBody = await response.json(); // the tutorial parses every answer as JSON
    return { status: response.status, ok: response.ok, body: responseBody, violation: response.headers.get('x-callrec-spec-violation') ?? undefined };
  };
}

/** What app.js renders of a room: it reads these, or the page shows "Error loading rooms". */
function renderRoom(room: any): string {
  return [room.roomName, room.roomId, room.access.anonymous.moderator.url, room.access.anonymous.speaker.url].join(' ');
}

/** What app.js renders of a recording (all optional but recordingId and roomName). */
function renderRecording(r: any): string {
  return [r.recordingId, r.roomName, r.startDate ? new Date(r.startDate).toISOString() : '-', r.duration ?? '-', r.size ?? '-'].join(' ');
}

test('[decision openvidu-meet/room-access-links] [decision openvidu-meet/room-deletion-policies] the recordings tutorial: rooms and recordings, request for request', async () => {
  const server = await startMockServer({ api: 'openvidu-meet', port: 0, clock: 'frozen' });
  const httpRequest = tutorialClient(server.url);
  try {
    // app.post('/rooms'): POST rooms {roomName}; the answer is the room the page prepends and renders.
    const created = await httpRequest('POST', 'rooms', { roomName: 'Tutorial Room' });
    assert.equal(created.status, 201);
    assert.equal(created.violation, undefined);
    const room = created.body;
    assert.equal(room.roomName, 'Tutorial Room');
    assert.match(room.roomId, /^tutorial_room-[a-z0-9]+$/);
    assert.doesNotThrow(() => renderRoom(room));
    assert.equal(room.access.anonymous.moderator.url, room.moderatorUrl);
    assert.equal(room.access.anonymous.speaker.url, room.speakerUrl);

    // app.get('/rooms'): GET rooms?maxItems=100; destructures {rooms} and renders each, newest first.
    const listed = await httpRequest('GET', 'rooms?maxItems=100');
    assert.equal(listed.status, 200);
    assert.equal(listed.violation, undefined);
    assert.ok(Array.isArray(listed.body.rooms));
    assert.equal(listed.body.rooms[0].roomId, room.roomId, 'the page prepends a new room: the API lists newest first');
    for (const r of listed.body.rooms) assert.doesNotThrow(() => renderRoom(r), `room ${r.roomId} renders`);

    // app.get('/recordings'): GET recordings?maxItems=100&status=complete, and &roomName=<name> unencoded.
    const all = await httpRequest('GET', 'recordings?maxItems=100&status=complete');
    assert.equal(all.status, 200);
    assert.ok(all.body.recordings.length > 0);
    for (const r of all.body.recordings) assert.doesNotThrow(() => renderRecording(r));
    const roomName = all.body.recordings[0].roomName as string; // e.g. "Alpha Standup": a space, sent as the tutorial builds it
    const byRoom = await httpRequest('GET', `recordings?maxItems=100&status=complete&roomName=${roomName}`);
    assert.equal(byRoom.status, 200);
    assert.ok(byRoom.body.recordings.length > 0 && byRoom.body.recordings.every((r: any) => r.roomName === roomName));

    // app.get('/recordings/:recordingId/url'): GET recordings/<id>/url → {url}, handed to <openvidu-meet recording-url>.
    const id = all.body.recordings[0].recordingId as string;
    const url = await httpRequest('GET', `recordings/${id}/url`);
    assert.equal(url.status, 200);
    assert.match(url.body.url, /^http:\/\/127\.0\.0\.1:\d+\/recording\/.+\?secret=\w+$/);

    // app.delete('/recordings/:recordingId'): DELETE recordings/<id>; ok and a JSON body.
    const deleted = await httpRequest('DELETE', `recordings/${id}`);
    assert.equal(deleted.status, 200);
    assert.equal(typeof deleted.body.message, 'string');
    // An error is JSON with the `message` the tutorial relays.
    const again = await httpRequest('DELETE', `recordings/${id}`);
    assert.equal(again.ok, false);
    assert.equal(again.status, 404);
    assert.equal(typeof again.body.message, 'string');

    // app.delete('/rooms/:roomId'): DELETE rooms/<id>?withMeeting=force&withRecordings=force, also for a
    // room with recordings (room-alpha): both go, and the room is no longer listed.
    const removed = await httpRequest('DELETE', `rooms/${room.roomId}?withMeeting=force&withRecordings=force`);
    assert.equal(removed.status, 200);
    assert.equal(removed.violation, undefined);
    const busy = await httpRequest('DELETE', 'rooms/room-alpha?withMeeting=force&withRecordings=force');
    assert.equal(busy.status, 200);
    const after = await httpRequest('GET', 'rooms?maxItems=100');
    assert.ok(!after.body.rooms.some((r: any) => r.roomId === room.roomId || r.roomId === 'room-alpha'));
    const orphans = await httpRequest('GET', 'recordings?maxItems=100&status=complete&roomName=Alpha Standup');
    assert.deepEqual(orphans.body.recordings, []);

    // Without the force parameters (not what the tutorial sends) a room with recordings is kept: 409.
    const kept = await httpRequest('DELETE', 'rooms/room-beta');
    assert.equal(kept.status, 409);
    assert.equal(typeof kept.body.message, 'string');
  } finally {
    await server.close();
  }
});
