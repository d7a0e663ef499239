// Unknown, foreign, malformed and deleted identifiers on every operation. Documented: what the
// client got wrong is the client's error, never a server error (errors.html), and a deleted or
// foreign recording is nobody's to read. Which 4xx and code (404 CHANNEL_NOT_FOUND,
// RECORDING_NOT_FOUND, ASSET_NOT_FOUND, 401 INVALID_TOKEN, 403 INVALID_SIGNATURE) is ours
// (decisions `recording-error-codes`, `auth-order`, `jwt-rejections`, `download-url-form`), so
// those rules are decision-only. Deletion happens out of band (the control API; Horn publishes no
// delete route), so that part needs the mock.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, ownerAuth, dependents, excerpt, expectError, get, jsonOf, paths, readyRecording, recordableChannel, seedRecordings, step, uniqueId, MOCK_OPERATOR, MOCK_OWNER } from '../support.ts';
import type { Auth, OperationId } from '../support.ts';

interface Call {
  operation: OperationId;
  method?: string;
  path: string;
  auth?: Auth;
  query?: Record<string, string>;
}

const send = (ctx: CheckContext, c: Call) =>
  ctx.target.request({ method: c.method ?? 'GET', path: c.path, operation: c.operation, ...(c.auth ? { auth: c.auth } : {}), ...(c.query ? { query: c.query } : {}) });

/**
 * Two rules for one request the client got wrong: refused with a 4xx (documented), and refused
 * with exactly `status` + `code` (decision). The second is not run when the first has no answer.
 */
async function refusedAs(ctx: CheckContext, what: string, call: Call, status: number, code: string, decision: string): Promise<void> {
  let res: TargetResponse | undefined;
  const refused = `${what} is refused with a 4xx, never a 5xx or a success`;
  await ctx.rule(refused, async () => {
    res = await send(ctx, call);
    if (res.status < 400 || res.status >= 500) ctx.fail({ rule: refused, expected: 'a 4xx refusal', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: call.operation });
  }, { operation: call.operation });
  const exact = `${what} answers ${status} ${code}`;
  if (!res) return ctx.notRun(exact, 'no answer to judge', { decision, operation: call.operation });
  const answer = res;
  await ctx.rule(exact, () => expectError(ctx, answer, status, code, exact, call.operation), { decision, operation: call.operation });
}

const CODES = 'recording-error-codes';

/** Path segments a client may get wrong: unknown, odd characters, very long, an asset-like id. */
const oddIds = (ctx: CheckContext) => [uniqueId(ctx, 'no-such'), 'ü ;,%', 'x'.repeat(300)];

const channelOps = (c: string, r: string, a: string): Call[] => [
  { operation: OP.possible, path: paths.possible(c) },
  { operation: OP.start, method: 'POST', path: paths.record(c) },
  { operation: OP.stop, method: 'DELETE', path: paths.record(c) },
  { operation: OP.list, path: paths.list(c) },
  { operation: OP.get, path: paths.recording(c, r) },
  { operation: OP.assets, path: paths.recording(c, r, '/assets') },
  { operation: OP.asset, path: paths.asset(c, r, a) },
  { operation: OP.downloadUrl, path: paths.recording(c, r, '/download') },
  { operation: OP.credentials, path: paths.recording(c, r, '/credentials') },
];

const CHANNEL_ONLY = new Set<OperationId>([OP.possible, OP.start, OP.stop, OP.list]);
const recordingOps = (c: string, r: string, a: string): Call[] => channelOps(c, r, a).filter((o) => !CHANNEL_ONLY.has(o.operation));

/** The ready recording and one of its asset ids (the owner lists them). */
async function readyWithAsset(ctx: CheckContext): Promise<{ channel: string; id: string; asset: string }> {
  const { channel, recording } = await readyRecording(ctx, { idOnly: true });
  const res = await get(ctx, paths.recording(channel, recording.id, '/assets'), OP.assets, ownerAuth(ctx));
  const first = (jsonOf(res) as { id?: unknown }[] | undefined)?.[0]?.id;
  if (res.status !== 200 || typeof first !== 'string') ctx.fail({ rule: 'the owner lists the assets of the ready recording', expected: 'HTTP 200 with at least one asset', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.assets });
  return { channel, id: recording.id, asset: first };
}

const unknown: Check = {
  id: 'horn.robustness.unknown-ids',
  title: 'unknown, foreign and malformed channel, recording, asset and token ids on every operation: a 4xx (404 with the right code), never a 5xx',
  operations: Object.values(OP),
  specRef: '#/components/responses/NotFound',
  needs: ['credentials'],
  decision: CODES,
  async run(ctx) {
    const owner = ownerAuth(ctx);
    let ready: { channel: string; id: string; asset: string } | undefined;
    const found = await step(ctx, 'the ready recording and its first asset are readable', async () => {
      ready = await readyWithAsset(ctx);
    });

    // Unknown channels: every channel operation (start and stop too: nothing exists to change).
    const channel = ready?.channel ?? recordableChannel(ctx);
    for (const ch of oddIds(ctx)) {
      for (const call of channelOps(ch, ready?.id ?? 'r', ready?.asset ?? 'a')) {
        await refusedAs(ctx, `${call.operation} on unknown channel ${JSON.stringify(ch.slice(0, 24))}`, { ...call, auth: owner }, 404, 'CHANNEL_NOT_FOUND', CODES);
      }
    }
    // A path whose percent-encoding does not decode names no resource.
    await ctx.rule('a path with malformed percent-encoding is refused with a 4xx, never a 5xx', async () => {
      const res = await ctx.target.request({ method: 'GET', path: `/channels/${encodeURIComponent(channel)}/recordings/%E0%A4%A`, auth: owner, operation: OP.get });
      if (res.status < 400 || res.status >= 500) ctx.fail({ rule: 'a path with malformed percent-encoding is refused with a 4xx, never a 5xx', expected: 'a 4xx refusal', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.get });
    }, { operation: OP.get });

    const recordingRules = ['unknown recordings on every recording operation', 'unknown assets of the ready recording', 'malformed download JWTs'];
    if (found !== 'passed' || !ready) return dependents(ctx, found, recordingRules, 'the ready recording and an asset', { decision: CODES });
    const r = ready;

    // Unknown recordings of a known channel.
    for (const id of [...oddIds(ctx), `${r.id}-s1`]) {
      for (const call of recordingOps(r.channel, id, `${id}-s1`)) {
        await refusedAs(ctx, `${call.operation} of unknown recording ${JSON.stringify(id.slice(0, 24))}`, { ...call, auth: owner }, 404, 'RECORDING_NOT_FOUND', CODES);
      }
    }
    // Unknown assets of a known recording: out of range, zero, another recording's, garbage.
    for (const a of [`${r.id}-s99`, `${r.id}-s0`, `${uniqueId(ctx, 'other')}-s1`, 'garbage']) {
      await refusedAs(ctx, `an unknown asset ${JSON.stringify(a.slice(-24))} of the ready recording`, { operation: OP.asset, path: paths.asset(r.channel, r.id, a), auth: owner }, 404, 'ASSET_NOT_FOUND', CODES);
    }
    // Download JWTs that are not tokens at all (decision jwt-rejections: 401 INVALID_TOKEN).
    for (const jwt of ['abc', 'a.b.c', 'eyJhbGciOiJIUzI1NiJ9.e30.', 'x'.repeat(300)]) {
      await refusedAs(ctx, `the asset listing with malformed JWT ${JSON.stringify(jwt.slice(0, 24))}`, { operation: OP.assetsByJwt, path: paths.assetsByJwt(jwt), auth: 'none' }, 401, 'INVALID_TOKEN', 'jwt-rejections');
      await refusedAs(ctx, `the asset download with malformed JWT ${JSON.stringify(jwt.slice(0, 24))}`, { operation: OP.assetByJwt, path: paths.assetByJwt(r.asset, jwt), auth: 'none' }, 401, 'INVALID_TOKEN', 'jwt-rejections');
    }
    // A valid JWT with asset ids it does not name (its recording's out-of-range segment, garbage).
    const cred = await get(ctx, paths.recording(r.channel, r.id, '/credentials'), OP.credentials, owner, { ttl: '1d' });
    const jwt = (jsonOf(cred) as { jwt?: unknown } | undefined)?.jwt;
    if (cred.status === 200 && typeof jwt === 'string') {
      for (const a of [`${r.id}-s99`, 'garbage']) {
        await refusedAs(ctx, `a valid download JWT with unknown asset ${JSON.stringify(a.slice(-24))}`, { operation: OP.assetByJwt, path: paths.assetByJwt(a, jwt), auth: 'none' }, 404, 'ASSET_NOT_FOUND', CODES);
      }
    } else ctx.skip('a valid download JWT with unknown assets is refused', `no download credentials to use (HTTP ${cred.status})`, { decision: CODES });
  },
};

/** Rewrites one query parameter (or the last path segment) of a download URL. */
function altered(url: string, change: (u: URL) => void): string {
  const u = new URL(url);
  change(u);
  return u.toString();
}

const foreign: Check = {
  id: 'horn.robustness.foreign-and-deleted',
  title: "another channel's recording is not reachable through this channel; a deleted recording is gone from every operation and every hand-out; a changed download URL serves nothing",
  operations: Object.values(OP),
  specRef: '#/components/responses/NotFound',
  needs: ['credentials', 'recording'],
  decision: CODES,
  async run(ctx) {
    const owner = ownerAuth(ctx);
    // The download URL's parts (decision download-url-form): each changed part → 403 INVALID_SIGNATURE.
    const { channel, recording } = await readyRecording(ctx, { idOnly: true });
    const dl = await get(ctx, paths.recording(channel, recording.id, '/download'), OP.downloadUrl, owner, { ttl: '1d' });
    const url = (jsonOf(dl) as { url?: unknown } | undefined)?.url;
    const form = typeof url === 'string' && /[?&]expires=\d+/.test(url) && /[?&]signature=/.test(url) && url.split('?')[0]!.endsWith(`/${encodeURIComponent(recording.id)}`);
    const changes: [string, (u: URL) => void][] = [
      ['another recording id in the path', (u) => (u.pathname = u.pathname.replace(/[^/]+$/, encodeURIComponent(uniqueId(ctx, 'other'))))],
      ['another kind', (u) => u.searchParams.set('kind', u.searchParams.get('kind') === 'archive' ? 'other' : 'archive')],
      ['a later expiry', (u) => u.searchParams.set('expires', String(Number(u.searchParams.get('expires')) + 1000))],
      ['a non-numeric expiry', (u) => u.searchParams.set('expires', 'soon')],
      ['no signature', (u) => u.searchParams.delete('signature')],
      ['a changed signature', (u) => {
        const sig = u.searchParams.get('signature') ?? '';
        u.searchParams.set('signature', `${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`);
      }],
    ];
    for (const [what, change] of changes) {
      const rule = `a download URL with ${what}`;
      if (!form || typeof url !== 'string') {
        ctx.skip(`${rule} serves nothing`, `the download URL is not of the form …/{recordingId}?kind&expires&signature (HTTP ${dl.status} ${excerpt(dl, 80)})`, { decision: 'download-url-form' });
        continue;
      }
      await refusedAs(ctx, rule, { operation: OP.archive, path: altered(url, change), auth: 'none' }, 403, 'INVALID_SIGNATURE', 'download-url-form');
    }

    // Another channel's recording: made through the control API, or named by the target config.
    let theirs: string | undefined = asConfig(ctx.config).recordings?.foreign;
    if (ctx.control) {
      const other = uniqueId(ctx, 'ch');
      await ctx.control.call('channel', { id: other, name: `Channel ${other}`, serviceMode: 'panel', owners: [MOCK_OWNER], operators: [MOCK_OPERATOR] });
      const [made] = await seedRecordings(ctx, [{ channel: other, state: 'ready', durationMs: 10 * 60_000 }]);
      if (!made) throw new Error('the mock did not answer the seeded recording');
      theirs = made.id;
    }
    if (theirs === undefined) {
      ctx.skip("another channel's recording through this channel is not found", 'needs a recording of another channel: set recordings.foreign in the target config');
    } else {
      for (const call of recordingOps(channel, theirs, `${theirs}-s1`)) {
        await refusedAs(ctx, `${call.operation} of another channel's recording through this channel`, { ...call, auth: owner }, 404, 'RECORDING_NOT_FOUND', 'auth-order');
      }
    }
    if (!ctx.control) {
      ctx.skip('a deleted recording is not found', 'needs the control API: Horn publishes no way to delete a recording');
      return;
    }

    // A deleted recording: its credentials and URL were handed out before the deletion.
    const [doomed] = await seedRecordings(ctx, [{ channel, state: 'ready', durationMs: 10 * 60_000 }]);
    if (!doomed) throw new Error('the mock did not answer the seeded recording');
    const jwtRes = await get(ctx, paths.recording(channel, doomed.id, '/credentials'), OP.credentials, owner, { ttl: '1d' });
    const urlRes = await get(ctx, paths.recording(channel, doomed.id, '/download'), OP.downloadUrl, owner, { ttl: '1d' });
    const jwt = (jsonOf(jwtRes) as { jwt?: string } | undefined)?.jwt ?? 'none';
    const doomedUrl = (jsonOf(urlRes) as { url?: string } | undefined)?.url;
    await ctx.control.call('delete-recording', { recordingId: doomed.id });
    const asset = `${doomed.id}-s1`;
    for (const call of recordingOps(channel, doomed.id, asset)) {
      await refusedAs(ctx, `${call.operation} of a deleted recording`, { ...call, auth: owner }, 404, 'RECORDING_NOT_FOUND', CODES);
    }
    await ctx.rule('a deleted recording leaves the listing', async () => {
      const res = await get(ctx, paths.list(channel), OP.list, owner, { limit: '100' });
      const ids = ((jsonOf(res) as { results?: { id?: unknown }[] } | undefined)?.results ?? []).map((x) => x.id);
      if (res.status !== 200 || ids.includes(doomed.id)) ctx.fail({ rule: 'a deleted recording leaves the listing', expected: `HTTP 200 without ${doomed.id}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.list });
    }, { operation: OP.list });
    await refusedAs(ctx, 'the asset listing of a deleted recording by its earlier JWT', { operation: OP.assetsByJwt, path: paths.assetsByJwt(jwt), auth: 'none' }, 404, 'RECORDING_NOT_FOUND', CODES);
    await refusedAs(ctx, 'an asset download of a deleted recording by its earlier JWT', { operation: OP.assetByJwt, path: paths.assetByJwt(asset, jwt), auth: 'none' }, 404, 'ASSET_NOT_FOUND', CODES);
    if (doomedUrl) await refusedAs(ctx, 'the earlier download URL of a deleted recording', { operation: OP.archive, path: doomedUrl, auth: 'none' }, 404, 'RECORDING_NOT_FOUND', CODES);
    else ctx.fail({ rule: 'the owner gets a download URL for a ready recording', expected: 'HTTP 200 {url}', actual: `HTTP ${urlRes.status} ${excerpt(urlRes)}`, response: urlRes, operation: OP.downloadUrl });
  },
};

export const identifierChecks: Check[] = [unknown, foreign];
