// DELETE /recordings/{id} (seed 003: 200 | 404): a deleted recording is gone — 404 on read, no
// longer in its room's listing — and deleting it again is 404.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, deleteRecording, excerpt, expectStatus, freshFinishedRecording, getRecording, listPage, readRecording } from '../support.ts';

const DELETE_SPEC = '#/paths/~1recordings~1{recording_id}/delete';

const lifecycle: Check = {
  id: 'eyeson.delete.lifecycle',
  title: 'a deleted recording answers 404, leaves its room listing, and a second delete is 404',
  operations: [OP.delete, OP.get, OP.list],
  specRef: DELETE_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    const { meeting, id } = await freshFinishedRecording(ctx);
    await readRecording(ctx, id);
    const before = await listPage(ctx, meeting.roomId, {});
    if (!before.items.some((r) => r?.id === id)) {
      ctx.fail({ rule: 'a finished recording is listed in its room', expected: `${id} listed`, actual: 'not listed', response: before.res, operation: OP.list });
    }

    const deleted = await deleteRecording(ctx, id);
    expectStatus(ctx, deleted, 200, 'delete of an existing recording answers 200', OP.delete);

    const read = await getRecording(ctx, id);
    if (read.status !== 404) {
      ctx.fail({ rule: 'a deleted recording answers 404', specRef: `${DELETE_SPEC}/responses/200`, expected: 'HTTP 404', actual: `HTTP ${read.status} ${excerpt(read)}`, response: read, operation: OP.get });
    }
    const after = await listPage(ctx, meeting.roomId, {});
    if (after.items.some((r) => r?.id === id)) {
      ctx.fail({ rule: 'a deleted recording is no longer listed', expected: `${id} not listed`, actual: 'still listed', response: after.res, operation: OP.list });
    }
    const again = await deleteRecording(ctx, id);
    expectStatus(ctx, again, 404, 'deleting an already deleted recording answers 404', OP.delete);
  },
};

export const deleteChecks: Check[] = [lifecycle];
