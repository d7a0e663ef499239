// DELETE /recordings/{id} (seed 003: 200 | 404): a deleted recording is gone — 404 on read, no
// longer in its room's listing — and deleting it again is 404.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, deleteRecording, excerpt, expectStatus, freshFinishedRecording, getRecording, listPage, readRecording, unknownRecordingId } from '../support.ts';

const DELETE_SPEC = '#/paths/~1recordings~1{recording_id}/delete';

const lifecycle: Check = {
  id: 'eyeson.delete.lifecycle',
  title: 'a deleted recording answers 404, leaves its room listing, and a second delete is 404',
  operations: [OP.delete, OP.get, OP.list],
  specRef: DELETE_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    // Needs no recording of ours: runs even where recordings cannot be made.
    await ctx.rule('deleting a recording that does not exist answers 404', async () => {
      expectStatus(ctx, await deleteRecording(ctx, unknownRecordingId(ctx)), 404, 'deleting a recording that does not exist answers 404', OP.delete);
    }, { operation: OP.delete, specRef: `${DELETE_SPEC}/responses/404` });

    const { meeting, id } = await freshFinishedRecording(ctx);
    await readRecording(ctx, id);
    const before = await listPage(ctx, meeting.roomId, {});
    if (!before.items.some((r) => r?.id === id)) {
      ctx.fail({ rule: 'a finished recording is listed in its room', expected: `${id} listed`, actual: 'not listed', response: before.res, operation: OP.list });
    }

    const deleted = await deleteRecording(ctx, id);
    expectStatus(ctx, deleted, 200, 'delete of an existing recording answers 200', OP.delete);

    await ctx.rule('a deleted recording answers 404', async () => {
      const read = await getRecording(ctx, id);
      if (read.status !== 404) {
        ctx.fail({ rule: 'a deleted recording answers 404', specRef: `${DELETE_SPEC}/responses/200`, expected: 'HTTP 404', actual: `HTTP ${read.status} ${excerpt(read)}`, response: read, operation: OP.get });
      }
    }, { operation: OP.get });
    await ctx.rule('a deleted recording is no longer listed', async () => {
      const after = await listPage(ctx, meeting.roomId, {});
      if (after.items.some((r) => r?.id === id)) {
        ctx.fail({ rule: 'a deleted recording is no longer listed', expected: `${id} not listed`, actual: 'still listed', response: after.res, operation: OP.list });
      }
    }, { operation: OP.list });
    await ctx.rule('deleting an already deleted recording answers 404', async () => {
      expectStatus(ctx, await deleteRecording(ctx, id), 404, 'deleting an already deleted recording answers 404', OP.delete);
    }, { operation: OP.delete, specRef: `${DELETE_SPEC}/responses/404` });
  },
};

export const deleteChecks: Check[] = [lifecycle];
