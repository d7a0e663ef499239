// Media download with byte ranges, and the ZIP download.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readZip } from '../../core/zip.ts';
import { isFileBody } from '../../core/http.ts';
import { NodeMediaStore } from '../../mock/media-store-node.ts';
import { LARGE_SIZE, call, control, mediaBytes, newMock } from './mock-helpers.ts';

async function recordingOn(media: string) {
  const mock = newMock();
  const { recordings } = await control(mock, 'seed', { recordings: [{ roomId: 'room-alpha', status: 'complete', media }] });
  return { mock, id: recordings[0].recordingId as string, size: recordings[0].size as number };
}

test('full download: 200 with the documented headers and the exact bytes; HEAD has no body', async () => {
  const { mock, id, size } = await recordingOn('b.mp4');
  const r = await call(mock, 'GET', `/recordings/${id}/media`);
  assert.equal(r.status, 200);
  assert.equal(r.headers['accept-ranges'], 'bytes');
  assert.equal(r.headers['content-type'], 'video/mp4');
  assert.equal(r.headers['cache-control'], 'public, max-age=3600');
  assert.equal(r.headers['content-length'], String(size));
  assert.deepEqual(r.bytes(), await mediaBytes('b.mp4'));
  const head = await call(mock, 'HEAD', `/recordings/${id}/media`);
  assert.equal(head.status, 200);
  assert.equal(head.body, undefined);
  assert.equal(head.headers['content-length'], String(size));
});

test('[decision openvidu-meet/suffix-ranges] [decision openvidu-meet/open-ended-range-cap] ranges: partial, clamped end, boundaries, open-ended cap, 416, 422', async () => {
  const { mock, id } = await recordingOn('big.mp4');
  const all = await mediaBytes('big.mp4');
  const get = (range: string) => call(mock, 'GET', `/recordings/${id}/media`, { headers: { range } });
  const cases: [string, number, number][] = [
    ['bytes=0-9999', 0, 9999],
    ['bytes=100-199', 100, 199],
    ['bytes=0-0', 0, 0],
    [`bytes=${LARGE_SIZE - 1}-`, LARGE_SIZE - 1, LARGE_SIZE - 1],
    [`bytes=${LARGE_SIZE - 10}-${LARGE_SIZE + 1000}`, LARGE_SIZE - 10, LARGE_SIZE - 1],
    ['bytes=10-', 10, 10 + 5 * 1024 * 1024 - 1],
    [`bytes=${LARGE_SIZE - 5}-`, LARGE_SIZE - 5, LARGE_SIZE - 1],
    ['bytes=-500', LARGE_SIZE - 500, LARGE_SIZE - 1], // RFC 9110 suffix range (decision suffix-ranges)
    [`bytes=-${LARGE_SIZE + 10}`, 0, LARGE_SIZE - 1], // a suffix longer than the file is the whole file
  ];
  for (const [range, start, end] of cases) {
    const r = await get(range);
    assert.equal(r.status, 206, range);
    assert.equal(r.headers['content-range'], `bytes ${start}-${end}/${LARGE_SIZE}`, range);
    assert.equal(r.headers['content-length'], String(end - start + 1));
    assert.deepEqual(r.bytes(), all.subarray(start, end + 1), range);
  }
  const un = await get(`bytes=${LARGE_SIZE}-`);
  assert.equal(un.status, 416);
  assert.equal(un.headers['content-range'], `bytes */${LARGE_SIZE}`);
  assert.deepEqual(un.json(), { error: 'Recording Error', message: `Recording '${id}' range not satisfiable. File size: ${LARGE_SIZE}` });
  for (const bad of ['bytes=-', 'items=0-1', 'bytes=0-1,5-6', 'bytes=abc', 'bytes=9-3']) {
    const r = await get(bad);
    assert.equal(r.status, 422, bad);
    assert.deepEqual(r.json().details, [{ field: 'headers.range', message: 'Invalid range header format. Expected: bytes=start-end' }]);
  }
});

test('media 404 and 409', async () => {
  const mock = newMock();
  assert.equal((await call(mock, 'GET', '/recordings/room-alpha--EG_none--AAAAA/media')).status, 404);
  const id = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).json().recordingId;
  assert.equal((await call(mock, 'GET', `/recordings/${id}/media`)).status, 409);
});

test('ZIP: entries named by filename with the exact media bytes; incomplete and missing ids skipped', async () => {
  const mock = newMock();
  const { recordings } = await control(mock, 'seed', {
    recordings: [
      { roomId: 'room-alpha', status: 'complete', media: 'a.mp4' },
      { roomId: 'room-beta', status: 'complete', media: 'b.mp4' },
      { roomId: 'room-beta', status: 'failed' },
    ],
  });
  const ids = [...recordings.map((r: any) => r.recordingId), 'room-alpha--EG_missing--AAAAA'];
  const r = await call(mock, 'GET', '/recordings/download', { query: { recordingIds: ids.join(',') } });
  assert.equal(r.status, 200);
  assert.equal(r.headers['content-type'], 'application/zip');
  assert.equal(r.headers['content-disposition'], 'attachment; filename="recordings.zip"');
  const entries = readZip(r.bytes());
  assert.deepEqual(entries.map((e) => e.name), [recordings[0].filename, recordings[1].filename]);
  assert.deepEqual(entries[0]!.bytes, await mediaBytes('a.mp4'));
  assert.deepEqual(entries[1]!.bytes, await mediaBytes('b.mp4'));
  assert.equal((await call(mock, 'GET', '/recordings/download', { query: { recordingIds: 'x' } })).status, 422);
  assert.equal((await call(mock, 'GET', '/recordings/download', { auth: 'none', query: { recordingIds: ids[0] } })).status, 401);
});

test('with the node media store, media bodies are file ranges (streamed by the adapter)', async () => {
  const store = new NodeMediaStore();
  const mock = newMock({ media: store });
  const { recordings } = await control(mock, 'seed', { recordings: [{ roomId: 'room-alpha', status: 'complete', media: 'large-6mib.mp4' }] });
  const info = store.info('large-6mib.mp4')!;
  assert.equal(recordings[0].size, info.size);
  assert.equal(recordings[0].duration, info.duration);
  const r = await mock.handle({
    method: 'GET', path: `/api/v1/recordings/${recordings[0].recordingId}/media`, query: new URLSearchParams(),
    headers: { 'x-api-key': 'callrec-dev-key', range: 'bytes=100-' }, body: new Uint8Array(0), origin: 'http://x',
  });
  assert.equal(r.status, 206);
  assert.ok(isFileBody(r.body));
  assert.equal(r.body.start, 100);
  assert.equal(r.body.end, 100 + 5 * 1024 * 1024 - 1);
});
