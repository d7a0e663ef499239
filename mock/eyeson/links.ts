// Signed download links: `<origin>/downloads/<id>.webm?expires=<unix s>&signature=<hex>`, where the
// signature is HMAC-SHA256(link secret, "<id>.webm:<expires>"). A link is issued fresh on every
// read and stops working LINK_TTL_SECONDS after issue (Eyeson: "expire after one hour").
import { hmacSha256Hex, timingSafeEqualHex } from '../../core/hmac.ts';
import { LINK_TTL_SECONDS, has } from './context.ts';
import type { EyesonContext } from './context.ts';
import { remember } from '../../core/remember.ts';

const fileOf = (recordingId: string) => `${recordingId}.webm`;
/**
 * Signatures remembered by secret, file and expiry. A signature is a pure function of the three,
 * and `expires` moves in whole seconds, so a client polling a recording gets the same link many
 * times a second: a lookup instead of an HMAC. Bounded, oldest first out.
 */
const SIGNATURES_REMEMBERED = 256;
const signatures = new Map<string, string>();

async function sign(ctx: EyesonContext, file: string, expires: number): Promise<string> {
  const message = `${file}:${expires}`;
  const key = `${ctx.linkSecret}\u0000${message}`;
  const known = signatures.get(key);
  if (known !== undefined) return known;
  return remember(signatures, key, await hmacSha256Hex(ctx.linkSecret, message), SIGNATURES_REMEMBERED);
}

export async function issueLink(ctx: EyesonContext, recordingId: string, origin: string): Promise<string> {
  const ttl = has(ctx, 'link-expires-early') ? 60 : LINK_TTL_SECONDS;
  const expires = Math.floor(ctx.clock.now() / 1000) + ttl;
  const file = fileOf(recordingId);
  return `${origin}/downloads/${encodeURIComponent(file)}?expires=${expires}&signature=${await sign(ctx, file, expires)}`;
}

export type LinkCheck = { ok: true; recordingId: string } | { ok: false; reason: 'signature' | 'expired' | 'not-a-file' };

/** Checks a link's file, signature and expiry (in that order). */
export async function checkLink(ctx: EyesonContext, file: string, expiresText: string | null, signature: string | null): Promise<LinkCheck> {
  if (!file.endsWith('.webm') || file.length <= 5) return { ok: false, reason: 'not-a-file' };
  if (expiresText === null || !/^\d{1,12}$/.test(expiresText) || signature === null) return { ok: false, reason: 'signature' };
  const expires = Number(expiresText);
  if (!timingSafeEqualHex(signature, await sign(ctx, file, expires))) return { ok: false, reason: 'signature' };
  if (ctx.clock.now() >= expires * 1000 && !has(ctx, 'expired-link-served')) return { ok: false, reason: 'expired' };
  return { ok: true, recordingId: file.slice(0, -'.webm'.length) };
}
