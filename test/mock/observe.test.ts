// What the dashboard reads: the request journal, outgoing deliveries and status histories
// (mock/observe.ts, kept by the shared dispatch and the mock core), through the control API.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createClock } from '../../core/clock.ts';
import type { MockRequest } from '../../core/http.ts';
import { createDispatch } from '../../mock/control.ts';
import { EAGER_MAX_ITEMS, HISTORY_MAX_ITEMS, JOURNAL_SIZE, recordingFetch, Ring, StatusHistory, type Delivery, type StatusItem } from '../../mock/observe.ts';
import { getMock } from '../../mock/registry.ts';
import { createNodeMock } from '../../mock/node-mock.ts';

const get = (path: string, query = '', headers: Record<string, string> = {}, method = 'GET', body = ''): MockRequest => ({
  method,
  path,
  query: new URLSearchParams(query),
  headers: { host: 'localhost', ...headers },
  body: new TextEncoder().encode(body),
  origin: 'http://localhost',
});

test('a ring keeps the newest `size` entries, newest first, numbered', () => {
  const r = new Ring<{ seq: number; n: number }>(3);
  for (let n = 1; n <= 5; n++) r.add({ n });
  assert.deepEqual(r.list(), [{ seq: 5, n: 5 }, { seq: 4, n: 4 }, { seq: 3, n: 3 }]);
  r.clear();
  assert.deepEqual(r.list(), []);
});

test('recordingFetch remembers each attempt and hands back an equivalent response', async () => {
  const ring = new Ring<Delivery>(10);
  const clock = createClock({ start: 1000, frozen: true });
  const inner: typeof fetch = async (input) => {
    const url = String(input);
    if (url.includes('down')) throw new Error('connect ECONNREFUSED');
    if (url.includes('empty')) return new Response(null, { status: 204 });
    return new Response('received', { status: 202, headers: { 'x-receiver': 'yes' } });
  };
  const f = recordingFetch(inner, ring, clock);
  const res = await f('http://hooks.test/a', { method: 'POST', headers: { 'x-signature': 'abc' }, body: new TextEncoder().encode('{"event":"x"}') });
  assert.equal(res.status, 202);
  assert.equal(res.headers.get('x-receiver'), 'yes');
  assert.equal(await res.text(), 'received', 'the caller still reads the body');
  assert.equal((await f('http://hooks.test/empty', { method: 'POST' })).status, 204);
  await assert.rejects(f('http://down.test/', { method: 'POST', body: 'b' }), /ECONNREFUSED/);
  const [down, empty, ok] = ring.list();
  assert.deepEqual({ ...ok, ms: 0 }, { seq: 1, at: 1000, method: 'POST', url: 'http://hooks.test/a', headers: { 'x-signature': 'abc' }, body: '{"event":"x"}', status: 202, answer: 'received', ms: 0 });
  assert.equal(empty!.status, 204);
  assert.equal(down!.error, 'connect ECONNREFUSED');
  assert.equal(down!.status, undefined);
});

test('status history: seeded, each change stamped with the mock time it was seen, gone when removed, off above the cap', () => {
  const clock = createClock({ start: 0, frozen: true });
  let items: StatusItem[] = [{ kind: 'recording', id: 'a', room: 'r', status: 'complete' }];
  const h = new StatusHistory(() => items, clock);
  h.restart();
  items = [...items, { kind: 'recording', id: 'b', room: 'r', status: 'active' }];
  h.written(); // a small set: looked at at once, so a second write cannot hide this status
  items = [{ kind: 'recording', id: 'b', room: 'r', status: 'ending' }];
  h.written();
  clock.advance(10);
  items = [{ kind: 'recording', id: 'b', room: 'r', status: 'complete' }];
  h.sample(); // a tick after the advance
  assert.deepEqual(
    h.list().items.map((t) => [t.id, t.history.map((s) => `${s.status}@${s.at}${s.seeded ? ' seeded' : ''}`)]),
    [
      ['a', ['complete@0 seeded', 'gone@0']],
      ['b', ['active@0', 'ending@0', 'complete@10']],
    ],
  );
  items = Array.from({ length: HISTORY_MAX_ITEMS + 1 }, (_, i) => ({ kind: 'recording' as const, id: String(i), status: 'complete' }));
  h.sample();
  assert.deepEqual(h.list(), { tracking: false, maxItems: HISTORY_MAX_ITEMS, items: [] });
  items = [];
  h.restart();
  assert.equal(h.list().tracking, true, 'a reset starts over');
});

test('status history of a larger set: a write only marks it, the next control call looks', () => {
  const clock = createClock({ start: 0, frozen: true });
  let items: StatusItem[] = Array.from({ length: EAGER_MAX_ITEMS + 1 }, (_, i) => ({ kind: 'recording' as const, id: String(i), status: 'complete' }));
  let reads = 0;
  const h = new StatusHistory(() => (reads++, items), clock);
  h.restart();
  items = items.map((it, i) => (i === 0 ? { ...it, status: 'deleted' } : it));
  h.written();
  assert.equal(reads, 1, 'no walk over the set on a write');
  h.sampleIfDirty();
  h.sampleIfDirty();
  assert.equal(reads, 2, 'one look, then clean');
  assert.deepEqual(h.list().items[0]!.history.map((s) => s.status), ['complete', 'deleted']);
});

test('the control API serves the journal (bounded, control calls left out), the deliveries and the histories', async () => {
  const module = getMock('openvidu-meet');
  const mock = createNodeMock(module, { seed: 1, clock: createClock({ start: Date.UTC(2026, 0, 1), frozen: true }), faults: [] });
  const dispatch = createDispatch(mock, module.faults);
  const json = async (req: MockRequest) => JSON.parse(String((await dispatch(req)).body));
  for (let i = 0; i < JOURNAL_SIZE + 5; i++) await dispatch(get('/api/v1/recordings', `maxItems=${i}`));
  await dispatch(get('/__callrec/state'));
  const journal = await json(get('/__callrec/journal'));
  assert.equal(journal.entries.length, JOURNAL_SIZE);
  assert.deepEqual(
    { ...journal.entries[0], ms: 0 },
    { seq: JOURNAL_SIZE + 5, at: Date.UTC(2026, 0, 1), method: 'GET', url: `/api/v1/recordings?maxItems=${JOURNAL_SIZE + 4}`, status: 401, ms: 0 },
  );
  await dispatch(get('/__callrec/journal', '', {}, 'DELETE'));
  assert.deepEqual((await json(get('/__callrec/journal'))).entries, []);
  assert.deepEqual((await json(get('/__callrec/deliveries'))).entries, []);
  const started = await dispatch(get('/api/v1/recordings', '', { 'x-api-key': 'callrec-dev-key', 'content-type': 'application/json' }, 'POST', '{"roomId":"room-alpha"}'));
  assert.equal(started.status, 201);
  const { recordingId } = JSON.parse(String(started.body)) as { recordingId: string };
  const history = await json(get('/__callrec/history'));
  assert.equal(history.tracking, true);
  const track = history.items.find((t: { id: string }) => t.id === recordingId);
  assert.deepEqual(track, { kind: 'recording', id: recordingId, room: 'room-alpha', status: 'active', history: [{ status: 'active', at: Date.UTC(2026, 0, 1) }] });
  assert.ok(history.items.some((t: { history: { seeded?: boolean }[] }) => t.history[0]!.seeded), 'the seeded recordings');
  await mock.close();
});
