// Contract of eyeson-go (github.com/eyeson-team/eyeson-go), re-stated from its public source and run
// against the mock over a real port:
//   eyeson-team/eyeson-go eyeson.go — NewRequest: POST/PUT carry `Content-Type:
//     application/x-www-form-urlencoded` and url.Values.Encode() as body (keys sorted, QueryEscape'd),
//     even when there are no values (then no body); GET/DELETE put the values in the query; every
//     request has `Accept: application/json` and `User-Agent: eyeson-go`, and `Authorization: <API
//     key>` when the client has a key (UserClient() has none). validateResponse: 200, 201, 204 are
//     success; 404, 401, 403 map to fixed errors; Do decodes the JSON body only when given a target.
//   rooms_service.go — Join (id, user[name], options as caller-given form keys such as
//     options[widescreen]), Shutdown (DELETE /rooms/{id} with the key), GetRecording, GetRecordings
//     (page, started_at, since, until; RFC 3339), DeleteRecording, GetCurrentMeetings (GET /rooms →
//     []RoomInfo); rooms_service_test.go answers Shutdown and DeleteRecording with 204.
//   user_service.go — StartRecording (POST …/recording, no values), StopRecording, StopMeeting
//     (DELETE /rooms/{access key}), updateRoomData (GET /rooms/{access key} with empty values).
//   room.go — RoomResponse {access_key, links{gui, guest_join, websocket}, room{guest_token,
//     shutdown}, user{id, name}, ready}; webhook_service.go — Register (url, types), Get, Unregister.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEV_API_KEY, send, startEyeson, type EyesonServer } from './sdk-wire.ts';

let server: EyesonServer;
before(async () => {
  server = await startEyeson();
});
after(() => server.close());

/** Go's url.QueryEscape: only A-Z a-z 0-9 - _ . ~ stay; a space becomes '+'. */
const queryEscape = (s: string) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
/** url.Values.Encode(): sorted by key. */
const encodeValues = (v: Record<string, string>) =>
  Object.keys(v).sort().map((k) => `${queryEscape(k)}=${queryEscape(v[k]!)}`).join('&');

/** validateResponse + Do: the error text eyeson-go gives, or the decoded body when `decode`. */
function goClient(apiKey?: string) {
  return async (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, values?: Record<string, string>, decode = false): Promise<any> => {
    const hasBody = method === 'POST' || method === 'PUT';
    const headers: Record<string, string> = { Accept: 'application/json', 'User-Agent': 'eyeson-go' };
    if (hasBody) headers['Content-Type'] = 'application/x-www-form-urlencoded';
    if (apiKey) headers['Authorization'] = apiKey;
    const encoded = values ? encodeValues(values) : '';
    const res = await send(server.origin, {
      method,
      path: !hasBody && encoded ? `${path}?${encoded}` : path,
      headers,
      ...(hasBody && values && encoded ? { body: encoded } : {}),
    });
    const c = res.status;
    if (c === 404) throw new Error('Not found! Resource does not exist or expired');
    if (c === 401) throw new Error('Authorization failed! Check the API key to be valid');
    if (c === 403) throw new Error('Bad request! Check your request parameters to be valid');
    if (![200, 201, 204].includes(c)) throw new Error(`Unknown error! Request failed for an unknown error (${c})`);
    return decode ? res.json() : undefined;
  };
}

const client = goClient(DEV_API_KEY);
const userClient = goClient();

interface RoomResponse {
  access_key: string;
  links: { gui: string; guest_join: string; websocket: string };
  room: { guest_token: string; shutdown: boolean; id: string; started_at: string };
  user: { id: string; name: string };
  ready: boolean;
  options: Record<string, unknown>;
}

const join = (id: string, user: string, options: Record<string, string> = {}): Promise<RoomResponse> =>
  client('POST', '/rooms', { ...(id ? { id } : {}), 'user[name]': user, ...options }, true);

test('eyeson-go Join: sorted form body with options[...] keys; the RoomResponse fields it decodes', async () => {
  const room = await join('go-join', 'mike@eyeson.team', { 'options[widescreen]': 'true', 'options[sfu_mode]': 'screencast', 'options[show_label]': 'false' });
  assert.equal(typeof room.access_key, 'string');
  for (const link of [room.links.gui, room.links.guest_join, room.links.websocket]) assert.equal(typeof link, 'string');
  assert.equal(typeof room.room.guest_token, 'string');
  assert.equal(room.room.shutdown, false);
  assert.equal(room.user.name, 'mike@eyeson.team');
  assert.equal(typeof room.user.id, 'string');
  assert.equal(room.ready, true, 'WaitReady returns at once');
  assert.deepEqual([room.options.widescreen, room.options.sfu_mode, room.options.show_label], [true, 'screencast', false]);
});

test('eyeson-go UserService: start/stop recording (form Content-Type, no body, no key), then GetRecording/GetRecordings/DeleteRecording with the key', async () => {
  const room = await join('go-rec', 'Ada');
  await userClient('POST', `/rooms/${room.access_key}/recording`);
  const data = await userClient('GET', `/rooms/${room.access_key}`, {}, true);
  const id = data.recording.id as string;
  await server.advance(5_000);
  await userClient('DELETE', `/rooms/${room.access_key}/recording`);
  await server.advance(10_000);
  const rec = await client('GET', `/recordings/${id}`, undefined, true);
  assert.equal(rec.id, id);
  assert.match(rec.links.download, /^http/, 'Links.Download (*string) is set once finished');
  const list = await client('GET', '/rooms/go-rec/recordings', { page: '1', started_at: room.room.started_at, since: '2026-01-01T00:00:00Z', until: '2030-01-01T00:00:00Z' }, true);
  assert.deepEqual(list.map((r: { id: string }) => r.id), [id]);
  await client('DELETE', `/recordings/${id}`);
  await assert.rejects(client('GET', `/recordings/${id}`, undefined, true), /Not found!/);
});

test('eyeson-go GetCurrentMeetings: GET /rooms decodes into []RoomInfo and lists the running meeting, not the shut-down one', async () => {
  const live = await join('go-current', 'Bob');
  const gone = await join('go-gone', 'Cy');
  await client('DELETE', '/rooms/go-gone'); // Rooms.Shutdown(id)
  const rooms = (await client('GET', '/rooms', undefined, true)) as { id: string; name: string; ready: boolean; started_at: string; shutdown: boolean; guest_token: string }[];
  const mine = rooms.find((r) => r.id === 'go-current');
  assert.ok(mine, 'the running meeting is listed');
  assert.deepEqual(Object.keys(mine).sort(), ['guest_token', 'id', 'name', 'ready', 'shutdown', 'started_at']);
  assert.deepEqual([mine.guest_token, mine.shutdown, mine.started_at], [live.room.guest_token, false, live.room.started_at]);
  assert.ok(!rooms.some((r) => r.id === gone.room.id), 'the shut-down meeting is not');
});

test('eyeson-go Shutdown and StopMeeting succeed with 204 (as rooms_service_test.go answers them)', async () => {
  await join('go-shutdown', 'Dee');
  const res = await send(server.origin, { method: 'DELETE', path: '/rooms/go-shutdown', headers: { Accept: 'application/json', 'User-Agent': 'eyeson-go', Authorization: DEV_API_KEY } });
  assert.equal(res.status, 204);
  const other = await join('go-stop-meeting', 'Eve');
  await userClient('DELETE', `/rooms/${other.access_key}`);
  await assert.rejects(userClient('POST', `/rooms/${other.access_key}/recording`), /Unknown error! .*\(410\)/);
});

test('eyeson-go Webhook: Register (form url, types), Get (WebhookDetails), Unregister by its id', async () => {
  await client('POST', '/webhooks', { url: 'https://go-client.invalid/hook', types: 'recording_update,room_update' });
  const details = await client('GET', '/webhooks', undefined, true);
  assert.deepEqual([details.url, details.types], ['https://go-client.invalid/hook', ['recording_update', 'room_update']]);
  assert.equal(typeof details.id, 'string');
  assert.ok(details.last_response_code === null || typeof details.last_response_code === 'string', 'decoded as a string');
  await client('DELETE', `/webhooks/${details.id}`);
  assert.equal(await client('GET', '/webhooks', undefined, true), null);
});

test('eyeson-go errors: 401 for a wrong key, 404 for an unknown access key', async () => {
  await assert.rejects(goClient('wrong-key')('GET', '/rooms', undefined, true), /Authorization failed!/);
  await assert.rejects(userClient('POST', '/rooms/no-such-access-key/recording'), /Not found!/);
});
