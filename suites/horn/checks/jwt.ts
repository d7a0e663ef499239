// Download credentials (facts §1.4): `GET …/credentials?ttl=` answers `{jwt}`, a token that lists
// (`/channels/recording/assets/{jwt}`) and downloads (`…/assets/{assetId}/{jwt}`) the assets of
// its recording, for `ttl` and not after. A forged token — another signature, another payload,
// `alg: none` — reaches nothing, and a token reaches its own recording's assets only.
// The JWT routes take no Bearer token (decision `jwt-paths-no-bearer`).
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { decodeJwtParts, withAlgNone, withFlippedSignature, withTamperedPayload } from '../jwt-forge.ts';
import type { JwtParts } from '../jwt-forge.ts';
import { DEFAULT_TTL_MS, ttlMs } from '../ttl.ts';
import { OP, excerpt, expectStatus, expectSuccess, get, paths, readyRecording, recordableChannel, roleAuth, seedRecordings } from '../support.ts';
import type { HornRecording } from '../support.ts';

const MARGIN_MS = 2_000;
const REAL_TTL = '1m';

async function credentials(ctx: CheckContext, channel: string, recordingId: string, ttl?: string): Promise<{ token: string; parts: JwtParts }> {
  const res = await get(ctx, paths.recording(channel, recordingId, '/credentials'), OP.credentials, roleAuth(ctx, 'owner'), ttl === undefined ? undefined : { ttl });
  expectStatus(ctx, res, 200, 'the owner gets download credentials for a ready recording', OP.credentials);
  const token = res.json<{ jwt?: unknown }>().jwt;
  const parts = typeof token === 'string' ? decodeJwtParts(token) : undefined;
  if (typeof token !== 'string' || !parts) {
    ctx.fail({ rule: 'download credentials are {jwt} with a compact JWT', expected: '{"jwt": "<header>.<payload>.<signature>"}', actual: excerpt(res), response: res, operation: OP.credentials });
  }
  return { token, parts };
}

const listByJwt = (ctx: CheckContext, jwt: string) => get(ctx, paths.assetsByJwt(jwt), OP.assetsByJwt, 'none');
const downloadByJwt = (ctx: CheckContext, assetId: string, jwt: string) =>
  ctx.target.request({ method: 'GET', path: paths.assetByJwt(assetId, jwt), auth: 'none', headers: { range: 'bytes=0-15' }, operation: OP.assetByJwt });

/** The asset ids a valid token lists (fails when there are none). */
async function assetIds(ctx: CheckContext, jwt: string): Promise<string[]> {
  const res = await listByJwt(ctx, jwt);
  expectStatus(ctx, res, 200, 'a valid download JWT lists the assets of its recording', OP.assetsByJwt);
  const ids = res.json<{ id?: unknown }[]>().map((a) => a?.id).filter((id): id is string => typeof id === 'string');
  if (ids.length === 0) ctx.fail({ rule: 'a ready recording has assets to download', expected: 'at least one asset', actual: excerpt(res), response: res, operation: OP.assetsByJwt });
  return ids;
}

function refused(ctx: CheckContext, res: TargetResponse, rule: string, operation: string): void {
  if (res.status < 400 || res.status >= 500) {
    ctx.fail({ rule, expected: 'a 4xx refusal', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
  }
}

const expiry: Check = {
  id: 'horn.jwt.expiry',
  title: 'a download JWT lists and downloads assets for its ttl (1m; default 5 minutes) and not after',
  operations: [OP.credentials, OP.assetsByJwt, OP.assetByJwt],
  specRef: '#/paths/~1channels~1{channelId}~1recordings~1{recordingId}~1credentials/get',
  needs: ['credentials', 'recording'],
  decision: 'jwt-paths-no-bearer',
  async run(ctx) {
    const { channel, recording } = await readyRecording(ctx);
    const cases = ctx.control ? [REAL_TTL, undefined] : [REAL_TTL];
    for (const ttl of cases) {
      const lifetime = ttl === undefined ? DEFAULT_TTL_MS : ttlMs(ttl)!;
      const label = ttl === undefined ? 'no ttl (default 5 minutes)' : `ttl=${ttl}`;
      const { token } = await credentials(ctx, channel, recording.id, ttl);
      const [assetId] = await assetIds(ctx, token);
      expectSuccess(ctx, await downloadByJwt(ctx, assetId!, token), `a fresh download JWT (${label}) downloads an asset`, OP.assetByJwt);
      if (ctx.control) {
        await ctx.control.advanceClock(lifetime - MARGIN_MS);
        const still = await listByJwt(ctx, token);
        expectStatus(ctx, still, 200, `a download JWT (${label}) still works just before its lifetime ends`, OP.assetsByJwt);
        await ctx.control.advanceClock(2 * MARGIN_MS);
      } else {
        ctx.log(`real target: waiting out one JWT of ${label} (about a minute)`);
        await new Promise((r) => setTimeout(r, lifetime + MARGIN_MS));
      }
      refused(ctx, await listByJwt(ctx, token), `an expired download JWT (${label}) lists nothing`, OP.assetsByJwt);
      refused(ctx, await downloadByJwt(ctx, assetId!, token), `an expired download JWT (${label}) downloads nothing`, OP.assetByJwt);
    }
  },
};

/** Two ready recordings of the channel: mock — seeded; real — recordings.ready and recordings.long. */
async function twoReadyRecordings(ctx: CheckContext): Promise<{ channel: string; a: HornRecording; b: HornRecording }> {
  if (ctx.control) {
    const channel = recordableChannel(ctx);
    const [a, b] = await seedRecordings(ctx, [
      { channel, state: 'ready', durationMs: 12 * 60_000 },
      { channel, state: 'ready', durationMs: 40 * 60_000 },
    ]);
    if (!a || !b) throw new Error('the mock did not answer the seeded recordings');
    return { channel, a, b };
  }
  const { channel, recording: a } = await readyRecording(ctx);
  const { recording: b } = await readyRecording(ctx, { long: true });
  if (a.id === b.id) ctx.notApplicable('needs two different ready recordings: recordings.ready and recordings.long');
  return { channel, a, b };
}

const tampering: Check = {
  id: 'horn.jwt.tampering',
  title: 'forged download JWTs (changed signature, changed payload, alg none) and a JWT for another recording are refused',
  operations: [OP.credentials, OP.assetsByJwt, OP.assetByJwt],
  specRef: '#/components/schemas/DownloadCredentials',
  needs: ['credentials', 'recording'],
  decision: 'jwt-paths-no-bearer',
  async run(ctx) {
    const { channel, a, b } = await twoReadyRecordings(ctx);
    const { token, parts } = await credentials(ctx, channel, a.id);
    const [ownAsset] = await assetIds(ctx, token);
    // The genuine token works, so the refusals below are about the forgery, nothing else.
    expectSuccess(ctx, await downloadByJwt(ctx, ownAsset!, token), 'a valid download JWT downloads an asset of its recording', OP.assetByJwt);

    const forgeries: [string, string][] = [
      ['a JWT with a changed signature', withFlippedSignature(parts)],
      ['a JWT with a changed payload under the original signature', withTamperedPayload(parts)],
      ['an unsigned JWT (alg "none")', withAlgNone(parts)],
    ];
    for (const [what, forged] of forgeries) {
      refused(ctx, await listByJwt(ctx, forged), `${what} lists nothing`, OP.assetsByJwt);
      refused(ctx, await downloadByJwt(ctx, ownAsset!, forged), `${what} downloads nothing`, OP.assetByJwt);
    }

    const other = await get(ctx, paths.recording(channel, b.id, '/assets'), OP.assets, roleAuth(ctx, 'owner'));
    expectStatus(ctx, other, 200, 'the owner lists the assets of a ready recording', OP.assets);
    const foreign = other.json<{ id: string }[]>()[0];
    if (!foreign) return ctx.fail({ rule: 'a ready recording has assets', expected: 'at least one asset', actual: excerpt(other), response: other, operation: OP.assets });
    refused(ctx, await downloadByJwt(ctx, foreign.id, token), 'a download JWT for one recording does not download the assets of another', OP.assetByJwt);
  },
};

export const jwtChecks: Check[] = [expiry, tampering];
