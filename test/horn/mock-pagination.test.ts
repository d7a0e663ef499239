// Listing: limit/offset pages without duplicates or gaps, `total` that never counts deleted
// recordings, sort/order honoured, session filter, out-of-range offsets, and a 100k data set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHANNELS } from '../../mock/horn/index.ts';
import { call, control, newMock } from './mock-helpers.ts';
import type { HornMock } from '../../mock/horn/index.ts';

const CH = CHANNELS.recordable;

async function walk(mock: HornMock, query: Record<string, string>, limit: number) {
  const seen: any[] = [];
  for (let offset = 0; ; offset += limit) {
    const page = (await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { ...query, limit: String(limit), offset: String(offset) } })).json();
    seen.push(...page.results);
    if (page.results.length < limit) return { seen, total: page.total };
  }
}

test('[decision horn/list-parameters] pages cover every live recording once; total excludes the deleted ones', async () => {
  const mock = newMock();
  const state = (mock.snapshot() as { recordingCount: number; deletedCount: number });
  assert.ok(state.deletedCount > 0, 'the default data includes deleted recordings');
  const { seen, total } = await walk(mock, {}, 7);
  assert.equal(new Set(seen.map((r) => r.id)).size, seen.length);
  assert.equal(seen.length, total);
  assert.equal(total, 24);
  await control(mock, 'delete-recording', { recordingId: seen[0].id });
  assert.equal((await call(mock, 'GET', `/channels/${CH}/recordings`)).json().total, 23);
  assert.equal((await call(mock, 'GET', `/channels/${CH}/recordings/${seen[0].id}`)).status, 404);
});

test('[decision horn/list-parameters] sort and order are honoured, defaults started/desc', async () => {
  const mock = newMock();
  const keyed = async (sort: string, order: string, key: 'startTime' | 'endTime') => {
    const { seen } = await walk(mock, { sort, order }, 100);
    const keys = seen.map((r) => r[key]);
    const sorted = [...keys].sort((x, y) => (order === 'asc' ? x - y : y - x));
    assert.deepEqual(keys, sorted, `${sort} ${order}`);
    return seen.map((r) => r.id);
  };
  const startedDesc = await keyed('started', 'desc', 'startTime');
  await keyed('started', 'asc', 'startTime');
  const endedAsc = await keyed('ended', 'asc', 'endTime');
  await keyed('ended', 'desc', 'endTime');
  assert.deepEqual((await walk(mock, {}, 100)).seen.map((r) => r.id), startedDesc);
  assert.notDeepEqual(endedAsc, [...startedDesc].reverse(), 'end order differs from start order in the data');
});

test('[decision horn/list-parameters] [decision horn/offset-past-end] session filter, offset past the end, and bad parameters', async () => {
  const mock = newMock();
  const all = (await walk(mock, {}, 100)).seen;
  const session = all[0].session;
  const filtered = await walk(mock, { session }, 5);
  assert.equal(filtered.total, all.filter((r) => r.session === session).length);
  assert.ok(filtered.seen.every((r) => r.session === session));
  const past = await call(mock, 'GET', `/channels/${CH}/recordings`, { query: { offset: '1000' } });
  assert.deepEqual(past.json(), { total: all.length, results: [] });
  const bad: Record<string, string>[] = [{ limit: '0' }, { limit: '101' }, { limit: 'ten' }, { offset: '-1' }, { sort: 'created' }, { order: 'up' }];
  for (const query of bad) {
    const r = await call(mock, 'GET', `/channels/${CH}/recordings`, { query });
    assert.deepEqual([r.status, r.json().error], [400, 'BAD_REQUEST'], JSON.stringify(query));
  }
});

test('100k recordings: deep pages are exact and consistent with total', async () => {
  const mock = newMock();
  await control(mock, 'seed', { generate: { channel: CHANNELS.conference, recordings: 100_000, sessions: 10, deletedShare: 0.01 } });
  const first = (await call(mock, 'GET', `/channels/${CHANNELS.conference}/recordings`, { query: { limit: '100', sort: 'ended', order: 'asc' } })).json();
  const total = first.total;
  assert.ok(total > 98_000 && total < 100_010, String(total));
  const last = (await call(mock, 'GET', `/channels/${CHANNELS.conference}/recordings`, { query: { limit: '100', offset: String(total - 3), sort: 'ended', order: 'asc' } })).json();
  assert.equal(last.results.length, 3);
  const lastDesc = (await call(mock, 'GET', `/channels/${CHANNELS.conference}/recordings`, { query: { limit: '3', sort: 'ended', order: 'desc' } })).json();
  assert.deepEqual(lastDesc.results.map((r: any) => r.id), last.results.map((r: any) => r.id).reverse());
  for (let i = 1; i < first.results.length; i++) assert.ok(first.results[i - 1].endTime <= first.results[i].endTime);
});
