// Deleting recordings, one and many: only finished recordings go, and a deleted one is gone
// everywhere (single read, listings). Every recording deleted here was recorded by the check.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, expectStatus, getRecording, recordableRoom, settle } from '../support.ts';
import { activeRecording, bulkDelete, deleteRecording, freshCompleteRecording, listAll, stopQuietly, stopRecording, unknownRecordingId } from '../support-media.ts';

const DELETE_SPEC = '#/paths/~1recordings~1{recordingId}/delete';
const BULK_SPEC = '#/paths/~1recordings/delete';

interface BulkBody {
  message?: unknown;
  deleted?: unknown;
  failed?: Array<{ recordingId?: unknown; error?: unknown }>;
}

const sameSet = (a: readonly unknown[], b: readonly string[]) => a.length === b.length && b.every((x) => a.includes(x));

const deleteLifecycle: Check = {
  id: 'openvidu-meet.delete.lifecycle',
  title: 'an active recording cannot be deleted (409); a complete one is deleted, then reads 404 and leaves listings',
  operations: [OP.delete, OP.get, OP.list],
  specRef: DELETE_SPEC,
  needs: ['credentials', 'room', 'writes'],
  async run(ctx: CheckContext) {
    const rec = await activeRecording(ctx);
    let stopped = false;
    try {
      const early = await deleteRecording(ctx, rec.recordingId);
      expectStatus(ctx, early, 409, 'delete of an active recording must answer 409', OP.delete);
      const stop = await stopRecording(ctx, rec.recordingId);
      expectStatus(ctx, stop, 202, 'stop of an active recording must answer 202', OP.stop);
      stopped = true;
    } finally {
      // On a real target, never leave a recording running (the mock's rooms are throwaway).
      if (!stopped && !ctx.control) await stopQuietly(ctx, rec.recordingId);
    }
    const done = await settle(ctx, rec.recordingId);
    if (done.status !== 'complete') ctx.fail({ rule: 'a stopped recording must complete', expected: 'complete', actual: done.status, operation: OP.get });

    const del = await deleteRecording(ctx, rec.recordingId);
    expectStatus(ctx, del, 200, 'delete of a complete recording must answer 200', OP.delete);
    const message = del.json<{ message?: unknown }>().message;
    if (typeof message !== 'string' || message.length === 0) {
      ctx.fail({ rule: 'a delete answer carries a message', expected: '{message: string}', actual: del.text().slice(0, 200), response: del, operation: OP.delete });
    }

    const after = await getRecording(ctx, rec.recordingId);
    expectStatus(ctx, after, 404, 'a deleted recording must read 404', OP.get);

    const { items, last } = await listAll(ctx, { roomId: rec.roomId });
    if (items.some((r) => r.recordingId === rec.recordingId)) {
      ctx.fail({ rule: 'a deleted recording must not be listed', expected: `no ${rec.recordingId} in GET /recordings?roomId=${rec.roomId}`, actual: 'it is still listed', response: last, operation: OP.list });
    }
  },
};

const bulkPartialFailure: Check = {
  id: 'openvidu-meet.bulk-delete.partial-failure',
  title: 'bulk delete answers 400 naming what failed when some ids cannot go, 200 when all go; duplicates collapse',
  operations: [OP.bulkDelete],
  specRef: BULK_SPEC,
  needs: ['credentials', 'room', 'writes'],
  async run(ctx: CheckContext) {
    // One room is enough (a real target may offer only one): record, then start another.
    const roomId = await recordableRoom(ctx);
    const complete = await freshCompleteRecording(ctx, roomId);
    const active = await activeRecording(ctx, roomId);
    const unknown = unknownRecordingId(roomId);
    let stopped = false;
    try {
      const mixed = await bulkDelete(ctx, [complete.recordingId, unknown, active.recordingId]);
      expectStatus(ctx, mixed, 400, 'bulk delete with undeletable ids must answer 400', OP.bulkDelete);
      const body = mixed.json<BulkBody>();
      const deleted = Array.isArray(body.deleted) ? body.deleted : [];
      if (!sameSet(deleted, [complete.recordingId])) {
        ctx.fail({ rule: 'bulk delete reports exactly the deleted ids', expected: `deleted: ["${complete.recordingId}"]`, actual: `deleted: ${JSON.stringify(body.deleted)}`, response: mixed, operation: OP.bulkDelete });
      }
      const failed = Array.isArray(body.failed) ? body.failed : [];
      const failedIds = failed.map((f) => f?.recordingId);
      if (!sameSet(failedIds, [unknown, active.recordingId]) || failed.some((f) => typeof f?.error !== 'string')) {
        ctx.fail({
          rule: 'bulk delete names every id it could not delete, with the reason',
          expected: `failed: [{recordingId, error}] for ${unknown} and ${active.recordingId}`,
          actual: `failed: ${JSON.stringify(body.failed)?.slice(0, 300)}`,
          response: mixed,
          operation: OP.bulkDelete,
        });
      }
      const stop = await stopRecording(ctx, active.recordingId);
      expectStatus(ctx, stop, 202, 'stop of an active recording must answer 202', OP.stop);
      stopped = true;
    } finally {
      if (!stopped && !ctx.control) await stopQuietly(ctx, active.recordingId);
    }
    const finished = await settle(ctx, active.recordingId);
    if (finished.status !== 'complete') ctx.fail({ rule: 'a stopped recording must complete', expected: 'complete', actual: finished.status, operation: OP.get });
    const second = await freshCompleteRecording(ctx, roomId);

    const all = await bulkDelete(ctx, [active.recordingId, second.recordingId, active.recordingId]);
    expectStatus(ctx, all, 200, 'bulk delete of deletable ids (one repeated) must answer 200', OP.bulkDelete);
    const allBody = all.json<BulkBody>();
    const allDeleted = Array.isArray(allBody.deleted) ? allBody.deleted : [];
    if (!sameSet(allDeleted, [active.recordingId, second.recordingId])) {
      ctx.fail({
        rule: 'bulk delete collapses duplicate ids and reports each deleted id once',
        expected: `deleted: ["${active.recordingId}", "${second.recordingId}"] (any order)`,
        actual: `deleted: ${JSON.stringify(allBody.deleted)}`,
        response: all,
        operation: OP.bulkDelete,
      });
    }
    for (const id of [complete.recordingId, active.recordingId, second.recordingId]) {
      const res = await getRecording(ctx, id);
      expectStatus(ctx, res, 404, 'a recording bulk-deleted must read 404', OP.get);
    }
  },
};

export const deleteChecks: Check[] = [deleteLifecycle, bulkPartialFailure];
