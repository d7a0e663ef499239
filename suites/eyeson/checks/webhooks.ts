// recording_update webhooks (api-facts §6, from eyeson-go webhook.go): every delivery signed with
// X-Eyeson-Signature = lowercase hex HMAC-SHA256(key = API key, message = the exact body), a body
// {timestamp, type: "recording_update", recording}, and an update for each transition of a
// recording (seed 003: "you will receive 3 events … distinguish them by the duration and
// links.download fields"). Documented. That `timestamp` is an ISO 8601 string (decision
// webhook-payload) and that the updates come once each, in order started → stopped → finished
// (decision processing-delay; deliveries are asynchronous) are ours: decision-only rules.
import type { Check, CheckContext, WebhookDelivery, WebhookReceiver } from '../../../core/check.ts';
import { hmacSha256, toHex } from '../../../core/hmac.ts';
import { OP, apiKeyOf, freshFinishedRecording, stateOfFields, type EyesonRecording, type RecordingState } from '../support.ts';

const WEBHOOK_SPEC = '#/webhooks/recording_update/post';
/** Real servers deliver asynchronously, with retries: give them time. */
const WAIT_MS = 15_000;

interface Parsed {
  delivery: WebhookDelivery;
  body: { timestamp?: unknown; type?: unknown; recording?: EyesonRecording } | undefined;
}

const parse = (d: WebhookDelivery): Parsed => {
  try {
    return { delivery: d, body: JSON.parse(new TextDecoder().decode(d.body)) as Parsed['body'] };
  } catch {
    return { delivery: d, body: undefined };
  }
};

const stateOf = (p: Parsed): RecordingState | 'invalid' => (p.body?.recording ? stateOfFields(p.body.recording) ?? 'invalid' : 'invalid');

/**
 * Records a recording from start to finished with a receiver registered, and answers the
 * deliveries about it once its finished update arrived (or WAIT_MS passed).
 */
async function recordWithReceiver(ctx: CheckContext): Promise<{ id: string; mine: Parsed[]; receiver: WebhookReceiver }> {
  const receiver = await ctx.receiver();
  receiver.clear();
  const { id } = await freshFinishedRecording(ctx);
  const deadline = Date.now() + WAIT_MS;
  const mineNow = () => receiver.deliveries().map(parse).filter((p) => p.body?.recording?.id === id);
  for (;;) {
    // On the mock, first let it hand over everything due (deliveries are asynchronous).
    if (ctx.control) await ctx.control.call('webhook-flush', {}).catch(() => undefined);
    const mine = mineNow();
    if (mine.some((p) => stateOf(p) === 'finished')) return { id, mine, receiver };
    const left = deadline - Date.now();
    if (left <= 0) return { id, mine, receiver };
    await receiver.waitFor(receiver.deliveries().length + 1, Math.min(left, 1_000)).catch(() => undefined);
  }
}

const signature: Check = {
  id: 'eyeson.webhooks.signature',
  title: 'every recording_update carries X-Eyeson-Signature = lowercase hex HMAC-SHA256(API key, raw body)',
  operations: [OP.start, OP.stop],
  specRef: WEBHOOK_SPEC,
  needs: ['credentials', 'writes', 'receiver'],
  decision: 'webhook-payload',
  async run(ctx: CheckContext) {
    const key = apiKeyOf(ctx);
    if (!key) ctx.notApplicable('webhooks are signed with the API key: set apiKey in the target config');
    const { id, mine, receiver } = await recordWithReceiver(ctx);
    if (mine.length === 0) {
      ctx.fail({ rule: 'a recording\'s life is reported by recording_update webhooks', specRef: WEBHOOK_SPEC, expected: `recording_update deliveries about ${id}`, actual: `none (${receiver.deliveries().length} deliveries in all)` });
    }
    await ctx.rule('every delivery carries X-Eyeson-Signature = lowercase hex HMAC-SHA256(API key, raw body)', async () => {
      for (const { delivery, body } of mine) {
        const where = `delivery of ${id} (${stateOf({ delivery, body })})`;
        const given = delivery.headers['x-eyeson-signature'];
        const want = toHex(await hmacSha256(key, delivery.body));
        if (given !== want) {
          ctx.fail({
            rule: 'X-Eyeson-Signature is the lowercase hex HMAC-SHA256 of the exact body, keyed with the API key',
            specRef: `${WEBHOOK_SPEC}/parameters/0`,
            expected: `X-Eyeson-Signature: ${want}`,
            actual: `${where}: X-Eyeson-Signature: ${given ?? '(absent)'}`,
          });
        }
      }
    });
  },
};

const transitions: Check = {
  id: 'eyeson.webhooks.transitions',
  title: 'a recording sends one recording_update per transition, in order: started, stopped, finished',
  operations: [OP.start, OP.stop],
  specRef: WEBHOOK_SPEC,
  needs: ['credentials', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    const { id, mine } = await recordWithReceiver(ctx);
    const text = (p: Parsed) => new TextDecoder().decode(p.delivery.body).slice(0, 200);
    await ctx.rule('a webhook body is {type: "recording_update", recording}', () => {
      for (const p of mine) {
        if (p.body?.type !== 'recording_update' || typeof p.body.recording !== 'object' || p.body.recording === null) {
          ctx.fail({ rule: 'a webhook body is {timestamp, type: "recording_update", recording}', specRef: '#/components/schemas/RecordingUpdate', expected: 'type recording_update and the recording', actual: text(p) });
        }
      }
    });
    await ctx.rule('a webhook body carries an ISO 8601 timestamp', () => {
      for (const p of mine) {
        if (typeof p.body?.timestamp !== 'string' || Number.isNaN(Date.parse(p.body.timestamp))) {
          ctx.fail({ rule: 'a webhook body carries an ISO 8601 timestamp', specRef: '#/components/schemas/RecordingUpdate', expected: 'timestamp: an ISO 8601 string', actual: text(p) });
        }
      }
    }, { decision: 'webhook-payload' });
    const states = mine.map(stateOf);
    const shown = `${id}: ${states.join(' → ') || 'no deliveries'}`;
    await ctx.rule('each transition (started, stopped, finished) is reported by a recording_update', () => {
      const missing = (['started', 'stopped', 'finished'] as const).filter((s) => !states.includes(s));
      if (missing.length > 0) {
        ctx.fail({ rule: 'each transition of a recording emits a recording_update', specRef: '#/components/schemas/Recording', expected: 'updates for started, stopped and finished (told apart by duration and links.download)', actual: `${shown} (no ${missing.join(', ')})` });
      }
    });
    await ctx.rule('the updates arrive once each, in order started → stopped → finished', () => {
      if (states.join(' ') !== 'started stopped finished') {
        ctx.fail({ rule: 'a recording\'s updates arrive once per transition, in order started → stopped → finished', decision: 'processing-delay', specRef: '#/components/schemas/Recording', expected: 'started → stopped → finished', actual: shown });
      }
    }, { decision: 'processing-delay' });
  },
};

export const webhookChecks: Check[] = [signature, transitions];
