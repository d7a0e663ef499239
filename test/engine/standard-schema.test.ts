// specSchema(): a spec schema as a Standard Schema, used the way a frontend team would, as the
// schema of an @msw/data collection of its own fixtures.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Collection } from '@msw/data';
import { specSchema } from '../../suites/engine/standard-schema.ts';
import type { MeetRecording } from '../../mock/openvidu-meet/types.ts';

const valid: MeetRecording = {
  recordingId: 'room-alpha--EG_abc123--X1Y2Z',
  roomId: 'room-alpha',
  roomName: 'Alpha Standup',
  status: 'complete',
  layout: 'grid',
  filename: 'room-alpha--X1Y2Z.mp4',
  startDate: Date.UTC(2026, 0, 1),
  endDate: Date.UTC(2026, 0, 1, 0, 5),
  duration: 300,
  size: 99_348,
};

describe('specSchema: the spec checks a team\'s @msw/data collection', () => {
  it('a record the spec allows is created and found; one it does not is refused, naming the rule and the spec file', async (t) => {
    const recordings = new Collection({ schema: specSchema<MeetRecording>('openvidu-meet', 'MeetRecording') });
    await recordings.create(valid);
    assert.equal(recordings.findFirst((q) => q.where({ recordingId: valid.recordingId }))?.status, 'complete');
    // @msw/data throws a generic error and logs the schema's issues with console.error.
    const logged = t.mock.method(console, 'error', () => {});
    await assert.rejects(recordings.create({ ...valid, recordingId: 'room-alpha--EG_abc124--X1Y2Z', status: 'paused' as never }), /does not match the schema/);
    await assert.rejects(recordings.create({ ...valid, size: 'big' as never }), /does not match the schema/);
    const issues = logged.mock.calls.map((c) => JSON.stringify(c.arguments));
    assert.match(issues[0]!, /status.*allowed values.*specs\/openvidu-meet\/openapi\.yaml#\/components\/schemas\/MeetRecording/);
    assert.match(issues[1]!, /size must be/);
    assert.equal(recordings.count(), 1);
  });

  it('an unknown schema name throws, listing the names the spec has', () => {
    assert.throws(() => specSchema('openvidu-meet', 'Recording'), /no schema 'Recording' \(it has .*MeetRecording/);
  });

  it('works for every API (the schemas are the suites\' own)', () => {
    for (const api of ['openvidu-meet', 'nextcloud-talk', 'eyeson', 'horn'] as const) {
      const result = specSchema(api, firstSchemaOf(api))['~standard'].validate(Symbol('not JSON'));
      assert.ok(!(result instanceof Promise) && result.issues && result.issues.length > 0, api);
    }
  });
});

function firstSchemaOf(api: string): string {
  try {
    specSchema(api as 'horn', '\u0000');
  } catch (e) {
    return /it has ([^,)]+)/.exec((e as Error).message)![1]!;
  }
  throw new Error('unreachable');
}
