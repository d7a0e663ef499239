// limit/offset pagination of GET /channels/{id}/recordings (facts §1.4): walking the pages shows
// every matching recording exactly once, in the order `sort` × `order` asks for, `total` counts the
// matching recordings (deleted ones never) on every page, and an offset past the end is an empty
// page (decision `offset-past-end`). On the mock, fast-check generates the data sets (deleted and
// nested recordings included) and the queries, and a reference model says what each page must be.
import fc from 'fast-check';
import type { Check, CheckContext, FailureInput, TargetResponse } from '../../../core/check.ts';
import { duplicates, expectedIds, firstInversion } from '../pagination-model.ts';
import type { ListQuery, ModelRecording, SortKey, SortOrder } from '../pagination-model.ts';
import { runProperty } from '../../engine/property.ts';
import { OP, excerpt, expectStatus, freshChannel, get, jsonOf, mockNow, paths, recordableChannel, roleAuthOr } from '../support.ts';

const LIST_SPEC = '#/paths/~1channels~1{channelId}~1recordings/get';
/** Walk budget: at most this many pages per walk (the page size grows with the channel, up to 100). */
const MAX_PAGES = 200;
const MAX_LIMIT = 100;

interface Listed {
  id: string;
  startTime?: number;
  endTime?: number;
}

interface Walk {
  /** The page size the walk used (the query's, or larger to stay within the budget). */
  limit: number;
  items: Listed[];
  totals: number[];
  pages: number;
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

/**
 * Follows offsets until `total` is reached (or a page comes back empty). A channel too large
 * for the budget at the query's page size is walked with larger pages; one too large even at
 * 100 a page is not walked (not applicable, with the count).
 */
async function walk(ctx: CheckContext, channel: string, q: ListQuery): Promise<Walk> {
  const auth = roleAuthOr(ctx, 'operator');
  const first = await get(ctx, paths.list(channel), OP.list, auth, { ...q, offset: 0 });
  const firstTotal = pageOf(ctx, first).total;
  const limit = Math.max(q.limit, Math.min(MAX_LIMIT, Math.ceil(firstTotal / MAX_PAGES)));
  if (Math.ceil(firstTotal / limit) > MAX_PAGES) ctx.notApplicable(`the listing has ${firstTotal} recordings, more than the walk budget of ${MAX_PAGES} pages of ${MAX_LIMIT}`);
  const items: Listed[] = [];
  const totals: number[] = [];
  let last = first;
  for (let offset = 0, page = 0; page < MAX_PAGES + 1; page++, offset += limit) {
    if (offset > 0 || limit !== q.limit) last = await get(ctx, paths.list(channel), OP.list, auth, { ...q, limit, offset });
    const { total, results } = pageOf(ctx, last);
    totals.push(total);
    if (results.length > limit) {
      ctx.fail({ rule: 'a page holds at most `limit` recordings', specRef: LIST_SPEC, expected: `≤ ${limit} results`, actual: `${results.length} results`, response: last, operation: OP.list });
    }
    items.push(...results);
    if (results.length === 0 || offset + limit >= total) return { limit, items, totals, pages: page + 1, last };
  }
  return ctx.notApplicable(`the walk did not reach the end within ${MAX_PAGES} pages (the listing grew while it was walked)`);
}

/** One rule's outcome on a walk: a failure, not applicable (with the reason), or passed. */
interface Outcome {
  rule: string;
  failure?: FailureInput;
  notApplicable?: string;
  decision?: string;
}

/** Rules any server must keep, whatever its data: consistent totals, no repeats, coverage, order, past-end. */
async function judgeWalk(ctx: CheckContext, channel: string, q: ListQuery, w: Walk): Promise<Outcome[]> {
  const query = describeQuery(w.limit === q.limit ? q : { ...q, limit: w.limit });
  const failure = (rule: string, expected: string, actual: string, response = w.last): FailureInput => ({ rule, specRef: LIST_SPEC, expected, actual: `${actual} (query ${query})`, response, operation: OP.list });
  const out: Outcome[] = [];
  const total = w.totals[0] ?? 0;
  const onePage = w.pages < 2 ? `the listing fits on one page (total ${total}, limit ${w.limit}): nothing to compare across pages` : undefined;
  let rule = '`total` is the same on every page';
  out.push(onePage ? { rule, notApplicable: onePage } : w.totals.some((t) => t !== total) ? { rule, failure: failure(rule, `total ${total} on each page`, `totals ${JSON.stringify(w.totals)}`) } : { rule });
  const ids = w.items.map((i) => i.id);
  const dups = duplicates(ids);
  rule = 'pages never repeat a recording';
  out.push(onePage ? { rule, notApplicable: onePage } : dups.length > 0 ? { rule, failure: failure(rule, 'each recording once', `repeated ${JSON.stringify(dups.slice(0, 5))}`) } : { rule });
  rule = 'walking the pages shows `total` recordings';
  out.push(total === 0 ? { rule, notApplicable: 'the listing is empty' } : ids.length !== total ? { rule, failure: failure(rule, `${total} recordings`, `${ids.length} recordings`) } : { rule });
  const sort: SortKey = q.sort ?? 'started';
  const order: SortOrder = q.order ?? 'desc';
  rule = `results are sorted by ${sort === 'ended' ? 'endTime' : 'startTime'} ${order}`;
  // Recordings still running have no endTime: where they go is our decision (`sort-ended-running-last`), so they are left out here.
  const ordered = w.items.filter((i) => typeof (sort === 'ended' ? i.endTime : i.startTime) === 'number');
  const at = firstInversion(ordered, sort, order);
  if (ordered.length < 2) out.push({ rule, notApplicable: `fewer than two recordings with a ${sort === 'ended' ? 'endTime' : 'startTime'} to compare` });
  else if (at >= 0) {
    const [a, b] = [ordered[at - 1]!, ordered[at]!];
    out.push({ rule, failure: failure(rule, `${a.id} before ${b.id} in ${order} order`, `${JSON.stringify(a)} then ${JSON.stringify(b)}`) });
  } else out.push({ rule });

  // Past the end: an empty page with the same total is our decision (`offset-past-end`).
  rule = 'an offset past the end is an empty page with the same total, not an error';
  let past: FailureInput | undefined;
  for (const offset of [total, total + w.limit + 3]) {
    const res = await get(ctx, paths.list(channel), OP.list, roleAuthOr(ctx, 'operator'), { ...q, limit: w.limit, offset });
    const body = res.status === 200 ? (jsonOf(res) as { total?: unknown; results?: unknown[] } | undefined) : undefined;
    if (res.status !== 200) past ??= failure(rule, 'HTTP 200 with results []', `HTTP ${res.status} ${excerpt(res)} at offset ${offset}`, res);
    else if (!Array.isArray(body?.results) || body.results.length !== 0 || body.total !== total) past ??= failure(rule, `results [] and total ${total}`, `${excerpt(res, 120)} at offset ${offset}`, res);
  }
  out.push({ rule, decision: 'offset-past-end', ...(past ? { failure: { ...past, decision: 'offset-past-end' } } : {}) });
  return out;
}

/** Records the outcomes as rules named after the query. */
async function recordOutcomes(ctx: CheckContext, q: ListQuery, outcomes: Outcome[]): Promise<void> {
  const label = describeQuery(q);
  for (const o of outcomes) {
    const opts = { specRef: LIST_SPEC, operation: OP.list, ...(o.decision ? { decision: o.decision } : {}) };
    const name = `${o.rule} (${label})`;
    if (o.notApplicable) ctx.skip(name, o.notApplicable, opts);
    else await ctx.rule(name, () => (o.failure ? ctx.fail({ ...o.failure, rule: name }) : undefined), opts);
  }
}

/** In a property: the first broken rule fails the run (decision-only ones as deviations). */
function throwFirst(ctx: CheckContext, outcomes: Outcome[]): void {
  const broken = outcomes.find((o) => o.failure && !o.decision) ?? outcomes.find((o) => o.failure);
  if (broken?.failure) ctx.fail(broken.failure);
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
      // A real server's data is its own: judge what any data set must satisfy, one walk per sort × order.
      const channel = recordableChannel(ctx);
      for (const sort of ['started', 'ended'] as const) {
        for (const order of ['asc', 'desc'] as const) {
          const q: ListQuery = { limit: 3, sort, order };
          let w: Walk | undefined;
          const walked = await ctx.rule(`the pages can be walked to the end (${describeQuery(q)})`, async () => {
            w = await walk(ctx, channel, q);
          }, { specRef: LIST_SPEC, operation: OP.list });
          if (walked && w) await recordOutcomes(ctx, q, await judgeWalk(ctx, channel, q, w));
        }
      }
      return;
    }
    await ctx.rule('generated data sets: the pages show exactly the matching, undeleted recordings in the requested order, each once, past the end empty', () =>
      runProperty(
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
            const outcomes = await judgeWalk(ctx, channel, q, w);
            throwFirst(ctx, outcomes.filter((o) => !o.decision));
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
            throwFirst(ctx, outcomes);
          }
        }),
        { numRuns: 6, what: 'data set and queries' },
      ),
    );
    // A bulk-loaded data set (what a server holds after an import, not one insert at a time), walked
    // in every sort × order with the smallest, a middle and the largest limit: the same rules a real
    // server's data must keep.
    const bulk = await freshChannel(ctx);
    await ctx.control.seed({ generate: { channel: bulk, recordings: 60, sessions: 3, deletedShare: 0.1 } });
    for (const sort of ['started', 'ended'] as const) {
      for (const order of ['asc', 'desc'] as const) {
        for (const limit of [1, 7, 100]) {
          if (limit === 1 && (sort !== 'started' || order !== 'desc')) continue; // 60 requests a walk: once is enough
          const q: ListQuery = { limit, sort, order };
          let w: Walk | undefined;
          const walked = await ctx.rule(`a bulk-loaded data set: the pages can be walked to the end (${describeQuery(q)})`, async () => {
            w = await walk(ctx, bulk, q);
          }, { specRef: LIST_SPEC, operation: OP.list });
          if (walked && w) await recordOutcomes(ctx, { ...q, limit }, await judgeWalk(ctx, bulk, q, w));
        }
      }
    }
    // The defaults (decision list-parameters): limit 20, offset 0, sort started, order desc.
    await ctx.rule('without parameters a listing is the first 20 by startTime, newest first (the defaults)', async () => {
      const bare = await get(ctx, paths.list(bulk), OP.list, roleAuthOr(ctx, 'operator'));
      const explicit = await get(ctx, paths.list(bulk), OP.list, roleAuthOr(ctx, 'operator'), { limit: 20, offset: 0, sort: 'started', order: 'desc' });
      const [a, b] = [jsonOf(bare) as { total?: number; results?: { id: string }[] } | undefined, jsonOf(explicit) as { total?: number; results?: { id: string }[] } | undefined];
      if (bare.status !== 200 || a?.results?.length !== 20 || JSON.stringify(a) !== JSON.stringify(b)) {
        ctx.fail({ rule: 'without parameters a listing is the first 20 by startTime, newest first', specRef: LIST_SPEC, expected: `the answer to limit=20&offset=0&sort=started&order=desc (${excerpt(explicit, 120)})`, actual: `HTTP ${bare.status} ${excerpt(bare, 120)} (${a?.results?.length ?? 0} results)`, response: bare, operation: OP.list, decision: 'list-parameters' });
      }
    }, { specRef: LIST_SPEC, operation: OP.list, decision: 'list-parameters' });
  },
};

export const paginationChecks: Check[] = [limitOffset];
