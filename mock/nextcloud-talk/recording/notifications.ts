// The recording notifications (record_file_stored, record_file_store_fail) and how the
// notifications app shows them. Dismissing marks the notifications of one timestamp processed,
// as Nextcloud's markProcessed matches app + user + object + subject + datetime (facts §2.2).
import { has, type TalkContext } from '../context.ts';
import type { Notification, RichParameter, Room, StoredFile } from '../types.ts';

/**
 * Marks processed the user's notifications about the recordings of `token` at `timestamp` (seconds;
 * undefined matches none). Nextcloud matches the subjects record_file_stored, transcript_file_stored
 * and summary_file_stored of object type `recording`; the mock makes only the first of them, so the
 * object type alone tells them from the failed-upload notification (`recording_information`).
 */
export function dismissStored(ctx: TalkContext, user: string, token: string, timestamp: number | undefined): void {
  for (const note of ctx.store.notifications) {
    if ((note.user !== user && !has(ctx, 'dismiss-any-user')) || (note.objectType !== 'recording' && !has(ctx, 'dismiss-clears-failure-notification'))) continue;
    if (note.objectId === token && note.timestamp === timestamp) note.processed = true;
  }
}

/** PHP's date('c'): ISO 8601 with seconds and a numeric offset, e.g. 2024-05-01T12:00:00+00:00. */
export const isoSeconds = (seconds: number): string => `${new Date(seconds * 1000).toISOString().slice(0, 19)}+00:00`;

/** The room as a notification needs it: its token, name and type. */
export type NotifiedRoom = Pick<Room, 'token' | 'name' | 'type'>;

const callType = (ctx: TalkContext, room: NotifiedRoom): string =>
  has(ctx, 'notification-call-type-group') ? 'group' : room.type === 1 ? 'one2one' : room.type === 3 ? 'public' : 'group';

/** A stored file as a Rich Object parameter (chat messages and notifications alike). */
export function fileParameter(ctx: TalkContext, file: StoredFile): RichParameter {
  return {
    type: 'file',
    id: String(file.fileId),
    name: file.path.slice(file.path.lastIndexOf('/') + 1),
    path: file.path.replace(/^\//, ''),
    link: `${ctx.origin}/index.php/f/${file.fileId}`,
    mimetype: file.mimetype,
    size: String(file.bytes.byteLength),
  };
}

/** Renders the `{call}` and `{file}` placeholders of a rich message (the plain `message`): the call's name, the file's path. */
const plain = (rich: string, params: Record<string, RichParameter>): string =>
  rich.replace(/\{(call|file)\}/g, (_whole, key: string) => {
    const p = params[key]!;
    return p.type === 'file' ? `/${p.path}` : p.name;
  });

/** One notification about `room` as GET /apps/notifications/api/v2/notifications lists it. */
export function presentNotification(ctx: TalkContext, n: Notification, room: NotifiedRoom): Record<string, unknown> {
  const call = { type: 'call', id: n.objectId, name: room.name, 'call-type': callType(ctx, room) };
  let subjectRich = n.subject;
  let messageRich = '';
  const messageParams: Record<string, RichParameter> = {};
  const actions: Record<string, unknown>[] = [];
  const api = `${ctx.origin}/ocs/v2.php/apps/spreed/api/v1/recording/${encodeURIComponent(n.objectId)}`;

  if (n.subject === 'record_file_stored') {
    const fileId = Number(n.subjectParameters.objectId);
    subjectRich = 'Call recording now available';
    messageRich = 'The recording for the call in {call} was uploaded to {file}.';
    messageParams.call = call;
    // Stored files are never removed in the mock: the notification's file is always there.
    messageParams.file = fileParameter(ctx, ctx.store.fileById(fileId)!.file);
    actions.push(
      { label: 'Share to chat', link: `${api}/share-chat?fileId=${fileId}&timestamp=${n.timestamp}`, type: 'POST', primary: true },
      { label: 'Dismiss notification', link: `${api}/notification?timestamp=${n.timestamp}`, type: 'DELETE', primary: has(ctx, 'notification-actions-both-primary') },
    );
  } else if (n.subject === 'record_file_store_fail') {
    subjectRich = 'Failed to upload call recording';
    messageRich = 'The recording server failed to upload the recording of the call in {call}. Please reach out to the administration.';
    if (!has(ctx, 'store-fail-notification-no-call')) messageParams.call = call;
  }

  return {
    notification_id: n.id,
    app: n.app,
    user: n.user,
    datetime: has(ctx, 'notification-datetime-js-iso') ? new Date(n.timestamp * 1000).toISOString() : isoSeconds(n.timestamp),
    object_type: n.objectType,
    object_id: n.objectId,
    // No subject has placeholders: its rich form is its plain form.
    subject: has(ctx, 'notification-subject-unrendered') ? n.subject : subjectRich,
    // The fault leaves {call} unrendered in the failed-upload message.
    message: has(ctx, 'store-fail-notification-no-call') && n.subject === 'record_file_store_fail' ? messageRich : plain(messageRich, messageParams),
    link: `${ctx.origin}/index.php/call/${room.token}`,
    subjectRich,
    // No subject has parameters; PHP serialises the empty parameter map as [].
    subjectRichParameters: [],
    messageRich,
    messageRichParameters: Object.keys(messageParams).length > 0 ? messageParams : [],
    icon: `${ctx.origin}/apps/spreed/img/app-dark.svg`,
    shouldNotify: true,
    actions,
  };
}
