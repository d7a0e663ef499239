// Bearer tokens identify users (facts §1.2); what a user may do on a channel follows from its
// role there (facts §1.4, access control): owners ⊂ operators. Who may call what:
//   operators (owners included): record/possible, start, stop, list, get, assets
//   owners only:                 download URL, download credentials
// Anyone else gets 403 ACCESS_FORBIDDEN (decision `roles-per-operation`).
import * as errors from './errors.ts';
import { has } from './context.ts';
import type { MockRequest, MockResponse } from '../../core/http.ts';
import type { HornContext } from './context.ts';
import type { Channel } from './types.ts';

export type Role = 'owner' | 'operator' | 'none';
export type Need = 'operator' | 'owner';

/** Who is calling: a user, or (only under the `missing-token-accepted` fault) nobody treated as an owner. */
export type Principal = { kind: 'user'; userId: number } | { kind: 'anonymous-as-owner' };

export function authenticate(ctx: HornContext, req: MockRequest): { ok: true; principal: Principal } | { ok: false; response: MockResponse } {
  const header = req.headers['authorization'];
  if (header === undefined && has(ctx, 'missing-token-accepted')) return { ok: true, principal: { kind: 'anonymous-as-owner' } };
  const m = header === undefined ? null : (has(ctx, 'bearer-scheme-case-sensitive') ? /^Bearer +(\S+)$/ : /^Bearer +(\S+)$/i).exec(header.trim());
  const userId = m ? ctx.tokens.get(m[1]!) : undefined;
  if (userId === undefined || !ctx.users.has(userId)) return { ok: false, response: errors.unauthorized() };
  return { ok: true, principal: { kind: 'user', userId } };
}

export function roleOf(channel: Channel, p: Principal): Role {
  if (p.kind === 'anonymous-as-owner') return 'owner';
  if (channel.owners.includes(p.userId)) return 'owner';
  if (channel.operators.includes(p.userId)) return 'operator';
  return 'none';
}

/** Whether `p` may do something needing `need` on `channel`. `action` lets single faults bend one rule. */
export function allowed(ctx: HornContext, channel: Channel, p: Principal, need: Need, action: 'read' | 'start' | 'other'): boolean {
  const role = roleOf(channel, p);
  if (need === 'owner') return role === 'owner' || (role === 'operator' && has(ctx, 'operator-gets-download-url'));
  if (role === 'operator') return true;
  if (role === 'owner') {
    // The fault forgets that owners are operators: only owners also listed as operators may start.
    if (action === 'start' && has(ctx, 'owner-not-operator')) return p.kind === 'user' && channel.operators.includes(p.userId);
    return true;
  }
  return action === 'read' && has(ctx, 'stranger-reads-recordings');
}

/**
 * The common preamble of channel operations: authenticate, find the channel, check the role.
 * Order: 401 → 404 CHANNEL_NOT_FOUND → 403 (decision `auth-order`).
 */
export function channelAccess(
  ctx: HornContext,
  req: MockRequest,
  channelId: string,
  need: Need,
  action: 'read' | 'start' | 'other',
): { ok: true; channel: Channel; principal: Principal } | { ok: false; response: MockResponse } {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth;
  const channel = ctx.channels.get(channelId);
  if (!channel) return { ok: false, response: errors.channelNotFound(channelId) };
  if (!allowed(ctx, channel, auth.principal, need, action)) return { ok: false, response: errors.forbidden() };
  return { ok: true, channel, principal: auth.principal };
}
