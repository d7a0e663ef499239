// Signed download links: `<origin>/downloads/<id>.webm?expires=<unix s>&signature=<hex>`, where the
// signature is HMAC-SHA256(link secret, "<id>.webm:<expires>"). A link is issued fresh on every
// read and stops working LINK_TTL_SECONDS after issue (Eyeson: "expire after one hour").
import { hmacSha256, timingSafeEqualHex, toHex } from '../../core/hmac.ts';
import { LINK_TTL_SECONDS, has } from './context.ts';
import type { EyesonContext } from './context.ts';

const fileOf = (recordingId: string) => `${recordingId}.webm`;
const sign = async (ctx: EyesonContext, file: string, expires: number) => toHex(await hmacSha256(ctx.linkSecret, `${file}:${expires}`));

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
