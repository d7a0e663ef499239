// "Recordings are stored for up to 14 days. Afterwards they get destroyed." (seed 003). On the
// mock the clock is moved past the 14 days: until then the recording is readable, listed and
// downloadable; afterwards it is gone everywhere (404, unlisted, its unexpired link 404 —
// callrec decision retention-14-days). A real server cannot be made to age, so there the check
// is not applicable.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, excerpt, expectStatus, fetchLink, freshFinishedRecording, getRecording, listPage, readRecording } from '../support.ts';

const DAY_MS = 24 * 3_600_000;
const RETENTION_MS = 14 * DAY_MS;
const MINUTE = 60_000;

async function listed(ctx: CheckContext, roomId: string, id: string) {
  const { res, items } = await listPage(ctx, roomId, {});
  return { res, present: items.some((r) => r?.id === id) };
}

const fourteenDays: Check = {
  id: 'eyeson.retention.fourteen-days',
  title: 'a recording is kept 14 days after created_at (readable, listed, downloadable), then gone everywhere',
  operations: [OP.get, OP.list, OP.download],
  specRef: '#/paths/~1recordings~1{recording_id}/get/responses/404',
  needs: ['control', 'credentials'],
  decision: 'retention-14-days',
  async run(ctx: CheckContext) {
    if (!ctx.control) ctx.notApplicable('a real server cannot be aged 14 days; needs the control API (clock)');
    // The recording is finished well under 10 minutes after created_at (the margin below).
    const { meeting, id } = await freshFinishedRecording(ctx);

    await ctx.control.advanceClock(RETENTION_MS - 60 * MINUTE);
    await readRecording(ctx, id, 'a recording is readable until its 14 days are over (13 days 23 hours)');
    const early = await listed(ctx, meeting.roomId, id);
    if (!early.present) ctx.fail({ rule: 'a recording is listed until its 14 days are over', expected: `${id} listed at 13 days 23 hours`, actual: 'not listed', response: early.res, operation: OP.list });

    await ctx.control.advanceClock(50 * MINUTE);
    const { rec } = await readRecording(ctx, id, 'a recording is readable until its 14 days are over (10 minutes before)');
    const link = rec.links?.download;
    if (typeof link === 'string') expectStatus(ctx, await fetchLink(ctx, link), 200, 'the download link of a recording inside its 14 days is served', OP.download);

    await ctx.control.advanceClock(20 * MINUTE);
    const gone = await getRecording(ctx, id);
    if (gone.status !== 404) {
      ctx.fail({ rule: 'a recording is gone (404) once its 14 days are over', expected: 'HTTP 404 ten minutes after 14 days', actual: `HTTP ${gone.status} ${excerpt(gone)}`, response: gone, operation: OP.get });
    }
    const late = await listed(ctx, meeting.roomId, id);
    if (late.present) ctx.fail({ rule: 'a recording past its 14 days is not listed', expected: `${id} not listed`, actual: 'still listed', response: late.res, operation: OP.list });
    if (typeof link === 'string') {
      // The link was issued 20 minutes ago (its hour is not over): only the retention can stop it.
      const res = await fetchLink(ctx, link);
      expectStatus(ctx, res, 404, 'the unexpired link of a destroyed recording answers 404', OP.download);
    }
  },
};

export const retentionChecks: Check[] = [fourteenDays];
