// The recording server's upload (POST /recording/{token}/store; seed 000, facts §2.2): signed
// over random + ROOM TOKEN (not the body), owner must be a participant, format from the content,
// the client's file name reduced to its basename, and a `record_file_stored` notification.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, cast, createRoom, errorCode, excerpt, expectError, expectStatus, requireWrites, type Cast } from '../support.ts';
import { spend } from '../brute-force.ts';
import { backendCall, fileOf, multipart, newRandom, notifications, recordingNotifications, relaxThrottle, samples, sign, storeCall, secretOf, type NotificationView, secretReady } from '../support-recording.ts';

const STORE_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}~1store/post';

async function storeRoom(ctx: CheckContext): Promise<{ token: string; cast: Cast }> {
  requireWrites(ctx);
  await secretReady(ctx);
  const c = cast(ctx);
  return { token: await createRoom(ctx, c.owner, 2, [c.member]), cast: c };
}

/** The stored-recording notification of `fileName` in the room, if the owner has one. */
export async function notificationFor(ctx: CheckContext, owner: Cast['owner'], token: string, fileName: string): Promise<NotificationView | undefined> {
  const { list } = await recordingNotifications(ctx, owner, token);
  return list.find((n) => fileOf(n)?.path.endsWith(`/${fileName}`));
}

const checksumOverToken: Check = {
  id: 'nextcloud-talk.store.checksum-over-token',
  title: 'store is signed over random + room token (200, hex in either case); a checksum over random + body is refused (401)',
  operations: [OP.storeRecording],
  specRef: '#/components/parameters/TalkRecordingChecksum',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    const { token, cast: c } = await storeRoom(ctx);
    await relaxThrottle(ctx);
    const upload = { owner: c.owner.user, fileName: 'signed-over-token.webm', bytes: samples().webm, contentType: 'video/webm' };
    await ctx.rule('an upload signed over random + room token is stored (200)', async () => {
      expectStatus(ctx, await storeCall(ctx, token, upload), 200, 'an upload signed over random + room token is stored');
    });
    await ctx.rule('an upload signed over random + body fails authentication (401 invalid_request)', async () => {
      spend(ctx, 'talkRecordingSecret');
      expectError(ctx, await storeCall(ctx, token, { ...upload, fileName: 'signed-over-body.webm' }, { signBody: true }), 401, 'invalid_request', 'an upload signed over random + body fails authentication');
    });
    await ctx.rule('an upload signed over another room token fails authentication (401 invalid_request)', async () => {
      const random = 'x'.repeat(40);
      const checksum = await sign(secretOf(ctx), random, `${token}x`);
      spend(ctx, 'talkRecordingSecret', 1, 1); // one for the store errors' other secret
      expectError(ctx, await storeCall(ctx, token, { ...upload, fileName: 'signed-other-room.webm' }, { checksum, random }), 401, 'invalid_request', 'an upload signed over another token fails authentication');
    });
    // As for the backend callbacks (decision recording-header-names): PHP-FPM maps the underscore
    // spelling to the same server variable; nginx and Apache drop such headers by default.
    const underscore = 'an upload signed under the underscore header names TALK_RECORDING_RANDOM / TALK_RECORDING_CHECKSUM is stored';
    await ctx.rule(underscore, async () => {
      const res = await storeCall(ctx, token, { ...upload, fileName: 'signed-underscore.webm' }, { underscore: true });
      if (res.status !== 200) ctx.fail({ rule: underscore, decision: 'recording-header-names', specRef: '#/components/parameters/TalkRecordingRandom', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res, 120)}`, response: res, operation: OP.storeRecording });
    }, { decision: 'recording-header-names' });
    await ctx.rule('an upload whose checksum is written in upper-case hex is stored (200): the comparison ignores case', async () => {
      let random = newRandom();
      let checksum = await sign(secretOf(ctx), random, token);
      while (!/[a-f]/.test(checksum)) checksum = await sign(secretOf(ctx), (random = newRandom()), token);
      expectStatus(ctx, await storeCall(ctx, token, { ...upload, fileName: 'signed-upper-case.webm' }, { checksum: checksum.toUpperCase(), random }), 200, 'an upper-case hex checksum is accepted');
    });
  },
};

const documentedErrors: Check = {
  id: 'nextcloud-talk.store.documented-errors',
  title: 'store: empty file 400 empty_file, owner not a participant 400 owner_participant, unusable owner 400 owner_invalid, owner without write permission 400 owner_permission, bad signature 401, unknown room 404',
  operations: [OP.storeRecording],
  specRef: `${STORE_SPEC}/responses/400`,
  needs: ['credentials', 'writes'],
  decision: 'store-error-codes',
  async run(ctx: CheckContext) {
    const { token, cast: c } = await storeRoom(ctx);
    await relaxThrottle(ctx);
    const webm = samples().webm;
    await ctx.rule('a zero-byte recording is 400 empty_file', async () => {
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'empty.webm', bytes: new Uint8Array(0), contentType: 'video/webm' }), 400, 'empty_file', 'a zero-byte recording');
    });
    await ctx.rule('an owner who is not a participant of the room is 400 owner_participant', async () => {
      const stranger = c.outsider?.user ?? c.other.user; // `other` is not in this room either
      expectError(ctx, await storeCall(ctx, token, { owner: stranger, fileName: 'stranger.webm', bytes: webm, contentType: 'video/webm' }), 400, 'owner_participant', 'an owner who is not a participant of the room');
    });
    // Facts §2.2 step 5: no uploaded file (PHP's upload error) is 400 invalid_file.
    await ctx.rule('an upload without a file part is 400 invalid_file', async () => {
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user }), 400, 'invalid_file', 'an upload with an owner but no file part');
    });
    // spreed RecordingController::store(?string $owner) takes `owner` from the request's parameters,
    // which hold the form fields ($_POST) and never the uploaded files ($_FILES): an owner part that
    // carries a filename is no owner at all, so the answer is the missing owner's `size`.
    await ctx.rule('an owner sent as a file part is no owner: 400 size', async () => {
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, ownerAsFile: true, fileName: 'owner-file.webm', bytes: webm, contentType: 'video/webm' }), 400, 'size', 'an upload whose owner part is a file');
    });
    await ctx.rule('an upload signed with another secret is 401 invalid_request', async () => {
      const random = newRandom();
      const checksum = await sign(`${secretOf(ctx)}-wrong`, random, token);
      spend(ctx, 'talkRecordingSecret');
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'bad-sig.webm', bytes: webm }, { random, checksum }), 401, 'invalid_request', 'an upload signed with another secret');
    });
    // #[RequireRoom] looks the room up before the controller checks the signature.
    await ctx.rule('an upload to an unknown room is 404, also when its signature is wrong (the room is looked up first)', async () => {
      expectStatus(ctx, await storeCall(ctx, 'nosuchroom0', { owner: c.owner.user, fileName: 'nowhere.webm', bytes: webm }), 404, 'an upload to an unknown room is 404');
      expectStatus(ctx, await storeCall(ctx, 'nosuchroom0', { owner: c.owner.user, fileName: 'nowhere.webm', bytes: webm }, { checksum: '0'.repeat(64) }), 404, 'an upload with a wrong signature to an unknown room is 404 (not 401)');
    });
    // Decision store-error-codes: a name with control characters cannot be a file in Nextcloud's tree.
    const controlChars = 'an upload whose file name holds a control character is 400 file_name';
    await ctx.rule(controlChars, async () => {
      const res = await storeCall(ctx, token, { owner: c.owner.user, fileName: 'bell\u0007.webm', bytes: webm, contentType: 'video/webm' });
      if (res.status !== 400 || errorCode(res) !== 'file_name') ctx.fail({ rule: controlChars, decision: 'store-error-codes', specRef: `${STORE_SPEC}/responses/400`, expected: 'HTTP 400 file_name', actual: `HTTP ${res.status} ${excerpt(res, 120)}`, response: res, operation: OP.storeRecording });
    }, { decision: 'store-error-codes' });
    await ctx.rule('a correct upload is stored (200)', async () => {
      expectStatus(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'fine.webm', bytes: webm, contentType: 'video/webm' }), 200, 'a correct upload is stored');
    });
    // Seed 000: `owner_invalid` (the owner's account is unusable) and `owner_permission` (the owner
    // may not write files), checked after the file itself. A real server cannot be made to have
    // such an owner on demand; the mock's control API marks one.
    const ownerInvalid = 'an owner whose account cannot be used is 400 owner_invalid';
    const ownerPermission = 'an owner who may not write files is 400 owner_permission, and stores again once allowed';
    if (!ctx.control) {
      ctx.skip(ownerInvalid, 'needs the control API to make a participant an unusable owner');
      ctx.skip(ownerPermission, "needs the control API to take away an owner's write permission");
      return;
    }
    await ctx.rule(ownerInvalid, async () => {
      await ctx.control!.call('recording-owner', { userId: c.owner.user, state: 'invalid' });
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'invalid-owner.webm', bytes: webm, contentType: 'video/webm' }), 400, 'owner_invalid', 'an owner whose account cannot be used');
    });
    await ctx.rule(ownerPermission, async () => {
      await ctx.control!.call('recording-owner', { userId: c.owner.user, state: 'permission' });
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'no-permission.webm', bytes: webm, contentType: 'video/webm' }), 400, 'owner_permission', 'an owner who may not write files');
      await ctx.control!.call('recording-owner', { userId: c.owner.user, state: 'ok' });
      expectStatus(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'permission-back.webm', bytes: webm, contentType: 'video/webm' }), 200, 'the same owner, allowed again, stores');
    });
  },
};

const mimetypeFromContent: Check = {
  id: 'nextcloud-talk.store.mimetype-from-content',
  title: 'the format is judged by the bytes: a PNG named .webm is 400 file_mimetype, WebM named .ogg is 400 file_extension',
  operations: [OP.storeRecording],
  specRef: `${STORE_SPEC}/requestBody`,
  needs: ['credentials', 'writes'],
  decision: 'store-formats',
  async run(ctx: CheckContext) {
    const { token, cast: c } = await storeRoom(ctx);
    const s = samples();
    const owner = c.owner.user;
    await ctx.rule('a PNG image named .webm (sent as video/webm) is 400 file_mimetype', async () => {
      expectError(ctx, await storeCall(ctx, token, { owner, fileName: 'lying-image.webm', bytes: s.png, contentType: 'video/webm' }), 400, 'file_mimetype', 'a PNG image named .webm (and sent as video/webm)');
    });
    await ctx.rule('a WebM video named .ogg is 400 file_extension', async () => {
      expectError(ctx, await storeCall(ctx, token, { owner, fileName: 'lying-video.ogg', bytes: s.webm, contentType: 'audio/ogg' }), 400, 'file_extension', 'a WebM video named .ogg');
    });
    await ctx.rule('an Ogg audio named .webm is 400 file_extension', async () => {
      expectError(ctx, await storeCall(ctx, token, { owner, fileName: 'lying-audio.webm', bytes: s.ogg, contentType: 'video/webm' }), 400, 'file_extension', 'an Ogg audio named .webm');
    });
    await ctx.rule('an Ogg audio named .OGG is stored whatever its part Content-Type (extensions compare lower-cased)', async () => {
      expectStatus(ctx, await storeCall(ctx, token, { owner, fileName: 'LOUD.OGG', bytes: s.ogg, contentType: 'application/octet-stream' }), 200, 'an Ogg audio named .OGG is stored (extensions compare lower-cased), whatever Content-Type it was sent with');
    });
    // RFC 9110 §8.3.1: the media type is case-insensitive and optional whitespace may precede the
    // parameters; PHP compares the multipart/form-data prefix case-insensitively and then finds boundary=.
    await ctx.rule('a Content-Type written MULTIPART/FORM-DATA or with a space before ";" is read as multipart: both uploads are stored', async () => {
      expectStatus(ctx, await storeCall(ctx, token, { owner, fileName: 'upper-type.webm', bytes: s.webm, contentType: 'video/webm' }, { contentType: (ct) => ct.replace('multipart/form-data', 'MULTIPART/FORM-DATA') }), 200, 'an upload sent as MULTIPART/FORM-DATA; boundary=… is stored');
      expectStatus(ctx, await storeCall(ctx, token, { owner, fileName: 'spaced-type.webm', bytes: s.webm, contentType: 'video/webm' }, { contentType: (ct) => ct.replace(/;\s*/, ' ; ') }), 200, 'an upload sent as multipart/form-data ; boundary=… is stored');
    });
    await ctx.rule('a WebM video named .webm is stored even with a wrong part Content-Type', async () => {
      expectStatus(ctx, await storeCall(ctx, token, { owner, fileName: 'honest.webm', bytes: s.webm, contentType: 'audio/ogg' }), 200, 'a WebM video named .webm is stored even with a wrong part Content-Type');
    });
  },
};

const pathTricks: Check = {
  id: 'nextcloud-talk.store.path-tricks',
  title: 'the client file name is reduced to what follows its last / or \\: ../, sub/dirs/ and dir\\ land in Recording/<token>/; an empty filename is no upload, a trailing slash leaves no name',
  operations: [OP.storeRecording, OP.getNotifications],
  specRef: `${STORE_SPEC}/requestBody`,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    const { token, cast: c } = await storeRoom(ctx);
    const names: [string, string][] = [
      ['../../escape-up.webm', 'escape-up.webm'],
      ['sub/dir/nested.webm', 'nested.webm'],
      ['dir/single.webm', 'single.webm'],
      [`../../../Recording/${token}/../../x/../dotted.webm`, 'dotted.webm'],
      // PHP's multipart parser cuts at the last `/` or `\\` alike (php_ap_basename).
      ['win\\dir\\back.webm', 'back.webm'],
      ['mixed\\dir/both\\last.webm', 'last.webm'],
    ];
    // Storing needs only the store endpoint; where the file landed is read from the owner's
    // notifications, so a target without the notifications app still gets the first rule asserted.
    const storedNames: [string, string][] = [];
    await ctx.rule('uploads named with ../ and sub/dirs/ are stored (200)', async () => {
      for (const [sent, stored] of names) {
        const res = await storeCall(ctx, token, { owner: c.owner.user, fileName: sent, bytes: samples().webm, contentType: 'video/webm' });
        expectStatus(ctx, res, 200, `an upload named ${JSON.stringify(sent)} is stored under its basename`);
        storedNames.push([sent, stored]);
      }
    }, { operation: OP.storeRecording });
    // php-src rfc1867.c: an empty filename is UPLOAD_ERR_NO_FILE (spreed: invalid_file); a name that
    // ends in a slash keeps nothing after it, so no extension is left (file_extension).
    await ctx.rule('an upload whose filename is empty is no upload (400 invalid_file); one whose name ends in a slash has no name left (400 file_extension)', async () => {
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: '', bytes: samples().webm, contentType: 'video/webm' }), 400, 'invalid_file', 'an upload with filename=""');
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'trailing.webm/', bytes: samples().webm, contentType: 'video/webm' }), 400, 'file_extension', 'an upload named "trailing.webm/"');
    }, { operation: OP.storeRecording });
    if (storedNames.length === 0) {
      ctx.notRun('a stored recording lands in <attachment folder>/Recording/<token>/<basename>', 'no upload was stored');
      return;
    }
    await ctx.rule('a stored recording lands in <attachment folder>/Recording/<token>/<basename>', async () => {
      const { res: listed, list } = await recordingNotifications(ctx, c.owner, token);
      const paths = list.map((n) => fileOf(n)?.path ?? '');
      for (const [sent, stored] of storedNames) {
        const want = `Recording/${token}/${stored}`;
        const found = paths.find((p) => p.endsWith(`/${stored}`) || p === stored);
        // Nextcloud's file tree holds normalized paths only: no dot segments and no empty ones
        // (a doubled or trailing slash); one leading slash is the only one allowed to stand alone.
        if (!found || !found.replace(/^\//, '').endsWith(want) || found.replace(/^\//, '').split('/').some((seg) => seg === '..' || seg === '.' || seg === '')) {
          ctx.fail({
            rule: 'a stored recording lands in <attachment folder>/Recording/<token>/<basename>',
            specRef: `${STORE_SPEC}/requestBody`,
            expected: `a file …/${want} for the name ${JSON.stringify(sent)}`,
            actual: `files ${JSON.stringify(paths)}`,
            response: listed,
            operation: OP.getNotifications,
          });
        }
      }
    }, { operation: OP.getNotifications });
  },
};

const notificationAndFile: Check = {
  id: 'nextcloud-talk.store.notification-and-file',
  title: 'a stored recording notifies its owner (record_file_stored, object recording/<token>) naming the file',
  operations: [OP.storeRecording, OP.getNotifications],
  specRef: '#/paths/~1apps~1notifications~1api~1v2~1notifications/get',
  needs: ['credentials', 'writes'],
  decision: 'notifications-endpoint',
  async run(ctx: CheckContext) {
    const { token, cast: c } = await storeRoom(ctx);
    await ctx.rule('a fresh room has no recording notifications', async () => {
      const before = await recordingNotifications(ctx, c.owner, token);
      if (before.list.length !== 0) ctx.fail({ rule: 'a fresh room has no recording notifications', expected: 'none', actual: excerpt(before.res, 200), response: before.res, operation: OP.getNotifications });
    }, { operation: OP.getNotifications });
    const res = await storeCall(ctx, token, { owner: c.owner.user, fileName: 'meeting-audio.ogg', bytes: samples().ogg, contentType: 'audio/ogg' });
    expectStatus(ctx, res, 200, 'the upload is stored');
    await ctx.rule('store answers data null', () => {
      const data = res.json<{ ocs: { data: unknown } }>().ocs.data;
      if (data !== null) ctx.fail({ rule: 'store answers data null', expected: 'data null', actual: JSON.stringify(data), response: res, operation: OP.storeRecording });
    }, { operation: OP.storeRecording });
    await ctx.rule('a stored recording notifies its owner (object recording/<token>), naming the file by id and mimetype', async () => {
      const after = await recordingNotifications(ctx, c.owner, token);
      const n = after.list.find((x) => fileOf(x)?.path.endsWith('/meeting-audio.ogg'));
      if (!n) ctx.fail({ rule: 'a stored recording creates a notification for its owner', expected: `a notification (object recording/${token}) naming meeting-audio.ogg`, actual: excerpt(after.res, 300), response: after.res, operation: OP.getNotifications });
      const file = fileOf(n)!;
      if (!/^\d+$/.test(file.id) || (file.mimetype !== undefined && file.mimetype !== 'audio/ogg')) {
        ctx.fail({ rule: 'the notification names the stored file', expected: 'file id digits, mimetype audio/ogg', actual: JSON.stringify(file), response: after.res, operation: OP.getNotifications });
      }
    }, { operation: OP.getNotifications });
    await ctx.rule('only the owner of the recording is notified', async () => {
      const member = await recordingNotifications(ctx, c.member, token);
      if (member.list.length !== 0) ctx.fail({ rule: 'only the owner of the recording is notified', expected: `no notification for ${c.member.user}`, actual: excerpt(member.res, 200), response: member.res, operation: OP.getNotifications });
    }, { operation: OP.getNotifications });
  },
};

const MIB = 1024 * 1024;

/** A real WebM followed by zeros up to `size` bytes: content sniffing still sees video/webm. */
function largeWebm(size: number): Uint8Array {
  const out = new Uint8Array(size);
  out.set(samples().webm);
  return out;
}

const uploadLimits: Check = {
  id: 'nextcloud-talk.store.upload-limits',
  title: 'a 20 MiB recording is stored like a small one (no 413 below the documented limits); a file above the per-file limit answers 400 invalid_file, a body above post_max_size 400 size',
  operations: [OP.storeRecording],
  specRef: STORE_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'upload-limits',
  async run(ctx: CheckContext) {
    const { token, cast: c } = await storeRoom(ctx);
    await relaxThrottle(ctx);
    // 20 MiB: above the 16 MiB the mock's HTTP layer allows other requests, below 32 MiB.
    const big = '20 MiB recording';
    await ctx.rule(`a ${big}, signed over random + room token, is stored (200)`, async () => {
      const res = await storeCall(ctx, token, { owner: c.owner.user, fileName: 'twenty-mib.webm', bytes: largeWebm(20 * MIB), contentType: 'video/webm' });
      if (res.status === 413) {
        ctx.fail({ rule: `a ${big} is stored, not refused for its size`, decision: 'upload-limits', specRef: STORE_SPEC, expected: 'HTTP 200 (uploads up to the documented limits reach the store)', actual: `HTTP 413 (${res.headers['content-type'] ?? 'no content type'}): ${excerpt(res, 120)}`, response: res, operation: OP.storeRecording });
      }
      expectStatus(ctx, res, 200, `a ${big} is stored`);
    }, { decision: 'upload-limits' });
    const perFile = 'a file above the per-file upload limit (upload_max_filesize) answers 400 invalid_file';
    const othersCapped = 'the lifted limit is the store\'s alone: a 17 MiB recording-server callback is refused with 413 (the mock\'s general 16 MiB body limit)';
    if (!ctx.control) {
      ctx.skip(othersCapped, "a real server's body limit is its web server's; the 16 MiB limit is the mock's own");
      ctx.skip(perFile, "needs the control API to lower the target's per-file upload limit");
      ctx.skip('a body above post_max_size (lowered to 200 kB) answers 400 size; a smaller one is stored', "needs the control API to lower the target's post_max_size");
      return;
    }
    await ctx.rule(othersCapped, async () => {
      const body = new Uint8Array(17 * MIB).fill(0x20);
      const res = await backendCall(ctx, body, { random: newRandom(), checksum: '0'.repeat(64) });
      if (res.status !== 413) ctx.fail({ rule: othersCapped, decision: 'upload-limits', specRef: STORE_SPEC, expected: 'HTTP 413 (the body is above 16 MiB and not a store upload)', actual: `HTTP ${res.status}: ${excerpt(res, 120)}`, response: res, operation: OP.recordingBackend });
    }, { decision: 'upload-limits', operation: OP.recordingBackend });
    await ctx.rule(perFile, async () => {
      await ctx.control!.call('recording-upload-limit', { fileBytes: 1024 });
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'over-file-limit.webm', bytes: samples().webm, contentType: 'video/webm' }), 400, 'invalid_file', 'a file above upload_max_filesize is refused');
    });
    const failNote = 'a refused upload (invalid_file) notifies the owner: record_file_store_fail, object type recording_information, naming the room';
    await ctx.rule(failNote, async () => {
      const { res, list } = await notifications(ctx, c.owner);
      const n = list.find((x) => x.object_type === 'recording_information' && x.object_id === token);
      // facts §2.5 scenario 18: the subject reads "Failed to upload call recording".
      if (!n || n.subject !== 'Failed to upload call recording') ctx.fail({ rule: failNote, specRef: STORE_SPEC, expected: `a recording_information notification for room ${token}, subject "Failed to upload call recording"`, actual: excerpt(res, 300), response: res, operation: OP.getNotifications });
    }, { operation: OP.getNotifications });
    // Facts §2.2 step 3 / scenario 19: above post_max_size PHP hands the controller no fields at
    // all, so `owner` is missing: 400 `size`, whatever the body held.
    const postLimit = 'a body above post_max_size (lowered to 200 kB) answers 400 size; a smaller one is stored';
    await ctx.rule(postLimit, async () => {
      await ctx.control!.call('recording-upload-limit', { bytes: 200_000, fileBytes: 32 * MIB });
      expectError(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'over-post-limit.webm', bytes: largeWebm(300_000), contentType: 'video/webm' }), 400, 'size', 'a body above post_max_size');
      expectStatus(ctx, await storeCall(ctx, token, { owner: c.owner.user, fileName: 'under-post-limit.webm', bytes: largeWebm(150_000), contentType: 'video/webm' }), 200, 'a body below post_max_size is stored');
    });
    // PHP refuses only what EXCEEDS post_max_size / upload_max_filesize: exactly the limit is fine.
    const exact = 'the limits are inclusive: a body of exactly post_max_size bytes and a file of exactly upload_max_filesize bytes are stored, one byte more is refused (size / invalid_file)';
    await ctx.rule(exact, async () => {
      const file = largeWebm(samples().webm.byteLength + 1000);
      const upload = (name: string) => ({ owner: c.owner.user, fileName: name, bytes: file, contentType: 'video/webm' });
      // Every body storeCall sends for the same upload has the same length (the boundary is fixed-length).
      const bodyBytes = (name: string) => multipart(upload(name)).body.byteLength;
      await ctx.control!.call('recording-upload-limit', { bytes: bodyBytes('post-exact.webm'), fileBytes: 32 * MIB });
      expectStatus(ctx, await storeCall(ctx, token, upload('post-exact.webm')), 200, 'a body of exactly post_max_size bytes is stored');
      await ctx.control!.call('recording-upload-limit', { bytes: bodyBytes('post-over1.webm') - 1 });
      expectError(ctx, await storeCall(ctx, token, upload('post-over1.webm')), 400, 'size', 'a body one byte above post_max_size');
      await ctx.control!.call('recording-upload-limit', { bytes: 32 * MIB, fileBytes: file.byteLength });
      expectStatus(ctx, await storeCall(ctx, token, upload('file-exact.webm')), 200, 'a file of exactly upload_max_filesize bytes is stored');
      await ctx.control!.call('recording-upload-limit', { fileBytes: file.byteLength - 1 });
      expectError(ctx, await storeCall(ctx, token, upload('file-over1.webm')), 400, 'invalid_file', 'a file one byte above upload_max_filesize');
    }, { decision: 'upload-limits' });
  },
};

export const storeChecks: Check[] = [checksumOverToken, documentedErrors, mimetypeFromContent, pathTricks, notificationAndFile, uploadLimits];
