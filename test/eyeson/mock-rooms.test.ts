// Rooms beyond recording, on the Eyeson mock: the meeting options a client sends come back in
// every room response, GET /rooms lists the team's running meetings, and a recording deleted
// while it runs ends silently.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { OTHER_API_KEY } from '../../mock/eyeson/index.ts';
import { call, control, meeting, newMock, spec } from './mock-helpers.ts';

const DEFAULTS = {
  show_names: true, show_label: true, exit_url: null, recording_available: true, broadcast_available: true,
  reaction_available: true, layout_available: true, guest_token_available: true, lock_available: false,
  kick_available: true, sfu_mode: 'ptp', widescreen: false, background_color: '#121212', audio_insert: 'audio_only',
  audio_insert_position: null, custom_fields: {},
};

test('[decision eyeson/room-options] options sent as form keys (php 1/0, go strings) or JSON come back in options, with defaults for the rest', async () => {
  const { mock } = newMock();
  // eyeson-php: http_build_query writes false as 0; eyeson-go: `options[...]` keys as the caller wrote them.
  const form = await call(mock, 'POST', '/rooms', { body: 'id=opt-form&user%5Bname%5D=Ada&options%5Bshow_names%5D=0&options%5Bexit_url%5D=https%3A%2F%2Fx.test%2Fbye&options[widescreen]=true&options[sfu_mode]=screencast&options[background_color]=%23336699&options[audio_insert_position][x]=5&options[audio_insert_position][y]=7&options[custom_fields][locale]=de&options[custom_fields][hide_chat]=1' });
  assert.equal(form.status, 201);
  assert.deepEqual(form.json().options, {
    ...DEFAULTS, show_names: false, exit_url: 'https://x.test/bye', widescreen: true, sfu_mode: 'screencast', background_color: '#336699',
    audio_insert_position: { x: 5, y: 7 }, custom_fields: { locale: 'de', hide_chat: true },
  });
  // eyeson-node: an options object with JSON values.
  const js = await call(mock, 'POST', '/rooms', { body: { user: { name: 'Bob' }, options: { widescreen: true, recording_available: false, lock_available: true, audio_insert: 'disabled' } } });
  assert.deepEqual(js.json().options, { ...DEFAULTS, widescreen: true, recording_available: false, lock_available: true, audio_insert: 'disabled' });
  // No options: every default.
  assert.deepEqual((await call(mock, 'POST', '/rooms', { body: { user: { name: 'Cy' } } })).json().options, DEFAULTS);
  // The access key reads the same options; a later joiner's options do not change the running meeting.
  assert.equal((await call(mock, 'GET', `/rooms/${form.json().access_key}`, { auth: 'none' })).json().options.widescreen, true);
  const later = await call(mock, 'POST', '/rooms', { body: 'id=opt-form&user[name]=Dee&options[widescreen]=false&options[show_names]=true' });
  assert.deepEqual([later.json().options.widescreen, later.json().options.show_names], [true, false]);
  // Undocumented keys are ignored; values outside an option's spellings are 400 naming it.
  assert.equal((await call(mock, 'POST', '/rooms', { body: 'user[name]=E&options[no_such_option]=x' })).json().options.no_such_option, undefined);
  for (const [bad, name] of [['options[widescreen]=yes', 'widescreen'], ['options[sfu_mode]=mesh', 'sfu_mode'], ['options[background_color]=red', 'background_color'], ['options[audio_insert_position][x]=1', 'audio_insert_position']] as const) {
    const res = await call(mock, 'POST', '/rooms', { body: `user[name]=F&${bad}` });
    assert.equal(res.status, 400, bad);
    assert.match(res.json().error, new RegExp(name), bad);
  }
  assert.deepEqual(spec.validateResponse('createRoom', 201, form.headers, form.bytes()), []);
});

test('[decision eyeson/current-meetings] GET /rooms lists the team\'s running meetings oldest first; shut-down and other teams\' are not listed', async () => {
  const { mock } = newMock();
  const before = (await call(mock, 'GET', '/rooms')).json() as { id: string }[];
  const a = await meeting(mock, { id: 'now-a' });
  mock.clock.advance(2_000);
  const b = (await call(mock, 'POST', '/rooms', { body: { id: 'now-b', name: 'B room', user: { name: 'B' } } })).json();
  await meeting(mock, { id: 'theirs', apiKey: OTHER_API_KEY });
  const res = await call(mock, 'GET', '/rooms');
  assert.equal(res.status, 200);
  assert.deepEqual(spec.validateResponse('listCurrentMeetings', 200, res.headers, res.bytes()), []);
  const listed = res.json() as { id: string; started_at: string }[];
  assert.deepEqual(listed.map((r) => r.id), [...before.map((r) => r.id), 'now-a', 'now-b']);
  assert.deepEqual(listed.at(-1), b.room, 'each entry is the room of the room response');
  assert.ok(listed.every((r, i) => i === 0 || listed[i - 1]!.started_at <= r.started_at), 'oldest first');
  assert.deepEqual((await call(mock, 'GET', '/rooms', { auth: { authorization: OTHER_API_KEY } })).json().map((r: { id: string }) => r.id), ['theirs']);
  // Shut down: gone from the list; joining again starts a new instance, listed again.
  assert.equal((await call(mock, 'DELETE', `/rooms/${a.accessKey}`, { auth: 'none' })).status, 204);
  assert.ok(!(await call(mock, 'GET', '/rooms')).json().some((r: { id: string }) => r.id === 'now-a'));
  await meeting(mock, { id: 'now-a' });
  assert.ok((await call(mock, 'GET', '/rooms')).json().some((r: { id: string }) => r.id === 'now-a'));
  assert.equal((await call(mock, 'GET', '/rooms', { auth: 'none' })).status, 401);
});

test('[decision eyeson/delete-running-recording] deleting a running recording answers 200 and ends it silently; the second delete is 404', async () => {
  const { mock, deliveries } = newMock();
  await call(mock, 'POST', '/webhooks', { body: 'url=http%3A%2F%2Freceiver.test%2Fhook&types=recording_update' });
  const m = await meeting(mock, { id: 'del-running' });
  await call(mock, 'POST', `/rooms/${m.accessKey}/recording`, { auth: 'none' });
  const id = (await call(mock, 'GET', `/rooms/${m.accessKey}`, { auth: 'none' })).json().recording.id as string;
  await control(mock, 'webhook-flush');
  assert.equal(deliveries.length, 1, 'the started update');
  assert.equal((await call(mock, 'DELETE', `/recordings/${id}`)).status, 200);
  assert.equal((await call(mock, 'GET', `/rooms/${m.accessKey}`, { auth: 'none' })).json().recording, null, 'the meeting records no more');
  assert.equal((await call(mock, 'GET', `/recordings/${id}`)).status, 404);
  mock.clock.advance(60_000);
  await control(mock, 'tick');
  await control(mock, 'webhook-flush');
  assert.equal(deliveries.length, 1, 'no stopped or finished update for a deleted recording');
  assert.equal((await call(mock, 'DELETE', `/recordings/${id}`)).status, 404);
  // The meeting can record again.
  assert.equal((await call(mock, 'POST', `/rooms/${m.accessKey}/recording`, { auth: 'none' })).status, 201);
});
