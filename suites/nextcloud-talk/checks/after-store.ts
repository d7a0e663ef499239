// What a moderator does with a stored recording (seed 000): share it into the chat (a file
// message typed record-audio / record-video by the file's mimetype) or dismiss its notification.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, REC, cast, createRoom, excerpt, expectError, expectStatus, ocs, readChat, requireWrites, type Cast, type ChatMessageView } from '../support.ts';
import { fileOf, recordingNotifications, samples, secondsOf, storeCall, secretOf, type NotificationView, secretReady } from '../support-recording.ts';

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

export const afterStoreChecks: Check[] = [shareChat, notificationDismiss];
