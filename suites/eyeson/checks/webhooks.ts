// recording_update webhooks (api-facts §6, from eyeson-go webhook.go): every delivery signed with
// X-Eyeson-Signature = lowercase hex HMAC-SHA256(key = API key, message = the exact body), a body
// {timestamp, type: "recording_update", recording}, and an update for each transition of a
// recording (seed 003: "you will receive 3 events … distinguish them by the duration and
// links.download fields"). Documented. That `timestamp` is an ISO 8601 string (decision
// webhook-payload) and that the updates come once each, in order started → stopped → finished
// (decision processing-delay; deliveries are asynchronous) are ours: decision-only rules.
import type { Check, CheckContext, WebhookDelivery, WebhookReceiver } from '../../../core/check.ts';
import { hmacSha256, toHex } from '../../../core/hmac.ts';
import { asConfig } from '../config.ts';
import { OP, apiKeyOf, freshFinishedRecording, readRecording, stateOfFields, type EyesonRecording, type RecordingState } from '../support.ts';

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
  operations: [OP.start, OP.stop, OP.get],
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
    // The body carries the recording itself (seed 003): the resource GET /recordings/{id} answers,
    // with the same id, start, links.self, room and user; once finished, the same duration. (A
    // download link is issued fresh on every read, so it is not compared.)
    await ctx.rule('the recording in a webhook body is the one GET /recordings/{id} answers (id, created_at, links.self, room, user; duration once finished)', async () => {
      if (mine.length === 0) ctx.notApplicable('no delivery about the recording arrived');
      const { res, rec } = await readRecording(ctx, id);
      const key = (r: EyesonRecording | undefined, withDuration: boolean) =>
        JSON.stringify([r?.id, r?.created_at, r?.links?.self, r?.room?.id, r?.user?.id, withDuration ? r?.duration : null]);
      for (const p of mine) {
        const finished = stateOf(p) === 'finished';
        if (key(p.body?.recording, finished) !== key(rec, finished)) {
          ctx.fail({ rule: 'the recording in a webhook body is the recording GET /recordings/{id} answers', specRef: '#/components/schemas/RecordingUpdate', expected: `[id, created_at, links.self, room.id, user.id, duration once finished] = ${key(rec, finished)}`, actual: `${stateOf(p)} update: ${key(p.body?.recording, finished)}`, response: res, operation: OP.get });
        }
      }
    }, { operation: OP.get });
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

/**
 * The webhook's own bookkeeping. Documented (webhooks reference): `types` chooses the updates a
 * webhook receives, so one registered for room_update only receives no recording_update. Ours
 * (decision webhook-registration): GET /webhooks shows the latest delivery's time and the
 * receiver's answer (last_request_sent_at, last_response_code; null before any delivery).
 * Registers our receiver twice (room_update, then recording_update, which stays registered).
 */
const bookkeeping: Check = {
  id: 'eyeson.webhooks.bookkeeping',
  title: 'a webhook gets only the types it registered; GET /webhooks shows its last delivery\'s time and the receiver\'s status',
  operations: [OP.registerWebhook, OP.getWebhook, OP.start, OP.stop],
  specRef: '#/paths/~1webhooks/get',
  needs: ['credentials', 'writes', 'receiver'],
  decision: 'webhook-registration',
  async run(ctx: CheckContext) {
    const receiver = await ctx.receiver();
    const register = async (types: string) => {
      const res = await ctx.target.request({ method: 'POST', path: '/webhooks', body: { url: receiver.url, types }, operation: OP.registerWebhook });
      if (res.status !== 201) ctx.fail({ rule: `registering the receiver for ${types} answers 201`, expected: 'HTTP 201', actual: `HTTP ${res.status}`, response: res, operation: OP.registerWebhook });
      return res;
    };
    const settle = async (id: string, until: (ps: Parsed[]) => boolean, ms: number) => {
      const deadline = Date.now() + ms;
      for (;;) {
        if (ctx.control) await ctx.control.call('webhook-flush', {}).catch(() => undefined);
        const mine = receiver.deliveries().map(parse).filter((p) => p.body?.recording?.id === id);
        if (until(mine) || Date.now() >= deadline) return mine;
        await receiver.waitFor(receiver.deliveries().length + 1, Math.min(1_000, deadline - Date.now())).catch(() => undefined);
      }
    };
    const ONLY = 'a webhook registered for room_update only receives no recording_update';
    await ctx.rule(ONLY, async () => {
      await register('room_update');
      receiver.clear();
      const { id } = await freshFinishedRecording(ctx);
      const mine = await settle(id, () => false, ctx.control ? 0 : WAIT_MS / 3);
      if (mine.length > 0) ctx.fail({ rule: ONLY, expected: 'no recording_update for a room_update webhook', actual: `${mine.length} deliveries about ${id}`, operation: OP.start });
    }, { operation: OP.registerWebhook });
    const BOOK = 'after deliveries GET /webhooks shows when the last one was sent and the receiver\'s status (200)';
    await ctx.rule(BOOK, async () => {
      const reg = await register('recording_update');
      const before = await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook });
      const fresh = before.json<{ last_request_sent_at?: unknown; last_response_code?: unknown } | null>();
      if (fresh?.last_request_sent_at !== null || fresh?.last_response_code !== null) ctx.fail({ rule: BOOK, expected: 'a fresh registration: last_request_sent_at and last_response_code null', actual: before.text().slice(0, 200), response: before, operation: OP.getWebhook, decision: 'webhook-registration' });
      // Another team's webhook elsewhere keeps its own (empty) books while ours is delivered to.
      const other = asConfig(ctx.config).otherApiKey;
      if (other) await ctx.target.request({ method: 'POST', path: '/webhooks', auth: { authorization: other }, body: { url: 'https://hooks.example.com/callrec-other-team', types: 'recording_update' }, operation: OP.registerWebhook });
      receiver.clear();
      const { id } = await freshFinishedRecording(ctx);
      const mine = await settle(id, (ps) => ps.some((p) => stateOf(p) === 'finished'), WAIT_MS);
      if (other) {
        const theirs = await ctx.target.request({ method: 'GET', path: '/webhooks', auth: { authorization: other }, operation: OP.getWebhook });
        const t = theirs.json<{ last_request_sent_at?: unknown } | null>();
        if (t && t.last_request_sent_at !== null) ctx.fail({ rule: BOOK, expected: "another team's webhook, never delivered to: last_request_sent_at null", actual: theirs.text().slice(0, 200), response: theirs, operation: OP.getWebhook, decision: 'webhook-registration' });
      }
      if (mine.length === 0) ctx.notApplicable('no delivery arrived to keep books about');
      const after = await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook });
      const hook = after.json<{ last_request_sent_at?: unknown; last_response_code?: unknown } | null>();
      const sent = typeof hook?.last_request_sent_at === 'string' ? Date.parse(hook.last_request_sent_at) : Number.NaN;
      const [from, to] = [Date.parse(reg.headers['date'] ?? ''), Date.parse(after.headers['date'] ?? '')];
      if (String(hook?.last_response_code) !== '200' || !Number.isFinite(sent) || (Number.isFinite(from) && sent < from - 1000) || (Number.isFinite(to) && sent > to + 1000)) {
        ctx.fail({ rule: BOOK, expected: 'last_response_code 200, last_request_sent_at an ISO time between the registration and now', actual: after.text().slice(0, 200), response: after, operation: OP.getWebhook, decision: 'webhook-registration' });
      }
    }, { operation: OP.getWebhook, decision: 'webhook-registration' });
  },
};
webhookChecks.push(bookkeeping);
