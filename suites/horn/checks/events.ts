// Signed event deliveries (facts §1.6): each event is POSTed as JSON with
// `X-Horn-Signature` = Base64(HMAC-SHA-256(shared secret, the raw body)). Records one recording
// from start to ready with a receiver registered, then recomputes every signature over the exact
// bytes received.
import type { Check, CheckContext, WebhookDelivery } from '../../../core/check.ts';
import { hmacSha256, toBase64 } from '../../../core/hmac.ts';
import { asConfig } from '../config.ts';
import { OP, expectStatus, freshChannel, roleAuth, startRecording, stopQuietly, stopRecording } from '../support.ts';

/** Real servers deliver asynchronously and retry; give them time. */
const WAIT_MS = 15_000;

const describe = (d: WebhookDelivery) => new TextDecoder().decode(d.body).slice(0, 160);

const signature: Check = {
  id: 'horn.events.signature',
  title: 'every event delivery carries X-Horn-Signature = Base64 HMAC-SHA256(secret, exact body bytes)',
  operations: [OP.start, OP.stop],
  specRef: '#/webhooks/recordingEvent/post',
  needs: ['credentials', 'room', 'writes', 'receiver'],
  async run(ctx) {
    const secret = asConfig(ctx.config).webhookSecret;
    if (secret === undefined) return ctx.notApplicable('needs the secret events are signed with: set webhookSecret in the target config');
    const receiver = await ctx.receiver();
    receiver.clear();
    const operator = roleAuth(ctx, 'operator');
    const channel = await freshChannel(ctx);
    try {
      expectStatus(ctx, await startRecording(ctx, channel, operator), 200, 'start in a recordable channel answers 200', OP.start);
      if (ctx.control) await ctx.control.advanceClock(5_000);
      // Stop is a harness extension (decision `stop-endpoint`); a real server may end it otherwise.
      await stopRecording(ctx, channel, operator);
    } finally {
      await stopQuietly(ctx, channel);
    }
    if (ctx.control) {
      // Let the recording become ready (another event), then let the mock hand everything over.
      await ctx.control.advanceClock(10 * 60_000);
      await ctx.control.call('tick', {});
      await ctx.control.call('webhook-flush', {});
    }
    const deliveries = await receiver.waitFor(1, WAIT_MS).catch(() => receiver.deliveries());
    if (deliveries.length === 0) {
      ctx.fail({ rule: 'a recording\'s start is announced to the registered receiver', expected: 'at least one event delivery', actual: 'no delivery within 15 s' });
    }
    for (const d of deliveries) {
      const given = d.headers['x-horn-signature'];
      const want = toBase64(await hmacSha256(secret, d.body));
      if (given === undefined || given.trim() !== want) {
        ctx.fail({
          rule: 'X-Horn-Signature is the Base64 HMAC-SHA256 of the exact body bytes, keyed with the shared secret',
          expected: `X-Horn-Signature: ${want}`,
          actual: `X-Horn-Signature: ${given ?? '(absent)'} on ${describe(d)}`,
        });
      }
      try {
        JSON.parse(new TextDecoder().decode(d.body));
      } catch {
        ctx.fail({ rule: 'events are POSTed as JSON', expected: 'a JSON body', actual: describe(d) });
      }
    }
  },
};

export const eventChecks: Check[] = [signature];
