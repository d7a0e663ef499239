// limit/offset pagination of GET /channels/{id}/recordings (facts §1.4): walking the pages shows
// every matching recording exactly once, in the order `sort` × `order` asks for, `total` counts the
// matching recordings (deleted ones never) on every page, and an offset past the end is an empty
// page (decision `offset-past-end`). On the mock, fast-check generates the data sets (deleted and
// nested recordings included) and the queries, and a reference model says what each page must be.
import fc from 'fast-check';
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { duplicates, expectedIds, firstInversion } from '../pagination-model.ts';
import type { ListQuery, ModelRecording, SortKey, SortOrder } from '../pagination-model.ts';
import { runProperty } from '../../engine/property.ts';
import { OP, excerpt, expectStatus, freshChannel, get, mockNow, paths, recordableChannel, roleAuth } from '../support.ts';

const LIST_SPEC = '#/paths/~1channels~1{channelId}~1recordings/get';
const MAX_PAGES = 200;

interface Listed {
  id: string;
  startTime?: number;
  endTime?: number;
}

interface Walk {
  items: Listed[];
  totals: number[];
  last: TargetResponse;
}

function pageOf(ctx: CheckContext, res: TargetResponse): { total: number; results: Listed[] } {
  expectStatus(ctx, res, 200, 'a valid listing answers 200', OP.list);
  const body = res.json<{ total?: unknown; results?: unknown }>();
  if (typeof body?.total !== 'number' || !Array.isArray(body.results)) {
    ctx.fail({ rule: 'a listing is {total, results}', specRef: LIST_SPEC, expected: '{"total": <number>, "results": [...]}', actual: excerpt(res), response: res, operation: OP.list });
  }
  return { total: body.total, results: body.results as Listed[] };
}

const describeQuery = (q: ListQuery) => JSON.stringify(q);

/** Follows offsets until `total` is reached (or a page comes back empty). */
async function walk(ctx: CheckContext, channel: string, q: ListQuery): Promise<Walk> {
  const auth = roleAuth(ctx, 'operator');
  const items: Listed[] = [];
  const totals: number[] = [];
  let last: TargetResponse | undefined;
  for (let offset = 0, page = 0; page < MAX_PAGES; page++, offset += q.limit) {
    last = await get(ctx, paths.list(channel), OP.list, auth, { ...q, offset });
    const { total, results } = pageOf(ctx, last);
    totals.push(total);
    if (results.length > q.limit) {
      ctx.fail({ rule: 'a page holds at most `limit` recordings', specRef: LIST_SPEC, expected: `≤ ${q.limit} results`, actual: `${results.length} results`, response: last, operation: OP.list });
    }
    items.push(...results);
    if (results.length === 0 || offset + q.limit >= total) return { items, totals, last };
  }
  ctx.fail({ rule: 'walking the offsets reaches the end', expected: `the listing to end within ${MAX_PAGES} pages`, actual: 'it did not', response: last, operation: OP.list });
}

/** Rules any server must keep, whatever its data: consistent totals, no repeats, order, coverage, past-end. */
async function judgeWalk(ctx: CheckContext, channel: string, q: ListQuery, w: Walk): Promise<void> {
  const fail = (rule: string, expected: string, actual: string, response = w.last) =>
    ctx.fail({ rule, specRef: LIST_SPEC, expected, actual: `${actual} (query ${describeQuery(q)})`, response, operation: OP.list });
  const total = w.totals[0] ?? 0;
  if (w.totals.some((t) => t !== total)) fail('`total` is the same on every page', `total ${total} on each page`, `totals ${JSON.stringify(w.totals)}`);
  const ids = w.items.map((i) => i.id);
  const dups = duplicates(ids);
  if (dups.length > 0) fail('pages never repeat a recording', 'each recording once', `repeated ${JSON.stringify(dups.slice(0, 5))}`);
  if (ids.length !== total) fail('walking the pages shows `total` recordings', `${total} recordings`, `${ids.length} recordings`);
  const sort: SortKey = q.sort ?? 'started';
  const order: SortOrder = q.order ?? 'desc';
  const at = firstInversion(w.items, sort, order);
  if (at >= 0) {
    const [a, b] = [w.items[at - 1]!, w.items[at]!];
    fail(`results are sorted by ${sort === 'ended' ? 'endTime' : 'startTime'} ${order}`, `${a.id} before ${b.id} in ${order} order`, `${JSON.stringify(a)} then ${JSON.stringify(b)}`);
  }
  for (const offset of [total, total + q.limit + 3]) {
    const res = await get(ctx, paths.list(channel), OP.list, roleAuth(ctx, 'operator'), { ...q, offset });
    if (res.status !== 200) fail('an offset past the end is an empty page, not an error', 'HTTP 200 with results []', `HTTP ${res.status} ${excerpt(res)} at offset ${offset}`, res);
    const page = pageOf(ctx, res);
    if (page.results.length !== 0 || page.total !== total) fail('an offset past the end is an empty page with the same total', `results [] and total ${total}`, `${page.results.length} results, total ${page.total} at offset ${offset}`, res);
  }
}

// ---------------------------------------------------------------- generated data sets (mock)

interface DataSpec {
  /** Start slot (10-minute steps), duration in minutes, session 0|1, deleted. */
  rows: { slot: number; minutes: number; session: 0 | 1; deleted: boolean }[];
}

const dataArb: fc.Arbitrary<DataSpec> = fc.record({
  rows: fc.uniqueArray(
    fc.record({ slot: fc.integer({ min: 2, max: 120 }), minutes: fc.integer({ min: 1, max: 90 }), session: fc.constantFrom<0 | 1>(0, 1), deleted: fc.integer({ min: 0, max: 4 }).map((n) => n === 0) }),
    { maxLength: 16, selector: (r) => r.slot },
  ),
});

const queryArb: fc.Arbitrary<{ limit: number; sort?: SortKey; order?: SortOrder; session?: 0 | 1 }> = fc.record(
  {
    limit: fc.integer({ min: 1, max: 7 }),
    sort: fc.constantFrom<SortKey>('started', 'ended'),
    order: fc.constantFrom<SortOrder>('asc', 'desc'),
    session: fc.constantFrom<0 | 1>(0, 1),
  },
  { requiredKeys: ['limit'] },
);

/**
 * Seeds a fresh channel with the rows plus two fixed ones: a recording that starts first and ends
 * last around one that starts later and ends sooner (so sort=ended differs from sort=started),
 * and a deleted one (so `total` can be caught counting it). Start and end times are distinct.
 */
async function seedDataSet(ctx: CheckContext, spec: DataSpec): Promise<{ channel: string; sessions: [string, string]; data: ModelRecording[] }> {
  const control = ctx.control!;
  const channel = await freshChannel(ctx);
  const sessions: [string, string] = [`${channel}-session-a`, `${channel}-session-b`];
  const base = (await mockNow(ctx)) - 30 * 24 * 3_600_000;
  const rows = [
    { slot: 0, minutes: 600, session: 0 as const, deleted: false },
    { slot: 1, minutes: 2, session: 1 as const, deleted: false },
    { slot: 200, minutes: 5, session: 0 as const, deleted: true },
    ...spec.rows,
  ];
  // `i` milliseconds on each duration keep end times distinct (start slots are distinct already).
  const planned = rows.map((r, i) => ({ ...r, startTime: base + r.slot * 600_000, durationMs: r.minutes * 60_000 + i + 1 }));
  const seeded = (await control.seed({
    recordings: planned.map((p) => ({ channel, state: 'ready', startTime: p.startTime, durationMs: p.durationMs, session: sessions[p.session], deleted: p.deleted })),
  })) as { recordings: { id: string; startTime: number }[] };
  // The seed answers the live recordings in the order given; deleted ones are not answered.
  const live = planned.filter((p) => !p.deleted);
  const data: ModelRecording[] = live.map((p, i) => ({ id: seeded.recordings[i]!.id, session: sessions[p.session], startTime: p.startTime, endTime: p.startTime + p.durationMs, deleted: false }));
  const deletedCount = planned.length - live.length;
  for (let i = 0; i < deletedCount; i++) data.push({ id: `deleted-${i}`, session: sessions[0], startTime: 0, endTime: 0, deleted: true });
  return { channel, sessions, data };
}

const limitOffset: Check = {
  id: 'horn.pagination.limit-offset',
  title: 'limit/offset pages show every recording once, in sort × order, with a consistent total; past the end is empty',
  operations: [OP.list],
  specRef: LIST_SPEC,
  needs: ['credentials'],
  decision: 'offset-past-end',
  async run(ctx) {
    if (!ctx.control) {
      // A real server's data is its own: judge what any data set must satisfy.
      const channel = recordableChannel(ctx);
      for (const sort of ['started', 'ended'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const q: ListQuery = { limit: 3, sort, order };
          await judgeWalk(ctx, channel, q, await walk(ctx, channel, q));
        }
      }
      return;
    }
    await runProperty(
      ctx,
      fc.asyncProperty(dataArb, fc.array(queryArb, { minLength: 2, maxLength: 4 }), async (spec, queries) => {
        const { channel, sessions, data } = await seedDataSet(ctx, spec);
        // Every data set is also walked with the defaults and with a non-default order per key.
        const all: ListQuery[] = [
          { limit: 4 },
          { limit: 3, sort: 'ended', order: 'asc' },
          { limit: 5, sort: 'started', order: 'asc' },
          ...queries.map(({ session, ...q }): ListQuery => ({ ...q, ...(session !== undefined ? { session: sessions[session] } : {}) })),
        ];
        for (const q of all) {
          const w = await walk(ctx, channel, q);
          await judgeWalk(ctx, channel, q, w);
          const want = expectedIds(data, q);
          const got = w.items.map((i) => i.id);
          if (w.totals[0] !== want.length || got.join() !== want.join()) {
            ctx.fail({
              rule: 'the pages show exactly the matching, undeleted recordings in the requested order',
              specRef: LIST_SPEC,
              expected: `total ${want.length}, ids ${JSON.stringify(want)}`,
              actual: `total ${w.totals[0]}, ids ${JSON.stringify(got)} (query ${describeQuery(q)})`,
              response: w.last,
              operation: OP.list,
            });
          }
        }
      }),
      { numRuns: 6, what: 'data set and queries' },
    );
  },
};

export const paginationChecks: Check[] = [limitOffset];
