// POST /apps/spreed/api/v1/recording/{token}/store — the recording server uploads the file
// (multipart: `owner`, `file`). Signed like the backend callbacks, but the checksum covers
// random + ROOM TOKEN, not the body; failures answer 401 (facts §2.2). Checks in Nextcloud's
// order: room → signature → owner present (`size`) → owner is a participant → file uploaded
// (`invalid_file`) → not empty → mimetype from the content → extension fits → name usable →
// owner's files writable. The file lands in <attachment folder>/Recording/<token>/<basename>.
import { has, nowSeconds, type TalkContext } from '../../context.ts';
import { failure, ok, type OcsResult } from '../../ocs.ts';
import type { TalkRequest } from '../../router.ts';
import type { Room } from '../../types.ts';
import { badRequest, invalidRequest, tooManyRequests } from '../errors.ts';
import { checkFormat, mimeTypeFromName, uploadName } from '../formats.ts';
import { parseStoreUpload } from '../multipart.ts';
import { runtimeOf } from '../runtime.ts';
import { recordingSecret } from '../server-config.ts';
import { MIN_RANDOM_LENGTH, verifySignature } from '../signature.ts';
import { EBML_DOCTYPE_SEARCH, OGG_CODEC_WINDOW, detectMimeType } from '../sniff.ts';
import { registerFailure, throttled } from './backend.ts';

/**
 * Names the virtual file tree refuses (a callrec decision: Nextcloud's filename rules forbid these).
 * '', '.' and '..' need no pattern here: they have no extension, so the format check refused them;
 * slashes and backslashes cannot be left in an upload's name.
 */
const UNUSABLE_NAME = /[\u0000-\u001f\u007f]/;

/**
 * Where a user's recordings of a room go (facts §2.2 step 9): <attachment folder>/Recording/<token>.
 * No path arithmetic is needed: the folder is absolute and clean, the token [a-z0-9], and the file
 * name a basename with an allowed extension (never '.' or '..').
 */
export function recordingFolder(attachmentFolder: string, token: string): string {
  return `${attachmentFolder}/Recording/${token}`;
}

/** Tells the owner the upload failed (subject record_file_store_fail). */
function notifyFailedStore(ctx: TalkContext, room: Room, owner: string | null): void {
  if (!owner || (!ctx.store.participant(room.token, 'users', owner) && !has(ctx, 'store-fail-notifies-departed-owner'))) return;
  ctx.store.notify({ user: owner, app: 'spreed', objectType: 'recording_information', objectId: room.token, subject: 'record_file_store_fail', subjectParameters: {}, timestamp: nowSeconds(ctx) });
}

/** Whether the upload is signed over random + `token` (the room token, not the body). */
const signedOver = (ctx: TalkContext, req: TalkRequest, token: string): Promise<boolean> =>
  verifySignature(recordingSecret(ctx), req.headers, has(ctx, 'store-checksum-over-body') ? req.body : token, { minRandomLength: MIN_RANDOM_LENGTH, ...(has(ctx, 'store-underscore-headers-ignored') ? { underscoreAliases: false } : {}) });

/** A failed authentication: 401, counted by the brute-force throttle (talkRecordingSecret). */
function refused(ctx: TalkContext): OcsResult {
  if (!has(ctx, 'store-failures-not-counted')) registerFailure(ctx, 'talkRecordingSecret');
  return invalidRequest(401);
}

export async function storeRecording(ctx: TalkContext, req: TalkRequest, params: Record<string, string>): Promise<OcsResult> {
  if (throttled(ctx, has(ctx, 'store-throttled-by-status-failures') ? ['talkRecordingSecret', 'talkRecordingStatus'] : ['talkRecordingSecret'])) return tooManyRequests();
  const room = ctx.store.room(params.token!);
  // The RequireRoom middleware answers (data []) before the controller looks at the signature.
  if (!room) return has(ctx, 'store-signature-before-room') && !(await signedOver(ctx, req, params.token!)) ? refused(ctx) : failure(404);
  if (!(await signedOver(ctx, req, room.token))) return refused(ctx);

  // An oversized or unreadable body reaches PHP without any field, so `owner` is missing.
  const tooBig = (has(ctx, 'store-limits-exclusive') ? req.body.byteLength >= runtimeOf(ctx).uploadLimitBytes : req.body.byteLength > runtimeOf(ctx).uploadLimitBytes) && !has(ctx, 'store-post-limit-ignored');
  const strictType = has(ctx, 'store-content-type-strict') && !(req.headers['content-type'] ?? '').startsWith('multipart/form-data;');
  const upload = tooBig || strictType ? undefined : await parseStoreUpload(req);
  // A part with a filename is an uploaded file ($_FILES), never a form field: it is no owner.
  const owner = typeof upload?.owner === 'string' ? upload.owner : has(ctx, 'store-owner-file-part-read') && upload?.owner ? await upload.owner.text() : undefined;
  if (owner === undefined) {
    notifyFailedStore(ctx, room, room.recordingOwner);
    return badRequest('size');
  }
  if (!has(ctx, 'store-owner-remembered-after-upload')) room.recordingOwner = null; // the remembered owner is only for a failure before this point

  // A part without a filename is a form field ($_POST), never an uploaded file ($_FILES).
  const part = typeof upload!.file === 'string' ? (has(ctx, 'store-file-field-taken-as-file') ? new File([upload!.file], 'recording.webm') : undefined) : upload!.file;
  const sent = part ? { name: part.name, bytes: new Uint8Array(await part.arrayBuffer()) } : undefined;
  const participant = ctx.store.participant(room.token, 'users', owner);
  if (!participant && !has(ctx, 'store-owner-not-participant-accepted')) return badRequest('owner_participant');
  // A file part over upload_max_filesize reaches PHP with an upload error and no content: the
  // same `invalid_file` (and failure notification) as no file at all (facts §2.5 scenario 18).
  const oversized = sent !== undefined && sent.bytes.byteLength + (has(ctx, 'store-limits-exclusive') ? 1 : 0) > runtimeOf(ctx).fileLimitBytes && !has(ctx, 'store-file-limit-ignored');
  if (!sent && has(ctx, 'store-missing-file-empty')) return badRequest('empty_file');
  // An empty filename is PHP's UPLOAD_ERR_NO_FILE (rfc1867.c): the same as no file part.
  if (!sent || (sent.name === '' && !has(ctx, 'store-empty-filename-uploaded')) || oversized) {
    notifyFailedStore(ctx, room, owner);
    return badRequest('invalid_file');
  }
  const { bytes } = sent;
  if (bytes.byteLength === 0 && !has(ctx, 'store-empty-file-accepted')) return badRequest('empty_file');

  const name = has(ctx, 'store-path-kept') ? sent.name : has(ctx, 'store-backslash-kept') ? sent.name.slice(sent.name.lastIndexOf('/') + 1) : uploadName(sent.name);
  const sniffed = has(ctx, 'store-mimetype-from-name') ? mimeTypeFromName(name) : detectMimeType(bytes, has(ctx, 'store-ogg-window-unbounded') ? Infinity : OGG_CODEC_WINDOW, has(ctx, 'store-ebml-doctype-near-start') ? 60 : EBML_DOCTYPE_SEARCH);
  // The fault takes an audio-only MPEG-4 (M4A/M4B brand) for video/mp4.
  const mimeType = has(ctx, 'store-audio-mp4-as-video') && sniffed === 'audio/mp4' ? 'video/mp4' : sniffed;
  const formatError = has(ctx, 'store-theora-as-audio') && mimeType === 'video/ogg' ? checkFormat(name, 'audio/ogg')
    : has(ctx, 'store-dotfile-no-extension') && name.lastIndexOf('.') === 0 ? 'file_extension'
    : checkFormat(name, mimeType);
  if (formatError) return badRequest(formatError);
  if (UNUSABLE_NAME.test(name) && !has(ctx, 'store-control-chars-kept')) return badRequest('file_name');

  const user = ctx.store.users.get(owner);
  const trouble = runtimeOf(ctx).ownerTrouble.get(owner);
  if (!user || (trouble === 'invalid' && !has(ctx, 'store-owner-invalid-ignored'))) return badRequest('owner_invalid');
  if (trouble === 'permission' && !has(ctx, 'store-owner-permission-ignored')) return badRequest('owner_permission');

  const folder = recordingFolder(user.attachmentFolder, room.token);
  const path = has(ctx, 'store-path-double-slash') ? `/${folder}//${name}` : `${folder}/${name}`;
  // Only a named recording format passes checkFormat; the fallback is for the type checker.
  const file = ctx.store.putFile(owner, path, bytes, mimeType ?? 'application/octet-stream', nowSeconds(ctx));
  if (!has(ctx, 'store-no-notification')) {
    ctx.store.notify({ user: owner, app: 'spreed', objectType: 'recording', objectId: room.token, subject: 'record_file_stored', subjectParameters: { objectId: file.fileId }, timestamp: nowSeconds(ctx) });
  }
  return ok(null);
}
