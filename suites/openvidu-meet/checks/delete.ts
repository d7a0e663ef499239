// Deleting recordings, one and many: only finished recordings go, and a deleted one is gone
// everywhere (single read, listings). Every recording deleted here was recorded by the check.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, configuredActiveRecording, expectStatus, getRecording, ownOrConfigured, recordableRoom, settle, takeDeletable, type MeetRecording } from '../support.ts';
import { activeRecording, bulkDelete, deleteRecording, freshCompleteRecording, listAll, stopQuietly, stopRecording, unknownRecordingId } from '../support-media.ts';

const DELETE_SPEC = '#/paths/~1recordings~1{recordingId}/delete';
const BULK_SPEC = '#/paths/~1recordings/delete';

interface BulkBody {
  message?: unknown;
  deleted?: unknown;
  failed?: Array<{ recordingId?: unknown; error?: unknown }>;
}

const sameSet = (a: readonly unknown[], b: readonly string[]) => a.length === b.length && b.every((x) => a.includes(x));

/** A recording of the check's own in progress, else the configured recordings.active. */
const inProgress = (ctx: CheckContext, roomId?: string) =>
  ownOrConfigured(ctx, 'start in a recordable room answers 201', () => activeRecording(ctx, roomId), 'a recording in progress is at hand', () => configuredActiveRecording(ctx));

const deleteLifecycle: Check = {
  id: 'openvidu-meet.delete.lifecycle',
  title: 'an active recording cannot be deleted (409); a complete one is deleted, then reads 404 and leaves listings',
  operations: [OP.delete, OP.get, OP.list],
  specRef: DELETE_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    const active = await inProgress(ctx);
    let doomed: MeetRecording | undefined;
    if (!active) ctx.notRun('delete of an active recording answers 409', 'no recording in progress to ask for');
    else {
      const rec = active.value;
      let stopped = false;
      try {
        await ctx.rule('delete of an active recording answers 409', async () => {
          const early = await deleteRecording(ctx, rec.recordingId);
          expectStatus(ctx, early, 409, 'delete of an active recording must answer 409', OP.delete);
        });
        if (active.own) {
          // The same recording, finished, is the one to delete.
          await ctx.rule('a stopped recording completes', async () => {
            const stop = await stopRecording(ctx, rec.recordingId);
            expectStatus(ctx, stop, 202, 'stop of an active recording must answer 202', OP.stop);
            stopped = true;
            const done = await settle(ctx, rec.recordingId);
            if (done.status !== 'complete') ctx.fail({ rule: 'a stopped recording must complete', expected: 'complete', actual: done.status, operation: OP.get });
            doomed = done;
          });
        }
      } finally {
        // On a real target, never leave a recording of ours running (the mock's rooms are throwaway).
        if (active.own && !stopped && !ctx.control) await stopQuietly(ctx, rec.recordingId);
      }
    }
    if (!doomed) {
      await ctx.rule('a complete recording to delete is at hand (configured recordings.deletable)', async () => {
        [doomed] = await takeDeletable(ctx, 1);
      });
    }
    if (!doomed) {
      ctx.notRun('delete of a complete recording answers 200, then it reads 404 and is not listed', 'no complete recording to delete');
      return;
    }
    const rec = doomed;
    await ctx.rule('delete of a complete recording answers 200 with a message', async () => {
      const del = await deleteRecording(ctx, rec.recordingId);
      expectStatus(ctx, del, 200, 'delete of a complete recording must answer 200', OP.delete);
      const message = del.json<{ message?: unknown }>().message;
      if (typeof message !== 'string' || message.length === 0) {
        ctx.fail({ rule: 'a delete answer carries a message', expected: '{message: string}', actual: del.text().slice(0, 200), response: del, operation: OP.delete });
      }
    });
    await ctx.rule('a deleted recording reads 404', async () => {
      const after = await getRecording(ctx, rec.recordingId, { expectMiss: true });
      expectStatus(ctx, after, 404, 'a deleted recording must read 404', OP.get);
    });
    await ctx.rule('a deleted recording is not listed', async () => {
      const { items, last } = await listAll(ctx, { roomId: rec.roomId });
      if (items.some((r) => r.recordingId === rec.recordingId)) {
        ctx.fail({ rule: 'a deleted recording must not be listed', expected: `no ${rec.recordingId} in GET /recordings?roomId=${rec.roomId}`, actual: 'it is still listed', response: last, operation: OP.list });
      }
    });
  },
};

const bulkPartialFailure: Check = {
  id: 'openvidu-meet.bulk-delete.partial-failure',
  title: 'bulk delete answers 400 naming what failed when some ids cannot go, 200 when all go; duplicates collapse',
  operations: [OP.bulkDelete],
  specRef: BULK_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    // Own recordings where the target can record them (one room is enough: a real target may
    // offer only one); else configured ones: a deletable complete recording and recordings.active.
    let roomId: string | undefined;
    const complete = await ownOrConfigured(
      ctx,
      'a complete recording of our own is recorded',
      async () => {
        roomId = await recordableRoom(ctx);
        return freshCompleteRecording(ctx, roomId);
      },
      'a complete recording to delete is at hand',
      async () => (await takeDeletable(ctx, 1))[0]!,
    );
    const active = complete?.own ? await inProgress(ctx, roomId) : await inProgress(ctx);
    if (!complete || !active) {
      ctx.notRun('bulk delete with undeletable ids answers 400 naming each', 'needs a complete recording and one in progress');
      ctx.notRun('bulk delete of deletable ids (one repeated) answers 200 listing each once', 'an earlier step failed');
      return;
    }
    const unknown = unknownRecordingId(active.value.roomId);
    const activeId = active.value.recordingId;
    let stopped = false;
    try {
      await ctx.rule('bulk delete with undeletable ids answers 400 naming each', async () => {
        const mixed = await bulkDelete(ctx, [complete.value.recordingId, unknown, activeId]);
        expectStatus(ctx, mixed, 400, 'bulk delete with undeletable ids must answer 400', OP.bulkDelete);
        const body = mixed.json<BulkBody>();
        const deleted = Array.isArray(body.deleted) ? body.deleted : [];
        if (!sameSet(deleted, [complete.value.recordingId])) {
          ctx.fail({ rule: 'bulk delete reports exactly the deleted ids', expected: `deleted: ["${complete.value.recordingId}"]`, actual: `deleted: ${JSON.stringify(body.deleted)}`, response: mixed, operation: OP.bulkDelete });
        }
        const failed = Array.isArray(body.failed) ? body.failed : [];
        const failedIds = failed.map((f) => f?.recordingId);
        if (!sameSet(failedIds, [unknown, activeId]) || failed.some((f) => typeof f?.error !== 'string')) {
          ctx.fail({
            rule: 'bulk delete names every id it could not delete, with the reason',
            expected: `failed: [{recordingId, error}] for ${unknown} and ${activeId}`,
            actual: `failed: ${JSON.stringify(body.failed)?.slice(0, 300)}`,
            response: mixed,
            operation: OP.bulkDelete,
          });
        }
      });
      let ids: string[] | undefined;
      const all = 'bulk delete of deletable ids (one repeated) answers 200 listing each once';
      await ctx.rule(`two deletable recordings are at hand${active.own ? '' : ' (configured recordings.deletable)'}`, async () => {
        if (active.own) {
          const stop = await stopRecording(ctx, activeId);
          expectStatus(ctx, stop, 202, 'stop of an active recording must answer 202', OP.stop);
          stopped = true;
          const finished = await settle(ctx, activeId);
          if (finished.status !== 'complete') ctx.fail({ rule: 'a stopped recording must complete', expected: 'complete', actual: finished.status, operation: OP.get });
          ids = [activeId, (await freshCompleteRecording(ctx, roomId)).recordingId];
        } else {
          ids = (await takeDeletable(ctx, 2)).map((r) => r.recordingId);
        }
      });
      if (!ids) {
        ctx.notRun(all, 'no two deletable recordings');
        return;
      }
      const [a, b] = ids as [string, string];
      await ctx.rule(all, async () => {
        const res = await bulkDelete(ctx, [a, b, a]);
        expectStatus(ctx, res, 200, 'bulk delete of deletable ids (one repeated) must answer 200', OP.bulkDelete);
        const allBody = res.json<BulkBody>();
        const allDeleted = Array.isArray(allBody.deleted) ? allBody.deleted : [];
        if (!sameSet(allDeleted, [a, b])) {
          ctx.fail({
            rule: 'bulk delete collapses duplicate ids and reports each deleted id once',
            expected: `deleted: ["${a}", "${b}"] (any order)`,
            actual: `deleted: ${JSON.stringify(allBody.deleted)}`,
            response: res,
            operation: OP.bulkDelete,
          });
        }
      });
      await ctx.rule('bulk-deleted recordings read 404', async () => {
        for (const id of [complete.value.recordingId, a, b]) {
          const res = await getRecording(ctx, id, { expectMiss: true });
          expectStatus(ctx, res, 404, 'a recording bulk-deleted must read 404', OP.get);
        }
      });
    } finally {
      if (active.own && !stopped && !ctx.control) await stopQuietly(ctx, activeId);
    }
  },
};

export const deleteChecks: Check[] = [deleteLifecycle, bulkPartialFailure];
