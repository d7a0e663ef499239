// Generated traffic against the Eyeson mock: a few thousand valid and invalid requests (methods,
// odd ids, bodies in every encoding, broken queries, wrong keys). Invariants: no 5xx, every answer
// to a documented operation conforms to the spec (strict mode throws otherwise), 405 carries
// Allow, error bodies are JSON {error}, and the state invariants of recordings hold throughout.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { LOCKED_API_KEY, OTHER_API_KEY } from '../../mock/eyeson/index.ts';
import { call, control, newMock } from './mock-helpers.ts';

test('generated traffic: no 5xx, spec-conformant answers, state invariants hold', async () => {
  const { mock } = newMock();
  const keys: string[] = [];
  for (let i = 0; i < 3; i++) keys.push((await control(mock, 'room', { id: `fuzz-${i}`, recordingAvailable: i !== 2 })).accessKey);
  const { archiveRecordingIds } = await control(mock, 'defaults');

  const id = fc.oneof(fc.constantFrom(...keys, ...archiveRecordingIds.slice(0, 3), 'fuzz-0', 'callrec-archive', 'callrec-other-room'), fc.string({ maxLength: 12 }).map(encodeURIComponent), fc.constantFrom('%', '..', '%00', 'a%2Fb', ' '));
  const path = fc.oneof(
    fc.constant('/rooms'),
    id.map((x) => `/rooms/${x}`),
    id.map((x) => `/rooms/${x}/recording`),
    id.map((x) => `/rooms/${x}/recordings`),
    id.map((x) => `/recordings/${x}`),
    fc.constant('/webhooks'),
    id.map((x) => `/webhooks/${x}`),
    id.map((x) => `/downloads/${x}.webm`),
    fc.constantFrom('/', '/rooms/a/b/c', '/recordings', '/rooms//recording'),
  );
  const method = fc.constantFrom('GET', 'POST', 'DELETE', 'PUT', 'PATCH', 'HEAD', 'OPTIONS');
  const query = fc.record(
    { page: fc.oneof(fc.nat(5).map(String), fc.constantFrom('-1', 'x', '1.5', '')), since: fc.constantFrom('2025-12-20T00:00:00Z', 'nope', '2025-12-20T00:00:00+01:00'), until: fc.constantFrom('2026-01-01T00:00:00Z', '2026-13-01T00:00:00Z'), started_at: fc.constantFrom('2025-12-20T10:00:00Z', '') },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    fc.constant(undefined),
    fc.record({ user: fc.record({ name: fc.string({ maxLength: 8 }) }), id: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }) }),
    fc.record({ url: fc.constantFrom('https://r.test/h', 'ftp://x', ''), types: fc.constantFrom('recording_update', 'bogus,room_update', '') }),
    fc.constantFrom('user[name]=Ada&options[recording_available]=false', 'url=https%3A%2F%2Fr.test&types=recording_update', 'user[]=x&user[name]', '%%%', 'a[b][c]=1&a[b][]=2'),
    fc.uint8Array({ maxLength: 40 }),
  );
  const auth = fc.constantFrom<Record<string, string> | 'none' | undefined>(undefined, 'none', { authorization: 'wrong' }, { authorization: LOCKED_API_KEY }, { authorization: OTHER_API_KEY });
  const contentType = fc.constantFrom(undefined, 'application/json', 'text/plain', 'multipart/form-data; boundary=x');

  let requests = 0;
  await fc.assert(
    fc.asyncProperty(method, path, query, body, auth, contentType, fc.nat(20_000), async (m, p, q, b, a, ct, advance) => {
      mock.clock.advance(advance);
      const res = await call(mock, m, p, { query: q as Record<string, string>, body: b, auth: a, headers: ct ? { 'content-type': ct } : {} });
      requests++;
      assert.ok(res.status < 500, `${m} ${p} → ${res.status} ${JSON.stringify(res.body)}`);
      if (res.status === 405) assert.ok(res.headers['allow'], `405 without Allow: ${m} ${p}`);
      if (res.status >= 400 && m !== 'HEAD') assert.equal(typeof res.json().error, 'string');
    }),
    { numRuns: 2500, seed: 3 },
  );
  assert.ok(requests >= 2500);

  // State invariants: fields only ever set in order; at most one running recording per instance.
  const state = mock.snapshot() as { recordings: { state: string; durationSeconds: number | null; finishedAt: number | null; stoppedAt: number | null }[]; rooms: { instances: { recordingId: string | null }[] }[] };
  for (const r of state.recordings) {
    if (r.state === 'started') assert.equal(r.durationSeconds, null);
    if (r.finishedAt !== null) assert.ok(r.stoppedAt !== null && r.durationSeconds !== null);
  }
  await mock.close();
});
