// Event deliveries (facts §1.6): JSON POSTed to the registered receiver, signed with
// `X-Horn-Signature` = Base64(HMAC-SHA256(secret, exact body bytes)). The secret belongs to the
// registration (decision `event-secret-per-registration`): the `webhook` control action sets
// URL and secret together. Events leave in the order they happened; delivery and retries are
// core/webhook-sender.ts's job.
import { hmacSha256, toBase64, toHex } from '../../core/hmac.ts';
import { createWebhookSender } from '../../core/webhook-sender.ts';
import type { WireRecording } from './types.ts';

export const EVENT_TYPES = ['recording.started', 'recording.ended', 'recording.ready'] as const;
export type EventType = (typeof EVENT_TYPES)[number];
export const EVENT_VERSION = '1.0';
export const DEFAULT_WEBHOOK_SECRET = 'callrec-horn-webhook-secret';

export interface EventDispatcher {
  /** Receiver registration; undefined = events off. */
  registration: { url: string; secret: string } | undefined;
  emit(type: EventType, data: WireRecording, at: number): void;
  /** Resolves once everything emitted so far has been delivered (or given up on). */
  flush(): Promise<void>;
  close(): Promise<void>;
}

interface Options {
  fetch: typeof fetch;
  has(fault: 'event-signature-hex' | 'event-signed-reserialized' | 'event-timestamp-seconds'): boolean;
}

export function createEventDispatcher(o: Options): EventDispatcher {
  const sender = createWebhookSender({ fetch: o.fetch, retries: 5, baseDelayMs: 300 });
  let chain: Promise<void> = Promise.resolve();
  const dispatcher: EventDispatcher = {
    registration: undefined,
    emit(type, data, at) {
      const reg = dispatcher.registration;
      if (!reg) return;
      const event = { version: EVENT_VERSION, type, timestamp: o.has('event-timestamp-seconds') ? Math.floor(at / 1000) : at, data };
      chain = chain
        .then(async () => {
          const body = JSON.stringify(event);
          // The fault signs a pretty-printed copy: the same JSON value, other bytes.
          const signed = o.has('event-signed-reserialized') ? JSON.stringify(event, null, 2) : body;
          const mac = await hmacSha256(reg.secret, signed);
          const signature = o.has('event-signature-hex') ? toHex(mac) : toBase64(mac);
          sender.send({ url: reg.url, headers: { 'content-type': 'application/json', 'x-horn-signature': signature }, body });
        })
        .catch(() => {}); // one failed signing must not stop the events after it
    },
    async flush() {
      await chain;
      await sender.flush();
    },
    async close() {
      await chain;
      sender.close();
    },
  };
  return dispatcher;
}
