// The fault catalogue: well-formed, naming only the agreed check ids, and the examples
// really show on the wire when switched on (and not when off).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { DEV_API_KEY, LINK_TTL_SECONDS, faults } from '../../mock/eyeson/index.ts';
import type { EyesonMock } from '../../mock/eyeson/index.ts';
import { call, control, local, meeting, newMock } from './mock-helpers.ts';
import { trips } from '../../suites/eyeson/faults.ts';

const CHECK_IDS = [
  'schema.responses-conform', 'auth.api-key', 'recording.start-stop-statuses', 'lifecycle.fields-in-order',
  'pagination.pages', 'pagination.time-filters', 'download.link-expiry', 'download.ranges', 'retention.fourteen-days',
  'webhooks.signature', 'webhooks.transitions', 'delete.lifecycle', 'sdk.body-encodings', 'robustness.bad-input',
  'rooms.options-honoured', 'rooms.current-meetings', 'auth.every-operation', 'webhooks.bookkeeping', 'recording.fields', 'robustness.unknown-ids', 'rooms.input-validation', 'webhooks.registration',
].map((c) => `eyeson.${c}`);

test('the catalogue: unique kebab-case names, every check id tripped, nothing else', () => {
  const names = faults.map((f) => f.name);
  assert.equal(new Set(names).size, names.length);
  for (const f of faults) {
    assert.match(f.name, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(f.description.length > 10);
    for (const t of trips[f.name]) assert.ok(CHECK_IDS.includes(t), `${f.name} trips unknown ${t}`);
  }
  for (const id of CHECK_IDS) assert.ok(faults.some((f) => trips[f.name].includes(id)), `${id} has no fault`);
});

/** Runs `probe` on a clean mock and on one with `fault`: it must differ. */
async function shows(fault: string, probe: (mock: EyesonMock) => Promise<unknown>): Promise<void> {
  const clean = await probe(newMock().mock);
  const faulty = await probe(newMock({ faults: [fault], strictSpec: false }).mock);
  assert.notDeepEqual(faulty, clean, `${fault} does not change the probe (${JSON.stringify(clean)})`);
}

const stoppedRecording = async (mock: EyesonMock) => {
  const m = await meeting(mock, { id: 'probe' });
  await call(mock, 'POST', `/rooms/${m.accessKey}/recording`);
  mock.clock.advance(3000);
  await call(mock, 'DELETE', `/rooms/${m.accessKey}/recording`);
  return (await call(mock, 'GET', '/rooms/probe/recordings')).json()[0];
};

test('issue example: a download link while duration is still null', async () => {
  await shows('download-before-duration', async (mock) => {
    const r = await stoppedRecording(mock);
    return [r.duration, r.links.download === null];
  });
});

test('issue example: an expired link is still served', async () => {
  await shows('expired-link-served', async (mock) => {
    const { finishedRecordingId } = await control(mock, 'defaults');
    const link = local((await call(mock, 'GET', `/recordings/${finishedRecordingId}`)).json().links.download);
    mock.clock.advance(LINK_TTL_SECONDS * 1000 + 1000);
    return (await call(mock, 'GET', link)).status;
  });
});

test('issue example: page 2 repeats the last item of page 1', async () => {
  await shows('page-repeats-last-item', async (mock) => {
    const p1 = (await call(mock, 'GET', '/rooms/callrec-archive/recordings?page=1')).json();
    const p2 = (await call(mock, 'GET', '/rooms/callrec-archive/recordings?page=2')).json();
    return p2[0].id === p1[24].id;
  });
});

test('issue example: a webhook signed with the wrong key', async () => {
  const probe = async (fault?: string) => {
    const { mock, deliveries } = newMock(fault ? { faults: [fault], strictSpec: false } : {});
    await control(mock, 'webhook', { url: 'http://receiver.test/' });
    const m = await meeting(mock);
    await call(mock, 'POST', `/rooms/${m.accessKey}/recording`);
    await control(mock, 'webhook-flush');
    const d = deliveries[0]!;
    return d.headers['x-eyeson-signature'] === createHmac('sha256', DEV_API_KEY).update(d.body).digest('hex');
  };
  assert.equal(await probe(), true);
  assert.equal(await probe('webhook-signed-wrong-key'), false);
  assert.equal(await probe('webhook-signature-base64'), false);
});

test('webhook-types-ignored: a room_update webhook gets recording_update', async () => {
  const probe = async (fault?: string) => {
    const { mock, deliveries } = newMock(fault ? { faults: [fault], strictSpec: false } : {});
    await call(mock, 'POST', '/webhooks', { body: { url: 'http://receiver.test/', types: 'room_update' } });
    const m = await meeting(mock);
    await call(mock, 'POST', `/rooms/${m.accessKey}/recording`);
    await control(mock, 'webhook-flush');
    return deliveries.length;
  };
  assert.equal(await probe(), 0);
  assert.ok((await probe('webhook-types-ignored')) > 0);
});

test('status, auth, encoding and robustness faults show on the wire', async () => {
  await shows('second-start-201', async (mock) => {
    const m = await meeting(mock);
    await call(mock, 'POST', `/rooms/${m.accessKey}/recording`);
    return (await call(mock, 'POST', `/rooms/${m.accessKey}/recording`)).status;
  });
  await shows('locked-key-401', async (mock) => (await call(mock, 'GET', '/webhooks', { auth: { authorization: 'callrec-eyeson-locked-key' } })).status);
  await shows('any-api-key-accepted', async (mock) => (await call(mock, 'GET', '/webhooks', { auth: { authorization: 'wrong' } })).status);
  await shows('form-body-rejected', async (mock) => (await call(mock, 'POST', '/rooms', { body: 'user[name]=A' })).status);
  await shows('json-body-rejected', async (mock) => (await call(mock, 'POST', '/rooms', { body: { user: { name: 'A' } } })).status);
  await shows('bracketed-keys-ignored', async (mock) => (await call(mock, 'POST', '/rooms', { body: 'user[name]=A' })).status);
  await shows('malformed-json-500', async (mock) => (await call(mock, 'POST', '/webhooks', { body: new TextEncoder().encode('{'), headers: { 'content-type': 'application/json' } })).status);
  await shows('unknown-method-404', async (mock) => (await call(mock, 'PUT', '/webhooks')).status);
  await shows('bearer-api-key-accepted', async (mock) => (await call(mock, 'GET', '/webhooks', { auth: { authorization: `Bearer ${DEV_API_KEY}` } })).status);
  await shows('unknown-access-key-500', async (mock) => (await call(mock, 'GET', '/rooms/nobody-issued-this', { auth: 'none' })).status);
  await shows('duration-whole-minutes', async (mock) => {
    const m = await meeting(mock);
    await call(mock, 'POST', `/rooms/${m.accessKey}/recording`, { auth: 'none' });
    const id = (await call(mock, 'GET', `/rooms/${m.accessKey}`, { auth: 'none' })).json().recording.id;
    mock.clock.advance(95_000);
    await call(mock, 'DELETE', `/rooms/${m.accessKey}/recording`, { auth: 'none' });
    return (await call(mock, 'GET', `/recordings/${id}`)).json().duration;
  });
  await shows('room-name-ignored', async (mock) => (await call(mock, 'POST', '/rooms', { body: { id: 'named-room', name: 'Weekly standup', user: { name: 'x' } } })).json().room.name);
  await shows('webhook-replace-keeps-id', async (mock) => {
    await call(mock, 'POST', '/webhooks', { body: { url: 'https://hooks.test/a', types: 'recording_update' } });
    const first = (await call(mock, 'GET', '/webhooks')).json().id;
    await call(mock, 'POST', '/webhooks', { body: { url: 'https://hooks.test/b', types: 'recording_update' } });
    return (await call(mock, 'GET', '/webhooks')).json().id === first;
  });
  await shows('list-wrapped-in-object', async (mock) => Array.isArray((await call(mock, 'GET', '/rooms/callrec-archive/recordings')).json()));
  await shows('recordings-never-expire', async (mock) => {
    mock.clock.advance(15 * 24 * 3600_000);
    return (await call(mock, 'GET', '/rooms/callrec-archive/recordings')).json().length;
  });
  await shows('deleted-still-listed', async (mock) => {
    const { finishedRecordingId } = await control(mock, 'defaults');
    await call(mock, 'DELETE', `/recordings/${finishedRecordingId}`);
    return (await call(mock, 'GET', '/rooms/callrec-archive/recordings')).json()[0].id;
  });
});

test('every fault keeps the mock answering a full client flow without 5xx (except malformed-json-500)', async () => {
  for (const f of faults) {
    const { mock } = newMock({ faults: [f.name], strictSpec: false });
    await call(mock, 'POST', '/webhooks', { body: 'url=http%3A%2F%2Fr.test%2F&types=recording_update' });
    const r = await stoppedRecording(mock);
    mock.clock.advance(6000);
    const statuses = [
      (await call(mock, 'GET', `/recordings/${r?.id ?? 'x'}`)).status,
      (await call(mock, 'GET', '/rooms/callrec-archive/recordings?page=2&since=2025-12-20T00:00:00Z')).status,
      (await call(mock, 'DELETE', `/recordings/${r?.id ?? 'x'}`)).status,
      (await call(mock, 'GET', '/webhooks')).status,
    ];
    assert.ok(statuses.every((s) => s < 500), `${f.name}: ${statuses}`);
    await mock.close();
  }
});
