// "Recordings are stored for up to 14 days. Afterwards they get destroyed." (seed 003) —
// documented. On the mock the clock is moved past the 14 days: until then the recording is
// readable, listed and downloadable; afterwards it is gone everywhere (404, unlisted). That its
// unexpired link then answers exactly 404 is callrec decision retention-14-days.
//
// A real server cannot be made to age, but it has old data: a recording the config lists as
// created more than 14 days ago (recordings.expired) must be gone, and no recording of the
// configured room may be listed past its 14 days on the target's own clock (its `Date` header).
import type { Check, CheckContext } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, excerpt, expectStatus, fetchLink, freshFinishedRecording, getRecording, incompleteWalk, listPage, readRecording, serverSeconds, walkPages } from '../support.ts';

const DAY_MS = 24 * 3_600_000;
const RETENTION_MS = 14 * DAY_MS;
const RETENTION_S = RETENTION_MS / 1000;
const MINUTE = 60_000;
const GET_404 = '#/paths/~1recordings~1{recording_id}/get/responses/404';

async function listed(ctx: CheckContext, roomId: string, id: string) {
  const { res, items } = await listPage(ctx, roomId, {});
  return { res, present: items.some((r) => r?.id === id) };
}

/** With the control API: one recording of ours aged through its 14 days. */
async function agedOnTheMockClock(ctx: CheckContext): Promise<void> {
  const control = ctx.control!;
  // The recording is finished well under 10 minutes after created_at (the margin below).
  const { meeting, id } = await freshFinishedRecording(ctx);

  await control.advanceClock(RETENTION_MS - 60 * MINUTE);
  let link: string | null | undefined;
  await ctx.rule('a recording is readable, listed and downloadable until its 14 days are over', async () => {
    await readRecording(ctx, id, 'a recording is readable until its 14 days are over (13 days 23 hours)');
    const early = await listed(ctx, meeting.roomId, id);
    if (!early.present) ctx.fail({ rule: 'a recording is listed until its 14 days are over', expected: `${id} listed at 13 days 23 hours`, actual: 'not listed', response: early.res, operation: OP.list });
    await control.advanceClock(50 * MINUTE);
    const { rec } = await readRecording(ctx, id, 'a recording is readable until its 14 days are over (10 minutes before)');
    link = rec.links?.download;
    if (typeof link === 'string') expectStatus(ctx, await fetchLink(ctx, link), 200, 'the download link of a recording inside its 14 days is served', OP.download);
  });

  await control.advanceClock(link === undefined ? 70 * MINUTE : 20 * MINUTE);
  await ctx.rule('a recording is gone (404) once its 14 days are over', async () => {
    const gone = await getRecording(ctx, id);
    if (gone.status !== 404) {
      ctx.fail({ rule: 'a recording is gone (404) once its 14 days are over', specRef: GET_404, expected: 'HTTP 404 ten minutes after 14 days', actual: `HTTP ${gone.status} ${excerpt(gone)}`, response: gone, operation: OP.get });
    }
  }, { specRef: GET_404 });
  await ctx.rule('a recording past its 14 days is not listed', async () => {
    const late = await listed(ctx, meeting.roomId, id);
    if (late.present) ctx.fail({ rule: 'a recording past its 14 days is not listed', expected: `${id} not listed`, actual: 'still listed', response: late.res, operation: OP.list });
  });
  const unexpired = 'the unexpired link of a destroyed recording answers 404';
  if (typeof link !== 'string') {
    ctx.notRun(unexpired, 'no download link was read inside the 14 days');
    return;
  }
  const issued = link;
  await ctx.rule(unexpired, async () => {
    // The link was issued 20 minutes ago (its hour is not over): only the retention can stop it.
    const res = await fetchLink(ctx, issued);
    if (res.status === 200 || res.status === 206) {
      ctx.fail({ rule: 'the media of a destroyed recording is not served', expected: 'no media', actual: `HTTP ${res.status} (${res.bytes.byteLength} bytes)`, response: res, operation: OP.download });
    }
    if (res.status !== 404) ctx.fail({ rule: unexpired, decision: 'retention-14-days', expected: 'HTTP 404', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.download });
  });
  // To the second (decision retention-14-days: it exists for 1 209 600 s after created_at, then not).
  const edge = 'a recording is readable one second before its 14 days end and gone when they do';
  await ctx.rule(edge, async () => {
    const { id: id2, rec } = await freshFinishedRecording(ctx);
    const now = serverSeconds(await getRecording(ctx, id2));
    if (now === undefined) return ctx.notApplicable('the mock sent no Date header');
    await control.advanceClock((rec.created_at + RETENTION_S - 1 - now) * 1000);
    const before = await getRecording(ctx, id2);
    await control.advanceClock(1000);
    const after = await getRecording(ctx, id2);
    if (before.status !== 200 || after.status !== 404) ctx.fail({ rule: edge, expected: 'HTTP 200 at created_at + 1 209 599 s, 404 at + 1 209 600 s', actual: `HTTP ${before.status}, then ${after.status}`, response: after, operation: OP.get, decision: 'retention-14-days' });
  }, { decision: 'retention-14-days', operation: OP.get });
}

/** Without it: the old data the config lists, judged on the target's own clock. */
async function agedOnTheTargetClock(ctx: CheckContext): Promise<void> {
  const config = asConfig(ctx.config);
  const expired = config.recordings?.expired;
  const goneRule = 'a recording created more than 14 days ago answers 404';
  if (expired) {
    await ctx.rule(goneRule, async () => {
      const res = await getRecording(ctx, expired);
      if (res.status !== 404) {
        let age = '';
        if (res.status === 200) {
          const created = (JSON.parse(res.text()) as { created_at?: unknown }).created_at;
          const now = serverSeconds(res);
          if (typeof created === 'number' && now !== undefined) age = ` (created ${((now - created) / 86_400).toFixed(1)} days ago)`;
        }
        ctx.fail({ rule: goneRule, specRef: GET_404, expected: `HTTP 404 for recordings.expired (${expired})`, actual: `HTTP ${res.status}${age} ${excerpt(res)}`, response: res, operation: OP.get });
      }
    }, { specRef: GET_404 });
  } else ctx.skip(goneRule, 'no recording older than 14 days configured: set recordings.expired in the target config');

  const listedRule = 'no recording of the configured room is listed past its 14 days';
  const roomId = config.rooms?.paged;
  if (!roomId) {
    ctx.skip(listedRule, 'no room with recordings configured: set rooms.paged in the target config');
    return;
  }
  await ctx.rule(listedRule, async () => {
    const walk = await walkPages(ctx, roomId, {}, 60);
    if (!walk.complete) ctx.notApplicable(incompleteWalk(walk, roomId));
    if (walk.items.length === 0) ctx.notApplicable(`room ${roomId} has no recordings`);
    for (const p of walk.pages) {
      const now = serverSeconds(p.res);
      if (now === undefined) ctx.notApplicable('the target sends no Date header: the age of a recording on its clock cannot be told');
      // A minute of slack: the listing may have been cut just before the target's clock ticked over.
      const old = p.items.find((r) => typeof r?.created_at === 'number' && now - r.created_at > RETENTION_S + 60);
      if (old) {
        ctx.fail({ rule: listedRule, specRef: GET_404, expected: 'only recordings created within the last 14 days', actual: `${old.id} created ${((now - old.created_at) / 86_400).toFixed(2)} days before the listing (page ${p.page})`, response: p.res, operation: OP.list });
      }
    }
  }, { operation: OP.list });
}

const fourteenDays: Check = {
  id: 'eyeson.retention.fourteen-days',
  title: 'a recording is kept 14 days after created_at (readable, listed, downloadable), then gone everywhere',
  operations: [OP.get, OP.list, OP.download],
  specRef: GET_404,
  needs: ['credentials'],
  decision: 'retention-14-days',
  async run(ctx: CheckContext) {
    if (ctx.control) await agedOnTheMockClock(ctx);
    else await agedOnTheTargetClock(ctx);
  },
};

export const retentionChecks: Check[] = [fourteenDays];
