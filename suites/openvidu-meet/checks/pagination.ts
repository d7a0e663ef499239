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
import { OP, expectStatus, expectValidationError, listPage, seedData, walkListing } from '../support.ts';
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

/** Real target: everything one maxItems=100 walk sees (bounded), as the reference. */
async function referenceWalk(ctx: CheckContext, query: ListQuery = {}): Promise<Walk | undefined> {
  const MAX_PAGES = 30;
  const pages: Walk['pages'] = [];
  let token: string | undefined;
  for (let i = 0; i < MAX_PAGES; i++) {
    const got = await listPage(ctx, { ...query, maxItems: 100, ...(token ? { nextPageToken: token } : {}) });
    pages.push(got);
    const t = got.page.pagination.nextPageToken;
    if (!got.page.pagination.isTruncated || typeof t !== 'string' || t === '') return { pages, items: pages.flatMap((p) => p.page.recordings) };
    token = t;
  }
  ctx.log(`more than ${MAX_PAGES * 100} recordings: the read-only comparison is skipped for this query`);
  return undefined;
}

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
    // Real target: the same listing through different page sizes must be the same set.
    await checkProperty(
      ctx,
      fc.record({ sortField: fc.constantFrom(...SORT_FIELDS), sortOrder: fc.constantFrom<SortOrder>('asc', 'desc'), maxItems: fc.integer({ min: 1, max: 25 }) }),
      async ({ sortField, sortOrder, maxItems }) => {
        const reference = await referenceWalk(ctx, { sortField, sortOrder });
        if (!reference) return;
        const query: ListQuery = { sortField, sortOrder, maxItems };
        const expected = idsOf(reference);
        const walk = await walkAll(ctx, query, pagesFor(expected.length, maxItems));
        expectExactSet(ctx, walk, expected, query, 'small pages yield the same recordings as one large page');
      },
      { numRuns: 5 },
    );
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
      await withOwnData(ctx, async () => {
        const fixed = await loadDataSet(ctx, FIXED_DATA_SET);
        for (const field of SORT_FIELDS) await both(field, 3, fixed.length);
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
    // Real target: read-only, on whatever data there is (bounded walks).
    for (const field of SORT_FIELDS) {
      const reference = await referenceWalk(ctx, { sortField: field, sortOrder: 'asc' });
      if (!reference) continue;
      await both(field, 25, reference.items.length);
    }
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
      for (const bad of ['0', '-5', 'abc', '']) {
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
    if (!reference) return;
    for (const size of [1, 7, 100]) {
      if (size === 1 && reference.items.length > 60) continue; // keep the request count sane
      const query: ListQuery = { maxItems: size };
      expectHonestFlags(ctx, await walkAll(ctx, query, pagesFor(reference.items.length, size)), query);
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
        // A room whose id extends another's: an exact roomId filter must not pick it up.
        const lookalike = `${roomIdOf(ctx, 0)}x`;
        const extra = await seedData(ctx, { rooms: [{ roomId: lookalike, roomName: 'Lookalike', participants: 0 }], recordings: [{ roomId: lookalike, status: 'complete', startDate: BASE_START }] });
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
      if (!walk) continue;
      const items = walk.items as MeetRecording[];
      const wrong = items.find((s) => !c.ok(s));
      const missing = c.mustHave.find((m) => !items.some((s) => s.recordingId === m.recordingId));
      if (wrong || missing) {
        ctx.fail({
          rule: `filter: ${c.what}`,
          expected: missing ? `${missing.recordingId} to be listed` : 'only matching recordings',
          actual: wrong ? `${wrong.recordingId} (roomId ${wrong.roomId}, roomName ${wrong.roomName}, status ${wrong.status}) listed` : 'it is not listed',
          response: walk.pages[0]!.res,
          operation: OP.list,
        });
      }
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
  title: 'an undecodable nextPageToken is 422, not a silent first page',
  operations: [OP.list],
  specRef: '#/components/parameters/nextPageToken',
  needs: ['credentials'],
  decision: 'bad-page-token-422',
  async run(ctx: CheckContext) {
    for (const token of ['not a token!', '%%%', 'Zm9vYmFy' /* base64 of "foobar": decodes, but is no cursor */]) {
      const res = await ctx.target.request({ method: 'GET', path: '/recordings', query: { nextPageToken: token }, operation: OP.list });
      expectStatus(ctx, res, 422, `nextPageToken=${token} cannot be decoded: 422`, OP.list);
      expectValidationError(ctx, res, 'nextPageToken', `nextPageToken=${token} is 422 naming nextPageToken`, OP.list);
    }
  },
};

export const paginationChecks: Check[] = [noDuplicatesNoGaps, sortOrder, maxItems, truncationFlags, filters, fieldsProjection, badTokenRejected];
