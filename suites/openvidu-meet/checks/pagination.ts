// GET /recordings paging: walking nextPageToken yields exactly the filtered, sorted set; pages
// honour sort and page size; the truncation flags tell the truth; filters, projection and bad
// tokens behave as documented.
//
// On the mock every check seeds its own data (replacing the default set, restored afterwards)
// and compares with the reference model in ../pagination-model.ts. Against a real server they
// only read, and compare the server with itself (across page sizes and sort directions).
import fc from 'fast-check';
import type { Check, CheckContext } from '../../../core/check.ts';
import { checkProperty } from '../../engine/property.ts';
import { duplicates, expectedListing, firstValueInversion, setDiff, SORT_FIELDS } from '../pagination-model.ts';
import type { ModelQuery, ModelRecording, SortField, SortOrder } from '../pagination-model.ts';
import { OP, completeRecording, expectStatus, expectValidationError, listPage, recordableRoom, seedData, startRecording, walkListing } from '../support.ts';
import type { ListQuery, MeetRecording, RecordingStatus, SeedRecording, SeedRoom, Walk } from '../support.ts';

const LIST_REF = '#/paths/~1recordings/get';

// ---------------------------------------------------------------- data sets (mock) ----

/** Room names mixing case, so roomName filters can test case-insensitivity. */
const ROOM_NAMES = ['Alpha Team', 'the ALPHABET club', 'Beta alpha', 'Gamma Review', 'delta'];
const NEEDLES = ['ALPHA', 'alp', 'bet', 'TEAM', 'review', 'zzz', 'A'];
/** Statuses that stay put while the check runs (no `ending`: it settles with the clock). */
const STABLE_STATUSES: readonly RecordingStatus[] = ['complete', 'complete', 'complete', 'failed', 'aborted', 'limit_reached', 'active', 'starting'];
const BASE_START = 1_700_000_000_000;

interface DataSet {
  rooms: number; // 1..4
  recs: { room: number; status: RecordingStatus; start: number; durationMs: number }[];
}

const dataSetArb: fc.Arbitrary<DataSet> = fc.record({
  rooms: fc.integer({ min: 1, max: 4 }),
  recs: fc.array(
    fc.record({
      room: fc.nat(3),
      status: fc.constantFrom(...STABLE_STATUSES),
      start: fc.nat(5), // few distinct start dates: ties are common
      durationMs: fc.constantFrom(0, 60_000, 7_200_000),
    }),
    { maxLength: 24 },
  ),
});

/** A fixed data set with distinct values, ties and missing values, run before the random ones. */
const FIXED_DATA_SET: DataSet = {
  rooms: 3,
  recs: [
    { room: 0, status: 'complete', start: 3, durationMs: 0 },
    { room: 1, status: 'complete', start: 1, durationMs: 0 },
    { room: 2, status: 'failed', start: 5, durationMs: 0 },
    { room: 0, status: 'complete', start: 3, durationMs: 0 },
    { room: 1, status: 'aborted', start: 0, durationMs: 0 },
    { room: 2, status: 'complete', start: 4, durationMs: 0 },
    { room: 0, status: 'starting', start: 0, durationMs: 0 },
    { room: 1, status: 'active', start: 0, durationMs: 60_000 },
    { room: 2, status: 'complete', start: 2, durationMs: 0 },
    { room: 0, status: 'limit_reached', start: 2, durationMs: 0 },
    { room: 1, status: 'complete', start: 5, durationMs: 0 },
  ],
};

const roomIdOf = (ctx: CheckContext, i: number) => `pg-${ctx.seed.toString(36)}-${i}`;

/** Replaces the mock's data with `ds`; answers the recordings as the model sees them. */
async function loadDataSet(ctx: CheckContext, ds: DataSet): Promise<ModelRecording[]> {
  const rooms: SeedRoom[] = Array.from({ length: ds.rooms }, (_, i) => ({ roomId: roomIdOf(ctx, i), roomName: ROOM_NAMES[i]!, participants: 0 }));
  const recordings: SeedRecording[] = ds.recs.map((r) => {
    const roomId = roomIdOf(ctx, r.room % ds.rooms);
    // Running recordings start relative to the mock's clock (an old start would hit the 24 h limit).
    if (r.status === 'active') return { roomId, status: r.status, durationMs: r.durationMs };
    if (r.status === 'starting') return { roomId, status: r.status };
    return { roomId, status: r.status, startDate: BASE_START + r.start * 60_000 };
  });
  const created = await seedData(ctx, { rooms, recordings, replace: true });
  return created.map(toModel);
}

const toModel = (r: MeetRecording): ModelRecording => ({
  recordingId: r.recordingId,
  roomId: r.roomId,
  roomName: r.roomName,
  status: r.status,
  startDate: r.startDate ?? undefined,
  duration: r.duration ?? undefined,
  size: r.size ?? undefined,
});

/** Runs `body` with the mock's data replaced, and puts the default data back afterwards. */
async function withOwnData(ctx: CheckContext, body: () => Promise<void>): Promise<void> {
  try {
    await body();
  } finally {
    await ctx.control?.reset(ctx.seed);
  }
}

// ---------------------------------------------------------------- queries ----

type Filter = { roomIdx?: number; needle?: string; status?: RecordingStatus };

interface PageQuery {
  maxItems: number;
  sortField?: SortField;
  sortOrder?: SortOrder;
  filter: Filter;
}

const filterArb: fc.Arbitrary<Filter> = fc.oneof(
  fc.constant({}),
  fc.record({ roomIdx: fc.nat(4) }),
  fc.record({ needle: fc.constantFrom(...NEEDLES) }),
  fc.record({ status: fc.constantFrom(...STABLE_STATUSES) }),
  fc.record({ roomIdx: fc.nat(4), needle: fc.constantFrom(...NEEDLES) }),
  fc.record({ status: fc.constantFrom(...STABLE_STATUSES), needle: fc.constantFrom(...NEEDLES) }),
);

const queryArb: fc.Arbitrary<PageQuery> = fc.record({
  maxItems: fc.integer({ min: 1, max: 12 }),
  sortField: fc.option(fc.constantFrom(...SORT_FIELDS), { nil: undefined }),
  sortOrder: fc.option(fc.constantFrom<SortOrder>('asc', 'desc'), { nil: undefined }),
  filter: filterArb,
});

function modelQuery(ctx: CheckContext, q: PageQuery): ModelQuery {
  const m: ModelQuery = {};
  if (q.filter.roomIdx !== undefined) m.roomId = roomIdOf(ctx, q.filter.roomIdx);
  if (q.filter.needle !== undefined) m.roomName = q.filter.needle;
  if (q.filter.status !== undefined) m.status = q.filter.status;
  if (q.sortField) m.sortField = q.sortField;
  if (q.sortOrder) m.sortOrder = q.sortOrder;
  return m;
}

function wireQuery(m: ModelQuery, maxItems: number): ListQuery {
  return { maxItems, roomId: m.roomId, roomName: m.roomName, status: m.status, sortField: m.sortField, sortOrder: m.sortOrder };
}

const describeQuery = (q: ListQuery) =>
  Object.entries(q)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join('&');

const idsOf = (w: Walk) => w.items.map((r) => String(r.recordingId));
const pagesFor = (total: number, size: number) => Math.ceil(total / size) + 3;

// ---------------------------------------------------------------- no duplicates, no gaps ----

/** Fails when a walk repeats an item, or misses / adds items compared with `expected`. */
function expectExactSet(ctx: CheckContext, walk: Walk, expected: readonly string[], query: ListQuery, rule: string): void {
  const ids = idsOf(walk);
  const dup = duplicates(ids);
  const last = walk.pages[walk.pages.length - 1]!.res;
  if (dup.length > 0) {
    const at = walk.pages.find((p) => p.page.recordings.some((r) => r.recordingId === dup[0]) && p !== walk.pages[0]) ?? walk.pages[0]!;
    ctx.fail({ rule: 'pages must not repeat an item', expected: 'every recording once', actual: `${dup.length} repeated, e.g. ${dup[0]}`, response: at.res, operation: OP.list, repro: `walk GET /recordings?${describeQuery(query)} following nextPageToken` });
  }
  const { missing, extra } = setDiff(expected, ids);
  if (missing.length > 0 || extra.length > 0 || ids.length !== expected.length) {
    ctx.fail({
      rule,
      expected: `${expected.length} recordings${missing.length ? `, incl. ${missing.slice(0, 3).join(', ')}` : ''}`,
      actual: `${ids.length} recordings; missing ${missing.length}${extra.length ? `, unexpected ${extra.slice(0, 3).join(', ')}` : ''}`,
      response: last,
      operation: OP.list,
      repro: `walk GET /recordings?${describeQuery(query)} following nextPageToken`,
    });
  }
}

// ---------------------------------------------------------------- walks within a budget (real target) ----

/** A real target may hold any number of recordings: a walk stops after this many pages or this long. */
const WALK_BUDGET = { pages: 40, ms: 20_000 };
/** The reference walk reads pages of 100 (the largest page): up to 6,000 recordings. */
const REFERENCE_BUDGET = { pages: 60, ms: 30_000 };

interface BudgetedWalk extends Walk {
  /** The walk reached a page without a nextPageToken (false: the budget ended it first). */
  complete: boolean;
}

/**
 * Follows nextPageToken (even where the flags disagree, to expose lying flags) until a page has no
 * token or no items, or the budget is used up.
 */
async function budgetedWalk(ctx: CheckContext, query: ListQuery, budget: { pages: number; ms: number } = WALK_BUDGET): Promise<BudgetedWalk> {
  const pages: Walk['pages'] = [];
  const deadline = Date.now() + budget.ms;
  let token: string | undefined;
  for (let i = 0; i < budget.pages && (i === 0 || Date.now() < deadline); i++) {
    const got = await listPage(ctx, token ? { ...query, nextPageToken: token } : query);
    pages.push(got);
    const t = got.page.pagination.nextPageToken;
    if (typeof t !== 'string' || t === '' || got.page.recordings.length === 0) return { pages, items: pages.flatMap((p) => p.page.recordings), complete: true };
    token = t;
  }
  return { pages, items: pages.flatMap((p) => p.page.recordings), complete: false };
}

/** Real target: the listing read in pages of 100, as the reference (within REFERENCE_BUDGET). */
const referenceWalk = (ctx: CheckContext, query: ListQuery = {}) => budgetedWalk(ctx, { ...query, maxItems: 100 }, REFERENCE_BUDGET);

const budgetNote = (w: BudgetedWalk) => `the walk budget (${w.pages.length} pages) ended after ${w.items.length} recordings, before the last page`;

const noDuplicatesNoGaps: Check = {
  id: 'openvidu-meet.pagination.no-duplicates-no-gaps',
  title: 'following nextPageToken yields exactly the filtered set: no repeats, no gaps',
  operations: [OP.list],
  specRef: '#/components/parameters/nextPageToken',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    if (ctx.control) {
      await withOwnData(ctx, async () => {
        const once = async (ds: DataSet, q: PageQuery) => {
          const data = await loadDataSet(ctx, ds);
          const m = modelQuery(ctx, q);
          const query = wireQuery(m, q.maxItems);
          const expected = expectedListing(data, m);
          // walkAll stops at the page bound without failing, so a repeating walk is reported as repeats.
          const walk = await walkAll(ctx, query, pagesFor(expected.length, q.maxItems));
          expectExactSet(ctx, walk, expected, query, 'walking the pages yields exactly the recordings the filters select');
        };
        await once(FIXED_DATA_SET, { maxItems: 2, filter: {} });
        await once(FIXED_DATA_SET, { maxItems: 3, sortField: 'duration', sortOrder: 'asc', filter: { needle: 'ALPHA' } });
        await checkProperty(ctx, fc.tuple(dataSetArb, queryArb), ([ds, q]) => once(ds, q), { numRuns: 20 });
      });
      return;
    }
    // Real target: the same listing through different page sizes must be the same set. Queries
    // are drawn before the first request (no generation work between requests).
    const samples = fc.sample(
      fc.record({ sortField: fc.constantFrom(...SORT_FIELDS), sortOrder: fc.constantFrom<SortOrder>('asc', 'desc'), maxItems: fc.integer({ min: 1, max: 25 }) }),
      { seed: ctx.seed, numRuns: Math.max(1, Math.min(ctx.maxExamples, 5)) },
    );
    const walks: { query: ListQuery; reference: BudgetedWalk; small: BudgetedWalk }[] = [];
    for (const { sortField, sortOrder, maxItems } of samples) {
      const reference = await referenceWalk(ctx, { sortField, sortOrder });
      if (reference.items.length === 0) continue;
      const query: ListQuery = { sortField, sortOrder, maxItems };
      walks.push({ query, reference, small: await budgetedWalk(ctx, query) });
    }
    if (walks.length === 0) ctx.notApplicable('the target lists no recordings: there is nothing to page through');
    await ctx.rule('pages must not repeat an item', () => {
      for (const { query, small } of walks) {
        const dup = duplicates(idsOf(small));
        if (dup.length === 0) continue;
        const at = small.pages.find((p, i) => i > 0 && p.page.recordings.some((r) => r.recordingId === dup[0])) ?? small.pages[0]!;
        ctx.fail({ rule: 'pages must not repeat an item', expected: 'every recording once', actual: `${dup.length} repeated, e.g. ${dup[0]}`, response: at.res, operation: OP.list, repro: `walk GET /recordings?${describeQuery(query)} following nextPageToken` });
      }
    });
    await ctx.rule('small pages list the same recordings as pages of 100 (no gaps)', () => {
      for (const { query, reference, small } of walks) {
        // Where a budget cut either walk short, the first n recordings of both are compared.
        const n = reference.complete && small.complete ? Math.max(reference.items.length, small.items.length) : Math.min(reference.items.length, small.items.length);
        const prefix = (w: Walk) => ({ ...w, items: w.items.slice(0, n) });
        expectExactSet(ctx, prefix(small), idsOf(prefix(reference)), query, `small pages yield the same recordings as pages of 100${n < reference.items.length || !reference.complete ? ` (first ${n} compared)` : ''}`);
      }
    });
    const cut = walks.find((w) => !w.reference.complete || !w.small.complete);
    if (cut) ctx.skip('the walk reaches the last page with every recording', `${budgetNote(cut.reference.complete ? cut.small : cut.reference)}: only the first recordings were compared`);
  },
};

// ---------------------------------------------------------------- sort order ----

function expectSorted(ctx: CheckContext, walk: Walk, field: SortField, order: SortOrder, query: ListQuery): void {
  const at = firstValueInversion(walk.items, field, order);
  if (at < 0) return;
  const a = walk.items[at - 1]!;
  const b = walk.items[at]!;
  const page = walk.pages.find((p) => p.page.recordings.includes(b)) ?? walk.pages[0]!;
  ctx.fail({
    rule: `recordings are listed by ${field} ${order === 'asc' ? 'ascending' : 'descending'} (unset values ${order === 'asc' ? 'first' : 'last'})`,
    specRef: '#/components/parameters/sortOrder',
    expected: `${a.recordingId} (${field}=${String(a[field] ?? 'unset')}) ${order === 'asc' ? '≤' : '≥'} the next`,
    actual: `next is ${b.recordingId} (${field}=${String(b[field] ?? 'unset')})`,
    response: page.res,
    operation: OP.list,
    repro: `walk GET /recordings?${describeQuery(query)} following nextPageToken`,
  });
}

/** Ties go "in the same direction": the descending listing is the ascending one reversed. */
function expectMirror(ctx: CheckContext, asc: Walk, desc: Walk, field: SortField, maxItems: number): void {
  const up = idsOf(asc);
  const down = idsOf(desc).reverse();
  const i = up.findIndex((id, k) => id !== down[k]);
  if (i < 0 && up.length === down.length) return;
  ctx.fail({
    rule: 'ties are broken in the same direction as the sort: desc lists exactly the reverse of asc',
    specRef: '#/components/parameters/sortField',
    expected: `position ${i} from the end of sortOrder=desc to be ${up[i] ?? '(nothing)'}`,
    actual: `${down[i] ?? '(nothing)'}`,
    response: desc.pages[desc.pages.length - 1]!.res,
    operation: OP.list,
    repro: `compare GET /recordings?sortField=${field}&sortOrder=asc&maxItems=${maxItems} with sortOrder=desc, following nextPageToken`,
  });
}


/** Walks the data the target holds by every field in both directions; answers how many fields had two or more recordings. */
async function sortedAsFound(ctx: CheckContext): Promise<number> {
  let compared = 0;
  for (const field of SORT_FIELDS) {
    const walks: Partial<Record<SortOrder, BudgetedWalk>> = {};
    for (const order of ['asc', 'desc'] as const) walks[order] = await referenceWalk(ctx, { sortField: field, sortOrder: order });
    const { asc, desc } = walks as Record<SortOrder, BudgetedWalk>;
    if (asc.items.length < 2) continue;
    compared += 1;
    await ctx.rule(`recordings are listed by ${field} in either direction`, () => {
      expectSorted(ctx, asc, field, 'asc', { sortField: field, sortOrder: 'asc', maxItems: 100 });
      expectSorted(ctx, desc, field, 'desc', { sortField: field, sortOrder: 'desc', maxItems: 100 });
    });
    if (asc.complete && desc.complete) await ctx.rule(`ties on ${field} are mirrored: desc is asc reversed`, () => expectMirror(ctx, asc, desc, field, 100));
    else ctx.skip(`ties on ${field} are mirrored: desc is asc reversed`, `${budgetNote(asc.complete ? desc : asc)}: the two directions cannot be compared whole`);
  }
  return compared;
}

const sortOrder: Check = {
  id: 'openvidu-meet.pagination.sort-order',
  title: 'pages follow sortField × sortOrder, unset values first in asc and last in desc, ties mirrored',
  operations: [OP.list],
  specRef: '#/components/parameters/sortOrder',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    const both = async (field: SortField, maxItems: number, total: number | undefined, extra: ListQuery = {}) => {
      const walks: Partial<Record<SortOrder, Walk>> = {};
      for (const order of ['asc', 'desc'] as const) {
        const query: ListQuery = { ...extra, sortField: field, sortOrder: order, maxItems };
        const walk = await walkListing(ctx, query, total === undefined ? 40 : pagesFor(total, maxItems));
        expectSorted(ctx, walk, field, order, query);
        walks[order] = walk;
      }
      expectMirror(ctx, walks.asc!, walks.desc!, field, maxItems);
    };
    if (ctx.control) {
      // First the data the mock starts with (a reset's seeded recordings), as a real target's.
      await sortedAsFound(ctx);
      await withOwnData(ctx, async () => {
        const fixed = await loadDataSet(ctx, FIXED_DATA_SET);
        for (const field of SORT_FIELDS) await both(field, 3, fixed.length);
        // Recordings that change after they are stored keep the order: a stop sets duration, size
        // and endDate, a start adds one with none of them (unset values first in asc, last in desc).
        await completeRecording(ctx);
        const running = await startRecording(ctx, await recordableRoom(ctx));
        expectStatus(ctx, running, 201, 'start in a room with participants must answer 201', OP.start);
        for (const field of SORT_FIELDS) await both(field, 4, fixed.length + 2);
        // A generated data set, loaded in one go (the bulk load), with unset values among its statuses.
        await ctx.control!.seed({ replace: true, generate: { rooms: 3, recordings: 40 } });
        for (const field of SORT_FIELDS) await both(field, 7, 40);
        await checkProperty(
          ctx,
          fc.tuple(dataSetArb, fc.constantFrom(...SORT_FIELDS), fc.integer({ min: 1, max: 10 })),
          async ([ds, field, maxItems]) => {
            const data = await loadDataSet(ctx, ds);
            await both(field, maxItems, data.length);
          },
          { numRuns: 12 },
        );
      });
      return;
    }
    // Real target: read-only, on whatever data there is (walks within a budget).
    const compared = await sortedAsFound(ctx);
    if (compared === 0) ctx.notApplicable('the target lists fewer than two recordings: there is no order to check');
  },
};

// ---------------------------------------------------------------- maxItems ----

const maxItems: Check = {
  id: 'openvidu-meet.pagination.max-items',
  title: 'maxItems: default 10, floored, clamped to 100 and echoed; ≤ 0 or non-numeric is 422',
  operations: [OP.list],
  specRef: '#/components/parameters/maxItems',
  needs: ['credentials'],
  decision: 'max-items-floor-clamp',
  async run(ctx: CheckContext) {
    const body = async () => {
      const cases: { query: ListQuery; effective: number; what: string }[] = [
        { query: {}, effective: 10, what: 'no maxItems (default 10)' },
        { query: { maxItems: 3.5 }, effective: 3, what: 'maxItems=3.5 (floored to 3)' },
        { query: { maxItems: 100 }, effective: 100, what: 'maxItems=100' },
        { query: { maxItems: 101 }, effective: 100, what: 'maxItems=101 (clamped to 100)' },
        { query: { maxItems: 5000 }, effective: 100, what: 'maxItems=5000 (clamped to 100)' },
        // Coerced as a number is (zod coerce): exponent, sign and surrounding spaces are numerals too.
        { query: { maxItems: '1e1' }, effective: 10, what: 'maxItems=1e1 (10)' },
        { query: { maxItems: '+4' }, effective: 4, what: 'maxItems=+4 (4)' },
        { query: { maxItems: ' 7 ' }, effective: 7, what: 'maxItems=" 7 " (7)' },
        { query: { maxItems: '2.9e1' }, effective: 29, what: 'maxItems=2.9e1 (29)' },
      ];
      for (const c of cases) {
        const { res, page } = await listPage(ctx, c.query);
        if (page.pagination.maxItems !== c.effective || page.recordings.length > c.effective) {
          ctx.fail({
            rule: `a listing with ${c.what} uses and echoes page size ${c.effective}`,
            expected: `pagination.maxItems ${c.effective}, at most ${c.effective} recordings`,
            actual: `pagination.maxItems ${String(page.pagination.maxItems)}, ${page.recordings.length} recordings`,
            response: res,
            operation: OP.list,
          });
        }
      }
      for (const bad of ['0', '-5', 'abc', '', '5abc', '1e', '--5', '0.4.1']) {
        const res = await ctx.target.request({ method: 'GET', path: '/recordings', query: { maxItems: bad }, operation: OP.list });
        expectValidationError(ctx, res, 'maxItems', `maxItems=${bad === '' ? '(empty)' : bad} is 422 naming maxItems`, OP.list);
      }
    };
    if (!ctx.control) return body();
    // More than 100 recordings, so the clamp shows in the page length too.
    await withOwnData(ctx, async () => {
      await ctx.control!.seed({ generate: { rooms: 3, recordings: 130 } });
      await body();
    });
  },
};

// ---------------------------------------------------------------- truncation flags ----

function expectHonestFlags(ctx: CheckContext, walk: Walk, query: ListQuery): void {
  walk.pages.forEach(({ res, page }, i) => {
    const { isTruncated, nextPageToken } = page.pagination;
    const hasToken = typeof nextPageToken === 'string' && nextPageToken !== '';
    const fail = (rule: string, expected: string, actual: string) =>
      ctx.fail({ rule, specRef: '#/components/schemas/Pagination', expected, actual, response: res, operation: OP.list, repro: `walk GET /recordings?${describeQuery(query)}; page ${i + 1}` });
    if (typeof isTruncated !== 'boolean') fail('isTruncated is a boolean', 'true or false', JSON.stringify(isTruncated));
    if (isTruncated !== hasToken) fail('isTruncated is true exactly when a nextPageToken is given', `isTruncated ${hasToken}`, `isTruncated ${String(isTruncated)} with ${hasToken ? 'a' : 'no'} token`);
    if (!isTruncated && nextPageToken !== undefined && nextPageToken !== null) fail('the last page has no nextPageToken', 'nextPageToken absent or null', JSON.stringify(nextPageToken));
    const next = walk.pages[i + 1];
    if (isTruncated && next && next.page.recordings.length === 0) {
      ctx.fail({
        rule: 'isTruncated is false on the last page: a truncated page is followed by more recordings',
        specRef: '#/components/schemas/Pagination',
        expected: 'isTruncated false on the page holding the last recording',
        actual: `page ${i + 1} says isTruncated true, but the page its token leads to is empty`,
        response: res,
        operation: OP.list,
        repro: `walk GET /recordings?${describeQuery(query)}; page ${i + 1} then page ${i + 2}`,
      });
    }
  });
}

/** Walks like walkListing but keeps following a token even when the flags disagree, to expose lying flags. */
async function walkAll(ctx: CheckContext, query: ListQuery, maxPages: number): Promise<Walk> {
  const pages: Walk['pages'] = [];
  let token: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const got = await listPage(ctx, token ? { ...query, nextPageToken: token } : query);
    pages.push(got);
    const t = got.page.pagination.nextPageToken;
    if (typeof t !== 'string' || t === '' || got.page.recordings.length === 0) break;
    token = t;
  }
  return { pages, items: pages.flatMap((p) => p.page.recordings) };
}

const truncationFlags: Check = {
  id: 'openvidu-meet.pagination.truncation-flags',
  title: 'isTruncated is true exactly when a nextPageToken follows, and false on the last page',
  operations: [OP.list],
  specRef: '#/components/schemas/Pagination',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    if (ctx.control) {
      await withOwnData(ctx, async () => {
        const once = async (ds: DataSet, q: PageQuery) => {
          const data = await loadDataSet(ctx, ds);
          const m = modelQuery(ctx, q);
          const query = wireQuery(m, q.maxItems);
          const expected = expectedListing(data, m);
          const walk = await walkAll(ctx, query, pagesFor(expected.length, q.maxItems));
          expectHonestFlags(ctx, walk, query);
          const shouldPages = Math.max(1, Math.ceil(expected.length / q.maxItems));
          const pagesWithItems = walk.pages.filter((p) => p.page.recordings.length > 0).length;
          if (walk.items.length !== expected.length || pagesWithItems !== (expected.length === 0 ? 0 : shouldPages)) {
            ctx.fail({
              rule: 'the pages end exactly after the last matching recording',
              expected: `${expected.length} recordings on ${shouldPages} page(s) of ${q.maxItems}`,
              actual: `${walk.items.length} recordings on ${walk.pages.length} page(s)`,
              response: walk.pages[walk.pages.length - 1]!.res,
              operation: OP.list,
              repro: `walk GET /recordings?${describeQuery(query)}`,
            });
          }
        };
        // Exact multiples of the page size are where a last page is most often mislabelled.
        await once(FIXED_DATA_SET, { maxItems: 11, filter: {} });
        await once(FIXED_DATA_SET, { maxItems: 4, filter: {} });
        await checkProperty(ctx, fc.tuple(dataSetArb, queryArb), ([ds, q]) => once(ds, q), { numRuns: 15 });
      });
      return;
    }
    const reference = await referenceWalk(ctx);
    if (reference.items.length === 0) ctx.notApplicable('the target lists no recordings: there are no pages to flag');
    for (const size of [1, 7, 100]) {
      const query: ListQuery = { maxItems: size };
      const walk = await budgetedWalk(ctx, query);
      await ctx.rule(`pages of ${size}: isTruncated is true exactly when a nextPageToken follows`, () => expectHonestFlags(ctx, walk, query));
      if (walk.complete) {
        await ctx.rule(`pages of ${size}: the pages end after the last recording`, () => {
          const last = walk.pages[walk.pages.length - 1]!;
          if (last.page.pagination.isTruncated !== false) {
            ctx.fail({ rule: 'the last page says isTruncated false', specRef: '#/components/schemas/Pagination', expected: 'isTruncated false on the last page', actual: `isTruncated ${String(last.page.pagination.isTruncated)}`, response: last.res, operation: OP.list });
          }
        });
      } else {
        ctx.skip(`pages of ${size}: the pages end after the last recording`, budgetNote(walk));
      }
    }
  },
};

// ---------------------------------------------------------------- filters ----

const FILTER_DATA: DataSet = {
  rooms: 4,
  recs: [
    { room: 0, status: 'complete', start: 1, durationMs: 0 }, // Alpha Team
    { room: 0, status: 'failed', start: 2, durationMs: 0 },
    { room: 1, status: 'complete', start: 3, durationMs: 0 }, // the ALPHABET club
    { room: 1, status: 'aborted', start: 4, durationMs: 0 },
    { room: 2, status: 'complete', start: 5, durationMs: 0 }, // Beta alpha
    { room: 3, status: 'complete', start: 0, durationMs: 0 }, // Gamma Review
    { room: 3, status: 'failed', start: 1, durationMs: 0 },
  ],
};

const filters: Check = {
  id: 'openvidu-meet.pagination.filters',
  title: 'roomId exact, roomName case-insensitive substring, status exact; roomId with roomName is OR',
  operations: [OP.list],
  specRef: '#/components/parameters/roomName',
  needs: ['credentials'],
  decision: 'room-filters-or',
  async run(ctx: CheckContext) {
    if (ctx.control) {
      await withOwnData(ctx, async () => {
        const data = await loadDataSet(ctx, FILTER_DATA);
        // A room whose id extends another's: an exact roomId filter must not pick it up. Its name holds
        // "undefined", so a server that tests the name against an absent roomName (String(undefined))
        // lists it under a roomId filter alone.
        const lookalike = `${roomIdOf(ctx, 0)}x`;
        const extra = await seedData(ctx, { rooms: [{ roomId: lookalike, roomName: 'Undefined Lookalike', participants: 0 }], recordings: [{ roomId: lookalike, status: 'complete', startDate: BASE_START }] });
        const all = [...data, ...extra.map(toModel)];
        const queries: { m: ModelQuery; what: string }[] = [
          { m: { roomId: roomIdOf(ctx, 0) }, what: 'roomId matches exactly' },
          { m: { roomName: 'aLpHa' }, what: 'roomName matches a substring, ignoring case' },
          { m: { roomName: 'REVIEW' }, what: 'roomName matches a substring, ignoring case' },
          { m: { status: 'failed' }, what: 'status matches exactly' },
          { m: { status: 'complete', roomName: 'alphabet' }, what: 'status AND roomName' },
          { m: { roomId: roomIdOf(ctx, 3), roomName: 'ALPHABET' }, what: 'roomId together with roomName lists either (OR, decision room-filters-or)' },
        ];
        for (const { m, what } of queries) {
          const query = wireQuery(m, 100);
          const walk = await walkListing(ctx, query, 5);
          expectExactSet(ctx, walk, expectedListing(all, m), query, `filter: ${what}`);
        }
      });
      return;
    }
    // Real target: take existing recordings and check each filter against them.
    const { page } = await listPage(ctx, { maxItems: 50 });
    const [r, ...rest] = page.recordings as MeetRecording[];
    if (!r) ctx.notApplicable('the target has no recordings to filter');
    const other = rest.find((s) => s.roomId !== r.roomId);
    const needle = r.roomName.length > 2 ? r.roomName.slice(1, -1) : r.roomName;
    const swapped = [...needle].map((ch) => (ch === ch.toUpperCase() ? ch.toLowerCase() : ch.toUpperCase())).join('');
    const cases: { query: ListQuery; ok: (s: MeetRecording) => boolean; what: string; mustHave: MeetRecording[] }[] = [
      { query: { roomId: r.roomId }, ok: (s) => s.roomId === r.roomId, what: 'roomId matches exactly', mustHave: [r] },
      { query: { roomName: swapped }, ok: (s) => s.roomName.toLowerCase().includes(needle.toLowerCase()), what: 'roomName matches a substring, ignoring case', mustHave: [r] },
      { query: { status: r.status }, ok: (s) => s.status === r.status, what: 'status matches exactly', mustHave: [r] },
    ];
    if (other) {
      cases.push({ query: { roomId: r.roomId, roomName: other.roomName }, ok: (s) => s.roomId === r.roomId || s.roomName.toLowerCase().includes(other.roomName.toLowerCase()), what: 'roomId with roomName lists either (OR)', mustHave: [r, other] });
    }
    for (const c of cases) {
      const walk = await referenceWalk(ctx, c.query);
      const items = walk.items as MeetRecording[];
      const wrong = items.find((s) => !c.ok(s));
      // A listing cut short by the budget can only be judged on what it showed.
      const missing = walk.complete ? c.mustHave.find((m) => !items.some((s) => s.recordingId === m.recordingId)) : undefined;
      if (!walk.complete) ctx.skip(`filter: ${c.what}: every match is listed`, budgetNote(walk));
      await ctx.rule(`filter: ${c.what}`, () => {
        if (wrong || missing) {
          ctx.fail({
            rule: `filter: ${c.what}`,
            expected: missing ? `${missing.recordingId} to be listed` : 'only matching recordings',
            actual: wrong ? `${wrong.recordingId} (roomId ${wrong.roomId}, roomName ${wrong.roomName}, status ${wrong.status}) listed` : 'it is not listed',
            response: walk.pages[0]!.res,
            operation: OP.list,
          });
        }
      });
    }
  },
};

// ---------------------------------------------------------------- fields ----

const fieldsProjection: Check = {
  id: 'openvidu-meet.pagination.fields-projection',
  title: 'fields=recordingId,roomId lists items with exactly those fields',
  operations: [OP.list],
  specRef: '#/components/parameters/fields',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    if (ctx.control) await ctx.control.reset(ctx.seed);
    const projections = [['recordingId', 'roomId'], ['status'], ['recordingId', 'roomName', 'startDate']];
    for (const fields of projections) {
      const { res, page } = await listPage(ctx, { fields: fields.join(','), maxItems: 20 });
      if (page.recordings.length === 0) ctx.notApplicable('the target has no recordings to project');
      for (const item of page.recordings) {
        const keys = Object.keys(item);
        const extra = keys.filter((k) => !fields.includes(k));
        // Fields every recording has must be there; startDate may be unset (starting), so it is optional.
        const missing = fields.filter((f) => f !== 'startDate' && !keys.includes(f));
        if (extra.length > 0 || missing.length > 0) {
          ctx.fail({
            rule: 'fields projects each listed recording onto exactly the requested fields',
            expected: `keys ⊆ {${fields.join(', ')}}, with ${fields.filter((f) => f !== 'startDate').join(', ')} present`,
            actual: `keys {${keys.join(', ')}}`,
            response: res,
            operation: OP.list,
          });
        }
      }
    }
  },
};

// ---------------------------------------------------------------- bad tokens ----

const badTokenRejected: Check = {
  id: 'openvidu-meet.pagination.bad-token-rejected',
  title: 'an undecodable nextPageToken is refused (the documented 500, or 422 as callrec decided), not a silent first page',
  operations: [OP.list],
  specRef: '#/components/parameters/nextPageToken',
  needs: ['credentials'],
  decision: 'bad-page-token-422',
  async run(ctx: CheckContext) {
    // Also base64url of JSON that is no cursor: null, a string, a cursor whose value or id has the wrong type, bytes that are not UTF-8.
    const b64 = (s: string | Uint8Array) => Buffer.from(s).toString('base64url');
    const notCursors = [b64('null'), b64('"cursor"'), b64('{"v":{},"id":"x"}'), b64('{"v":1,"id":5}'), b64(new Uint8Array([0xff, 0xfe, 0x7b]))];
    for (const token of ['not a token!', '%%%', 'Zm9vYmFy' /* base64 of "foobar": decodes, but is no cursor */, ...notCursors]) {
      const res = await ctx.target.request({ method: 'GET', path: '/recordings', query: { nextPageToken: token }, operation: OP.list });
      // The seed documents 500 for GET /recordings, and the platform answers it for such a token
      // (api-facts §5.3): accepted. Only a success (a page served from a token that means nothing) breaks it.
      await ctx.rule(`nextPageToken=${token} is refused, not answered with a page`, () =>
        expectStatus(ctx, res, [422, 500], `nextPageToken=${token} cannot be decoded: refused (422, or the documented 500)`, OP.list),
      );
      await ctx.rule(`nextPageToken=${token} is 422 naming nextPageToken`, () => {
        expectValidationError(ctx, res, 'nextPageToken', `nextPageToken=${token} is 422 naming nextPageToken`, OP.list);
      }, { decision: 'bad-page-token-422' });
    }
    // A token the server issued, with one character put in its middle: a decoder that skips what is
    // not base64url (as lenient base64 decoders do with spaces) would serve a page from a corrupted token.
    const CORRUPTED = 'a nextPageToken the server issued, with a space or a "!" put inside it, is 422 naming nextPageToken';
    const first = await ctx.target.request({ method: 'GET', path: '/recordings', query: { maxItems: 1 }, operation: OP.list });
    let issued: unknown;
    try {
      issued = (JSON.parse(first.text()) as { pagination?: { nextPageToken?: unknown } }).pagination?.nextPageToken;
    } catch {
      issued = undefined;
    }
    if (first.status !== 200 || typeof issued !== 'string' || issued.length < 2) ctx.skip(CORRUPTED, 'the target listed no second recording, so it issued no page token', { decision: 'bad-page-token-422' });
    else {
      const t = issued;
      const at = t.length >> 1;
      await ctx.rule(CORRUPTED, async () => {
        for (const bad of [`${t.slice(0, at)} ${t.slice(at)}`, `${t.slice(0, at)}!${t.slice(at)}`]) {
          const res = await ctx.target.request({ method: 'GET', path: '/recordings', query: { maxItems: 1, nextPageToken: bad }, operation: OP.list });
          expectValidationError(ctx, res, 'nextPageToken', `${CORRUPTED} (nextPageToken=${bad})`, OP.list);
        }
      }, { decision: 'bad-page-token-422' });
    }
  },
};

export const paginationChecks: Check[] = [noDuplicatesNoGaps, sortOrder, maxItems, truncationFlags, filters, fieldsProjection, badTokenRejected];
