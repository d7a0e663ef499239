// The Eyeson mock's operations as clients see them: rooms, start/stop statuses, auth levels,
// the SDKs' body encodings, webhooks registration, deletion and bad input.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LOCKED_API_KEY, OTHER_API_KEY } from '../../mock/eyeson/index.ts';
import { call, control, meeting, newMock } from './mock-helpers.ts';

test('[decision eyeson/body-encodings] POST /rooms accepts the SDKs\' encodings: form with bracketed keys, JSON, multipart', async () => {
  const { mock } = newMock();
  const form = await call(mock, 'POST', '/rooms', { body: 'id=team-room&name=Standup&user%5Bname%5D=Ada&user[id]=ada%40x.test&options[recording_available]=false' });
  assert.equal(form.status, 201);
  const f = form.json();
  assert.equal(f.room.id, 'team-room');
  assert.equal(f.room.name, 'Standup');
  assert.deepEqual([f.user.name, f.user.id], ['Ada', 'ada@x.test']);
  assert.equal(f.options.recording_available, false);
  assert.equal(f.recording, null);
  assert.match(f.access_key, /^[A-Za-z0-9]{24}$/);

  const js = await call(mock, 'POST', '/rooms', { body: { id: 'team-room', user: { name: 'Bob' }, options: { widescreen: true } } });
  assert.equal(js.status, 201);
  assert.equal(js.json().room.started_at, f.room.started_at, 'the same id joins the running instance');
  assert.notEqual(js.json().access_key, f.access_key);

  const fd = new FormData();
  fd.append('user[name]', 'Cy');
  fd.append('options[exit_url]', new Blob(['https://x.test/from-a-file']), 'exit.txt');
  const mp = new Request('http://x.test', { method: 'POST', body: fd });
  const res = await call(mock, 'POST', '/rooms', { body: new Uint8Array(await mp.arrayBuffer()), headers: { 'content-type': mp.headers.get('content-type')! } });
  assert.equal(res.status, 201);
  assert.equal(res.json().user.name, 'Cy');
  assert.equal(res.json().options.exit_url, null, 'a file part is no field');
});

test('[decision eyeson/body-encodings] POST /rooms rejects a missing user name (400), other types (415), malformed JSON (400), huge bodies (413)', async () => {
  const { mock } = newMock();
  assert.equal((await call(mock, 'POST', '/rooms', { body: 'id=x' })).status, 400);
  assert.equal((await call(mock, 'POST', '/rooms', { body: 'user[name]=a', headers: { 'content-type': 'text/plain' } })).status, 415);
  const bad = await call(mock, 'POST', '/rooms', { body: new TextEncoder().encode('{"user":'), headers: { 'content-type': 'application/json' } });
  assert.equal(bad.status, 400);
  assert.equal(typeof bad.json().error, 'string');
  assert.equal((await call(mock, 'POST', '/rooms', { body: `user[name]=${'a'.repeat(70_000)}` })).status, 413);
});

test('[decision eyeson/auth-401-403] [decision eyeson/access-key-ignores-api-key] API key: missing or unknown → 401, locked → 423; access-key routes ignore it', async () => {
  const { mock } = newMock();
  assert.equal((await call(mock, 'GET', '/webhooks', { auth: 'none' })).status, 401);
  assert.equal((await call(mock, 'GET', '/webhooks', { auth: { authorization: 'nope' } })).status, 401);
  assert.equal((await call(mock, 'GET', '/webhooks', { auth: { authorization: `Bearer callrec-eyeson-key` } })).status, 401);
  const locked = await call(mock, 'GET', '/rooms/callrec-archive/recordings', { auth: { authorization: LOCKED_API_KEY } });
  assert.equal(locked.status, 423);
  const m = await meeting(mock);
  assert.equal((await call(mock, 'POST', `/rooms/${m.accessKey}/recording`, { auth: { authorization: LOCKED_API_KEY } })).status, 201);
  await control(mock, 'lock-key', { apiKey: 'callrec-eyeson-key' });
  assert.equal((await call(mock, 'GET', '/webhooks')).status, 423);
  await control(mock, 'lock-key', { apiKey: 'callrec-eyeson-key', locked: false });
  assert.equal((await call(mock, 'GET', '/webhooks')).status, 200);
});

test('[decision eyeson/start-405-already-recording] [decision eyeson/start-406-recording-unavailable] [decision eyeson/stop-404-when-idle] [decision eyeson/gone-after-shutdown] start/stop statuses: 201, 405 while recording, 406 when disabled, 404 unknown or idle, 410 after shutdown', async () => {
  const { mock } = newMock();
  const m = await meeting(mock);
  const start = await call(mock, 'POST', `/rooms/${m.accessKey}/recording`, { auth: 'none' });
  assert.equal(start.status, 201);
  assert.equal(start.body, undefined, 'start answers the status only');
  const again = await call(mock, 'POST', `/rooms/${m.accessKey}/recording`);
  assert.equal(again.status, 405);
  assert.equal(again.headers['allow'], 'DELETE');
  const room = await call(mock, 'GET', `/rooms/${m.accessKey}`, { auth: 'none' });
  assert.equal(room.status, 200);
  assert.equal(room.json().recording.duration, null);
  assert.equal((await call(mock, 'DELETE', `/rooms/${m.accessKey}/recording`)).status, 200);
  assert.equal((await call(mock, 'DELETE', `/rooms/${m.accessKey}/recording`)).status, 404);
  assert.equal((await call(mock, 'POST', '/rooms/unknownkey/recording')).status, 404);
  assert.equal((await call(mock, 'DELETE', '/rooms/unknownkey/recording')).status, 404);

  const off = await meeting(mock, { recordingAvailable: false });
  assert.equal((await call(mock, 'POST', `/rooms/${off.accessKey}/recording`)).status, 406);

  assert.equal((await call(mock, 'DELETE', `/rooms/${m.accessKey}`, { auth: 'none' })).status, 204);
  for (const [method, path] of [['POST', '/recording'], ['DELETE', '/recording'], ['GET', ''], ['DELETE', '']] as const) {
    assert.equal((await call(mock, method, `/rooms/${m.accessKey}${path}`)).status, 410, `${method} ${path}`);
  }
});

test('[decision eyeson/shutdown-by-room-id] [decision eyeson/gone-after-shutdown] shutdown (204) stops a running recording; by room id it needs the owning team\'s key', async () => {
  const { mock } = newMock();
  const m = await meeting(mock, { id: 'shut-me' });
  await call(mock, 'POST', `/rooms/${m.accessKey}/recording`);
  assert.equal((await call(mock, 'DELETE', '/rooms/shut-me', { auth: { authorization: OTHER_API_KEY } })).status, 404);
  assert.equal((await call(mock, 'DELETE', '/rooms/shut-me')).status, 204);
  assert.equal((await call(mock, 'DELETE', '/rooms/shut-me')).status, 410);
  const [r] = (await call(mock, 'GET', '/rooms/shut-me/recordings')).json();
  assert.equal(r.duration, 0);
  assert.equal(r.room.shutdown, true);
  // Joining again starts a new instance.
  const again = await call(mock, 'POST', '/rooms', { body: { id: 'shut-me', user: { name: 'A' } } });
  assert.equal(again.json().room.shutdown, false);
});

test('[decision eyeson/auth-401-403] get and delete a recording: team-scoped, 404 after delete and for a second delete', async () => {
  const { mock } = newMock();
  const d = await control(mock, 'defaults');
  const id = d.finishedRecordingId as string;
  const got = await call(mock, 'GET', `/recordings/${id}`);
  assert.equal(got.status, 200);
  assert.equal(got.json().id, id);
  assert.equal((await call(mock, 'GET', `/recordings/${id}`, { auth: { authorization: OTHER_API_KEY } })).status, 404);
  assert.equal((await call(mock, 'GET', '/rooms/callrec-archive/recordings', { auth: { authorization: OTHER_API_KEY } })).status, 403);
  assert.equal((await call(mock, 'GET', '/rooms/no-such-room/recordings')).status, 404);
  assert.equal((await call(mock, 'DELETE', `/recordings/${id}`)).status, 200);
  assert.equal((await call(mock, 'GET', `/recordings/${id}`)).status, 404);
  assert.equal((await call(mock, 'DELETE', `/recordings/${id}`)).status, 404);
  const listed = (await call(mock, 'GET', '/rooms/callrec-archive/recordings')).json() as { id: string }[];
  assert.ok(!listed.some((r) => r.id === id));
});

test('[decision eyeson/webhook-none-null] webhooks: one per key, form or JSON, replace on re-register, null when none, 204 on delete', async () => {
  const { mock } = newMock();
  assert.equal((await call(mock, 'GET', '/webhooks')).json(), null);
  const form = await call(mock, 'POST', '/webhooks', { body: 'url=https%3A%2F%2Fhooks.test%2Fa&types=room_update%2Crecording_update' });
  assert.equal(form.status, 201);
  assert.equal(form.body, undefined);
  const first = (await call(mock, 'GET', '/webhooks')).json();
  assert.deepEqual([first.url, first.types, first.last_request_sent_at, first.last_response_code], ['https://hooks.test/a', ['room_update', 'recording_update'], null, null]);
  assert.equal((await call(mock, 'POST', '/webhooks', { body: { url: 'https://hooks.test/b', types: 'recording_update' } })).status, 201);
  const second = (await call(mock, 'GET', '/webhooks')).json();
  assert.equal(second.url, 'https://hooks.test/b');
  assert.notEqual(second.id, first.id);
  assert.equal((await call(mock, 'POST', '/webhooks', { body: { url: 'ftp://x', types: 'recording_update' } })).status, 400);
  assert.equal((await call(mock, 'POST', '/webhooks', { body: { url: 'https://x.test', types: 'bogus' } })).status, 400);
  assert.equal((await call(mock, 'DELETE', `/webhooks/${first.id}`)).status, 404);
  assert.equal((await call(mock, 'DELETE', `/webhooks/${second.id}`, { auth: { authorization: OTHER_API_KEY } })).status, 403);
  assert.equal((await call(mock, 'DELETE', `/webhooks/${second.id}`)).status, 204);
  assert.equal((await call(mock, 'GET', '/webhooks')).json(), null);
});

test('[decision eyeson/method-not-allowed-405] routing: 405 with Allow for undefined methods, HEAD where GET, odd ids are 404', async () => {
  const { mock } = newMock();
  const put = await call(mock, 'PUT', '/rooms/abc/recording');
  assert.equal(put.status, 405);
  assert.equal(put.headers['allow'], 'POST, DELETE');
  assert.equal((await call(mock, 'PATCH', '/recordings/x')).headers['allow'], 'GET, DELETE, HEAD');
  assert.equal((await call(mock, 'GET', '/nowhere')).status, 404);
  assert.equal((await call(mock, 'GET', '/recordings/%E0%A4%A')).status, 404);
  assert.equal((await call(mock, 'GET', '/recordings/..%2F..%2Fetc')).status, 404);
  const head = await call(mock, 'HEAD', '/webhooks');
  assert.equal(head.status, 200);
  assert.equal(head.body, undefined);
});

test('[decision eyeson/webhook-registration] webhooks: http(s) url with a host; types trimmed, repeats dropped, lists in every spelling; else 400 naming the field, the old webhook kept', async () => {
  const { mock } = newMock();
  assert.equal((await call(mock, 'POST', '/webhooks', { body: { url: 'https://hooks.test/a', types: ' recording_update , recording_update,room_update ' } })).status, 201);
  const hook = (await call(mock, 'GET', '/webhooks')).json();
  assert.deepEqual(hook.types, ['recording_update', 'room_update']);
  assert.equal((await call(mock, 'POST', '/webhooks', { body: 'url=https%3A%2F%2Fhooks.test%2Fb&types%5B%5D=room_update&types%5B%5D=participant_update' })).status, 201);
  assert.deepEqual((await call(mock, 'GET', '/webhooks')).json().types, ['room_update', 'participant_update']);
  for (const [body, field] of [
    [{ url: 'ftp://hooks.test/x', types: 'recording_update' }, 'url'],
    [{ url: 'https://', types: 'recording_update' }, 'url'],
    [{ url: 'https://hooks.test/c', types: 'recording_update,meeting_update' }, 'types'],
    [{ url: 'https://hooks.test/c', types: ' , ' }, 'types'],
  ] as const) {
    const res = await call(mock, 'POST', '/webhooks', { body });
    assert.equal(res.status, 400);
    assert.match(res.json().error, new RegExp(field));
  }
  assert.equal((await call(mock, 'GET', '/webhooks')).json().url, 'https://hooks.test/b');
});
