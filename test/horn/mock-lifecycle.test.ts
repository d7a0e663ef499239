// A recording on the mock's clock: recording → processing → ready, 30-minute segments, assets
// only once ended, and signed events for every step in order.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hmacSha256, toBase64 } from '../../core/hmac.ts';
import { CHANNELS, DEFAULT_WEBHOOK_SECRET } from '../../mock/horn/index.ts';
import { MIN, OPERATOR, advance, call, control, newMock } from './mock-helpers.ts';

const CH = CHANNELS.recordable;

test('[decision horn/time-epoch-ms] [decision horn/omitted-not-null] [decision horn/processing-time] [decision horn/stop-endpoint] [decision horn/start-returns-recording] [decision horn/assets-after-end] [decision horn/segments] [decision horn/asset-states] [decision horn/recording-error-codes] a 75-minute recording moves recording → processing → ready with 3 segments', async () => {
  const mock = newMock();
  const started = await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR });
  assert.equal(started.status, 200);
  const rec = started.json();
  assert.equal(rec.endTime, undefined);
  assert.equal(rec.readyTime, undefined);
  assert.equal((await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/assets`)).json().error, 'RECORDING_NOT_ENDED');
  assert.equal((await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR })).json().error, 'RECORDING_ALREADY_STARTED');

  advance(mock, 75 * MIN);
  const stopped = await call(mock, 'DELETE', `/channels/${CH}/record`, { auth: OPERATOR });
  assert.equal(stopped.status, 200);
  assert.equal(stopped.json().endTime, rec.startTime + 75 * MIN);
  assert.equal(stopped.json().readyTime, undefined);

  const processing = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/assets`)).json();
  assert.equal(processing.length, 3);
  assert.deepEqual(processing.map((a: any) => a.state), ['uploading', 'uploading', 'uploading']);
  assert.deepEqual(processing.map((a: any) => [a.startTime - rec.startTime, a.endTime - rec.startTime]), [[0, 30 * MIN], [30 * MIN, 60 * MIN], [60 * MIN, 75 * MIN]]);

  advance(mock, 89_999); // 3 segments × 30 s of processing, one millisecond short
  assert.equal((await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}`)).json().readyTime, undefined);
  advance(mock, 1);
  const ready = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}`)).json();
  assert.equal(ready.readyTime, ready.endTime + 90_000);
  const assets = (await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/assets`)).json();
  assert.ok(assets.every((a: any) => a.state === 'uploaded' && a.size > 0));
  const one = await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/assets/${assets[1].id}`);
  assert.deepEqual(one.json(), assets[1]);
  assert.equal((await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}/assets/${rec.id}-s4`)).json().error, 'ASSET_NOT_FOUND');
  assert.equal((await call(mock, 'DELETE', `/channels/${CH}/record`, { auth: OPERATOR })).json().error, 'RECORDING_NOT_STARTED');
});

test('[decision horn/panel-only-recording] a channel going inactive ends its recording and opens a new session when back', async () => {
  const mock = newMock();
  const rec = (await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR })).json();
  advance(mock, 5 * MIN);
  await control(mock, 'channel', { id: CH, active: false });
  assert.equal((await call(mock, 'GET', `/channels/${CH}/recordings/${rec.id}`)).json().endTime, rec.startTime + 5 * MIN);
  assert.equal((await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR })).json().error, 'RECORDING_NOT_PERMITTED');
  const back = await control(mock, 'channel', { id: CH, active: true });
  assert.notEqual(back.session, rec.session);
});

test('[decision horn/event-types] [decision horn/event-secret-per-registration] events are signed Base64 HMAC-SHA256 over the exact body, in order', async () => {
  const sent: { headers: Record<string, string>; body: string }[] = [];
  const mock = newMock({
    fetch: async (_url, init) => {
      sent.push({ headers: init!.headers as Record<string, string>, body: new TextDecoder().decode(init!.body as Uint8Array) });
      return new Response('ok');
    },
  });
  await control(mock, 'webhook', { url: 'http://receiver.test/hook' });
  const rec = (await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR })).json();
  advance(mock, 10 * MIN);
  await call(mock, 'DELETE', `/channels/${CH}/record`, { auth: OPERATOR });
  advance(mock, MIN);
  await control(mock, 'webhook-flush');
  assert.deepEqual(sent.map((s) => JSON.parse(s.body).type), ['recording.started', 'recording.ended', 'recording.ready']);
  for (const s of sent) {
    assert.equal(s.headers['x-horn-signature'], toBase64(await hmacSha256(DEFAULT_WEBHOOK_SECRET, s.body)));
    assert.equal(JSON.parse(s.body).data.id, rec.id);
  }
  await mock.close();
});

test('[decision horn/event-secret-per-registration] a registration with its own secret signs with it', async () => {
  const sent: { sig: string; body: string }[] = [];
  const mock = newMock({
    fetch: async (_url, init) => {
      sent.push({ sig: (init!.headers as Record<string, string>)['x-horn-signature']!, body: new TextDecoder().decode(init!.body as Uint8Array) });
      return new Response('ok');
    },
  });
  assert.deepEqual(await control(mock, 'webhook', { url: 'http://receiver.test/hook', secret: 's3cret' }), { url: 'http://receiver.test/hook', secret: 's3cret' });
  await call(mock, 'POST', `/channels/${CH}/record`, { auth: OPERATOR });
  await control(mock, 'webhook-flush');
  assert.equal(sent[0]!.sig, toBase64(await hmacSha256('s3cret', sent[0]!.body)));
  await mock.close();
});

test('the same seed and clock give the same data; another seed other recordings', async () => {
  const list = async (seed: number) => (await call(newMock({ seed }), 'GET', `/channels/${CH}/recordings`, { query: { limit: '100' } })).json();
  assert.deepEqual(await list(2), await list(2));
  assert.notDeepEqual((await list(2)).results[0].id, (await list(3)).results[0].id);
});
