// Recordings are uploaded in 30-minute segments (facts §1.4): a recording of duration d has
// ⌈d / 30 min⌉ assets per stream, each at most 30 minutes, back to back from the recording's
// start to its end, never overlapping (decision `segments` maps one segment to one asset).
// Each asset reads back the same by id.
import fc from 'fast-check';
import type { Check, CheckContext } from '../../../core/check.ts';
import { runProperty } from '../../engine/property.ts';
import { OP, excerpt, expectStatus, get, paths, readyRecording, recordableChannel, roleAuth, seedRecordings } from '../support.ts';
import type { HornAsset, HornRecording } from '../support.ts';

const SEGMENT_MS = 30 * 60_000;

/** Assets of one stream: same format and kind, same individual stream and group. */
const streamKey = (a: HornAsset) => JSON.stringify([a.format, a.kind, a.isIndividual, a.group ?? null, a.streamUserId ?? null]);

async function checkSegments(ctx: CheckContext, channel: string, rec: HornRecording): Promise<void> {
  const owner = roleAuth(ctx, 'owner');
  const res = await get(ctx, paths.recording(channel, rec.id, '/assets'), OP.assets, owner);
  expectStatus(ctx, res, 200, 'an ended recording lists its assets', OP.assets);
  const assets = res.json<HornAsset[]>();
  const fail = (rule: string, expected: string, actual: string): never => ctx.fail({ rule, expected, actual, response: res, operation: OP.assets, specRef: '#/components/schemas/RecordingAsset' });
  const end = typeof rec.endTime === 'number' ? rec.endTime : fail('the recording under test has ended', 'endTime set', JSON.stringify(rec));
  const duration = end - rec.startTime;
  const want = Math.max(1, Math.ceil(duration / SEGMENT_MS));
  if (assets.length === 0) fail('an ended recording has assets', `${want} segment(s)`, '[]');

  const streams = new Map<string, HornAsset[]>();
  for (const a of assets) {
    if (a.recordingId !== rec.id) fail('an asset belongs to the recording it is listed under', `recordingId ${rec.id}`, `asset ${a.id}: recordingId ${a.recordingId}`);
    streams.set(streamKey(a), [...(streams.get(streamKey(a)) ?? []), a]);
  }
  const minutes = (ms: number) => `${(ms / 60_000).toFixed(1)} min`;
  for (const [key, list] of streams) {
    const sorted = [...list].sort((x, y) => x.startTime - y.startTime);
    const spans = sorted.map((a) => `${a.id}: ${a.startTime}..${a.endTime ?? '?'}`).join(', ');
    if (sorted.length !== want) {
      fail('a recording is uploaded in 30-minute segments', `${want} segment(s) for ${minutes(duration)} (stream ${key})`, `${sorted.length}: ${spans}`);
    }
    sorted.forEach((a, i) => {
      const aEnd = typeof a.endTime === 'number' ? a.endTime : fail('a segment of an ended recording has an endTime', 'endTime set', spans);
      if (aEnd - a.startTime > SEGMENT_MS || aEnd <= a.startTime) fail('a segment lasts at most 30 minutes', `0 < endTime - startTime ≤ 30 min`, `${a.id}: ${minutes(aEnd - a.startTime)}`);
      const expectedStart = i === 0 ? rec.startTime : sorted[i - 1]!.endTime!;
      if (a.startTime !== expectedStart) {
        fail(i === 0 ? 'the first segment starts with the recording' : 'segments follow each other without overlap or gap', `${a.id} starting at ${expectedStart}`, `it starts at ${a.startTime} (${spans})`);
      }
    });
    const last = sorted[sorted.length - 1]!;
    if (last.endTime !== end) fail('the last segment ends with the recording', `endTime ${end}`, `${last.id} ends at ${last.endTime}`);
  }

  for (const a of assets) {
    const one = await get(ctx, paths.asset(channel, rec.id, a.id), OP.asset, owner);
    expectStatus(ctx, one, 200, 'a listed asset reads back by id', OP.asset);
    if (JSON.stringify(sortKeys(one.json())) !== JSON.stringify(sortKeys(a))) {
      ctx.fail({ rule: 'an asset reads back by id as it is listed', expected: JSON.stringify(a).slice(0, 300), actual: excerpt(one, 300), response: one, operation: OP.asset });
    }
  }
}

const sortKeys = (v: unknown): unknown =>
  v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1))) : v;

const segments: Check = {
  id: 'horn.assets.segments',
  title: 'an ended recording has one asset per 30-minute segment, back to back, none longer than 30 minutes',
  operations: [OP.assets, OP.asset],
  specRef: '#/components/schemas/RecordingAsset',
  needs: ['credentials', 'recording'],
  decision: 'segments',
  async run(ctx) {
    if (!ctx.control) {
      const { channel, recording } = await readyRecording(ctx, { long: true });
      await checkSegments(ctx, channel, recording);
      return;
    }
    const channel = recordableChannel(ctx);
    // Always one recording of several segments with a short last one, then random durations.
    const fixed = [75 * 60_000, 30 * 60_000];
    for (const durationMs of fixed) {
      const [rec] = await seedRecordings(ctx, [{ channel, state: 'ready', durationMs }]);
      await checkSegments(ctx, channel, rec!);
    }
    const duration = fc.integer({ min: 1_000, max: 4 * 3_600_000 });
    await runProperty(
      ctx,
      fc.asyncProperty(duration, async (durationMs) => {
        const [rec] = await seedRecordings(ctx, [{ channel, state: 'ready', durationMs }]);
        await checkSegments(ctx, channel, rec!);
      }),
      { numRuns: 8, what: 'recording duration (ms)' },
    );
  },
};

export const assetChecks: Check[] = [segments];
