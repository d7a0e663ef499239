// Who may do what: authentication per route (with the auth faults applied), share-URL secrets,
// and room scoping of room-member tokens.
import { authenticate } from './auth.ts';
import { has } from './context.ts';
import * as errors from './errors.ts';
import type { MockRequest, MockResponse } from '../../core/http.ts';
import type { AuthMethod, AuthResult } from './auth.ts';
import type { MeetContext } from './context.ts';
import type { Principal } from './types.ts';

/** Every method, in the order the middleware tries them. */
export const ANY_CREDENTIAL: readonly AuthMethod[] = ['apiKey', 'roomMemberToken', 'accessToken'];
/** Start and stop: an admin access token is not accepted (facts §5.1). */
export const RECORDING_CONTROL: readonly AuthMethod[] = ['apiKey', 'roomMemberToken'];

export function authorize(
  ctx: MeetContext,
  req: MockRequest,
  allowed: readonly AuthMethod[] = ANY_CREDENTIAL,
  queryFallback = false,
): Promise<AuthResult> {
  if (has(ctx, 'bearer-prefix-optional')) {
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, (k === 'authorization' || k === 'x-room-member-token') && v !== undefined && !v.startsWith('Bearer ') ? `Bearer ${v}` : v]),
    );
    req = { ...req, headers };
  }
  // The API key is every route's first method, so accepting any non-empty one can be decided up front.
  if (has(ctx, 'any-api-key-accepted') && allowed.includes('apiKey') && req.headers['x-api-key'] !== undefined && req.headers['x-api-key'] !== '')
    return Promise.resolve({ ok: true, principal: { kind: 'api-key' } });
  if (has(ctx, 'no-api-keys-message-generic') && ctx.apiKeys.length === 0 && allowed.includes('apiKey') && req.headers['x-api-key'] !== undefined)
    return Promise.resolve({ ok: false, response: errors.invalidApiKey() });
  return authenticate(req, {
    allowed,
    queryFallback: queryFallback && !has(ctx, 'query-token-ignored'),
    apiKeys: ctx.apiKeys,
    // `expired-token-accepted`: tokens are judged at the epoch, where none has expired yet.
    now: has(ctx, 'expired-token-accepted') ? 0 : ctx.clock.now(),
  });
}

/**
 * GET /recordings/{id} and /media with a `secret` query: the public secret admits anyone, the
 * private one still needs credentials, anything else is 400. Without a secret: normal auth.
 * Answers 404 when a secret is given for a recording that does not exist.
 */
export async function authorizeWithSecret(ctx: MeetContext, req: MockRequest, recordingId: string, queryFallback: boolean): Promise<AuthResult> {
  const secret = req.query.get('secret');
  if (secret !== null) {
    const r = ctx.store.get(recordingId);
    if (!r) return { ok: false, response: errors.recordingNotFound(recordingId) };
    const anonymous = secret === r.publicSecret || (secret === r.privateSecret && has(ctx, 'private-secret-anonymous'));
    if (anonymous) return { ok: true, principal: { kind: 'anonymous-secret' } };
    if (secret !== r.privateSecret) return { ok: false, response: errors.unknownSecret(secret, recordingId) };
  }
  return authorize(ctx, req, ANY_CREDENTIAL, queryFallback);
}

/** What an operation does with recordings, and so which permission of a room-member token it needs. */
export type RecordingAction = 'record' | 'retrieve' | 'delete';

/**
 * The 403 a room-member token gets when its permissions (fixed at issue from its role and the
 * room's recording access) do not allow `action`, or when `roomId` (the operation's room, when it
 * names one) is not the token's room. API keys and admin tokens are never refused here (3.5
 * recording middlewares: withCanRecord/withCanRetrieveRecordings/withCanDeleteRecordingsPermission).
 */
export function refuse(ctx: MeetContext, p: Principal, action: RecordingAction, roomId?: string): MockResponse | undefined {
  if (p.kind !== 'room-member') return undefined;
  if (roomId !== undefined && !reaches(ctx, p, roomId)) return errors.forbidden();
  const allowed =
    action === 'record'
      ? p.permissions.canRecord || has(ctx, 'record-permission-ignored')
      : action === 'retrieve'
        ? p.permissions.canRetrieveRecordings || has(ctx, 'recording-access-ignored')
        : p.permissions.canDeleteRecordings || has(ctx, 'delete-permission-ignored');
  return allowed ? undefined : errors.forbidden();
}

/** A room-member token reaches only its own room. */
export function reaches(ctx: MeetContext, p: Principal, roomId: string): boolean {
  return p.kind !== 'room-member' || p.roomId === roomId || has(ctx, 'room-token-sees-other-rooms');
}
