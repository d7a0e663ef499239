// Horn's error envelope (facts §1.3): every error body is a JSON object with exactly two string
// fields, `error` (an UPPER_SNAKE code) and `message` (human text). Provokes errors of several
// kinds — no credentials, insufficient role, unknown ids, malformed parameters, a bad JWT — and
// judges each body.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, ownerAuth, excerpt, expectError, expectRefused, freshChannel, get, jsonOf, paths, recordableChannel, roleAuth, stopQuietly, uniqueId } from '../support.ts';
import type { OperationId } from '../support.ts';

const UPPER_SNAKE = /^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$/;

function expectEnvelope(ctx: CheckContext, res: TargetResponse, operation: OperationId, what: string): void {
  expectRefused(ctx, res, `${what} is refused`, operation);
  const fail = (expected: string, actual: string) =>
    ctx.fail({ rule: 'an error body is exactly {error, message}, error in UPPER_SNAKE', specRef: '#/components/schemas/Error', expected, actual, response: res, operation });
  if (!/^application\/json/i.test(res.headers['content-type'] ?? '')) fail('Content-Type: application/json', `Content-Type: ${res.headers['content-type'] ?? '(none)'}`);
  const body = jsonOf(res);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) fail('a JSON object', excerpt(res));
  const b = body as Record<string, unknown>;
  const keys = Object.keys(b).sort();
  if (keys.join(',') !== 'error,message') fail('exactly the fields error and message', `fields ${JSON.stringify(keys)} in ${excerpt(res)}`);
  if (typeof b.error !== 'string' || !UPPER_SNAKE.test(b.error)) fail('`error` an UPPER_SNAKE code such as ACCESS_FORBIDDEN', `error ${JSON.stringify(b.error)}`);
  if (typeof b.message !== 'string' || b.message.trim() === '') fail('`message` a non-empty string', `message ${JSON.stringify(b.message)}`);
}

const envelope: Check = {
  id: 'horn.errors.envelope',
  title: 'every error answer is a JSON {error, message} with an UPPER_SNAKE code',
  operations: [OP.list, OP.get, OP.possible, OP.assetsByJwt],
  specRef: '#/components/schemas/Error',
  needs: ['credentials'],
  async run(ctx) {
    const channel = recordableChannel(ctx);
    // Each provoked error is its own rule, so one broken body does not hide the others.
    const cases: { what: string; operation: OperationId; call: () => Promise<TargetResponse>; refusalDecision?: string }[] = [
      { what: 'a listing without a Bearer token', operation: OP.list, call: () => get(ctx, paths.list(channel), OP.list, 'none') },
      // Who may list is our decision (`roles-per-operation`; horn.auth.roles reports it): a server that lets a stranger list has no error here.
      { what: 'a listing by a user with no role on the channel', operation: OP.list, call: () => get(ctx, paths.list(channel), OP.list, roleAuth(ctx, 'stranger')), refusalDecision: 'roles-per-operation' },
      { what: 'an unknown recording', operation: OP.get, call: () => get(ctx, paths.recording(channel, uniqueId(ctx, 'no-such-recording')), OP.get, ownerAuth(ctx)) },
      { what: 'an unknown channel', operation: OP.possible, call: () => get(ctx, paths.possible(uniqueId(ctx, 'no-such-channel')), OP.possible, ownerAuth(ctx)) },
      // Refusing a non-numeric limit is our decision (`list-parameters`): a server that takes it has no error body to judge here.
      { what: 'a non-numeric limit', operation: OP.list, call: () => get(ctx, paths.list(channel), OP.list, ownerAuth(ctx), { limit: 'many' }), refusalDecision: 'list-parameters' },
      { what: 'an asset listing with a malformed JWT', operation: OP.assetsByJwt, call: () => get(ctx, paths.assetsByJwt('not.a.jwt'), OP.assetsByJwt, 'none') },
    ];
    for (const c of cases) {
      await ctx.rule(`${c.what} is refused with a JSON {error, message} body`, async () => {
        const res = await c.call();
        if (c.refusalDecision && res.status >= 200 && res.status < 300) ctx.notApplicable(`the target accepted ${c.what} (our decision ${c.refusalDecision} says refuse; reported by its own check): no error body to judge`);
        expectEnvelope(ctx, res, c.operation, c.what);
        // The one code whose status the docs give: 403 ACCESS_FORBIDDEN for an insufficient role.
        if (c.what.includes('no role')) expectError(ctx, res, 403, 'ACCESS_FORBIDDEN', 'an insufficient role answers 403 ACCESS_FORBIDDEN', OP.list);
      }, { operation: c.operation });
    }
  },
};

export const errorChecks: Check[] = [envelope];

/**
 * The state errors, each with its code and status (decisions: recording-error-codes for the codes;
 * recording-not-permitted-400 and assets-after-end, download-needs-ready, stop-endpoint,
 * jwt-rejections, download-url-form for the statuses), every body a Horn envelope with a message.
 * One recording of our own is taken through its life; the expiry part moves the mock's clock.
 */
const stateCodes: Check = {
  id: 'horn.errors.state-codes',
  title: 'state errors name their state: RECORDING_ALREADY_STARTED, RECORDING_NOT_ENDED, RECORDING_NOT_READY, RECORDING_NOT_STARTED (400); TOKEN_EXPIRED (401); DOWNLOAD_URL_EXPIRED (403)',
  operations: [OP.start, OP.stop, OP.assets, OP.asset, OP.downloadUrl, OP.credentials, OP.assetsByJwt, OP.archive],
  specRef: '#/components/schemas/Error',
  needs: ['credentials', 'writes'],
  decision: 'recording-error-codes',
  async run(ctx) {
    const owner = ownerAuth(ctx);
    const channel = await freshChannel(ctx);
    const expect = async (what: string, res: TargetResponse, status: number, code: string, decision: string, operation: OperationId) =>
      ctx.rule(what, () => expectError(ctx, res, status, code, what, operation), { decision, operation });
    try {
      const started = await ctx.target.request({ method: 'POST', path: paths.record(channel), auth: owner, operation: OP.start });
      if (started.status !== 200) return ctx.fail({ rule: 'start in a recordable channel succeeds', expected: 'HTTP 200 with the recording', actual: `HTTP ${started.status} ${excerpt(started)}`, response: started, operation: OP.start });
      const id = (jsonOf(started) as { id?: string } | undefined)?.id ?? 'unknown';
      await expect('a second start while recording is 400 RECORDING_ALREADY_STARTED', await ctx.target.request({ method: 'POST', path: paths.record(channel), auth: owner, operation: OP.start }), 400, 'RECORDING_ALREADY_STARTED', 'recording-not-permitted-400', OP.start);
      await expect('the assets of a recording in progress are 400 RECORDING_NOT_ENDED', await get(ctx, paths.recording(channel, id, '/assets'), OP.assets, owner), 400, 'RECORDING_NOT_ENDED', 'assets-after-end', OP.assets);
      await expect('an asset of a recording in progress is 400 RECORDING_NOT_ENDED', await get(ctx, paths.asset(channel, id, `${id}-s1`), OP.asset, owner), 400, 'RECORDING_NOT_ENDED', 'assets-after-end', OP.asset);
      await expect('a download URL of a recording in progress is 400 RECORDING_NOT_READY', await get(ctx, paths.recording(channel, id, '/download'), OP.downloadUrl, owner), 400, 'RECORDING_NOT_READY', 'download-needs-ready', OP.downloadUrl);
      await expect('credentials of a recording in progress are 400 RECORDING_NOT_READY', await get(ctx, paths.recording(channel, id, '/credentials'), OP.credentials, owner), 400, 'RECORDING_NOT_READY', 'download-needs-ready', OP.credentials);
      // 61 minutes: three segments, so processing takes 3 × 30 s (decision processing-time).
      if (ctx.control) await ctx.control.advanceClock(61 * 60_000);
      const stopped = await ctx.target.request({ method: 'DELETE', path: paths.record(channel), auth: owner, operation: OP.stop });
      if (stopped.status !== 200) return ctx.fail({ rule: 'stop of the running recording succeeds', expected: 'HTTP 200', actual: `HTTP ${stopped.status} ${excerpt(stopped)}`, response: stopped, operation: OP.stop, decision: 'stop-endpoint' });
      await expect('stop with nothing recording is 400 RECORDING_NOT_STARTED', await ctx.target.request({ method: 'DELETE', path: paths.record(channel), auth: owner, operation: OP.stop }), 400, 'RECORDING_NOT_STARTED', 'stop-endpoint', OP.stop);
      await expect('a download URL of a processing recording is 400 RECORDING_NOT_READY', await get(ctx, paths.recording(channel, id, '/download'), OP.downloadUrl, owner), 400, 'RECORDING_NOT_READY', 'download-needs-ready', OP.downloadUrl);
      if (!ctx.control) return ctx.skip('an expired download JWT is 401 TOKEN_EXPIRED and an expired URL 403 DOWNLOAD_URL_EXPIRED', 'needs the control API to move the clock past a ttl (horn.jwt.expiry and horn.download-url.ttl wait on real servers)', { decision: 'jwt-rejections' });
      const endTime = (jsonOf(stopped) as { endTime?: number } | undefined)?.endTime;
      await ctx.rule('a recording of three segments is ready exactly 90 s after its end, not a millisecond before', async () => {
        const states = async () => ((jsonOf(await get(ctx, paths.recording(channel, id, '/assets'), OP.assets, owner)) as { state?: string; size?: number }[] | undefined) ?? []).map((a) => `${a.state}${a.size === undefined ? '' : ':sized'}`).join(',');
        await ctx.control!.advanceClock(89_999);
        const before = jsonOf(await get(ctx, paths.recording(channel, id), OP.get, owner)) as { readyTime?: number } | undefined;
        const uploading = await states();
        await ctx.control!.advanceClock(1);
        const after = jsonOf(await get(ctx, paths.recording(channel, id), OP.get, owner)) as { readyTime?: number } | undefined;
        const uploaded = await states();
        // Decision assets-after-end: uploading without size while processing, uploaded with size once ready.
        if (uploading !== 'uploading,uploading,uploading' || uploaded !== 'uploaded:sized,uploaded:sized,uploaded:sized') {
          ctx.fail({ rule: 'assets are uploading (no size) while the recording processes, uploaded with a size once it is ready', expected: 'uploading ×3, then uploaded:sized ×3', actual: `${uploading} then ${uploaded}`, operation: OP.assets, decision: 'assets-after-end' });
        }
        if (typeof endTime !== 'number' || before?.readyTime !== undefined || after?.readyTime !== endTime + 90_000) {
          ctx.fail({ rule: 'a recording of three segments is ready exactly 90 s after its end', expected: `no readyTime at end + 89.999 s, readyTime ${String(endTime)} + 90000 at end + 90 s`, actual: `before: ${JSON.stringify(before?.readyTime)}, after: ${JSON.stringify(after?.readyTime)}`, operation: OP.get, decision: 'processing-time' });
        }
      }, { operation: OP.get, decision: 'processing-time' });
      await ctx.control.advanceClock(10 * 60_000);
      const cred = await get(ctx, paths.recording(channel, id, '/credentials'), OP.credentials, owner, { ttl: '30s' });
      const url = await get(ctx, paths.recording(channel, id, '/download'), OP.downloadUrl, owner, { ttl: '30s' });
      await ctx.control.advanceClock(31_000);
      const jwt = (jsonOf(cred) as { jwt?: string } | undefined)?.jwt ?? 'none';
      const link = (jsonOf(url) as { url?: string } | undefined)?.url;
      await expect('an expired download JWT is 401 TOKEN_EXPIRED', await ctx.target.request({ method: 'GET', path: paths.assetsByJwt(jwt), auth: 'none', operation: OP.assetsByJwt }), 401, 'TOKEN_EXPIRED', 'jwt-rejections', OP.assetsByJwt);
      if (link) await expect('an expired download URL is 403 DOWNLOAD_URL_EXPIRED', await ctx.target.request({ method: 'GET', path: link, auth: 'none', operation: OP.archive }), 403, 'DOWNLOAD_URL_EXPIRED', 'download-url-form', OP.archive);
      else ctx.fail({ rule: 'the owner gets a download URL for a ready recording', expected: 'HTTP 200 {url}', actual: `HTTP ${url.status} ${excerpt(url)}`, response: url, operation: OP.downloadUrl });
    } finally {
      await stopQuietly(ctx, channel);
    }
  },
};

errorChecks.push(stateCodes);
