// Download credentials: real HS256 JWTs (jose, WebCrypto, so the browser build works too).
// Claims (decision `jwt-claims`): iss "horn", sub = recording id, channel = channel id,
// scope "recording:download", iat and exp in seconds (RFC 7519). A token is good while
// now < exp; anything not signed HS256 with the mock's key is rejected.
import { SignJWT, decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify } from 'jose';
import { has } from './context.ts';
import * as errors from './errors.ts';
import type { JWTPayload } from 'jose';
import type { MockResponse } from '../../core/http.ts';
import type { HornContext } from './context.ts';

export const JWT_ISSUER = 'horn';
export const JWT_SCOPE = 'recording:download';

export async function signDownloadJwt(ctx: HornContext, recordingId: string, channelId: string, ttlMs: number): Promise<string> {
  const now = ctx.clock.now();
  const iat = Math.floor(now / 1000);
  return new SignJWT({ channel: channelId, scope: JWT_SCOPE })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(JWT_ISSUER)
    .setSubject(recordingId)
    .setIssuedAt(iat)
    .setExpirationTime(Math.floor((now + ttlMs) / 1000))
    .sign(ctx.signingKey);
}

export type JwtOutcome = { ok: true; recordingId: string; channel: string } | { ok: false; response: MockResponse };

/** Checks a download JWT from a path segment; the answer on failure is the documented envelope. */
export async function verifyDownloadJwt(ctx: HornContext, token: string): Promise<JwtOutcome> {
  const nowSec = Math.floor(ctx.clock.now() / 1000);
  let payload: JWTPayload;
  try {
    const header = decodeProtectedHeader(token);
    const unsigned = header.alg === 'none' && has(ctx, 'jwt-alg-none-accepted');
    if (unsigned || has(ctx, 'jwt-signature-unchecked')) {
      payload = decodeJwt(token);
    } else {
      // Expiry is judged below (one place, so the `jwt-accepted-after-exp` fault can bend it).
      ({ payload } = await jwtVerify(token, ctx.signingKey, { algorithms: ['HS256'], issuer: JWT_ISSUER, currentDate: new Date(0) }));
    }
  } catch (e) {
    const why = e instanceof joseErrors.JOSEError ? e.code : 'malformed token';
    return { ok: false, response: errors.invalidToken(why) };
  }
  if (payload.scope !== JWT_SCOPE || typeof payload.sub !== 'string' || typeof payload.channel !== 'string')
    return { ok: false, response: errors.invalidToken('not a recording download token') };
  if (typeof payload.exp !== 'number') return { ok: false, response: errors.invalidToken('no exp claim') };
  if (nowSec >= payload.exp && !has(ctx, 'jwt-accepted-after-exp')) return { ok: false, response: errors.tokenExpired() };
  return { ok: true, recordingId: payload.sub, channel: payload.channel };
}
