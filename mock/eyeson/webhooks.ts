// Outgoing recording_update webhooks (api-facts §6): body {timestamp, type, recording}; header
// X-Eyeson-Signature = lowercase hex HMAC-SHA256 keyed with the room's API key over the exact body.
// Each transition is snapshotted when it happens and signed/sent strictly in emission order (one
// promise chain); delivery and retries with backoff are core/webhook-sender.ts's job.
import { hmacSha256, toBase64, toHex } from '../../core/hmac.ts';
import { createWebhookSender } from '../../core/webhook-sender.ts';
import { iso } from './types.ts';
import type { FaultName } from './faults.ts';
import type { Recording, RecordingState, Team, WireRecording } from './types.ts';

export const WEBHOOK_RETRIES = 5;
export const WEBHOOK_BASE_DELAY_MS = 300;

export interface WebhookDispatcher {
  /** Queues the recording_update of a transition (if the team's webhook wants recording_update). */
  emit(team: Team, transition: RecordingState, recording: Recording, at: number): void;
  /** Resolves once everything emitted so far has been delivered (or given up on). */
  flush(): Promise<void>;
  /** Forgets held-back events (reset). */
  clear(): void;
  close(): Promise<void>;
}

interface Options {
  fetch: typeof fetch;
  now(): number;
  has(fault: FaultName): boolean;
  present(r: Recording): Promise<WireRecording>;
  /** Every registration delivering to `url` (to record last_request_sent_at / last_response_code). */
  registrationsFor(url: string): Iterable<{ lastRequestSentAt: number | null; lastResponseCode: string | null }>;
}

interface Pending {
  url: string;
  key: string;
  snapshot: Recording;
  at: number;
}

/** A copy that later transitions (and a later shutdown) cannot change. */
const snapshotOf = (r: Recording): Recording => ({ ...r, instance: { ...r.instance } });

export function createWebhookDispatcher(o: Options): WebhookDispatcher {
  const sender = createWebhookSender({
    fetch: o.fetch,
    retries: WEBHOOK_RETRIES,
    baseDelayMs: WEBHOOK_BASE_DELAY_MS,
    onAttempt: (report) => {
      for (const reg of o.registrationsFor(report.url)) {
        reg.lastRequestSentAt = o.now();
        reg.lastResponseCode = report.status === undefined ? null : String(report.status);
      }
    },
  });
  let chain: Promise<void> = Promise.resolve();
  /** `webhook-finish-before-stop`: stopped events held until the recording's finished one went out. */
  const held = new Map<string, Pending>();

  const deliver = (p: Pending) => {
    chain = chain
      .then(async () => {
        const body = JSON.stringify({ timestamp: iso(p.at), type: 'recording_update', recording: await o.present(p.snapshot) });
        const key = o.has('webhook-signed-wrong-key') ? `${p.key}-wrong` : p.key;
        const mac = await hmacSha256(key, body);
        const signature = o.has('webhook-signature-base64') ? toBase64(mac) : toHex(mac);
        sender.send({ url: p.url, headers: { 'content-type': 'application/json', 'x-eyeson-signature': signature }, body });
      })
      .catch(() => {}); // one failed delivery must not stop the ones after it
  };

  return {
    emit(team, transition, recording, at) {
      const hook = team.webhook;
      if (!hook || (!hook.types.includes('recording_update') && !o.has('webhook-types-ignored'))) return;
      const p: Pending = { url: hook.url, key: team.apiKey, snapshot: snapshotOf(recording), at };
      if (transition === 'stopped' && o.has('webhook-stop-missing')) return;
      if (transition === 'stopped' && o.has('webhook-finish-before-stop')) {
        held.set(recording.id, p);
        return;
      }
      deliver(p);
      const waiting = held.get(recording.id);
      if (transition === 'finished' && waiting) {
        held.delete(recording.id);
        deliver(waiting);
      }
    },
    async flush() {
      await chain;
      await sender.flush();
    },
    clear() {
      held.clear();
    },
    async close() {
      held.clear();
      await chain;
      sender.close();
    },
  };
}
