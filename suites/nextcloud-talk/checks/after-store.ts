// What a moderator does with a stored recording (seed 000): share it into the chat (a file
// message typed record-audio / record-video by the file's mimetype) or dismiss its notification.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, REC, V1, cast, createRoom, excerpt, expectConforms, expectError, expectStatus, getRoom, ocs, readChat, requireWrites, type Cast, type ChatMessageView, type Principal } from '../support.ts';
import { fileOf, notifications, recordingNotifications, samples, secondsOf, storeCall, secretOf, type NotificationView, secretReady } from '../support-recording.ts';

const SHARE_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}~1share-chat/post';
const DISMISS_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}~1notification/delete';

/** Stores `fileName` in a fresh room and answers the notification it created. */
async function stored(ctx: CheckContext, fileName: string, kind: 'webm' | 'ogg', room?: { token: string; cast: Cast }): Promise<{ token: string; cast: Cast; n: NotificationView }> {
  requireWrites(ctx);
  await secretReady(ctx);
  const c = room?.cast ?? cast(ctx);
  const token = room?.token ?? (await createRoom(ctx, c.owner, 2, [c.member]));
  const res = await storeCall(ctx, token, { owner: c.owner.user, fileName, bytes: samples()[kind], contentType: kind === 'webm' ? 'video/webm' : 'audio/ogg' });
  expectStatus(ctx, res, 200, 'the recording server uploads the recording');
  const { res: listed, list } = await recordingNotifications(ctx, c.owner, token);
  const n = list.find((x) => fileOf(x)?.path.endsWith(`/${fileName}`));
  if (!n) ctx.fail({ rule: 'a stored recording creates a notification for its owner', expected: `a notification naming ${fileName}`, actual: excerpt(listed, 300), response: listed, operation: OP.getNotifications });
  return { token, cast: c, n };
}

const shareChat: Check = {
  id: 'nextcloud-talk.recording.share-chat',
  title: 'share-chat posts the stored file into the chat as record-audio (Ogg audio) or record-video (WebM video)',
  operations: [OP.shareRecordingToChat, OP.receiveMessages],
  specRef: SHARE_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    const audio = await stored(ctx, 'share-me.ogg', 'ogg');
    const video = await stored(ctx, 'share-me.webm', 'webm', { token: audio.token, cast: audio.cast });
    const { token, cast: c } = audio;
    for (const [n, type] of [[audio.n, 'record-audio'], [video.n, 'record-video']] as const) await ctx.rule(`a shared ${type === 'record-audio' ? 'Ogg audio' : 'WebM video'} is a chat message of type ${type} naming the file`, async () => {
      const file = fileOf(n)!;
      const share = await ocs(ctx, { method: 'POST', path: `${REC}/${token}/share-chat`, as: c.owner, body: { fileId: Number(file.id), timestamp: secondsOf(n.datetime) }, operation: OP.shareRecordingToChat });
      expectStatus(ctx, share, 200, 'the owner shares the stored recording into the chat');
      const chat = await readChat(ctx, c.member, token, { lookIntoFuture: 0, limit: 1 });
      expectStatus(ctx, chat, 200, 'the chat can be read');
      const last = chat.json<{ ocs: { data: ChatMessageView[] } }>().ocs.data[0];
      if (!last || last.messageType !== type || !JSON.stringify(last.messageParameters).includes(file.id)) {
        ctx.fail({
          rule: 'a shared recording is a chat message typed by its mimetype',
          specRef: SHARE_SPEC,
          expected: `the newest message of type ${type} naming file ${file.id}`,
          actual: last ? `messageType ${JSON.stringify(last.messageType)}, parameters ${JSON.stringify(last.messageParameters).slice(0, 160)}` : 'no message',
          response: chat,
          operation: OP.receiveMessages,
        });
      }
    }, { operation: OP.shareRecordingToChat });
    await ctx.rule('sharing a file that does not exist is 400 file', async () => {
      const bogus = await ocs(ctx, { method: 'POST', path: `${REC}/${token}/share-chat`, as: c.owner, body: { fileId: 999_999_999, timestamp: 1 }, operation: OP.shareRecordingToChat });
      expectError(ctx, bogus, 400, 'file', 'sharing a file that does not exist');
    }, { operation: OP.shareRecordingToChat });
    await ctx.rule('a plain user cannot share the recording (403)', async () => {
      const byMember = await ocs(ctx, { method: 'POST', path: `${REC}/${token}/share-chat`, as: c.member, body: { fileId: Number(fileOf(audio.n)!.id), timestamp: 1 }, operation: OP.shareRecordingToChat });
      expectStatus(ctx, byMember, 403, 'a plain user cannot share the recording');
    }, { operation: OP.shareRecordingToChat });
  },
};

const notificationDismiss: Check = {
  id: 'nextcloud-talk.recording.notification-dismiss',
  title: 'dismissing with the notification\'s timestamp removes it from the owner\'s notifications; plain users get 403',
  operations: [OP.dismissStoreNotification, OP.getNotifications],
  specRef: DISMISS_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'timestamp-integer',
  async run(ctx: CheckContext) {
    const { token, cast: c, n } = await stored(ctx, 'dismiss-me.webm', 'webm');
    const timestamp = secondsOf(n.datetime);
    const R = (name: string, body: () => Promise<void>) => ctx.rule(name, body, { operation: OP.dismissStoreNotification });
    await R('a plain user cannot dismiss the recording notification (403)', async () => {
      const byMember = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}/notification`, as: c.member, query: { timestamp }, operation: OP.dismissStoreNotification });
      expectStatus(ctx, byMember, 403, 'a plain user cannot dismiss the recording notification');
    });
    await R('dismissing at another timestamp answers 200 and leaves the notification listed', async () => {
      const other = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}/notification`, as: c.owner, query: { timestamp: timestamp - 3600 }, operation: OP.dismissStoreNotification });
      expectStatus(ctx, other, 200, 'dismissing at another timestamp answers 200');
      const still = await recordingNotifications(ctx, c.owner, token);
      if (!still.list.some((x) => x.notification_id === n.notification_id)) ctx.fail({ rule: 'only the notification at the given timestamp is dismissed', expected: `notification ${n.notification_id} still listed`, actual: excerpt(still.res, 200), response: still.res, operation: OP.getNotifications });
    });
    await R('dismissing with the notification\'s timestamp (200) removes it from the owner\'s notifications', async () => {
      const dismiss = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}/notification`, as: c.owner, query: { timestamp }, operation: OP.dismissStoreNotification });
      expectStatus(ctx, dismiss, 200, 'the owner dismisses the notification');
      const after = await recordingNotifications(ctx, c.owner, token);
      if (after.list.some((x) => x.notification_id === n.notification_id)) {
        ctx.fail({ rule: 'a dismissed notification is no longer listed', specRef: DISMISS_SPEC, expected: `notification ${n.notification_id} gone`, actual: excerpt(after.res, 300), response: after.res, operation: OP.getNotifications });
      }
    });
  },
};

const notificationScope: Check = {
  id: 'nextcloud-talk.recording.notification-scope',
  title: 'a stored recording notifies its owner only (room, call, file and actions named); dismissing touches only the caller\'s notifications of that room; only the owner shares the file, and sharing clears the notification',
  operations: [OP.getNotifications, OP.dismissStoreNotification, OP.shareRecordingToChat, OP.promoteModerator, OP.deleteRoom],
  specRef: DISMISS_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'timestamp-integer',
  async run(ctx: CheckContext) {
    const first = await stored(ctx, 'scope-a.ogg', 'ogg');
    const { token, cast: c, n } = first;
    const timestamp = secondsOf(n.datetime);
    const file = fileOf(n);
    const R = (name: string, body: () => Promise<void>, operation: string = OP.getNotifications) => ctx.rule(name, body, { operation });
    const listedFor = async (who: Principal, id: number) => (await recordingNotifications(ctx, who, token)).list.some((x) => x.notification_id === id);

    await R('the notification is the owner\'s, about the room, naming the stored file, with share and dismiss actions', async () => {
      const roomName = (await getRoom(ctx, c.owner, token)).name as string;
      const params = n.messageRichParameters;
      const call = params && !Array.isArray(params) ? (params as Record<string, Record<string, string>>).call : undefined;
      const listed = await notifications(ctx, c.owner);
      expectConforms(ctx, listed.res, OP.getNotifications);
      const actions = Array.isArray(n.actions) ? (n.actions as { link?: unknown; type?: unknown }[]) : [];
      const link = (re: RegExp, type: string) => actions.some((a) => typeof a.link === 'string' && re.test(a.link) && a.type === type);
      const problems: (string | false | undefined)[] = [
        n.app !== 'spreed' && `app ${JSON.stringify(n.app)}`,
        n.user !== c.owner.user && `user ${JSON.stringify(n.user)}`,
        !/recording/i.test(String(n.subject)) && `subject ${JSON.stringify(n.subject)}`,
        !file?.path.includes(`/Recording/${token}/scope-a.ogg`) && `file ${JSON.stringify(file)}`,
        (call?.type !== 'call' || call.id !== token || call.name !== roomName || call['call-type'] !== 'group') && `call parameter ${JSON.stringify(call)}`,
        !String(n.message).includes(roomName) && `message ${JSON.stringify(n.message)} does not name the room`,
        !link(new RegExp(`/recording/${token}/share-chat\\?.*fileId=${file?.id}`), 'POST') && 'no POST share-chat action with the fileId',
        !link(new RegExp(`/recording/${token}/notification\\?.*timestamp=${timestamp}`), 'DELETE') && 'no DELETE notification action with the timestamp',
      ].filter(Boolean);
      // The rendered texts as Talk's Notifier writes them (facts §2.5 scenario 14: "Call recording now
      // available", the message naming /<path of the file>), and a file parameter that describes the upload.
      const fileParam = params && !Array.isArray(params) ? (params as Record<string, Record<string, string>>).file : undefined;
      const fileProblems = [
        n.subject !== 'Call recording now available' && `subject ${JSON.stringify(n.subject)} (expected "Call recording now available")`,
        file && !String(n.message).includes(`/${file.path.replace(/^\//, '')}`) && `message ${JSON.stringify(n.message)} does not name /${file.path}`,
        fileParam && fileParam.name !== 'scope-a.ogg' && `file name ${JSON.stringify(fileParam.name)}`,
        fileParam && fileParam.size !== undefined && fileParam.size !== String(samples().ogg.byteLength) && `file size ${JSON.stringify(fileParam.size)} (uploaded ${samples().ogg.byteLength} bytes)`,
        fileParam && fileParam.link !== undefined && !String(fileParam.link).endsWith(`/f/${file?.id}`) && `file link ${JSON.stringify(fileParam.link)} (expected …/f/${file?.id})`,
      ].filter(Boolean);
      problems.push(...fileProblems);
      // The notifications app writes datetime with PHP's date('c'); Talk's Notifier links the call
      // (spreed.Page.showCall), uses its app icon, and offers share (primary) and dismiss.
      const labelled = (label: string, primary: boolean) => actions.some((a) => (a as { label?: unknown }).label === label && (a as { primary?: unknown }).primary === primary);
      const shapeProblems = [
        !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/.test(String(n.datetime)) && `datetime ${JSON.stringify(n.datetime)} (ISO 8601 with seconds and a numeric offset)`,
        !String(n.link).endsWith(`/call/${token}`) && `link ${JSON.stringify(n.link)} (expected …/call/${token})`,
        !String(n.icon).endsWith('/img/app-dark.svg') && `icon ${JSON.stringify(n.icon)} (expected …/img/app-dark.svg)`,
        (!labelled('Share to chat', true) || !labelled('Dismiss notification', false)) && `actions ${JSON.stringify(actions)} (expected "Share to chat" primary, "Dismiss notification" not)`,
      ].filter(Boolean);
      problems.push(...shapeProblems);
      if (problems.length) ctx.fail({ rule: 'a stored-recording notification names its owner, room, file and actions', specRef: DISMISS_SPEC, expected: `app spreed, user ${c.owner.user}, file …/Recording/${token}/scope-a.ogg, share-chat and dismiss actions`, actual: problems.join('; '), operation: OP.getNotifications });
      const mine = await notifications(ctx, c.member);
      if (mine.list.some((x) => x.notification_id === n.notification_id)) ctx.fail({ rule: 'notifications are listed to their user only', expected: `${c.member.user} does not see notification ${n.notification_id}`, actual: 'listed', response: mine.res, operation: OP.getNotifications });
    });

    await R('a timestamp must be a non-negative integer: -1 and "soon" are 400, 0 is 200 and dismisses nothing', async () => {
      for (const bad of [-1, 'soon']) {
        const res = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}/notification`, as: c.owner, query: { timestamp: bad }, operation: OP.dismissStoreNotification });
        if (res.status !== 400) ctx.fail({ rule: 'a timestamp that is no non-negative integer is 400', expected: 'HTTP 400', actual: `HTTP ${res.status}`, response: res, operation: OP.dismissStoreNotification, decision: 'timestamp-integer' });
      }
      const zero = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}/notification`, as: c.owner, query: { timestamp: 0 }, operation: OP.dismissStoreNotification });
      if (zero.status !== 200 || !(await listedFor(c.owner, n.notification_id))) ctx.fail({ rule: 'timestamp 0 is valid and matches nothing', expected: 'HTTP 200, the notification still listed', actual: `HTTP ${zero.status}`, response: zero, operation: OP.dismissStoreNotification, decision: 'timestamp-integer' });
    }, OP.dismissStoreNotification);
    await R('a rich subject without parameters carries them as [] (PHP\'s empty array)', async () => {
      if (!Array.isArray(n.subjectRichParameters) || n.subjectRichParameters.length !== 0) ctx.fail({ rule: 'empty rich parameters are []', specRef: '#/components/schemas/MessageParameters', expected: 'subjectRichParameters []', actual: `subjectRichParameters ${JSON.stringify(n.subjectRichParameters)}`, operation: OP.getNotifications, decision: 'empty-php-array' });
    });
    const second = await stored(ctx, 'scope-b.webm', 'webm', { token, cast: c });
    await R('notifications are listed newest first', async () => {
      const { res, list } = await recordingNotifications(ctx, c.owner, token);
      const ids = list.map((x) => x.notification_id);
      if (ids.indexOf(second.n.notification_id) !== 0 || ids.indexOf(n.notification_id) !== 1) ctx.fail({ rule: 'notifications are listed newest first', expected: `notification ${second.n.notification_id} before ${n.notification_id}`, actual: `order ${ids.join(', ')}`, response: res, operation: OP.getNotifications });
    });

    const promote = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.promoteModerator });
    expectStatus(ctx, promote, 200, 'the owner promotes the member to moderator');
    await R('another moderator dismissing at the timestamp (200) leaves the owner\'s notification', async () => {
      const res = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}/notification`, as: c.member, query: { timestamp }, operation: OP.dismissStoreNotification });
      expectStatus(ctx, res, 200, 'a moderator dismisses at the timestamp');
      if (!(await listedFor(c.owner, n.notification_id))) ctx.fail({ rule: 'dismissing marks only the caller\'s notifications processed', expected: `notification ${n.notification_id} still listed for ${c.owner.user}`, actual: 'gone', response: res, operation: OP.getNotifications });
    }, OP.dismissStoreNotification);
    await R('dismissing at the timestamp in another room (200) leaves this room\'s notification', async () => {
      const elsewhere = await createRoom(ctx, c.owner, 2);
      const res = await ocs(ctx, { method: 'DELETE', path: `${REC}/${elsewhere}/notification`, as: c.owner, query: { timestamp }, operation: OP.dismissStoreNotification });
      expectStatus(ctx, res, 200, 'the owner dismisses in another room');
      if (!(await listedFor(c.owner, n.notification_id))) ctx.fail({ rule: 'dismissing marks only the room\'s notifications processed', expected: `notification ${n.notification_id} still listed`, actual: 'gone', response: res, operation: OP.getNotifications });
    }, OP.dismissStoreNotification);
    await R('another moderator cannot share the owner\'s file (400 file)', async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${REC}/${token}/share-chat`, as: c.member, body: { fileId: Number(file?.id), timestamp }, operation: OP.shareRecordingToChat });
      expectError(ctx, res, 400, 'file', 'a moderator who does not own the file cannot share it');
    }, OP.shareRecordingToChat);
    await R('sharing the recording with its timestamp clears its notification', async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${REC}/${token}/share-chat`, as: c.owner, body: { fileId: Number(file?.id), timestamp }, operation: OP.shareRecordingToChat });
      expectStatus(ctx, res, 200, 'the owner shares the recording');
      if (await listedFor(c.owner, n.notification_id)) ctx.fail({ rule: 'a shared recording\'s notification is cleared', expected: `notification ${n.notification_id} gone`, actual: 'still listed', response: res, operation: OP.getNotifications });
    }, OP.shareRecordingToChat);
    // Talk's Notifier looks the room up for every notification it renders; one whose room is gone
    // is dropped (AlreadyProcessedException), so it is not listed any more.
    const deleted = 'once its room is deleted, a recording notification is no longer listed';
    await R(deleted, async () => {
      const gone = await stored(ctx, 'deleted-room.webm', 'webm');
      expectStatus(ctx, await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${gone.token}`, as: gone.cast.owner, operation: OP.deleteRoom }), 200, 'the owner deletes the room');
      const { res, list } = await notifications(ctx, gone.cast.owner);
      if (list.some((x) => x.notification_id === gone.n.notification_id)) ctx.fail({ rule: deleted, specRef: DISMISS_SPEC, expected: `notification ${gone.n.notification_id} (room ${gone.token}) no longer listed`, actual: excerpt(res, 300), response: res, operation: OP.getNotifications });
    });
  },
};

export const afterStoreChecks: Check[] = [shareChat, notificationDismiss, notificationScope];
