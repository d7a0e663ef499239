// Every documented status of every operation of the openvidu-meet mock, driven through handle().
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, control, newMock } from './mock-helpers.ts';

const BAD_ID_MESSAGE = 'recordingId does not follow the expected format';

async function completeRecording(mock = newMock()) {
  const list = (await call(mock, 'GET', '/recordings', { query: { roomId: 'room-alpha', maxItems: '1' } })).json();
  return { mock, id: list.recordings[0].recordingId as string };
}

test('[decision openvidu-meet/start-returns-active] [decision openvidu-meet/location-public-base] [decision openvidu-meet/omitted-or-null] start: 201 active with Location, then 409 already recording', async () => {
  const mock = newMock();
  const r = await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha', config: { layout: 'single-speaker' } } });
  assert.equal(r.status, 201);
  const rec = r.json();
  assert.equal(rec.status, 'active');
  assert.equal(rec.layout, 'single-speaker');
  assert.match(rec.recordingId, /^room-alpha--EG_[A-Za-z0-9]{12}--[A-Z0-9]{5}$/);
  assert.equal(rec.filename, `room-alpha--${rec.recordingId.split('--')[2]}.mp4`);
  assert.equal(rec.startDate, mock.clock.now());
  for (const absent of ['endDate', 'duration', 'size']) assert.equal(absent in rec, false, absent);
  assert.equal(r.headers.location, `http://mock.test/api/v1/recordings/${rec.recordingId}`);
  const again = await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } });
  assert.equal(again.status, 409);
  assert.deepEqual(again.json(), { error: 'Recording Error', message: "Room 'room-alpha' is already being recorded" });
});

test('start: room default layout, 404, 403 disabled, 409 no participants', async () => {
  const mock = newMock();
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: 'room-beta', config: {} } })).json().layout, 'speaker');
  const nf = await call(mock, 'POST', '/recordings', { body: { roomId: 'nope' } });
  assert.deepEqual([nf.status, nf.json().message], [404, "Room 'nope' does not exist"]);
  const dis = await call(mock, 'POST', '/recordings', { body: { roomId: 'room-disabled' } });
  assert.deepEqual([dis.status, dis.json().message], [403, "Recording is disabled for room 'room-disabled'"]);
  const empty = await call(mock, 'POST', '/recordings', { body: { roomId: 'room-empty' } });
  assert.deepEqual([empty.status, empty.json().message], [409, "Room 'room-empty' has no participants"]);
});

test('[decision openvidu-meet/malformed-json-422] [decision openvidu-meet/body-limit-413] start: 422 for every invalid body, 413 for oversized bodies', async () => {
  const mock = newMock();
  const cases: [unknown, string][] = [
    [{}, 'roomId'],
    [{ roomId: 5 }, 'roomId'],
    [{ roomId: '   ' }, 'roomId'],
    [{ roomId: 'x'.repeat(101) }, 'roomId'],
    [{ roomId: 'room-alpha', config: { layout: 'mosaic' } }, 'config.layout'],
    [{ roomId: 'room-alpha', config: 'grid' }, 'config'],
    [[1, 2], 'body'],
    ['{"roomId": ', 'body'],
    ['null', 'body'],
  ];
  for (const [body, field] of cases) {
    const r = await call(mock, 'POST', '/recordings', { body });
    assert.equal(r.status, 422, JSON.stringify(body));
    const j = r.json();
    assert.equal(j.error, 'Unprocessable Entity');
    assert.equal(j.message, 'Invalid request');
    assert.equal(j.details[0].field, field, JSON.stringify(body));
  }
  const big = await call(mock, 'POST', '/recordings', { body: JSON.stringify({ roomId: 'room-alpha', pad: 'x'.repeat(70_000) }) });
  assert.equal(big.status, 413);
  assert.equal(big.json().error, 'Payload Too Large');
});

test('[decision openvidu-meet/stop-returns-ending] stop: 202 ending with Location, 409 already stopped / while starting, 404 names the egress id, 422', async () => {
  const mock = newMock();
  const id = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).json().recordingId;
  const r = await call(mock, 'POST', `/recordings/${id}/stop`);
  assert.equal(r.status, 202);
  assert.equal(r.json().status, 'ending');
  assert.equal(typeof r.json().duration, 'number');
  assert.equal(r.headers.location, `http://mock.test/api/v1/recordings/${id}`);
  const again = await call(mock, 'POST', `/recordings/${id}/stop`);
  assert.deepEqual([again.status, again.json().message], [409, `Recording '${id}' is already stopped`]);
  const { recordings } = await control(mock, 'seed', { recordings: [{ roomId: 'room-beta', status: 'starting' }] });
  const starting = await call(mock, 'POST', `/recordings/${recordings[0].recordingId}/stop`);
  assert.deepEqual([starting.status, starting.json().message], [409, `Recording '${recordings[0].recordingId}' cannot be stopped while starting`]);
  const nf = await call(mock, 'POST', '/recordings/room-x--EG_abcdef--XYZ12/stop');
  assert.deepEqual([nf.status, nf.json().message], [404, "Recording 'EG_abcdef' not found"]);
  const bad = await call(mock, 'POST', '/recordings/not-an-id/stop');
  assert.equal(bad.status, 422);
  assert.deepEqual(bad.json().details, [{ field: 'recordingId', message: BAD_ID_MESSAGE }]);
});

test('[decision openvidu-meet/code-error-messages] get: 200 (id trimmed), 404, 422 with params.recordingId', async () => {
  const { mock, id } = await completeRecording();
  const r = await call(mock, 'GET', `/recordings/${encodeURIComponent(`  ${id} `)}`);
  assert.equal(r.status, 200);
  assert.equal(r.json().recordingId, id);
  assert.equal(r.json().status, 'complete');
  const nf = await call(mock, 'GET', '/recordings/room-alpha--EG_nothere--AAAAA');
  assert.deepEqual(nf.json(), { error: 'Recording Error', message: "Recording 'room-alpha--EG_nothere--AAAAA' not found" });
  assert.equal(nf.status, 404);
  for (const bad of ['abc', 'a--b--c', 'a--EG_--c', '--EG_x--c', 'a--EG_x--', 'a--EG_x--c--d']) {
    const r2 = await call(mock, 'GET', `/recordings/${bad}`);
    assert.equal(r2.status, 422, bad);
    assert.deepEqual(r2.json().details, [{ field: 'params.recordingId', message: BAD_ID_MESSAGE }]);
  }
});

test('delete: 200 then 404, 409 while active, 422', async () => {
  const { mock, id } = await completeRecording();
  const r = await call(mock, 'DELETE', `/recordings/${id}`);
  assert.deepEqual([r.status, r.json()], [200, { message: `Recording '${id}' deleted successfully` }]);
  assert.equal((await call(mock, 'GET', `/recordings/${id}`)).status, 404);
  assert.equal((await call(mock, 'DELETE', `/recordings/${id}`)).status, 404);
  const active = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).json().recordingId;
  const busy = await call(mock, 'DELETE', `/recordings/${active}`);
  assert.deepEqual([busy.status, busy.json().message], [409, `Recording '${active}' is not stopped yet`]);
  const bad = await call(mock, 'DELETE', '/recordings/bad');
  assert.deepEqual([bad.status, bad.json().details[0].field], [422, 'recordingId']);
});

test('bulk delete: 200 all (duplicates collapsed), 400 mixed, 422 validation', async () => {
  const mock = newMock();
  const ids = (await call(mock, 'GET', '/recordings', { query: { maxItems: '3' } })).json().recordings.map((r: any) => r.recordingId);
  const ok = await call(mock, 'DELETE', '/recordings', { query: { recordingIds: `${ids[0]},${ids[1]}, ${ids[0]}` } });
  assert.deepEqual([ok.status, ok.json()], [200, { message: 'All recordings deleted successfully', deleted: [ids[0], ids[1]] }]);
  const active = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-beta' } })).json().recordingId;
  const missing = 'room-alpha--EG_gone--AAAAA';
  const mixed = await call(mock, 'DELETE', '/recordings', { query: { recordingIds: [ids[2], active, missing].join(',') } });
  assert.equal(mixed.status, 400);
  assert.deepEqual(mixed.json(), {
    message: '2 recording(s) could not be deleted',
    deleted: [ids[2]],
    failed: [
      { recordingId: active, error: `Recording '${active}' is not stopped yet` },
      { recordingId: missing, error: `Recording '${missing}' not found` },
    ],
  });
  const empty = await call(mock, 'DELETE', '/recordings', { query: { recordingIds: ' , ' } });
  assert.deepEqual([empty.status, empty.json().details], [422, [{ field: 'recordingIds', message: 'recordingIds must contain at least one item' }]]);
  const bad = await call(mock, 'DELETE', '/recordings', { query: { recordingIds: `${active},oops` } });
  assert.deepEqual([bad.status, bad.json().details], [422, [{ field: 'recordingIds.1', message: BAD_ID_MESSAGE }]]);
});

test('[decision openvidu-meet/private-access-param] url: public and private secrets, 404, 422', async () => {
  const { mock, id } = await completeRecording();
  const pub = (await call(mock, 'GET', `/recordings/${id}/url`)).json().url as string;
  const priv = (await call(mock, 'GET', `/recordings/${id}/url`, { query: { privateAccess: 'true' } })).json().url as string;
  assert.match(pub, new RegExp(`^http://mock\\.test/recording/${id}\\?secret=[A-Za-z0-9]{16}$`));
  assert.notEqual(pub, priv);
  assert.equal((await call(mock, 'GET', '/recordings/room-alpha--EG_x--AAAAA/url')).status, 404);
  assert.equal((await call(mock, 'GET', '/recordings/nope/url')).status, 422);
});

test('[decision openvidu-meet/method-not-allowed-405] router: 404 JSON for unknown paths, 405 with Allow, HEAD without body', async () => {
  const mock = newMock();
  const nf = await call(mock, 'GET', '/api/v2/whatever');
  assert.deepEqual([nf.status, nf.json().error], [404, 'Not Found']);
  assert.equal((await call(mock, 'GET', '/recordings/a/b/c/d')).status, 404);
  const m = await call(mock, 'PATCH', '/recordings/room-alpha--EG_x--AAAAA');
  assert.equal(m.status, 405);
  assert.equal(m.headers.allow, 'GET, DELETE, HEAD');
  const put = await call(mock, 'PUT', '/recordings/download');
  assert.equal(put.status, 405);
  assert.match(put.headers.allow!, /GET/);
  const head = await call(mock, 'HEAD', '/recordings');
  assert.equal(head.status, 200);
  assert.equal(head.body, undefined);
  assert.ok(Number(head.headers['content-length']) > 0);
});

test('never throws and never answers 500 for hostile input', async () => {
  const mock = newMock();
  const paths = ['/recordings/%E0%A4%A', '/recordings/%00--EG_%00--%00', '/recordings//media', '/recordings/download', '/recordings/a--EG_b--c/url'];
  const methods = ['GET', 'POST', 'DELETE', 'HEAD', 'PUT', 'OPTIONS'];
  const bodies = [undefined, '', '\u0000', '{', '[]', '{"roomId":{"$gt":""}}', new Uint8Array([0xff, 0xfe, 0x00])];
  for (const p of paths) for (const method of methods) for (const body of bodies) {
    const r = await call(mock, method, p, { body, query: { maxItems: 'x', nextPageToken: '%%%', recordingIds: ',,' }, headers: { range: 'bytes=x' } });
    assert.ok(r.status < 500, `${method} ${p} ${String(body)} → ${r.status} ${String(r.body)}`);
  }
});
