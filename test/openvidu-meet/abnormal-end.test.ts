// Recordings that end without a normal stop (control `finish`, the 24 h limit): what the mock shows.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, control, newMock } from './mock-helpers.ts';

async function activeIn(mock: ReturnType<typeof newMock>, roomId: string): Promise<{ recordingId: string; startDate: number }> {
  const seeded = await control(mock, 'seed', { rooms: [{ roomId, roomName: roomId, participants: 1 }], recordings: [{ roomId, status: 'active' }] });
  return seeded.recordings[0];
}

test('[decision openvidu-meet/abnormal-end-fields] failed, aborted and limit_reached carry their end and no media fields; 24 h end limit_reached', async () => {
  const mock = newMock();
  const expected = {
    failed: { errorCode: 500, error: 'Egress failed', details: 'End reason: egress failure' },
    aborted: { details: 'End reason: recording aborted' },
    limit_reached: { details: 'End reason: recording time limit reached' },
  } as const;
  for (const [status, fields] of Object.entries(expected)) {
    const rec = await activeIn(mock, `end-${status.replace('_', '')}`);
    await control(mock, 'finish', { recordingId: rec.recordingId, status });
    const read = (await call(mock, 'GET', `/recordings/${rec.recordingId}`)).json();
    assert.equal(read.status, status);
    for (const [k, v] of Object.entries(fields)) assert.equal(read[k], v, `${status} ${k}`);
    if (status !== 'failed') for (const k of ['errorCode', 'error']) assert.equal(k in read, false, `${status} ${k}`);
    for (const k of ['size', 'duration']) assert.equal(k in read, false, `${status} has no ${k}`);
    assert.ok(read.endDate >= read.startDate);
    assert.equal((await call(mock, 'GET', `/recordings/${rec.recordingId}/media`)).status, 409);
  }
  const lasting = await activeIn(mock, 'end-24h');
  mock.clock.advance(24 * 3600_000 + 1);
  const after = (await call(mock, 'GET', `/recordings/${lasting.recordingId}`)).json();
  assert.equal(after.status, 'limit_reached');
  assert.equal(after.endDate, lasting.startDate + 24 * 3600_000);
  assert.equal(after.details, 'End reason: recording time limit reached');
});
