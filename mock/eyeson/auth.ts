// The two levels of authorization: the team's API key, raw in `Authorization`, and the user's
// access key in the path (no header; a shut-down meeting's key answers 410).
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { has } from './context.ts';
import * as errors from './errors.ts';
import type { EyesonContext } from './context.ts';
import type { Member, Team } from './types.ts';

export const DEV_API_KEY = 'callrec-eyeson-key';
export const OTHER_API_KEY = 'callrec-eyeson-other-key';
export const LOCKED_API_KEY = 'callrec-eyeson-locked-key';

export type Authed<T> = { ok: true; value: T } | { ok: false; response: MockResponse };

export function authenticate(ctx: EyesonContext, req: MockRequest): Authed<Team> {
  const key = (req.headers['authorization'] ?? '').trim();
  const dev = ctx.teams.get(DEV_API_KEY);
  if (key === '') {
    if (has(ctx, 'missing-api-key-accepted') && dev) return { ok: true, value: dev };
    return { ok: false, response: errors.unauthorized() };
  }
  const team = ctx.teams.get(has(ctx, 'bearer-api-key-accepted') ? key.replace(/^Bearer +/i, '') : key) ?? (has(ctx, 'any-api-key-accepted') ? dev : undefined);
  if (!team) return { ok: false, response: errors.unauthorized() };
  if (team.locked) return { ok: false, response: has(ctx, 'locked-key-401') ? errors.unauthorized() : errors.locked() };
  return { ok: true, value: team };
}

export function resolveMember(ctx: EyesonContext, accessKey: string): Authed<Member> {
  const member = ctx.members.get(accessKey);
  if (!member) return { ok: false, response: has(ctx, 'unknown-access-key-500') ? errors.internal(`no member for ${accessKey}`) : errors.notFound('Access key') };
  if (member.instance.shutdownAt !== undefined) {
    return { ok: false, response: has(ctx, 'shutdown-room-404') ? errors.notFound('Access key') : errors.gone() };
  }
  return { ok: true, value: member };
}
