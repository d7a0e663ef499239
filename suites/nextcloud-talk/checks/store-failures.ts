// What a failed upload leaves behind (nextcloud/spreed RecordingController::store and
// RecordingService::notifyAboutFailedStore / getResourceFromFileArray): an upload without `owner`
// (post_max_size exceeded) answers 400 `size` and notifies the user who STARTED the recording, as
// Nextcloud remembers them from the start until an upload names its owner, and only while they are
// still a participant; a `file` that is a plain form field is no uploaded file (400 `invalid_file`).
// The failure notification is `record_file_store_fail` about the room (object type
// `recording_information`), rendered by the Notifier with the call as its only parameter and no actions.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, REC, V1, cast, createRoom, excerpt, expectError, expectStatus, getRoom, joinCall, ocs, requireWrites, type Principal } from '../support.ts';
import { asConfig } from '../config.ts';
import { notifications, prepareRecording, relaxThrottle, samples, secondsOf, startCall, storeCall, type NotificationView } from '../support-recording.ts';

const STORE_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}~1store/post';

/** The failed-upload notifications `who` has about the room. */
async function failures(ctx: CheckContext, who: Principal, token: string): Promise<{ res: TargetResponse; list: NotificationView[] }> {
  const { res, list } = await notifications(ctx, who);
  return { res, list: list.filter((n) => n.object_type === 'recording_information' && n.object_id === token) };
}

const failureNotifications: Check = {
  id: 'nextcloud-talk.store.failure-notifications',
  title: 'an upload without owner is 400 size and notifies the user who started the recording (record_file_store_fail naming the call, no actions), not once an upload named its owner, not after the starter left; a `file` form field is no upload (400 invalid_file)',
  operations: [OP.storeRecording, OP.startRecording, OP.getNotifications, OP.dismissStoreNotification, OP.removeSelf, OP.promoteModerator],
  specRef: `${STORE_SPEC}/responses/400`,
  needs: ['credentials', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    await prepareRecording(ctx);
    await relaxThrottle(ctx);
    const c = cast(ctx);
    const webm = samples().webm;
    const fail = (rule: string, expected: string, actual: string, response?: TargetResponse, operation: string = OP.getNotifications) =>
      ctx.fail({ rule, specRef: STORE_SPEC, expected, actual, operation, ...(response ? { response } : {}) });

    // A public room: the notification's call parameter says so ('public'; group rooms are checked elsewhere).
    const token = await createRoom(ctx, c.owner, 3, [c.member]);
    await joinCall(ctx, c.owner, token);
    expectStatus(ctx, await startCall(ctx, c.owner, token, 1), 200, 'the owner starts a video recording');
    const roomName = String((await getRoom(ctx, c.owner, token)).name);

    const noOwner = 'an upload without `owner` is 400 size and notifies the user who started the recording: record_file_store_fail about the room, "Failed to upload call recording", the call (public) its only parameter, no actions';
    await ctx.rule(noOwner, async () => {
      const res = await storeCall(ctx, token, { fileName: 'no-owner.webm', bytes: webm, contentType: 'video/webm' });
      expectError(ctx, res, 400, 'size', 'an upload without an owner field');
      const { res: listed, list } = await failures(ctx, c.owner, token);
      const n = list[0];
      if (list.length !== 1 || !n) return fail(noOwner, `one recording_information notification about ${token} for ${c.owner.user} (who started the recording)`, excerpt(listed, 300), listed);
      const params = n.messageRichParameters;
      const call = params && !Array.isArray(params) ? (params as Record<string, Record<string, unknown>>).call : undefined;
      const problems = [
        n.app !== 'spreed' && `app ${JSON.stringify(n.app)}`,
        n.user !== c.owner.user && `user ${JSON.stringify(n.user)}`,
        n.subject !== 'Failed to upload call recording' && `subject ${JSON.stringify(n.subject)}`,
        !String(n.message).includes(roomName) && `message ${JSON.stringify(n.message)} does not name the room`,
        (call?.type !== 'call' || call.name !== roomName || call['call-type'] !== 'public') && `call parameter ${JSON.stringify(call)}`,
        params && !Array.isArray(params) && Object.keys(params).some((k) => k !== 'call') && `parameters ${Object.keys(params).join(', ')} (only call)`,
        (!Array.isArray(n.actions) || n.actions.length !== 0) && `actions ${JSON.stringify(n.actions)} (none)`,
      ].filter(Boolean);
      if (problems.length) fail(noOwner, `app spreed, user ${c.owner.user}, subject "Failed to upload call recording", the call ${roomName} (public) as only parameter, actions []`, problems.join('; '), listed);
      const member = await failures(ctx, c.member, token);
      if (member.list.length !== 0) fail(noOwner, `no failure notification for ${c.member.user} (they did not start the recording)`, excerpt(member.res, 200), member.res);
    }, { operation: OP.storeRecording });

    // RecordingService::notificationDismiss marks processed the `recording` object's stored-file
    // subjects only: the failure (object type recording_information) stays until the user acts on it.
    const keptOnDismiss = 'dismissing the recording notification at the failure\'s timestamp (200) leaves the failure notification listed';
    await ctx.rule(keptOnDismiss, async () => {
      const { list } = await failures(ctx, c.owner, token);
      const n = list[0];
      if (!n) return ctx.notRun(keptOnDismiss, 'no failure notification to dismiss');
      const res = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}/notification`, as: c.owner, query: { timestamp: secondsOf(n.datetime) }, operation: OP.dismissStoreNotification });
      expectStatus(ctx, res, 200, 'the owner dismisses the recording notification at the failure\'s timestamp');
      const after = await failures(ctx, c.owner, token);
      if (!after.list.some((x) => x.notification_id === n.notification_id)) fail(keptOnDismiss, `failure notification ${n.notification_id} still listed`, 'gone', res, OP.dismissStoreNotification);
    }, { operation: OP.dismissStoreNotification });

    // Talk's Notifier names the call type of the conversation: one2one, group or public.
    const oneToOne = asConfig(ctx.config).rooms?.oneToOne;
    const direct = 'a recording stored in a one-to-one conversation names its call as call-type one2one';
    if (!oneToOne) ctx.skip(direct, 'no one-to-one conversation of the config user in the target config (rooms.oneToOne)');
    else {
      await ctx.rule(direct, async () => {
        expectStatus(ctx, await storeCall(ctx, oneToOne, { owner: c.owner.user, fileName: 'direct.webm', bytes: webm, contentType: 'video/webm' }), 200, 'an upload in the one-to-one conversation is stored');
        const { res, list } = await notifications(ctx, c.owner);
        const n = list.find((x) => x.object_type === 'recording' && x.object_id === oneToOne);
        const params = n?.messageRichParameters;
        const call = params && !Array.isArray(params) ? (params as Record<string, Record<string, unknown>>).call : undefined;
        if (call?.['call-type'] !== 'one2one') fail(direct, 'call-type one2one', `call parameter ${JSON.stringify(call)}`, res);
      }, { operation: OP.getNotifications });
    }

    // Facts §2.2 step 5: no uploaded file is 400 invalid_file; a part without a filename is a form
    // field ($_POST), never an uploaded file ($_FILES).
    await ctx.rule('a `file` sent as a plain form field (no filename) is no uploaded file: 400 invalid_file', async () => {
      const res = await storeCall(ctx, token, { owner: c.owner.user, fileAsField: true, bytes: webm, contentType: 'video/webm' });
      expectError(ctx, res, 400, 'invalid_file', 'an upload whose file is a plain form field');
    });

    // RecordingService::store forgets the remembered owner first thing: from then on an upload
    // without owner has nobody to tell.
    const forgotten = 'once an upload named its owner, a later upload without owner (400 size) notifies nobody';
    await ctx.rule(forgotten, async () => {
      expectStatus(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'named-owner.webm', bytes: webm, contentType: 'video/webm' }), 200, 'an upload naming its owner is stored');
      const before = (await failures(ctx, c.owner, token)).list.length;
      expectError(ctx, await storeCall(ctx, token, { fileName: 'no-owner-again.webm', bytes: webm, contentType: 'video/webm' }), 400, 'size', 'a second upload without an owner field');
      const after = await failures(ctx, c.owner, token);
      if (after.list.length !== before) fail(forgotten, `still ${before} failure notification(s) for ${c.owner.user}`, `${after.list.length}: ${excerpt(after.res, 200)}`, after.res);
    }, { operation: OP.storeRecording });

    // notifyAboutFailedStore looks the remembered owner up among the participants: one who left is
    // not told (the upload still answers size).
    const departed = 'an upload without owner after the recording\'s starter left the room (400 size) notifies nobody';
    await ctx.rule(departed, async () => {
      const other = await createRoom(ctx, c.owner, 2, [c.member]);
      await joinCall(ctx, c.owner, other);
      expectStatus(ctx, await ocs(ctx, { method: 'POST', path: `${V1}/room/${other}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.promoteModerator }), 200, 'the owner promotes the member to moderator');
      expectStatus(ctx, await startCall(ctx, c.member, other, 2), 200, 'the member (a moderator) starts an audio recording');
      expectStatus(ctx, await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${other}/participants/self`, as: c.member, operation: OP.removeSelf }), 200, 'the member leaves the room');
      expectError(ctx, await storeCall(ctx, other, { fileName: 'starter-gone.ogg', bytes: samples().ogg, contentType: 'audio/ogg' }), 400, 'size', 'an upload without an owner field');
      const left = await failures(ctx, c.member, other);
      if (left.list.length !== 0) fail(departed, `no failure notification for ${c.member.user}, who left the room`, excerpt(left.res, 200), left.res);
    }, { operation: OP.storeRecording });
  },
};

export const storeFailureChecks: Check[] = [failureNotifications];
