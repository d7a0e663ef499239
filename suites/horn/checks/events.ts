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


/**
 * What the events say, and in which order (decision `event-types`: the names and the body are
 * unpublished): `{version "1.0", type, timestamp, data: Recording}`, per recording started → ended
 * → ready, each timestamp the moment of its transition (the recording's startTime, endTime,
 * readyTime), deliveries in the order things happened. Two recordings overlap, the later one ends
 * first, both become ready within one clock step: the mock's clock is moved, so this needs control.
 */
const payloads: Check = {
  id: 'horn.events.payloads',
  title: 'event bodies are {version, type, timestamp, data: Recording}; per recording started → ended → ready at the transitions\' times; deliveries in the order things happened',
  operations: [OP.start, OP.stop],
  specRef: '#/webhooks/recordingEvent/post',
  needs: ['credentials', 'room', 'writes', 'receiver'],
  decision: 'event-types',
  async run(ctx) {
    if (!ctx.control) return ctx.notApplicable('needs the control API: two recordings are run through their whole life on a moved clock');
    const control = ctx.control;
    const receiver = await ctx.receiver();
    receiver.clear();
    const operator = roleAuthOr(ctx, 'operator')!;
    const [a, b] = [await freshChannel(ctx), await freshChannel(ctx)];
    expectSuccess(ctx, await startRecording(ctx, a, operator), 'start in a recordable channel succeeds', OP.start);
    await control.advanceClock(60_000);
    expectSuccess(ctx, await startRecording(ctx, b, operator), 'start in a recordable channel succeeds', OP.start);
    await control.advanceClock(60_000);
    expectSuccess(ctx, await stopRecording(ctx, b, operator), 'stop of the running recording succeeds', OP.stop);
    await control.advanceClock(60_000);
    expectSuccess(ctx, await stopRecording(ctx, a, operator), 'stop of the running recording succeeds', OP.stop);
    await control.advanceClock(40 * 60_000);
    await control.call('tick', {});
    await control.call('webhook-flush', {});
    const events = receiver.deliveries().map((d) => {
      try {
        return JSON.parse(new TextDecoder().decode(d.body)) as { version?: unknown; type?: unknown; timestamp?: unknown; data?: Record<string, unknown> };
      } catch {
        return {};
      }
    });
    const opts = { decision: 'event-types' };
    const fail = (rule: string, expected: string, actual: string) => ctx.fail({ rule, expected, actual, decision: 'event-types' });
    const SHAPE = 'every event is {version "1.0", type, timestamp (epoch ms), data: the Recording}';
    await ctx.rule(SHAPE, () => {
      if (events.length !== 6) fail(SHAPE, '6 events (2 recordings × started, ended, ready)', `${events.length}: ${events.map((e) => e.type).join(', ')}`);
      for (const e of events) {
        if (e.version !== '1.0' || typeof e.type !== 'string' || !Number.isSafeInteger(e.timestamp) || typeof e.data?.id !== 'string' || typeof e.data?.channel !== 'string' || typeof e.data?.startTime !== 'number') fail(SHAPE, SHAPE, JSON.stringify(e).slice(0, 200));
      }
    }, opts);
    const LIFE = 'each recording announces started, ended, ready in that order, each at its transition\'s time';
    await ctx.rule(LIFE, () => {
      for (const channel of [a, b]) {
        const own = events.filter((e) => e.data?.channel === channel);
        const types = own.map((e) => e.type).join(', ');
        if (types !== 'recording.started, recording.ended, recording.ready') fail(LIFE, `recording.started, recording.ended, recording.ready for channel ${channel}`, types);
        const [s, e, r] = own;
        if (s?.timestamp !== s?.data?.startTime || s?.data?.endTime !== undefined) fail(LIFE, 'started: timestamp = startTime, no endTime', JSON.stringify(s));
        if (e?.timestamp !== e?.data?.endTime || e?.data?.readyTime !== undefined) fail(LIFE, 'ended: timestamp = endTime, no readyTime', JSON.stringify(e));
        if (r?.timestamp !== r?.data?.readyTime || typeof r?.data?.endTime !== 'number') fail(LIFE, 'ready: timestamp = readyTime, endTime set', JSON.stringify(r));
      }
    }, opts);
    const ORDER = 'events are delivered in the order things happened (timestamps never go back)';
    await ctx.rule(ORDER, () => {
      const times = events.map((e) => e.timestamp as number);
      const at = times.findIndex((t, i) => i > 0 && t < times[i - 1]!);
      if (at > 0) fail(ORDER, 'non-decreasing timestamps', `${events.map((e) => `${String(e.type)}@${String(e.timestamp)}`).join(', ')}`);
      const ready = events.filter((e) => e.type === 'recording.ready').map((e) => e.data?.channel);
      if (ready.join() !== [b, a].join()) fail(ORDER, `the recording that ended first (${b}) is ready first`, `ready order: ${ready.join(', ')}`);
    }, opts);
    // Recordings that become ready at one instant are announced in recording id order: four
    // recordings of one length, started together and stopped together.
    const TIES = 'recordings ready at the same instant are announced in recording id order';
    await ctx.rule(TIES, async () => {
      receiver.clear();
      const channels = [await freshChannel(ctx), await freshChannel(ctx), await freshChannel(ctx), await freshChannel(ctx)];
      for (const ch of channels) expectSuccess(ctx, await startRecording(ctx, ch, operator), 'start in a recordable channel succeeds', OP.start);
      await control.advanceClock(60_000);
      for (const ch of channels) expectSuccess(ctx, await stopRecording(ctx, ch, operator), 'stop of the running recording succeeds', OP.stop);
      await control.advanceClock(40 * 60_000);
      await control.call('tick', {});
      await control.call('webhook-flush', {});
      const ready = receiver.deliveries().map((d) => {
        try {
          return JSON.parse(new TextDecoder().decode(d.body)) as { type?: unknown; timestamp?: unknown; data?: { id?: unknown; channel?: unknown } };
        } catch {
          return {};
        }
      }).filter((e) => e.type === 'recording.ready' && channels.includes(e.data?.channel as string));
      const tied = ready.filter((e) => ready.some((o) => o !== e && o.timestamp === e.timestamp));
      if (tied.length === 0) return ctx.notApplicable('no two recordings became ready at the same instant (the clock moved between the requests)');
      const at = tied.findIndex((e, i) => i > 0 && e.timestamp === tied[i - 1]!.timestamp && String(e.data?.id) < String(tied[i - 1]!.data?.id));
      if (at > 0) fail(TIES, 'ascending recording ids among ready events of one instant', ready.map((e) => `${String(e.data?.id)}@${String(e.timestamp)}`).join(', '));
    }, opts);
  },
};

export const eventChecks: Check[] = [signature, payloads];
