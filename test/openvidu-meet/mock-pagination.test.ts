// Listing: filters, sorting, projection, maxItems rules, page tokens, and exact pagination
// (no duplicates, no gaps) under random data and concurrent writes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { call, control, newMock } from './mock-helpers.ts';
import type { OpenViduMeetMock } from '../../mock/openvidu-meet/index.ts';

type Rec = Record<string, any>;
const FIELDS = ['startDate', 'roomName', 'duration', 'size'] as const;

/** The documented order, written independently of the mock's indexes. */
function reference(recs: Rec[], field: string, order: 'asc' | 'desc'): string[] {
  const cmp = (a: Rec, b: Rec) => {
    const av = a[field];
    const bv = b[field];
    let c = 0;
    if (av === undefined && bv !== undefined) c = -1;
    else if (bv === undefined && av !== undefined) c = 1;
    else if (av !== bv) c = av < bv ? -1 : 1;
    if (c === 0) c = a.recordingId < b.recordingId ? -1 : a.recordingId > b.recordingId ? 1 : 0;
    return order === 'asc' ? c : -c;
  };
  return [...recs].sort(cmp).map((r) => r.recordingId);
}

async function allPages(mock: OpenViduMeetMock, query: Record<string, string>, between?: (page: number) => Promise<void>) {
  const ids: string[] = [];
  let token: string | undefined;
  for (let page = 0; page < 1000; page++) {
    const r = await call(mock, 'GET', '/recordings', { query: { ...query, ...(token ? { nextPageToken: token } : {}) } });
    assert.equal(r.status, 200, String(r.body));
    const j = r.json();
    ids.push(...j.recordings.map((x: Rec) => x.recordingId));
    assert.equal(j.pagination.isTruncated, j.pagination.nextPageToken !== undefined);
    if (!j.pagination.isTruncated) return ids;
    token = j.pagination.nextPageToken;
    await between?.(page);
  }
  throw new Error('too many pages');
}

const recordingArb = fc.record({
  roomId: fc.constantFrom('room-alpha', 'room-beta', 'room-gamma'),
  status: fc.constantFrom('complete', 'complete', 'failed', 'aborted', 'starting'),
  startDate: fc.integer({ min: 1, max: 20 }).map((h) => Date.UTC(2025, 0, 1) + h * 3600_000), // many ties on purpose
});

test('pages concatenate to the documented order for every sort field and direction', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(recordingArb, { maxLength: 40 }), fc.constantFrom(...FIELDS), fc.constantFrom('asc', 'desc'), fc.integer({ min: 1, max: 7 }), async (recs, field, order, maxItems) => {
      const mock = newMock();
      await control(mock, 'seed', { replace: true, rooms: [{ roomId: 'room-gamma', roomName: 'alpha GAMMA' }], recordings: recs });
      const all = mock.snapshot() as { recordings: Rec[] };
      const ids = await allPages(mock, { sortField: field, sortOrder: order, maxItems: String(maxItems) });
      assert.deepEqual(ids, reference(all.recordings, field, order));
    }),
    { numRuns: 25, seed: 42 },
  );
});

test('pages stay exact while recordings are inserted and deleted between requests', async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(recordingArb, { minLength: 5, maxLength: 30 }), fc.constantFrom(...FIELDS), fc.constantFrom('asc', 'desc'), fc.integer({ min: 0, max: 1000 }), async (recs, field, order, salt) => {
      const mock = newMock();
      await control(mock, 'seed', { replace: true, recordings: recs });
      const before = (mock.snapshot() as { recordings: Rec[] }).recordings.map((r) => r.recordingId);
      const deleted = new Set<string>();
      const inserted = new Set<string>();
      const ids = await allPages(mock, { sortField: field, sortOrder: order, maxItems: '3' }, async (page) => {
        const victim = before[(salt + page * 7) % before.length]!;
        if (!deleted.has(victim) && (await call(mock, 'DELETE', `/recordings/${victim}`)).status === 200) deleted.add(victim);
        const { recordings } = await control(mock, 'seed', { recordings: [{ roomId: 'room-beta', status: 'complete', startDate: Date.UTC(2025, 0, 1) + ((salt + page) % 20) * 3600_000 }] });
        inserted.add(recordings[0].recordingId);
      });
      assert.equal(new Set(ids).size, ids.length, 'no duplicates');
      for (const id of before) if (!deleted.has(id)) assert.ok(ids.includes(id), `survivor ${id} is missing`);
      for (const id of ids) assert.ok(before.includes(id) || inserted.has(id));
      const final = (mock.snapshot() as { recordings: Rec[] }).recordings;
      const order2 = reference(final, field, order);
      const seen = ids.filter((id) => !deleted.has(id));
      assert.deepEqual(seen, order2.filter((id) => seen.includes(id)), 'pages in sort order');
    }),
    { numRuns: 20, seed: 7 },
  );
});

test('[decision openvidu-meet/room-filters-or] filters: roomId exact, roomName case-insensitive literal, both = OR, status', async () => {
  const mock = newMock();
  await control(mock, 'seed', {
    rooms: [{ roomId: 'room-dots', roomName: 'a.b (x)' }],
    recordings: [{ roomId: 'room-dots', status: 'failed' }],
  });
  const q = async (query: Record<string, string>) =>
    (await call(mock, 'GET', '/recordings', { query: { maxItems: '100', ...query } })).json().recordings as Rec[];
  assert.ok((await q({ roomId: 'room-beta' })).every((r) => r.roomId === 'room-beta'));
  assert.equal((await q({ roomId: 'room-bet' })).length, 0);
  assert.ok((await q({ roomName: 'ALPHA' })).every((r) => r.roomId === 'room-alpha'));
  assert.equal((await q({ roomName: 'ALPHA' })).length, 10);
  assert.equal((await q({ roomName: '.b (' })).length, 1); // literal, not a regex
  assert.equal((await q({ roomName: 'a.*x' })).length, 0);
  assert.equal((await q({ roomId: 'room-dots', roomName: 'beta' })).length, 11); // OR
  assert.deepEqual((await q({ status: 'failed' })).map((r) => r.roomId), ['room-dots']);
});

test('[decision openvidu-meet/fields-projection-partial] [decision openvidu-meet/max-items-floor-clamp] [decision openvidu-meet/sort-field-enum] [decision openvidu-meet/bad-page-token-422] fields projection, maxItems rules, bad parameters', async () => {
  const mock = newMock();
  const list = async (query: Record<string, string>) => call(mock, 'GET', '/recordings', { query });
  const p = (await list({ fields: 'recordingId, status,nonsense', maxItems: '2' })).json();
  assert.deepEqual(Object.keys(p.recordings[0]).sort(), ['recordingId', 'status']);
  assert.equal((await list({})).json().pagination.maxItems, 10);
  assert.equal((await list({ maxItems: '3.5' })).json().recordings.length, 3);
  const clamped = (await list({ maxItems: '101' })).json();
  assert.equal(clamped.pagination.maxItems, 100);
  assert.equal(clamped.pagination.isTruncated, false);
  assert.equal('nextPageToken' in clamped.pagination, false);
  for (const [k, v, msg] of [
    ['maxItems', '0', 'maxItems must be a positive number'],
    ['maxItems', '-5', 'maxItems must be a positive number'],
    ['maxItems', 'abc', 'Expected number, received nan'],
    ['sortField', 'endDate', undefined],
    ['sortOrder', 'up', undefined],
    ['status', 'recording', undefined],
    ['nextPageToken', 'not a token!', 'Invalid nextPageToken'],
    ['nextPageToken', Buffer.from('{"v":1}').toString('base64url'), 'Invalid nextPageToken'],
  ] as const) {
    const r = await list({ [k]: v });
    assert.equal(r.status, 422, `${k}=${v}`);
    assert.equal(r.json().details[0].field, k);
    if (msg) assert.equal(r.json().details[0].message, msg);
  }
  // Default order: startDate descending.
  const dates = (await list({ maxItems: '100' })).json().recordings.map((r: Rec) => r.startDate);
  assert.deepEqual(dates, [...dates].sort((a, b) => b - a));
});
