// Who is calling, and whether the request passes Nextcloud's CSRF rule (facts §2.4).
// API clients: Basic auth (password or app password) + `OCS-APIRequest: true`.
// Browsers: session cookie `nc_session_id` + `requesttoken` header (no OCS-APIRequest).
// Guests are browser sessions without a user.
import { decodeUtf8Strict, type MockRequest } from '../../core/http.ts';
import { has, type TalkContext } from './context.ts';
import type { Actor, Session } from './types.ts';
import { remember } from '../../core/remember.ts';

export const SESSION_COOKIE = 'nc_session_id';

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    // As PHP reads a Cookie header: spaces before a name are skipped, a value is taken as it is.
    out.set(part.slice(0, eq).trimStart(), part.slice(eq + 1));
  }
  return out;
}

type Credentials = { user: string; password: string };

/**
 * Basic credentials decoded, remembered per header value: an API client sends the same header on
 * every request, and the decoding (Base64, then strict UTF-8) is a pure function of it. The
 * password is still checked against the user on every request.
 */
const decoded = new Map<string, Credentials | null>();

function decodeBasic(value: string): Credentials | undefined {
  const known = decoded.get(value);
  if (known !== undefined) return known ?? undefined;
  const creds = decodeBasicNow(value);
  if (value.length <= 1024) remember(decoded, value, creds ?? null, 256);
  return creds;
}

function decodeBasicNow(value: string): Credentials | undefined {
  const m = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(value);
  if (!m) return undefined;
  let text: string;
  try {
    text = decodeUtf8Strict(Uint8Array.from(atob(m[1]!), (c) => c.charCodeAt(0)));
  } catch {
    return undefined;
  }
  const colon = text.indexOf(':');
  if (colon < 0) return undefined;
  return { user: text.slice(0, colon), password: text.slice(colon + 1) };
}

export type Authentication = { ok: true; actor: Actor } | { ok: false };

/** Wrong Basic credentials (the caller answers 401 whatever the cause). */
const REFUSED: Authentication = { ok: false };

/** Resolves the caller. Wrong Basic credentials fail outright (Nextcloud answers 401 on any route). */
export function authenticate(ctx: TalkContext, req: MockRequest): Authentication {
  const authz = req.headers['authorization'];
  if (authz && (/^Basic\s/i.test(authz) || (has(ctx, 'basic-auth-anywhere') && /Basic\s/i.test(authz)))) {
    if (has(ctx, 'basic-auth-one-space-only') && /^Basic\s\s/i.test(authz)) return REFUSED;
    const creds = decodeBasic(has(ctx, 'basic-auth-trailing-ignored') ? authz.replace(/^(Basic\s+\S+)\s.*$/i, '$1') : authz);
    const user = creds && ctx.store.users.get(creds.user);
    if (!creds || !user) return REFUSED;
    const byPassword = user.password === creds.password;
    const byAppPassword = user.appPasswords.includes(creds.password) && !has(ctx, 'app-password-rejected');
    if (!byPassword && !byAppPassword) return REFUSED;
    return { ok: true, actor: { kind: 'user', user } };
  }
  const session = sessionOf(ctx, req);
  if (session?.userId !== undefined) {
    // A login session is only made for an existing user, and users are never removed.
    const user = ctx.store.users.get(session.userId)!;
    return has(ctx, 'browser-session-rejected') ? { ok: true, actor: { kind: 'anonymous' } } : { ok: true, actor: { kind: 'user', user, session } };
  }
  if (session) return { ok: true, actor: { kind: 'guest', session } };
  return { ok: true, actor: { kind: 'anonymous' } };
}

export function sessionOf(ctx: TalkContext, req: MockRequest): Session | undefined {
  const cookies = parseCookies(req.headers['cookie']);
  const id = has(ctx, 'session-cookie-first-only') ? (cookies.keys().next().value === SESSION_COOKIE ? cookies.get(SESSION_COOKIE) : undefined) : cookies.get(SESSION_COOKIE);
  return id ? ctx.store.sessions.get(id) : undefined;
}

/**
 * Nextcloud's CSRF rule for OCS controllers: passes with `OCS-APIRequest: true`, or with the
 * session's request token (header `requesttoken`), and on routes marked NoCSRFRequired.
 */
export function passesCsrf(ctx: TalkContext, req: MockRequest): boolean {
  if (has(ctx, 'csrf-not-enforced')) return true;
  if (req.headers['ocs-apirequest'] === 'true') return true;
  if (/^Bearer\s/i.test(req.headers['authorization'] ?? '') && !has(ctx, 'bearer-csrf-checked')) return true;
  const token = req.headers['requesttoken'];
  const session = sessionOf(ctx, req);
  if (has(ctx, 'csrf-token-without-session-accepted') && token !== undefined && session === undefined) return true;
  return token !== undefined && session !== undefined && token === session.requestToken;
}

/** A new browser session (a login for `userId`, or an anonymous guest browser). */
export function createSession(ctx: TalkContext, userId?: string): Session {
  const session: Session = {
    id: ctx.prng.id(32, 'abcdefghijklmnopqrstuvwxyz0123456789'),
    requestToken: ctx.prng.id(44, 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'),
    guestName: '',
    guestId: ctx.prng.id(40, '0123456789abcdef'),
    ...(userId !== undefined ? { userId } : {}),
  };
  ctx.store.sessions.set(session.id, session);
  return session;
}

export const sessionCookie = (s: Session) => `${SESSION_COOKIE}=${s.id}; path=/; HttpOnly; SameSite=Lax`;
