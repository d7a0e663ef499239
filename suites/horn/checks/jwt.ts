// Download credentials (facts §1.4): `GET …/credentials?ttl=` answers `{jwt}`, a token that lists
// (`/channels/recording/assets/{jwt}`) and downloads (`…/assets/{assetId}/{jwt}`) the assets of
// its recording, for `ttl` and not after (measured on the server's clock, ../lifetimes.ts). A
// forged token — another signature, another payload, `alg: none` — reaches nothing, and a token
// reaches its own recording's assets only. The JWT routes take no Bearer token (decision
// `jwt-paths-no-bearer`): a server that wants one deviates, and the rules go on with the owner's.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { decodeJwtParts, withAlgNone, withFlippedSignature, withTamperedPayload } from '../jwt-forge.ts';
import type { JwtParts } from '../jwt-forge.ts';
import { ServerClock, serverTime, watchLifetimes } from '../lifetimes.ts';
import type { Watched } from '../lifetimes.ts';
import { asConfig } from '../config.ts';
import { DEFAULT_TTL_MS, ttlMs } from '../ttl.ts';
import { OP, ownerAuth, dependents, excerpt, expectStatus, expectSuccess, get, paths, readyRecording, recordableChannel, seedRecordings, step } from '../support.ts';
import type { Auth, HornRecording } from '../support.ts';

interface Credentials {
  token: string;
  parts: JwtParts;
  res: TargetResponse;
}

async function credentials(ctx: CheckContext, channel: string, recordingId: string, ttl?: string): Promise<Credentials> {
  const res = await get(ctx, paths.recording(channel, recordingId, '/credentials'), OP.credentials, ownerAuth(ctx), ttl === undefined ? undefined : { ttl });
  expectStatus(ctx, res, 200, 'the owner gets download credentials for a ready recording', OP.credentials);
  const token = res.json<{ jwt?: unknown }>().jwt;
  const parts = typeof token === 'string' ? decodeJwtParts(token) : undefined;
  if (typeof token !== 'string' || !parts) {
    ctx.fail({ rule: 'download credentials are {jwt} with a compact JWT', expected: '{"jwt": "<header>.<payload>.<signature>"}', actual: excerpt(res), response: res, operation: OP.credentials });
  }
  return { token, parts, res };
}

const listByJwt = (ctx: CheckContext, jwt: string, auth: Auth) => get(ctx, paths.assetsByJwt(jwt), OP.assetsByJwt, auth);
const downloadByJwt = (ctx: CheckContext, assetId: string, jwt: string, auth: Auth) =>
  ctx.target.request({ method: 'GET', path: paths.assetByJwt(assetId, jwt), auth, headers: { range: 'bytes=0-15' }, operation: OP.assetByJwt });

const NO_BEARER_RULE = 'the JWT routes need no Bearer token: the JWT in the path is the credential';

/**
 * How to call the JWT routes: without a Bearer token (decision `jwt-paths-no-bearer`). When a
 * genuine token is refused without one and accepted with the owner's, that is recorded as a
 * deviation and the remaining rules use the owner's token, so they still judge the JWT.
 */
async function jwtAuth(ctx: CheckContext, token: string): Promise<Auth> {
  const bare = await listByJwt(ctx, token, 'none');
  if (bare.status !== 401 && bare.status !== 403) {
    await ctx.rule(NO_BEARER_RULE, () => undefined, { decision: 'jwt-paths-no-bearer', operation: OP.assetsByJwt });
    return 'none';
  }
  const owner = ownerAuth(ctx);
  const withBearer = await listByJwt(ctx, token, owner);
  const needed = withBearer.status >= 200 && withBearer.status < 300;
  await ctx.rule(NO_BEARER_RULE, () => {
    if (needed) ctx.fail({ rule: NO_BEARER_RULE, expected: 'a 2xx answer without Authorization', actual: `HTTP ${bare.status} ${excerpt(bare)} (with the owner's Bearer token: HTTP ${withBearer.status})`, response: bare, operation: OP.assetsByJwt, decision: 'jwt-paths-no-bearer' });
  }, { decision: 'jwt-paths-no-bearer', operation: OP.assetsByJwt });
  return needed ? owner : 'none';
}

/** The asset ids a valid token lists (fails when there are none). */
async function assetIds(ctx: CheckContext, jwt: string, auth: Auth): Promise<string[]> {
  const res = await listByJwt(ctx, jwt, auth);
  expectStatus(ctx, res, 200, 'a valid download JWT lists the assets of its recording', OP.assetsByJwt);
  const body = res.json<unknown>();
  const ids = (Array.isArray(body) ? body : []).map((a: { id?: unknown } | null) => a?.id).filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) ctx.fail({ rule: 'a ready recording has assets to download', expected: 'at least one asset', actual: excerpt(res), response: res, operation: OP.assetsByJwt });
  return ids;
}

function refused(ctx: CheckContext, res: TargetResponse, rule: string, operation: string): void {
  if (res.status < 400 || res.status >= 500) {
    ctx.fail({ rule, expected: 'a 4xx refusal', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
  }
}

const JWT_TTLS: (string | undefined)[] = ['1m', undefined];
const jwtLabel = (ttl: string | undefined) => (ttl === undefined ? 'no ttl (default 5 minutes)' : `ttl=${ttl}`);

const expiry: Check = {
  id: 'horn.jwt.expiry',
  title: 'a download JWT lists and downloads assets for its ttl (1m; default 5 minutes) and not after, on the server\'s clock',
  operations: [OP.credentials, OP.assetsByJwt, OP.assetByJwt],
  specRef: '#/paths/~1channels~1{channelId}~1recordings~1{recordingId}~1credentials/get',
  needs: ['credentials', 'recording'],
  decision: 'jwt-paths-no-bearer',
  async run(ctx) {
    const { channel, recording } = await readyRecording(ctx, { idOnly: true });
    const watched: Watched[] = [];
    let first: TargetResponse | undefined;
    let auth: Auth | undefined;
    for (const ttl of JWT_TTLS) {
      let made: { creds: Credentials; assetId: string; madeAfter: number } | undefined;
      const fresh = await step(ctx, `a fresh download JWT (${jwtLabel(ttl)}) lists and downloads the assets of its recording`, async () => {
        // A first JWT only for its Date: the watched one is made after that instant.
        const madeAfter = serverTime((await credentials(ctx, channel, recording.id, ttl)).res);
        const creds = await credentials(ctx, channel, recording.id, ttl);
        auth ??= await jwtAuth(ctx, creds.token);
        const [assetId] = await assetIds(ctx, creds.token, auth);
        expectSuccess(ctx, await downloadByJwt(ctx, assetId!, creds.token, auth), `a fresh download JWT (${jwtLabel(ttl)}) downloads an asset`, OP.assetByJwt);
        made = { creds, assetId: assetId!, madeAfter };
      });
      if (fresh !== 'passed' || !made || !auth) {
        dependents(ctx, fresh, [`a download JWT (${jwtLabel(ttl)}) works for its lifetime and not after`], 'a fresh JWT that works');
        continue;
      }
      const { creds, assetId, madeAfter } = made;
      const as = auth;
      first ??= creds.res;
      const common = { lifetimeMs: ttl === undefined ? DEFAULT_TTL_MS : ttlMs(ttl)!, madeAt: serverTime(creds.res), madeAfter };
      watched.push(
        { ...common, what: `a download JWT with ${jwtLabel(ttl)} (asset listing)`, use: () => listByJwt(ctx, creds.token, as), operation: OP.assetsByJwt },
        { ...common, what: `a download JWT with ${jwtLabel(ttl)} (asset download)`, use: () => downloadByJwt(ctx, assetId, creds.token, as), operation: OP.assetByJwt },
      );
    }
    if (first) await watchLifetimes(ctx, new ServerClock(ctx, first), watched);
  },
};

/**
 * The recording whose JWT is forged, and another one of the channel for the cross-recording rule.
 * Mock: both seeded; real: recordings.ready, and recordings.long when configured (without it only
 * that one rule is not applicable).
 */
async function readyRecordings(ctx: CheckContext): Promise<{ channel: string; a: HornRecording; b?: HornRecording; noB?: string }> {
  if (ctx.control) {
    const channel = recordableChannel(ctx);
    const [a, b] = await seedRecordings(ctx, [
      { channel, state: 'ready', durationMs: 12 * 60_000 },
      { channel, state: 'ready', durationMs: 40 * 60_000 },
    ]);
    if (!a || !b) throw new Error('the mock did not answer the seeded recordings');
    return { channel, a, b };
  }
  const { channel, recording: a } = await readyRecording(ctx, { idOnly: true });
  const other = asConfig(ctx.config).recordings?.long;
  if (!other || other === a.id) return { channel, a, noB: 'needs a second ready recording of the channel: set recordings.long in the target config' };
  return { channel, a, b: { id: other, channel, session: '', startTime: Number.NaN } };
}

const tampering: Check = {
  id: 'horn.jwt.tampering',
  title: 'forged download JWTs (changed signature, changed payload, alg none) and a JWT for another recording are refused',
  operations: [OP.credentials, OP.assetsByJwt, OP.assetByJwt],
  specRef: '#/components/schemas/DownloadCredentials',
  needs: ['credentials', 'recording'],
  decision: 'jwt-paths-no-bearer',
  async run(ctx) {
    const { channel, a, b, noB } = await readyRecordings(ctx);
    // A day, a documented form: the token must outlive the check on any server clock.
    // The server's time just before the hand-out, so `iat` is judged between two Date headers
    // whatever the server's pace (a mock met without control runs its clock 60x wall time).
    const issuedAfter = serverTime((await credentials(ctx, channel, a.id, '1d')).res);
    const { token, parts, res: res0 } = await credentials(ctx, channel, a.id, '1d');
    const auth = await jwtAuth(ctx, token);
    const [ownAsset] = await assetIds(ctx, token, auth);
    // The genuine token works, so the refusals below are about the forgery, nothing else.
    expectSuccess(ctx, await downloadByJwt(ctx, ownAsset!, token, auth), 'a valid download JWT downloads an asset of its recording', OP.assetByJwt);

    // Decision jwt-claims: the header and claims of a token made with ttl=1d.
    await ctx.rule('the download JWT carries the claims of its recording (iss, sub, channel, scope, iat, exp = iat + ttl)', () => {
      const { header: h, payload: p } = parts;
      const date = Date.parse(res0.headers['date'] ?? '');
      const want: Record<string, unknown> = { alg: 'HS256', typ: 'JWT', iss: 'horn', sub: a.id, channel, scope: 'recording:download' };
      const got: Record<string, unknown> = { alg: h.alg, typ: h.typ, iss: p.iss, sub: p.sub, channel: p.channel, scope: p.scope };
      const wrong = Object.keys(want).filter((k) => got[k] !== want[k]);
      if (typeof p.iat !== 'number' || typeof p.exp !== 'number' || p.exp - p.iat !== 86_400) wrong.push('exp - iat = 86400 (ttl=1d)');
      // Between the Date of the hand-out before and of this one (seconds: a second either side).
      else if (Number.isFinite(date) && (p.iat < Math.floor(issuedAfter / 1000) - 1 || p.iat > Math.floor(date / 1000) + 1)) wrong.push('iat = the time of issue');
      if (wrong.length) ctx.fail({ rule: 'the download JWT carries the claims of its recording', expected: `${JSON.stringify(want)}, exp - iat = 86400, iat between the Date headers of this hand-out and the one before (${new Date(issuedAfter).toISOString()})`, actual: `header ${JSON.stringify(h)}, payload ${JSON.stringify(p)} (wrong: ${wrong.join(', ')})`, response: res0, operation: OP.credentials, decision: 'jwt-claims' });
    }, { decision: 'jwt-claims', operation: OP.credentials });

    const forgeries: [string, string][] = [
      ['a JWT with a changed signature', withFlippedSignature(parts)],
      ['a JWT with a changed payload under the original signature', withTamperedPayload(parts)],
      ['an unsigned JWT (alg "none")', withAlgNone(parts)],
    ];
    for (const [what, forged] of forgeries) {
      await ctx.rule(`${what} lists nothing`, async () => refused(ctx, await listByJwt(ctx, forged, auth), `${what} lists nothing`, OP.assetsByJwt));
      await ctx.rule(`${what} downloads nothing`, async () => refused(ctx, await downloadByJwt(ctx, ownAsset!, forged, auth), `${what} downloads nothing`, OP.assetByJwt));
    }

    const rule = 'a download JWT for one recording does not download the assets of another';
    if (!b) return ctx.skip(rule, noB ?? 'no second ready recording');
    await ctx.rule(rule, async () => {
      const other = await get(ctx, paths.recording(channel, b.id, '/assets'), OP.assets, ownerAuth(ctx));
      expectStatus(ctx, other, 200, 'the owner lists the assets of a ready recording', OP.assets);
      const foreign = other.json<{ id: string }[]>()[0];
      if (!foreign) return ctx.notApplicable(`the other ready recording ${b.id} lists no assets`);
      refused(ctx, await downloadByJwt(ctx, foreign.id, token, auth), rule, OP.assetByJwt);
    });
  },
};

export const jwtChecks: Check[] = [expiry, tampering];
