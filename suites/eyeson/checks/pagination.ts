// Room listings (seed 003): pages of at most 25 ("limit is 25") and `page` fetching the next set,
// so no recording on two pages — documented. Full pages of exactly 25, newest first, page 0 being
// page 1 and an empty array past the end are callrec decision list-pages (decision-only rules).
// `started_at` keeps the recordings of the room instance running then (documented); `since` /
// `until` bounding created_at inclusively, and filters combining with AND, are callrec decision
// time-filters. A walk that runs out of its page budget, or a room with too few recordings,
// makes the rules that need more not applicable — never passed.
import fc from 'fast-check';
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { checkProperty } from '../../engine/property.ts';
import { asConfig } from '../config.ts';
import {
  OP,
  duplicates,
  listPage,
  setDiff,
  uniqueId,
  incompleteWalk,
  walkPages,
  type EyesonRecording,
  type Walk,
  type ListQuery,
} from '../support.ts';

const PAGE_SIZE = 25;
const LIST_SPEC = '#/paths/~1rooms~1{room_id}~1recordings/get';

/** A room with more than two pages: mock → recorded now; real → `rooms.paged`. */
async function pagedRoom(ctx: CheckContext): Promise<{ roomId: string; ids?: string[] }> {
  if (!ctx.control) {
    const roomId = asConfig(ctx.config).rooms?.paged;
    if (!roomId) ctx.notApplicable('no room with more than 25 recordings: set rooms.paged in the target config');
    return { roomId };
  }
  // 2 full pages and a partial one; the count varies with the seed so page edges move.
  const count = 2 * PAGE_SIZE + 1 + (ctx.seed % 13);
  const roomId = uniqueId(ctx, 'paged');
  const ids = await generated(ctx, roomId, count, 3);
  return { roomId, ids };
}

/** Mock only: `count` finished recordings over the last days in `instances` room instances (control seed). */
async function generated(ctx: CheckContext, roomId: string, count: number, instances: number): Promise<string[]> {
  const out = (await ctx.control!.seed({ generate: { roomId, count, days: 3, instances } })) as { generated?: { recordingIds?: string[] } };
  const ids = out?.generated?.recordingIds;
  if (!Array.isArray(ids) || ids.length !== count) throw new Error(`the mock did not generate ${count} recordings: ${JSON.stringify(out).slice(0, 200)}`);
  return ids;
}

const ids = (items: EyesonRecording[]) => items.map((r) => r?.id);

/** Pages walked without control (a room of the target's): 60 pages of 25. */
const WALK_BUDGET_PAGES = 60;

const pages: Check = {
  id: 'eyeson.pagination.pages',
  title: 'pages of 25 hold every recording of the room exactly once, newest first; past the end is []',
  operations: [OP.list],
  specRef: '#/components/parameters/page',
  needs: ['credentials'],
  decision: 'list-pages',
  async run(ctx: CheckContext) {
    const { roomId, ids: known } = await pagedRoom(ctx);
    const budget = known ? Math.ceil(known.length / PAGE_SIZE) + 2 : WALK_BUDGET_PAGES;
    const walk = await walkPages(ctx, roomId, {}, budget);
    const nonEmpty = walk.pages.filter((p) => p.items.length > 0);
    const last = walk.pages[walk.pages.length - 1]!;
    const decision = { decision: 'list-pages' };
    const fewPages = nonEmpty.length < 2 ? `room ${roomId} has ${walk.items.length} recording(s): fewer than two pages` : undefined;

    await ctx.rule('a page holds at most 25 recordings', () => {
      for (const p of walk.pages) {
        if (p.items.length > PAGE_SIZE) {
          ctx.fail({ rule: 'a page holds at most 25 recordings', specRef: LIST_SPEC, expected: `≤ ${PAGE_SIZE} items`, actual: `page ${p.page}: ${p.items.length} items`, response: p.res, operation: OP.list });
        }
      }
      if (walk.items.length === 0) ctx.notApplicable(`room ${roomId} has no recordings`);
    });
    await ctx.rule('every page but the last holds exactly 25 recordings', () => {
      if (fewPages) ctx.notApplicable(fewPages);
      // Only the last non-empty page may be short: a short page followed by more is a hole.
      nonEmpty.slice(0, -1).forEach((p) => {
        if (p.items.length !== PAGE_SIZE) {
          ctx.fail({ rule: 'every page but the last holds exactly 25 recordings', expected: `${PAGE_SIZE} items on page ${p.page}`, actual: `${p.items.length} items, and page ${p.page + 1} is not empty`, response: p.res, operation: OP.list });
        }
      });
    }, decision);
    await ctx.rule('a recording appears on one page only', () => {
      if (fewPages) ctx.notApplicable(fewPages);
      const all = ids(walk.items);
      const dup = duplicates(all);
      if (dup.length > 0) {
        const where = walk.pages.filter((p) => ids(p.items).includes(dup[0]!)).map((p) => p.page);
        ctx.fail({ rule: 'a recording appears on one page only', expected: 'no id on two pages', actual: `${dup.length} repeated id(s), e.g. ${dup[0]} on pages ${where.join(', ')}`, response: last.res, operation: OP.list });
      }
    }, { specRef: LIST_SPEC });
    if (known) {
      await ctx.rule('the pages together hold exactly the room\'s recordings', () => {
        if (!walk.complete) {
          ctx.fail({ rule: 'a page past the end is an empty array', decision: 'list-pages', expected: `an empty page by page ${budget} (${known.length} recordings)`, actual: `page ${last.page} still has recordings`, response: last.res, operation: OP.list });
        }
        const { missing, extra } = setDiff(known, ids(walk.items));
        if (missing.length || extra.length) {
          ctx.fail({ rule: 'the pages together hold exactly the room\'s recordings', specRef: LIST_SPEC, expected: `${known.length} recordings`, actual: `missing ${missing.length} (e.g. ${missing[0] ?? '-'}), unexpected ${extra.length} (e.g. ${extra[0] ?? '-'})`, response: last.res, operation: OP.list });
        }
      });
    } else {
      ctx.skip('the pages together hold exactly the room\'s recordings', 'which recordings the configured room holds is known only where the suite recorded them (the control API)');
    }
    await ctx.rule('a listing is newest first across pages', () => {
      if (walk.items.length < 2) ctx.notApplicable(`room ${roomId} has fewer than 2 recordings`);
      for (let i = 1; i < walk.items.length; i++) {
        const [a, b] = [walk.items[i - 1]!, walk.items[i]!];
        if (!(a.created_at >= b.created_at)) {
          ctx.fail({ rule: 'a listing is newest first across pages', expected: 'created_at never increases', actual: `${a.id} (created_at ${a.created_at}) before ${b.id} (created_at ${b.created_at})`, response: last.res, operation: OP.list });
        }
      }
    }, decision);
    await ctx.rule('a page past the end is an empty array', async () => {
      if (!walk.complete && !known) ctx.notApplicable(incompleteWalk(walk, roomId));
      if (walk.items.length === 0) ctx.notApplicable(`room ${roomId} has no recordings: every page is past the end`);
      const far = await listPage(ctx, roomId, { page: walk.pages.length + 5 });
      if (far.items.length !== 0) {
        ctx.fail({ rule: 'a page past the end is an empty array', expected: '[]', actual: `${far.items.length} items`, response: far.res, operation: OP.list });
      }
    }, decision);
    await ctx.rule('page 0 is page 1', async () => {
      if (walk.items.length === 0) ctx.notApplicable(`room ${roomId} has no recordings`);
      const zero = await listPage(ctx, roomId, { page: 0 });
      const first = walk.pages[0]!;
      if (JSON.stringify(ids(zero.items)) !== JSON.stringify(ids(first.items))) {
        ctx.fail({ rule: 'page 0 is page 1', expected: `ids ${JSON.stringify(ids(first.items).slice(0, 3))}…`, actual: `ids ${JSON.stringify(ids(zero.items).slice(0, 3))}…`, response: zero.res, operation: OP.list });
      }
    }, decision);
    // Recordings that arrive out of order (an import, a late upload) and several in one second:
    // still newest first, ties by id descending (decision list-pages). Mock only: they are seeded.
    const ORDER = 'recordings added out of order, several in one second, list by created_at then id, descending';
    if (!ctx.control) return ctx.skip(ORDER, 'needs the control API to add recordings with chosen created_at', decision);
    const control = ctx.control;
    await ctx.rule(ORDER, async () => {
      const room = uniqueId(ctx, 'shuffled');
      const base = Date.now() - 5 * 24 * 3600_000;
      const now = (await control.call<{ now?: number }>('tick', {}).catch(() => ({} as { now?: number }))).now ?? base;
      const start = Math.floor((now - 3 * 24 * 3600_000) / 1000) * 1000;
      // 30 recordings over 12 distinct seconds, in an order that is neither ascending nor descending.
      const planned = Array.from({ length: 30 }, (_, i) => ({ i, createdAt: start + ((i * 7) % 12) * 60_000, id: `${room}-${String((i * 11) % 30).padStart(2, '0')}` }));
      await control.seed({ recordings: planned.map((p) => ({ roomId: room, id: p.id, createdAt: p.createdAt, state: 'finished' })) });
      const want = [...planned].sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1)).map((p) => p.id);
      const walked = await walkPages(ctx, room, {}, 4);
      const got = ids(walked.items);
      if (JSON.stringify(got) !== JSON.stringify(want)) ctx.fail({ rule: ORDER, expected: JSON.stringify(want.slice(0, 8)) + '…', actual: JSON.stringify(got.slice(0, 8)) + '…', response: walked.pages[0]?.res, operation: OP.list, decision: 'list-pages' });
    }, decision);
  },
};

// ---------------------------------------------------------------- time filters

/** Mock: three instances of one room with a dozen recordings over days. Real: `rooms.paged`. */
async function spreadRoom(ctx: CheckContext): Promise<string> {
  if (!ctx.control) {
    const roomId = asConfig(ctx.config).rooms?.paged;
    if (!roomId) ctx.notApplicable('no room with recordings spread over time: set rooms.paged in the target config');
    return roomId;
  }
  const roomId = uniqueId(ctx, 'spread');
  await generated(ctx, roomId, 12 + (ctx.seed % 5), 3);
  return roomId;
}

const isoOf = (unixSeconds: number) => new Date(unixSeconds * 1000).toISOString();

interface Filter extends Omit<ListQuery, 'page'> {}

const ALL_BUDGET_PAGES = 40;
const FILTER_BUDGET_PAGES = 20;

/** The reference: every given filter, combined with AND, applied to the unfiltered listing. */
function expected(all: EyesonRecording[], f: Filter): string[] {
  const t = (iso: string) => Math.floor(Date.parse(iso) / 1000);
  return all
    .filter((r) => f.since === undefined || r.created_at >= t(f.since))
    .filter((r) => f.until === undefined || r.created_at <= t(f.until))
    .filter((r) => f.started_at === undefined || t(r.room.started_at) === t(f.started_at))
    .map((r) => r.id);
}

async function compare(ctx: CheckContext, roomId: string, all: EyesonRecording[], f: Filter): Promise<void> {
  const walk: Walk = await walkPages(ctx, roomId, f, FILTER_BUDGET_PAGES);
  if (!walk.complete) ctx.notApplicable(incompleteWalk(walk, roomId));
  const want = expected(all, f);
  const got = ids(walk.items);
  const { missing, extra } = setDiff(want, got);
  if (missing.length || extra.length) {
    const res: TargetResponse = walk.pages[0]!.res;
    ctx.fail({
      rule: 'since/until bound created_at inclusively and started_at keeps one room instance (all combined with AND)',
      specRef: '#/components/parameters/since',
      expected: `${want.length} recording(s) for ${JSON.stringify(f)}`,
      actual: `${got.length}: missing ${JSON.stringify(missing.slice(0, 3))}, unexpected ${JSON.stringify(extra.slice(0, 3))}`,
      response: res,
      operation: OP.list,
    });
  }
}

const timeFilters: Check = {
  id: 'eyeson.pagination.time-filters',
  title: 'since/until (inclusive, on created_at) and started_at (one room instance) filter listings, combined with AND',
  operations: [OP.list],
  specRef: '#/components/parameters/since',
  needs: ['credentials'],
  decision: 'time-filters',
  async run(ctx: CheckContext) {
    const roomId = await spreadRoom(ctx);
    const walk = await walkPages(ctx, roomId, {}, ALL_BUDGET_PAGES);
    if (!walk.complete) ctx.notApplicable(incompleteWalk(walk, roomId));
    const all = walk.items;
    if (all.length < 2) ctx.notApplicable(`room ${roomId} has fewer than 2 recordings`);
    const created = [...new Set(all.map((r) => r.created_at))].sort((a, b) => a - b);
    const instances = [...new Set(all.map((r) => r.room?.started_at))].filter((s): s is string => typeof s === 'string');
    const mid = created[Math.floor(created.length / 2)]!;
    const decided = { decision: 'time-filters' };
    const check = (f: Filter) => compare(ctx, roomId, all, f);

    // Fixed cases: each filter alone cuts something off, exactly at a boundary.
    await ctx.rule('since keeps recordings created at or after it', () => check({ since: isoOf(mid) }), decided);
    await ctx.rule('until keeps recordings created at or before it', () => check({ until: isoOf(mid) }), decided);
    await ctx.rule('since and until together keep the recordings between them', () => check({ since: isoOf(created[1] ?? mid), until: isoOf(created[created.length - 2] ?? mid) }), decided);
    await ctx.rule('started_at keeps the recordings of the room instance running then', async () => {
      if (instances.length === 0) ctx.notApplicable(`the recordings of room ${roomId} show no room.started_at`);
      for (const s of instances) await check({ started_at: s });
    }, { specRef: '#/components/parameters/startedAt' });
    await ctx.rule('started_at and since combine with AND', async () => {
      if (instances.length === 0) ctx.notApplicable(`the recordings of room ${roomId} show no room.started_at`);
      await check({ started_at: instances[0]!, since: isoOf(mid) });
    }, decided);

    // Generated bounds, one second either side of real created_at values.
    const bound = fc.tuple(fc.nat({ max: created.length - 1 }), fc.integer({ min: -1, max: 1 })).map(([i, d]) => isoOf(created[i]! + d));
    const filter = fc.record({ since: bound, until: bound, started_at: instances.length ? fc.constantFrom(...instances) : fc.constant(undefined) }, { requiredKeys: [] });
    await ctx.rule('generated combinations of since, until and started_at', () =>
      checkProperty(ctx, filter, (f) => check(Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as Filter), { numRuns: 15 }),
    decided);
  },
};

export const paginationChecks: Check[] = [pages, timeFilters];
