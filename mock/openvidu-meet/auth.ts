// Authentication as the server's auth middleware does it (facts §5.1): each route accepts some
// methods; a method is tried only when its header is present; the first that succeeds wins;
// none present → 401 "Unauthorized". Tokens are real HS256 JWTs (jose uses WebCrypto, so this
// also runs in the browser).
import { SignJWT, jwtVerify } from 'jose';
import * as errors from './errors.ts';
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { ROOM_MEMBER_ROLES } from './types.ts';
import type { Principal, RecordingPermissions, RoomMemberRole } from './types.ts';

export type AuthMethod = 'apiKey' | 'accessToken' | 'roomMemberToken';

/** The mock's signing secret. Not a secret at all: callrec tokens only need to be real JWTs. */
const JWT_SECRET = new TextEncoder().encode('callrec-openvidu-meet-mock-jwt-secret');
const ISSUER = 'callrec-openvidu-meet-mock';
/** Lifetime of a minted token: the platform's default for access and room-member tokens (INTERNAL_CONFIG, '2h'). */
export const TOKEN_TTL_S = 2 * 3600;

export type TokenKind = 'access' | 'room-member';

/** Who a room-member token is for: its room, its role and the permissions that role had when issued. */
export interface RoomMemberGrant {
  roomId: string;
  role: RoomMemberRole;
  permissions: RecordingPermissions;
}

/**
 * A room-member token carries its room in the `video.room` grant and its role and permissions in the
 * `metadata` claim, a JSON string, as the platform's tokens do (3.5 token service): a client reads
 * its role from there, and the server decides with the permissions, not with the room's current
 * setting (a token keeps what it was issued with).
 */
export async function signToken(kind: TokenKind, now: number, grant?: RoomMemberGrant): Promise<string> {
  const iat = Math.floor(now / 1000);
  const roomId = grant?.roomId;
  const claims =
    kind === 'room-member' && grant
      ? { kind, roomId, video: { room: grant.roomId }, metadata: JSON.stringify({ role: grant.role, permissions: grant.permissions }) }
      : { kind, role: 'admin' };
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setIssuedAt(iat)
    .setExpirationTime(iat + TOKEN_TTL_S)
    .sign(JWT_SECRET);
}

async function verifyToken(token: string, kind: TokenKind, now: number): Promise<Principal | undefined> {
  try {
    const { payload } = await jwtVerify(token, JWT_SECRET, { algorithms: ['HS256'], issuer: ISSUER, currentDate: new Date(now) });
    if (payload.kind !== kind) return undefined;
    if (kind === 'access') return { kind: 'access-token' };
    return roomMemberPrincipal(payload);
  } catch {
    return undefined;
  }
}

/** The room-member principal of a verified payload; undefined when its grant or metadata is unreadable. */
function roomMemberPrincipal(payload: Record<string, unknown>): Principal | undefined {
  const video = payload.video as { room?: unknown } | undefined;
  if (typeof video?.room !== 'string' || typeof payload.metadata !== 'string') return undefined;
  let meta: { role?: unknown; permissions?: Partial<Record<keyof RecordingPermissions, unknown>> };
  try {
    meta = JSON.parse(payload.metadata) as typeof meta;
  } catch {
    return undefined;
  }
  if (!(ROOM_MEMBER_ROLES as readonly unknown[]).includes(meta.role)) return undefined;
  const p = meta.permissions ?? {};
  return {
    kind: 'room-member',
    roomId: video.room,
    role: meta.role as RoomMemberRole,
    permissions: { canRecord: p.canRecord === true, canRetrieveRecordings: p.canRetrieveRecordings === true, canDeleteRecordings: p.canDeleteRecordings === true },
  };
}

export interface AuthOptions {
  allowed: readonly AuthMethod[];
  /** Media and ZIP download also take `accessToken` / `roomMemberToken` query parameters (for <video> tags). */
  queryFallback: boolean;
  apiKeys: readonly string[];
  now: number;
}

/** A `Bearer <jwt>` header value; anything else counts as absent (the code then tries the query). */
function bearer(value: string | undefined): string | undefined {
  return value !== undefined && value.startsWith('Bearer ') ? value.slice(7).trim() : undefined;
}

export type AuthResult = { ok: true; principal: Principal } | { ok: false; response: MockResponse };

export async function authenticate(req: MockRequest, o: AuthOptions): Promise<AuthResult> {
  let firstFailure: MockResponse | undefined;
  const fallback = (name: string) => (o.queryFallback ? (req.query.get(name) ?? undefined) : undefined);

  for (const method of o.allowed) {
    if (method === 'apiKey') {
      const key = req.headers['x-api-key'];
      if (key === undefined) continue;
      if (o.apiKeys.length === 0) firstFailure ??= errors.noApiKeys();
      else if (o.apiKeys.includes(key)) return { ok: true, principal: { kind: 'api-key' } };
      else firstFailure ??= errors.invalidApiKey();
    } else {
      const [header, query, kind] =
        method === 'accessToken'
          ? (['authorization', 'accessToken', 'access'] as const)
          : (['x-room-member-token', 'roomMemberToken', 'room-member'] as const);
      const token = bearer(req.headers[header]) ?? fallback(query);
      if (token === undefined) continue;
      const principal = await verifyToken(token, kind, o.now);
      if (principal) return { ok: true, principal };
      firstFailure ??= errors.invalidToken();
    }
  }
  return { ok: false, response: firstFailure ?? errors.unauthorized() };
}
