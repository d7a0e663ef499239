// POST/GET /webhooks and DELETE /webhooks/{id}: one webhook per API key; registering replaces it.
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { authenticate } from '../auth.ts';
import { parseBody } from '../input.ts';
import * as errors from '../errors.ts';
import { objectId } from '../ids.ts';
import { WEBHOOK_TYPES, iso } from '../types.ts';
import { has } from '../context.ts';
import type { EyesonContext } from '../context.ts';
import type { WebhookRegistration, WebhookType } from '../types.ts';
import { bodyError } from './rooms.ts';

const isHttpUrl = (s: string): boolean => {
  try {
    const u = new URL(s);
    return (u.protocol === 'http:' || u.protocol === 'https:') && u.hostname !== '';
  } catch {
    return false;
  }
};

/** `types` as a comma list (forms, eyeson-node) or an array (JSON); every entry must be known. */
export function parseTypes(v: unknown): WebhookType[] | undefined {
  const list = typeof v === 'string' ? v.split(',') : Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
  if (!list) return undefined;
  const types = [...new Set(list.map((t) => t.trim()).filter((t) => t !== ''))];
  if (types.length === 0 || !types.every((t) => (WEBHOOK_TYPES as readonly string[]).includes(t))) return undefined;
  return types as WebhookType[];
}

export const webhookWire = (w: WebhookRegistration) => ({
  id: w.id,
  url: w.url,
  types: w.types,
  last_request_sent_at: w.lastRequestSentAt === null ? null : iso(w.lastRequestSentAt),
  last_response_code: w.lastResponseCode,
});

export async function registerWebhook(ctx: EyesonContext, req: MockRequest): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const parsed = await parseBody(ctx, req);
  if (!parsed.ok) return bodyError(parsed);
  const { url, types } = parsed.fields;
  if (typeof url !== 'string' || !isHttpUrl(url)) return errors.badRequest('url must be an absolute http(s) URL');
  const list = parseTypes(types);
  if (!list) return errors.badRequest(`types must be a comma-separated list of ${WEBHOOK_TYPES.join(', ')}`);
  const keep = has(ctx, 'webhook-replace-keeps-id') ? auth.value.webhook?.id : undefined;
  auth.value.webhook = { id: keep ?? objectId(ctx.prng), url, types: list, lastRequestSentAt: null, lastResponseCode: null };
  return errors.noContent(201);
}

export async function getWebhook(ctx: EyesonContext, req: MockRequest): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  const w = auth.value.webhook;
  return json(200, w ? webhookWire(w) : null);
}

export async function deleteWebhook(ctx: EyesonContext, req: MockRequest, id: string): Promise<MockResponse> {
  const auth = authenticate(ctx, req);
  if (!auth.ok) return auth.response;
  if (auth.value.webhook?.id === id) {
    auth.value.webhook = undefined;
    return errors.noContent(204);
  }
  for (const t of ctx.teams.values()) if (t.webhook?.id === id) return errors.forbidden('Webhook');
  return errors.notFound('Webhook');
}
