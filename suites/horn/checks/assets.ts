// Recordings are uploaded in 30-minute segments (facts §1.4): a recording of duration d has
// ⌈d / 30 min⌉ assets per stream, each at most 30 minutes, back to back from the recording's
// start to its end, never overlapping (decision `segments` maps one segment to one asset).
// Each asset reads back the same by id.
import fc from 'fast-check';
import type { Check, CheckContext, FailureInput, TargetResponse } from '../../../core/check.ts';
import { runProperty } from '../../engine/property.ts';
import { OP, ownerAuth, dependents, excerpt, expectStatus, get, paths, readyRecording, recordableChannel, seedRecordings, step } from '../support.ts';
import type { HornAsset, HornRecording } from '../support.ts';

const SEGMENT_MS = 30 * 60_000;
const ASSET_SPEC = '#/components/schemas/RecordingAsset';

/** Assets of one stream: same format and kind, same individual stream and group. */
const streamKey = (a: HornAsset) => JSON.stringify([a.format, a.kind, a.isIndividual, a.group ?? null, a.streamUserId ?? null]);

/** Lists the assets of an ended recording (documented: an ended recording has its assets listed). */
async function listAssets(ctx: CheckContext, channel: string, rec: HornRecording): Promise<{ res: TargetResponse; assets: HornAsset[] }> {
  const res = await get(ctx, paths.recording(channel, rec.id, '/assets'), OP.assets, ownerAuth(ctx));
  expectStatus(ctx, res, 200, 'an ended recording lists its assets', OP.assets);
  const body = res.json<unknown>();
  if (!Array.isArray(body) || body.length === 0) ctx.fail({ rule: 'an ended recording has assets', expected: 'a non-empty array', actual: excerpt(res), response: res, operation: OP.assets, specRef: ASSET_SPEC });
  return { res, assets: body as HornAsset[] };
}

/**
 * The segment rules (decision `segments`: one asset per 30-minute segment and stream, back to
 * back). The docs only say recordings are uploaded in 30-minute segments.
 */
function segmentProblem(rec: HornRecording, assets: HornAsset[], res: TargetResponse): FailureInput | undefined {
  const fail = (rule: string, expected: string, actual: string): FailureInput => ({ rule, expected, actual, response: res, operation: OP.assets, specRef: ASSET_SPEC, decision: 'segments' });
  if (typeof rec.endTime !== 'number') return fail('the recording under test has ended', 'endTime set', JSON.stringify(rec));
  const end = rec.endTime;
  const duration = end - rec.startTime;
  const want = Math.max(1, Math.ceil(duration / SEGMENT_MS));
  const streams = new Map<string, HornAsset[]>();
  for (const a of assets) streams.set(streamKey(a), [...(streams.get(streamKey(a)) ?? []), a]);
  const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
  for (const [key, list] of streams) {
    const sorted = [...list].sort((x, y) => x.startTime - y.startTime);
    const spans = sorted.map((a) => `${a.id}: ${a.startTime}..${a.endTime ?? '?'}`).join(', ');
    if (sorted.length !== want) return fail('a recording is uploaded in 30-minute segments', `${want} segment(s) for ${minutes(duration)} (stream ${key})`, `${sorted.length}: ${spans}`);
    for (const [i, a] of sorted.entries()) {
      if (typeof a.endTime !== 'number') return fail('a segment of an ended recording has an endTime', 'endTime set', spans);
      if (a.endTime - a.startTime > SEGMENT_MS || a.endTime <= a.startTime) return fail('a segment lasts at most 30 minutes', '0 < endTime - startTime ≤ 30 min', `${a.id}: ${minutes(a.endTime - a.startTime)}`);
      const expectedStart = i === 0 ? rec.startTime : sorted[i - 1]!.endTime!;
      if (a.startTime !== expectedStart) return fail(i === 0 ? 'the first segment starts with the recording' : 'segments follow each other without overlap or gap', `${a.id} starting at ${expectedStart}`, `it starts at ${a.startTime} (${spans})`);
    }
    const last = sorted[sorted.length - 1]!;
    if (last.endTime !== end) return fail('the last segment ends with the recording', `endTime ${end}`, `${last.id} ends at ${last.endTime}`);
  }
  return undefined;
}

/** Documented: every listed asset belongs to its recording and reads back by id as listed. */
async function readsBack(ctx: CheckContext, channel: string, rec: HornRecording, assets: HornAsset[], res: TargetResponse): Promise<void> {
  for (const a of assets) {
    if (a.recordingId !== rec.id) ctx.fail({ rule: 'an asset belongs to the recording it is listed under', expected: `recordingId ${rec.id}`, actual: `asset ${a.id}: recordingId ${a.recordingId}`, response: res, operation: OP.assets, specRef: ASSET_SPEC });
    const one = await get(ctx, paths.asset(channel, rec.id, a.id), OP.asset, ownerAuth(ctx));
    expectStatus(ctx, one, 200, 'a listed asset reads back by id', OP.asset);
    if (JSON.stringify(sortKeys(one.json())) !== JSON.stringify(sortKeys(a))) {
      ctx.fail({ rule: 'an asset reads back by id as it is listed', expected: JSON.stringify(a).slice(0, 300), actual: excerpt(one, 300), response: one, operation: OP.asset });
    }
  }
}

/** The rules for one named recording, each on its own. */
async function judgeRecording(ctx: CheckContext, which: string, find: () => Promise<{ channel: string; recording: HornRecording }>): Promise<void> {
  let listed: { channel: string; rec: HornRecording; res: TargetResponse; assets: HornAsset[] } | undefined;
  const ok = await step(ctx, `${which}: an ended recording lists its assets`, async () => {
    const { channel, recording } = await find();
    listed = { channel, rec: recording, ...(await listAssets(ctx, channel, recording)) };
  });
  const rules = [`${which}: one asset per 30-minute segment and stream, back to back`, `${which}: each asset belongs to it and reads back by id as listed`];
  if (ok !== 'passed' || !listed) return dependents(ctx, ok, rules, `listing the assets of ${which}`);
  const l = listed;
  await ctx.rule(rules[0]!, () => {
    const problem = segmentProblem(l.rec, l.assets, l.res);
    if (problem) ctx.fail(problem);
  }, { decision: 'segments', specRef: ASSET_SPEC });
  await ctx.rule(rules[1]!, () => readsBack(ctx, l.channel, l.rec, l.assets, l.res), { specRef: ASSET_SPEC });
}

const sortKeys = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v;

const segments: Check = {
  id: 'horn.assets.segments',
  title: 'an ended recording has one asset per 30-minute segment, back to back, none longer than 30 minutes',
  operations: [OP.assets, OP.asset],
  specRef: ASSET_SPEC,
  needs: ['credentials', 'recording'],
  decision: 'segments',
  async run(ctx) {
    // Built before the first request (generation must not stall between requests).
    const duration = fc.integer({ min: 1_000, max: 4 * 3_600_000 });
    if (!ctx.control) {
      // The configured recordings: one of several segments, and the short one.
      await judgeRecording(ctx, 'recordings.long', () => readyRecording(ctx, { long: true }));
      await judgeRecording(ctx, 'recordings.ready', () => readyRecording(ctx));
      return;
    }
    const channel = recordableChannel(ctx);
    // Always one recording of several segments with a short last one, then random durations.
    for (const [which, durationMs] of [['a 75-minute recording', 75 * 60_000], ['a 30-minute recording', 30 * 60_000]] as const) {
      await judgeRecording(ctx, which, async () => ({ channel, recording: (await seedRecordings(ctx, [{ channel, state: 'ready', durationMs }]))[0]! }));
    }
    await ctx.rule('recordings of random durations: one asset per 30-minute segment, back to back; assets read back', () =>
      runProperty(
        ctx,
        fc.asyncProperty(duration, async (durationMs) => {
          const [rec] = await seedRecordings(ctx, [{ channel, state: 'ready', durationMs }]);
          const { res, assets } = await listAssets(ctx, channel, rec!);
          const problem = segmentProblem(rec!, assets, res);
          if (problem) ctx.fail(problem);
          await readsBack(ctx, channel, rec!, assets, res);
        }),
        { numRuns: 8, what: 'recording duration (ms)' },
      ),
    );
  },
};

export const assetChecks: Check[] = [segments];
