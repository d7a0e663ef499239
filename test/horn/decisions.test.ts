// Horn decisions no other test exercises on its own: closed response objects with epoch-ms times
// and omitted (never null) fields, the order in which a request is judged, running recordings
// under sort=ended, the download kind, and a malformed Range header.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNELS } from '../../mock/horn/index.ts';
import { MIN, OPERATOR, STRANGER, advance, call, newMock, spec } from './mock-helpers.ts';

const CH = CHANNELS.recordable;

test('[decision horn/closed-objects] [decision horn/time-epoch-ms] [decision horn/omitted-not-null] a recording has integer ms times, omits unset fields, and its schema refuses any other field', async () => {
  const mock = newMock();
  const before = mock.clock.now();
  const started = await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR });
  const rec = started.json();
  assert.ok(Number.isInteger(rec.startTime) && rec.startTime >= before - 1000 && rec.startTime <= before, 'startTime is the clock in ms');
  for (const [k, v] of Object.entries(rec)) assert.notEqual(v, null, `${k} is null instead of omitted`);
  assert.ok(!('endTime' in rec) && !('readyTime' in rec), 'unset option fields are omitted');
  assert.deepEqual(spec.validateResponse('startRecording', 200, started.headers, started.bytes()), []);
  const extra = new TextEncoder().encode(JSON.stringify({ ...rec, comment: 'not a Horn field' }));
  assert.ok(spec.validateResponse('startRecording', 200, started.headers, extra).length > 0, 'an extra field breaks the closed object');
  advance(mock, 2 * MIN);
  const ended = (await call(mock, 'DELETE', `/channels/${CH}/record`, { auth: OPERATOR })).json();
  assert.equal(ended.endTime - ended.startTime, 2 * MIN, 'times differ by milliseconds');
});

test('[decision horn/auth-order] 401 before 404 channel before 403 role before 400 parameters before 404 recording', async () => {
  const mock = newMock();
  const codeOf = async (path: string, o: Parameters<typeof call>[3]) => {
    const r = await call(mock, 'GET', path, o);
    return [r.status, r.json().error];
  };
  assert.deepEqual(await codeOf('/channels/no-such-channel/recordings', { auth: 'none' }), [401, 'UNAUTHORIZED']);
  assert.deepEqual(await codeOf('/channels/no-such-channel/recordings', { auth: STRANGER }), [404, 'CHANNEL_NOT_FOUND']);
  assert.deepEqual(await codeOf(`/channels/${CH}/recordings`, { auth: STRANGER, query: { limit: '0' } }), [403, 'ACCESS_FORBIDDEN']);
  assert.deepEqual(await codeOf(`/channels/${CH}/recordings`, { auth: OPERATOR, query: { limit: '0' } }), [400, 'BAD_REQUEST']);
  assert.deepEqual(await codeOf(`/channels/${CH}/recordings/no-such-recording/download`, { query: { ttl: 'forever' } }), [400, 'BAD_REQUEST']);
  assert.deepEqual(await codeOf(`/channels/${CH}/recordings/no-such-recording/credentials`, { query: { ttl: 'forever' } }), [400, 'BAD_REQUEST']);
  assert.deepEqual(await codeOf(`/channels/${CH}/recordings/no-such-recording/download`, {}), [404, 'RECORDING_NOT_FOUND']);
  // State errors come last: a recording still running with a bad ttl is a parameter error.
  const running = (await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR })).json();
  assert.deepEqual(await codeOf(`/channels/${CH}/recordings/${running.id}/download`, { query: { ttl: 'forever' } }), [400, 'BAD_REQUEST']);
  assert.deepEqual(await codeOf(`/channels/${CH}/recordings/${running.id}/download`, {}), [400, 'RECORDING_NOT_READY']);
  assert.deepEqual(await codeOf(`/channels/${CH}/recordings/${running.id}/assets`, {}), [400, 'RECORDING_NOT_ENDED']);
});

test('[decision horn/sort-ended-running-last] with sort=ended a running recording ends after every ended one; ties by id keep pages apart', async () => {
  const mock = newMock();
  const running = (await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR })).json();
  const all = async (order: string) => {
    const ids: string[] = [];
    for (let offset = 0; ; offset += 7) {
      const page = (await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { sort: 'ended', order, limit: '7', offset: String(offset) } })).json();
      ids.push(...page.results.map((r: { id: string }) => r.id));
      if (page.results.length < 7) return ids;
    }
  };
  const asc = await all('asc');
  assert.equal(asc.at(-1), running.id, 'ascending: the running recording comes last');
  assert.equal(new Set(asc).size, asc.length, 'no recording on two pages');
  const desc = await all('desc');
  assert.equal(desc[0], running.id, 'descending: it comes first');
  assert.deepEqual(desc, [...asc].reverse());
});

test('[decision horn/download-kind] kind picks the assets by kind, combined_video by default; a kind without assets is 404, an unknown one 400', async () => {
  const mock = newMock();
  const [rec] = (await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { limit: '1' } })).json().results;
  const plain = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/download`)).json();
  assert.equal(new URL(plain.url).searchParams.get('kind'), 'combined_video');
  const kinds = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/assets`)).json().map((a: { kind?: string }) => a.kind ?? 'combined_video');
  const missing = ['archive', 'captions', 'other'].find((k) => !kinds.includes(k))!;
  const none = await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/download`, { query: { kind: missing } });
  assert.deepEqual([none.status, none.json().error], [404, 'ASSET_NOT_FOUND']);
  const bad = await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/download`, { query: { kind: 'thumbnail' } });
  assert.deepEqual([bad.status, bad.json().error], [400, 'BAD_REQUEST']);
});

test('[decision horn/range-malformed-ignored] a malformed Range is ignored (200, whole file); an unsatisfiable one is 416 with bytes */size', async () => {
  const mock = newMock();
  const [rec] = (await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { limit: '1' } })).json().results;
  const { url } = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/download`)).json();
  const whole = await call(mock, 'GET', url, { auth: 'none' });
  for (const range of ['bytes=abc', 'pages=1-2', 'bytes=5-1']) {
    const r = await call(mock, 'GET', url, { auth: 'none', headers: { range } });
    assert.equal(r.status, 200, range);
    assert.deepEqual(r.bytes(), whole.bytes(), range);
  }
  const size = whole.bytes().byteLength;
  const past = await call(mock, 'GET', url, { auth: 'none', headers: { range: `bytes=${size + 10}-` } });
  assert.deepEqual([past.status, past.headers['content-range']], [416, `bytes */${size}`]);
});
