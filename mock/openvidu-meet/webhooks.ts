// Outgoing webhooks (facts §5.5): body {creationDate, event, data}; X-Timestamp = creationDate;
// X-Signature = hex HMAC-SHA256 keyed with the first API key over `<timestamp>.<exact body bytes>`.
// Events are signed and handed to the sender strictly in emission order (one promise chain);
// delivery and retries with backoff are core/webhook-sender.ts's job.
import { hmacSha256, toHex } from '../../core/hmac.ts';
import { createWebhookSender } from '../../core/webhook-sender.ts';
import type { MeetRecording, WebhookEvent } from './types.ts';

export const WEBHOOK_RETRIES = 5;
export const WEBHOOK_BASE_DELAY_MS = 300;

export interface WebhookDispatcher {
  /** Receiver URL; undefined = webhooks off. */
  url: string | undefined;
  emit(event: WebhookEvent, data: MeetRecording, at: number): void;
  /** Resolves once everything emitted so far has been delivered (or given up on). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface Options {
  fetch: typeof fetch;
  /** The signing key: the first configured API key (no key → nothing can be signed → nothing sent). */
  signingKey(): string | undefined;
  has(fault: 'webhook-signed-wrong-bytes' | 'webhook-events-reordered' | 'webhook-sent-as-text'): boolean;
}

interface Pending {
  url: string;
  key: string;
  event: WebhookEvent;
  data: MeetRecording;
  at: number;
}

export function createWebhookDispatcher(o: Options): WebhookDispatcher {
  const sender = createWebhookSender({ fetch: o.fetch, retries: WEBHOOK_RETRIES, baseDelayMs: WEBHOOK_BASE_DELAY_MS });
  let chain: Promise<void> = Promise.resolve();
  /** `webhook-events-reordered`: events of a recording held back until its recordingEnded went out first. */
  const held = new Map<string, Pending[]>();

  const deliver = (p: Pending) => {
    chain = chain.then(async () => {
      const body = JSON.stringify({ creationDate: p.at, event: p.event, data: p.data });
      const timestamp = String(p.at);
      const signed = o.has('webhook-signed-wrong-bytes') ? body : `${timestamp}.${body}`;
      const signature = toHex(await hmacSha256(p.key, signed));
      await sender.send({
        url: p.url,
        headers: { 'content-type': o.has('webhook-sent-as-text') ? 'text/plain' : 'application/json', 'x-timestamp': timestamp, 'x-signature': signature },
        body,
      });
    }).catch(() => {}); // a failed delivery must not stop the ones after it
  };

  const dispatcher: WebhookDispatcher = {
    url: undefined,
    emit(event, data, at) {
      const url = dispatcher.url;
      const key = o.signingKey();
      if (url === undefined || key === undefined) return;
      const p: Pending = { url, key, event, data, at };
      if (!o.has('webhook-events-reordered')) return deliver(p);
      const id = data.recordingId;
      if (event !== 'recordingEnded') {
        held.set(id, [...(held.get(id) ?? []), p]);
        return;
      }
      deliver(p);
      for (const h of held.get(id) ?? []) deliver(h);
      held.delete(id);
    },
    async flush() {
      for (const list of held.values()) for (const p of list) deliver(p);
      held.clear();
      await chain;
      await sender.flush();
    },
    async close() {
      held.clear();
      await chain;
      await sender.close();
    },
  };
  return dispatcher;
}
