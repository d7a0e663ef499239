// Signed event deliveries (facts §1.6): each event is POSTed as JSON with
// `X-Horn-Signature` = Base64(HMAC-SHA-256(shared secret, the raw body)). Records one recording
// from start to ready with a receiver registered, then recomputes every signature over the exact
// bytes received.
import type { Check, WebhookDelivery } from '../../../core/check.ts';
import { hmacSha256, toBase64 } from '../../../core/hmac.ts';
import { asConfig } from '../config.ts';
import { OP, roleAuthOr, dependents, expectSuccess, freshChannel, startRecording, step, stopQuietly, stopRecording } from '../support.ts';

/** Real servers deliver asynchronously and retry; give them time. */
const WAIT_MS = 15_000;

const SIGNED = 'X-Horn-Signature is the Base64 HMAC-SHA256 of the exact body bytes, keyed with the shared secret';
const JSON_RULE = 'events are POSTed as JSON';

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
    const operator = roleAuthOr(ctx, 'operator')!;
    const ANNOUNCED = 'a recording\'s start is announced to the registered receiver';
    const started = await step(ctx, 'start in a recordable channel succeeds (to cause events)', async () => {
      const channel = await freshChannel(ctx);
      try {
        expectSuccess(ctx, await startRecording(ctx, channel, operator), 'start in a recordable channel succeeds', OP.start);
        if (ctx.control) await ctx.control.advanceClock(5_000);
        // Stop is a harness extension (decision `stop-endpoint`); a real server may end it otherwise.
        await stopRecording(ctx, channel, operator).catch(() => undefined);
      } finally {
        await stopQuietly(ctx, channel);
      }
    }, { operation: OP.start });
    if (started !== 'passed') return dependents(ctx, started, [ANNOUNCED, SIGNED, JSON_RULE], 'starting a recording');
    if (ctx.control) {
      // Let the recording become ready (another event), then let the mock hand everything over.
      await ctx.control.advanceClock(10 * 60_000);
      await ctx.control.call('tick', {});
      await ctx.control.call('webhook-flush', {});
    }
    const deliveries = await receiver.waitFor(1, WAIT_MS).catch(() => receiver.deliveries());
    const announced = await ctx.rule(ANNOUNCED, () => {
      if (deliveries.length === 0) ctx.fail({ rule: ANNOUNCED, expected: 'at least one event delivery', actual: `no delivery within ${WAIT_MS / 1000} s` });
    });
    if (!announced) {
      for (const r of [SIGNED, JSON_RULE]) ctx.notRun(r, 'no delivery arrived');
      return;
    }
    await ctx.rule(SIGNED, async () => {
      for (const d of deliveries) {
        const given = d.headers['x-horn-signature'];
        const want = toBase64(await hmacSha256(secret, d.body));
        if (given === undefined || given.trim() !== want) {
          ctx.fail({ rule: SIGNED, expected: `X-Horn-Signature: ${want}`, actual: `X-Horn-Signature: ${given ?? '(absent)'} on ${describe(d)}` });
        }
      }
    });
    await ctx.rule(JSON_RULE, () => {
      for (const d of deliveries) {
        try {
          JSON.parse(new TextDecoder().decode(d.body));
        } catch {
          ctx.fail({ rule: JSON_RULE, expected: 'a JSON body', actual: describe(d) });
        }
      }
    });
  },
};

export const eventChecks: Check[] = [signature];
