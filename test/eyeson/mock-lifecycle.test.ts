// Time on the Eyeson mock's clock: started → stopped → finished through duration and
// links.download, recording_update webhooks signed with the API key, link expiry after 1 h,
// byte ranges on the link, retention of 14 days, and pages of 25 with time filters.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { DEV_API_KEY, LINK_TTL_SECONDS, PROCESSING_DELAY_MS, RETENTION_MS } from '../../mock/eyeson/index.ts';
import { WEBM, call, control, local, meeting, newMock, spec } from './mock-helpers.ts';

test('[decision eyeson/processing-delay] three states, told apart by duration and links.download, reached in order', async () => {
  const { mock } = newMock();
  const m = await meeting(mock, { id: 'life' });
  await call(mock, 'POST', `/rooms/${m.accessKey}/recording`);
  const [started] = (await call(mock, 'GET', '/rooms/life/recordings')).json();
  assert.deepEqual([started.duration, started.links.download], [null, null]);
  mock.clock.advance(42_000);
  await call(mock, 'DELETE', `/rooms/${m.accessKey}/recording`);
  const stopped = (await call(mock, 'GET', `/recordings/${started.id}`)).json();
  assert.deepEqual([stopped.duration, stopped.links.download], [42, null]);
  mock.clock.advance(PROCESSING_DELAY_MS - 1);
  assert.equal((await call(mock, 'GET', `/recordings/${started.id}`)).json().links.download, null);
  mock.clock.advance(1);
  const finished = (await call(mock, 'GET', `/recordings/${started.id}`)).json();
  assert.equal(finished.duration, 42);
  assert.match(finished.links.download, /^http:\/\/eyeson\.test\/downloads\/[0-9a-f]{24}\.webm\?expires=\d+&signature=[0-9a-f]{64}$/);
  assert.equal(finished.created_at, Math.floor(Date.UTC(2026, 0, 1) / 1000));
});

test('[decision eyeson/processing-delay] [decision eyeson/webhook-payload] recording_update webhooks: one per transition, in order, signed hex HMAC-SHA256(API key, body)', async () => {
  const { mock, deliveries } = newMock();
  await call(mock, 'POST', '/webhooks', { body: 'url=http%3A%2F%2Freceiver.test%2Fhook&types=recording_update' });
  const m = await meeting(mock);
  await call(mock, 'POST', `/rooms/${m.accessKey}/recording`);
  mock.clock.advance(10_000);
  await call(mock, 'DELETE', `/rooms/${m.accessKey}/recording`);
  mock.clock.advance(PROCESSING_DELAY_MS);
  await control(mock, 'tick');
  await control(mock, 'webhook-flush');
  assert.equal(deliveries.length, 3);
  const states = deliveries.map((d) => {
    assert.equal(d.url, 'http://receiver.test/hook');
    assert.equal(d.headers['x-eyeson-signature'], createHmac('sha256', DEV_API_KEY).update(d.body).digest('hex'));
    const payload = JSON.parse(d.body);
    assert.deepEqual(spec.validateValue('#/components/schemas/RecordingUpdate', payload), []);
    return [payload.recording.duration, payload.recording.links.download === null ? null : 'link'];
  });
  assert.deepEqual(states, [[null, null], [10, null], [10, 'link']]);
  const hook = (await call(mock, 'GET', '/webhooks')).json();
  assert.equal(hook.last_response_code, '200');
  assert.equal(typeof hook.last_request_sent_at, 'string');
});

test('[decision eyeson/download-link-ttl] [decision eyeson/download-endpoint] download links serve the real .webm with ranges, and stop working 1 h after issue', async () => {
  const { mock } = newMock();
  const { finishedRecordingId } = await control(mock, 'defaults');
  const link = local((await call(mock, 'GET', `/recordings/${finishedRecordingId}`)).json().links.download);
  const whole = await call(mock, 'GET', link, { auth: 'none' });
  assert.equal(whole.status, 200);
  assert.equal(whole.headers['content-type'], 'video/webm');
  assert.deepEqual(whole.bytes(), WEBM);
  const part = await call(mock, 'GET', link, { auth: 'none', headers: { range: 'bytes=100-199' } });
  assert.equal(part.status, 206);
  assert.equal(part.headers['content-range'], `bytes 100-199/${WEBM.length}`);
  assert.deepEqual(part.bytes(), WEBM.subarray(100, 200));
  const suffix = await call(mock, 'GET', link, { headers: { range: 'bytes=-10' } });
  assert.deepEqual(suffix.bytes(), WEBM.subarray(WEBM.length - 10));
  assert.equal((await call(mock, 'GET', link, { headers: { range: `bytes=${WEBM.length}-` } })).status, 416);
  assert.equal((await call(mock, 'GET', link, { headers: { range: 'bytes=9-3' } })).status, 200);
  const forged = link.replace(/signature=(.)/, (_, c) => `signature=${c === '0' ? '1' : '0'}`);
  assert.equal((await call(mock, 'GET', forged)).status, 403);

  mock.clock.advance(LINK_TTL_SECONDS * 1000 - 1000);
  assert.equal((await call(mock, 'GET', link)).status, 200);
  mock.clock.advance(1000);
  assert.equal((await call(mock, 'GET', link)).status, 403);
  const fresh = local((await call(mock, 'GET', `/recordings/${finishedRecordingId}`)).json().links.download);
  assert.equal((await call(mock, 'GET', fresh)).status, 200, 'a re-read issues a working link');
});

test('[decision eyeson/retention-14-days] recordings disappear 14 days after creation', async () => {
  const { mock } = newMock();
  const seeded = await control(mock, 'seed', { recordings: [{ roomId: 'keep', createdAt: Date.UTC(2026, 0, 1) - 3600_000 }] });
  const id = seeded.recordings[0] as string;
  const link = local((await call(mock, 'GET', `/recordings/${id}`)).json().links.download);
  mock.clock.advance(RETENTION_MS - 3600_000 - 1000);
  assert.equal((await call(mock, 'GET', `/recordings/${id}`)).status, 200);
  mock.clock.advance(1000);
  assert.equal((await call(mock, 'GET', `/recordings/${id}`)).status, 404);
  assert.deepEqual((await call(mock, 'GET', '/rooms/keep/recordings')).json(), []);
  assert.equal((await call(mock, 'GET', link)).status, 403, 'the old link expired long ago anyway');
});

test('[decision eyeson/list-pages] pages of 25, newest first, no duplicates or gaps, past the end empty; page 0 is page 1', async () => {
  const { mock } = newMock();
  const { archiveRecordingIds } = await control(mock, 'defaults');
  const ids: string[] = [];
  for (let page = 1; page <= 4; page++) {
    const items = (await call(mock, 'GET', `/rooms/callrec-archive/recordings?page=${page}`)).json() as { id: string; created_at: number }[];
    assert.equal(items.length, [25, 25, 10, 0][page - 1]);
    ids.push(...items.map((r) => r.id));
  }
  assert.deepEqual(ids, archiveRecordingIds);
  assert.equal(new Set(ids).size, 60);
  const first = (await call(mock, 'GET', '/rooms/callrec-archive/recordings')).json();
  assert.deepEqual((await call(mock, 'GET', '/rooms/callrec-archive/recordings?page=0')).json(), first);
  assert.equal((await call(mock, 'GET', '/rooms/callrec-archive/recordings?page=-1')).status, 400);
  assert.equal((await call(mock, 'GET', '/rooms/callrec-archive/recordings?page=two')).status, 400);
});

test('[decision eyeson/time-filters] since/until bound created_at inclusively, started_at picks the room instance, all ANDed', async () => {
  const { mock } = newMock();
  const all = [] as { id: string; created_at: number; room: { started_at: string } }[];
  for (let page = 1; page <= 3; page++) all.push(...(await call(mock, 'GET', `/rooms/callrec-archive/recordings?page=${page}`)).json());
  const iso = (s: number) => new Date(s * 1000).toISOString();
  const pivot = all[30]!.created_at;
  const since = (await call(mock, 'GET', `/rooms/callrec-archive/recordings?since=${iso(pivot)}`)).json() as typeof all;
  assert.deepEqual(since.map((r) => r.id), all.filter((r) => r.created_at >= pivot).slice(0, 25).map((r) => r.id));
  const until = (await call(mock, 'GET', `/rooms/callrec-archive/recordings?until=${iso(pivot)}`)).json() as typeof all;
  assert.deepEqual(until.map((r) => r.id), all.filter((r) => r.created_at <= pivot).slice(0, 25).map((r) => r.id));
  const both = (await call(mock, 'GET', `/rooms/callrec-archive/recordings?since=${iso(pivot)}&until=${iso(pivot)}`)).json() as typeof all;
  assert.deepEqual(both.map((r) => r.id), [all[30]!.id]);
  const instances = [...new Set(all.map((r) => r.room.started_at))];
  assert.equal(instances.length, 3);
  const oneInstance = (await call(mock, 'GET', `/rooms/callrec-archive/recordings?started_at=${instances[1]}`)).json() as typeof all;
  assert.deepEqual(oneInstance.map((r) => r.id), all.filter((r) => r.room.started_at === instances[1]).map((r) => r.id));
  const offset = instances[1]!.replace('Z', '+00:00');
  assert.deepEqual((await call(mock, 'GET', `/rooms/callrec-archive/recordings?started_at=${encodeURIComponent(offset)}`)).json(), oneInstance);
  assert.equal((await call(mock, 'GET', '/rooms/callrec-archive/recordings?since=yesterday')).status, 400);
});
