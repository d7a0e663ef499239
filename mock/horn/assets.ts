// The assets of an ended recording, derived from its times (nothing is stored per asset):
// one MP4 video per 30-minute segment, `uploading` while the recording processes, `uploaded`
// with its size once it is ready. Asset ids are `<recordingId>-s<n>`, so an id leads back to
// its recording without an index.
import { has } from './context.ts';
import { segmentsOf, SEGMENT_MS } from './lifecycle.ts';
import type { HornContext } from './context.ts';
import type { Asset, AvailableAsset, Recording } from './types.ts';

export const assetId = (recordingId: string, n: number) => `${recordingId}-s${n}`;

/** Splits an asset id into its recording id and segment number (undefined when malformed). */
export function parseAssetId(id: string): { recordingId: string; n: number } | undefined {
  const m = /^(.+)-s([1-9][0-9]{0,5})$/.exec(id);
  return m ? { recordingId: m[1]!, n: Number(m[2]) } : undefined;
}

/** Assets of a recording as the API shows them; an active recording has none (unless faulty). */
export function assetsOf(ctx: HornContext, r: Recording): Asset[] {
  let end = r.endTime;
  if (end === undefined) {
    if (!has(ctx, 'assets-of-active-recording')) return [];
    end = Math.max(r.startTime + 1, ctx.clock.now()); // what has been recorded so far
  }
  let segments = segmentsOf(r.startTime, end);
  if (has(ctx, 'single-asset-for-long-recording')) segments = [{ n: 1, startTime: r.startTime, endTime: end }];
  const ready = r.readyTime !== undefined;
  const owner = ctx.channels.get(r.channel)?.owners[0];
  return segments.map((s) => {
    const media = ctx.media.of(r.id, s.n);
    const shift = has(ctx, 'segment-times-overlap') && s.n > 1 ? 60_000 : 0;
    const file = `segment-${String(s.n).padStart(3, '0')}.mp4`;
    return {
      id: assetId(r.id, s.n),
      recordingId: r.id,
      format: 'MP4',
      kind: 'video',
      state: has(ctx, 'asset-state-outside-enum') ? 'in_flight' : ready ? 'uploaded' : 'uploading',
      label: `Segment ${s.n} of ${segments.length}`,
      startTime: s.startTime - shift,
      endTime: s.endTime,
      ...(ready ? { size: media.size } : {}),
      relativePath: `${r.id}/${file}`,
      ...(owner !== undefined ? { userId: owner } : {}),
      isIndividual: false,
    };
  });
}

/** The asset with this id if its recording has it now. */
export function findAsset(ctx: HornContext, r: Recording, id: string): Asset | undefined {
  return assetsOf(ctx, r).find((a) => a.id === id);
}

/** The JWT listing's view of an asset: every segment is a combined video. */
export const toAvailable = (a: Asset): AvailableAsset => ({
  id: a.id,
  format: a.format,
  kind: 'combined_video',
  label: a.label,
  ...(a.size !== undefined ? { size: a.size } : {}),
});

/** File name of an asset inside a download archive. */
export const archiveName = (a: Asset) => a.relativePath.slice(a.relativePath.lastIndexOf('/') + 1);

export { SEGMENT_MS };
