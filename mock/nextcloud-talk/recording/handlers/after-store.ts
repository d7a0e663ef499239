// What a moderator does with a stored recording (facts §2.2): dismiss its notification
// (DELETE …/recording/{token}/notification, `timestamp`) or share it into the chat
// (POST …/recording/{token}/share-chat, `fileId` + `timestamp`), which posts a `file_shared`
// message typed record-video / record-audio by the file's mimetype and dismisses the notification.
import { postSystem } from '../../chat.ts';
import { has, type TalkContext } from '../../context.ts';
import { isFailure, authorOf } from '../../handlers/common.ts';
import { failure, ok, type OcsResult } from '../../ocs.ts';
import type { TalkRequest } from '../../router.ts';
import { badRequest } from '../errors.ts';
import { moderatorParticipant } from '../guard.ts';
import { dismissStored, fileParameter } from '../notifications.ts';

/** A non-negative integer parameter (the controller's `non-negative-int`), else undefined. */
function count(req: TalkRequest, name: string): number | undefined {
  const v = req.input.int(name) ?? -1;
  return Number.isSafeInteger(v) && v >= 0 ? v : undefined;
}

export function dismissNotification(ctx: TalkContext, req: TalkRequest, params: Record<string, string>): OcsResult {
  const who = moderatorParticipant(ctx, req, params.token!);
  if (isFailure(who)) return who;
  const timestamp = count(req, 'timestamp');
  if (timestamp === undefined) return failure(400); // spec decision timestamp-integer: data []
  if (!has(ctx, 'dismiss-ignores-timestamp')) dismissStored(ctx, who.participant.actorId, who.room.token, timestamp);
  return ok(null);
}

export function shareToChat(ctx: TalkContext, req: TalkRequest, params: Record<string, string>): OcsResult {
  const who = moderatorParticipant(ctx, req, params.token!);
  if (isFailure(who)) return who;
  const fileId = count(req, 'fileId');
  const timestamp = count(req, 'timestamp');
  // Only the caller's own files can be shared (Nextcloud looks the id up in their user folder).
  // An id that is no non-negative integer (undefined) is a key no file has.
  const found = ctx.store.fileById(fileId as number);
  if (!found || who.participant.actorType !== 'users' || found.user !== who.participant.actorId) return badRequest('file');
  const { file } = found;
  const video = file.mimetype.startsWith('video/') || has(ctx, 'share-chat-wrong-message-type');
  postSystem(
    ctx,
    who.room,
    authorOf(who.participant),
    'file_shared',
    { file: fileParameter(ctx, file) },
    video ? 'record-video' : 'record-audio',
  );
  // Nextcloud clears the notification of a shared recording. (Transcripts and subtitles, whose
  // notifications it keeps, never exist here: the store takes recording formats only.) Without a
  // usable timestamp no notification matches; the share itself still happens.
  dismissStored(ctx, who.participant.actorId, who.room.token, timestamp);
  return ok(null);
}
