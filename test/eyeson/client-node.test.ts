// Contract of eyeson-node (npm @eyeson/node), re-stated from its public source and run against the
// mock over a real port:
//   eyeson-team/eyeson-node src/client.js — every request carries `Content-Type: application/json`;
//     a client made with an API key sends it raw in `Authorization`; a body is JSON.stringify(data),
//     written only when there is data; 200, 201 and 204 resolve, any other status rejects with
//     "API Request failed with <status>"; a non-empty body is JSON.parse'd, an empty one resolves ''.
//   src/eyeson-node.js — join() posts {id, name, user: {name, …}, options} with the API key, then
//     talks to the meeting through a client WITHOUT key; getRecording, getRoomRecordings (page,
//     started_at, since, until as a query), deleteRecording, shutdownRoom (DELETE /rooms/{room id}
//     with the key), registerWebhook (POST {url, types} then GET), getWebhook (an object or null),
//     clearWebhook (GET, then DELETE /webhooks/{id} when there is one).
//   src/user.js — accessKey = data.access_key, roomId = data.room.id, guestToken =
//     data.room.guest_token, ready = data.ready; waitReady polls GET /rooms/{access key} until
//     ready; startRecording (POST …/recording, no data), stopRecording (DELETE …/recording),
//     stopMeeting (DELETE /rooms/{access key}).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEV_API_KEY, send, startEyeson, type EyesonServer } from './sdk-wire.ts';

let server: EyesonServer;
before(async () => {
  server = await startEyeson();
});
after(() => server.close());

/** eyeson-node's Client: the requests it builds and what it makes of the answers. */
function nodeClient(apiKey?: string) {
  const request = async (method: string, path: string, data?: unknown): Promise<unknown> => {
    const headers: Record<string, string> = { 'Content-Type': 'application/json' };
    if (apiKey) headers['Authorization'] = apiKey;
    const res = await send(server.origin, { method: method.toUpperCase(), path, headers, ...(data ? { body: JSON.stringify(data) } : {}) });
    if (![200, 201, 204].includes(res.status)) throw new Error(`API Request failed with ${res.status}`);
    return res.text && JSON.parse(res.text);
  };
  return {
    get: (path: string) => request('get', path),
    post: (path: string, data?: unknown) => request('post', path, data),
    delete: (path: string) => request('delete', path),
  };
}

interface NodeUser {
  access_key: string;
  ready: boolean;
  room: { id: string; guest_token: string; started_at: string };
  options: Record<string, unknown>;
  recording: { id: string } | null;
}

const api = () => nodeClient(DEV_API_KEY);
const meetingClient = () => nodeClient(); // join() and getUser() talk to the meeting without the key

/** eyeson.join(username, roomId, params). */
const join = (username: string, roomId?: string, params: { name?: string; options?: Record<string, unknown> } = {}) =>
  api().post('/rooms', { id: roomId, name: params.name, user: { name: username }, options: params.options }) as Promise<NodeUser>;

test('eyeson-node join: JSON body with options; the user data it reads (access key, room id, guest token, ready)', async () => {
  const user = await join('Ada', 'node-join', { name: 'Node standup', options: { widescreen: true, show_names: false, custom_fields: { locale: 'de' } } });
  assert.equal(typeof user.access_key, 'string');
  assert.equal(user.room.id, 'node-join');
  assert.equal(typeof user.room.guest_token, 'string');
  assert.equal(typeof user.ready, 'boolean');
  assert.equal(user.options.widescreen, true);
  assert.equal(user.options.show_names, false);
  assert.deepEqual(user.options.custom_fields, { locale: 'de' });
  // Without a room id (JSON.stringify drops undefined) the server picks one.
  const anon = await join('Bob');
  assert.equal(typeof anon.room.id, 'string');
  assert.notEqual(anon.room.id, '');
});

test('eyeson-node user: waitReady, start and stop recording without the API key; the recording is read and listed with it', async () => {
  const user = await join('Cy', 'node-rec');
  const meeting = meetingClient();
  let data = (await meeting.get(`/rooms/${user.access_key}`)) as NodeUser;
  for (let i = 0; data.ready === false && i < 5; i++) data = (await meeting.get(`/rooms/${user.access_key}`)) as NodeUser;
  assert.equal(data.ready, true, 'waitReady ends');
  assert.equal(await meeting.post(`/rooms/${user.access_key}/recording`), '', 'startRecording resolves (201, no body)');
  const id = ((await meeting.get(`/rooms/${user.access_key}`)) as NodeUser).recording!.id;
  await server.advance(3_000);
  assert.equal(await meeting.delete(`/rooms/${user.access_key}/recording`), '', 'stopRecording resolves (200, no body)');
  await server.advance(10_000);
  const rec = (await api().get(`/recordings/${id}`)) as { id: string; duration: number; links: { download: string } };
  assert.equal(rec.id, id);
  assert.equal(rec.duration, 3);
  assert.match(rec.links.download, /^http/);
  // getRoomRecordings(roomId, page, started_at, since, until): URLSearchParams in that order.
  const q = new URLSearchParams({ page: '1', started_at: data.room.started_at, since: '2026-01-01T00:00:00Z', until: '2030-01-01T00:00:00Z' });
  const listed = (await api().get(`/rooms/node-rec/recordings?${q}`)) as { id: string }[];
  assert.deepEqual(listed.map((r) => r.id), [id]);
  assert.equal(await api().delete(`/recordings/${id}`), '', 'deleteRecording resolves (200)');
  await assert.rejects(api().get(`/recordings/${id}`), /API Request failed with 404/);
});

test('eyeson-node shutdownRoom (room id + key) and stopMeeting (access key) resolve: 204 is among the statuses it accepts', async () => {
  const a = await join('Dee', 'node-shutdown');
  const res = await send(server.origin, { method: 'DELETE', path: '/rooms/node-shutdown', headers: { 'Content-Type': 'application/json', Authorization: DEV_API_KEY } });
  assert.equal(res.status, 204);
  assert.equal(res.text, '', 'no body: the client resolves the empty string');
  await assert.rejects(meetingClient().get(`/rooms/${a.access_key}`), /API Request failed with 410/);
  const b = await join('Eve', 'node-stop-meeting');
  assert.equal(await meetingClient().delete(`/rooms/${b.access_key}`), '');
  await assert.rejects(meetingClient().post(`/rooms/${b.access_key}/recording`), /API Request failed with 410/);
});

test('eyeson-node webhooks: register then read it back, clear by its id, and getWebhook answers null when none', async () => {
  const url = 'https://node-client.invalid/hook';
  await api().post('/webhooks', { url, types: 'recording_update' });
  const hook = (await api().get('/webhooks')) as { id: string; url: string; types: string[] } | null;
  assert.ok(hook);
  assert.deepEqual([hook.url, hook.types], [url, ['recording_update']]);
  assert.equal(await api().delete(`/webhooks/${hook.id}`), '', 'clearWebhook resolves (204)');
  assert.equal(await api().get('/webhooks'), null, 'a falsy answer: nothing left to clear');
});

test('eyeson-node errors: a wrong key or an unknown recording rejects with the status', async () => {
  await assert.rejects(nodeClient('not-a-key').get('/webhooks'), /API Request failed with 401/);
  await assert.rejects(api().get('/recordings/no-such-recording'), /API Request failed with 404/);
});
