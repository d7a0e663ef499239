// Lifecycle on a frozen clock, lazy settling, 100 concurrent starts, and signed webhooks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { call, control, newMock } from './mock-helpers.ts';

test('active → ending → complete after 3 s of clock time; media size and duration match the fixture', async () => {
  const mock = newMock();
  const id = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).json().recordingId;
  mock.clock.advance(60_000);
  assert.equal((await call(mock, 'GET', `/recordings/${id}`)).json().status, 'active');
  assert.equal((await call(mock, 'GET', `/recordings/${id}/media`)).status, 409);
  assert.equal((await call(mock, 'POST', `/recordings/${id}/stop`)).json().status, 'ending');
  mock.clock.advance(2999);
  assert.equal((await call(mock, 'GET', `/recordings/${id}`)).json().status, 'ending');
  const busy = await call(mock, 'GET', `/recordings/${id}/media`);
  assert.deepEqual([busy.status, busy.json().message], [409, `Recording '${id}' is not stopped yet`]);
  mock.clock.advance(1);
  const done = (await call(mock, 'GET', `/recordings/${id}`)).json();
  assert.equal(done.status, 'complete');
  assert.equal(done.endDate - done.startDate, done.duration * 1000);
  const media = await call(mock, 'GET', `/recordings/${id}/media`);
  assert.equal(media.status, 200);
  assert.equal(media.bytes().byteLength, done.size);
  // The room is free again once the stop was accepted.
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).status, 201);
});

test('an active recording becomes limit_reached after 24 h; finish ends recordings abnormally', async () => {
  const mock = newMock();
  const id = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).json().recordingId;
  mock.clock.advance(24 * 3600_000);
  assert.equal((await call(mock, 'GET', `/recordings/${id}`)).json().status, 'active');
  mock.clock.advance(1);
  const r = (await call(mock, 'GET', `/recordings/${id}`)).json();
  assert.equal(r.status, 'limit_reached');
  assert.equal(r.endDate, r.startDate + 24 * 3600_000);
  assert.equal('size' in r, false);
  const id2 = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-beta' } })).json().recordingId;
  const failed = await control(mock, 'finish', { recordingId: id2, status: 'failed' });
  assert.equal(failed.status, 'failed');
  assert.equal((await mock.control('finish', { recordingId: id2, status: 'aborted' })).status, 409);
  assert.equal((await call(mock, 'DELETE', `/recordings/${id2}`)).status, 200);
});

test('100 concurrent starts in one room: exactly one 201, 99 × 409', async () => {
  const mock = newMock();
  const results = await Promise.all(Array.from({ length: 100 }, () => call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })));
  const statuses = results.map((r) => r.status);
  assert.equal(statuses.filter((s) => s === 201).length, 1);
  assert.equal(statuses.filter((s) => s === 409).length, 99);
});

test('webhooks: started, updated, ended in order, signed over timestamp + exact body bytes', async () => {
  const sent: { url: string; headers: Record<string, string>; body: string }[] = [];
  const fetchSpy = (async (url: string | URL | Request, init?: RequestInit) => {
    const h = new Headers(init?.headers);
    const raw = init?.body;
    const body = typeof raw === 'string' ? raw : new TextDecoder().decode(raw as Uint8Array);
    sent.push({ url: String(url), headers: Object.fromEntries(h.entries()), body });
    return new Response('ok');
  }) as typeof fetch;
  const mock = newMock({ fetch: fetchSpy });
  await control(mock, 'webhook', { url: 'http://receiver.test/hook' });
  const id = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).json().recordingId;
  mock.clock.advance(1000);
  await call(mock, 'POST', `/recordings/${id}/stop`);
  mock.clock.advance(5000);
  assert.equal(mock.tick(), 1);
  await control(mock, 'webhook-flush');
  assert.deepEqual(sent.map((s) => JSON.parse(s.body).event), ['recordingStarted', 'recordingUpdated', 'recordingEnded']);
  for (const s of sent) {
    const b = JSON.parse(s.body);
    assert.equal(s.url, 'http://receiver.test/hook');
    assert.equal(s.headers['x-timestamp'], String(b.creationDate));
    const expected = createHmac('sha256', 'callrec-dev-key').update(`${s.headers['x-timestamp']}.${s.body}`).digest('hex');
    assert.equal(s.headers['x-signature'], expected);
    assert.equal(b.data.recordingId, id);
  }
  const ended = JSON.parse(sent[2]!.body);
  assert.equal(ended.data.status, 'complete');
  assert.equal(ended.creationDate, JSON.parse(sent[1]!.body).creationDate + 3000);
  await mock.close();
});

test('[decision openvidu-meet/settle-order] recordings that end unobserved send recordingEnded oldest first, ties by recordingId', async () => {
  const sent: string[] = [];
  const fetchSpy = (async (_url: unknown, init?: RequestInit) => {
    const raw = init?.body;
    sent.push(typeof raw === 'string' ? raw : new TextDecoder().decode(raw as Uint8Array));
    return new Response('ok');
  }) as typeof fetch;
  const mock = newMock({ fetch: fetchSpy });
  try {
    await control(mock, 'webhook', { url: 'http://receiver.test/' });
    const rooms = ['room-s1', 'room-s2', 'room-s3'];
    const seeded = (await control(mock, 'seed', { rooms: rooms.map((roomId) => ({ roomId, participants: 1 })), recordings: rooms.map((roomId) => ({ roomId, status: 'active' })) })).recordings as { recordingId: string; roomId: string }[];
    const [first, ...tied] = rooms.map((roomId) => seeded.find((r) => r.roomId === roomId)!.recordingId);
    await call(mock, 'POST', `/recordings/${first}/stop`);
    mock.clock.advance(1000);
    for (const id of [...tied].reverse()) await call(mock, 'POST', `/recordings/${id}/stop`);
    mock.clock.advance(10_000);
    mock.tick();
    await control(mock, 'webhook-flush');
    const ended = sent.map((b) => JSON.parse(b)).filter((b) => b.event === 'recordingEnded');
    assert.deepEqual(ended.map((b) => b.data.recordingId), [first, ...[...tied].sort()]);
    assert.deepEqual(ended.map((b) => b.creationDate), [...ended.map((b) => b.creationDate)].sort((a, b) => a - b));
  } finally {
    await mock.close();
  }
});

test('[decision openvidu-meet/stop-details] a recording stopped through the API completes with details "End reason: StopEgress API"', async () => {
  const mock = newMock();
  const id = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).json().recordingId;
  await call(mock, 'POST', `/recordings/${id}/stop`);
  mock.clock.advance(3000);
  const done = (await call(mock, 'GET', `/recordings/${id}`)).json();
  assert.deepEqual([done.status, done.details], ['complete', 'End reason: StopEgress API']);
});

test('a recording holds its room until it has ended: a start while it is ending is 409, after it 201', async () => {
  const mock = newMock();
  const id = (await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).json().recordingId;
  assert.equal((await call(mock, 'POST', `/recordings/${id}/stop`)).json().status, 'ending');
  const during = await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } });
  assert.deepEqual([during.status, during.json().message], [409, "Room 'room-alpha' is already being recorded"]);
  mock.clock.advance(3000);
  assert.equal((await call(mock, 'POST', '/recordings', { body: { roomId: 'room-alpha' } })).status, 201);
});
