// Webhooks of one recording's life (facts §5.5): each delivery signed over `<X-Timestamp>.<body>`
// with the API key, and the events of a recording arriving in the order they happened.
import type { Check, CheckContext, WebhookDelivery, WebhookReceiver } from '../../../core/check.ts';
import { hmacSha256, toHex } from '../../../core/hmac.ts';
import { OP, meetRequest, seedData, uniqueRoomId } from '../support.ts';
import type { MeetRecording } from '../support.ts';
import { apiKeyOf, freshCompleteRecording } from '../support-media.ts';

const WEBHOOK_SPEC = '#/webhooks/recordingStarted/post';
/** Real servers retry with backoff from 300 ms; give them time. */
const WAIT_MS = 15_000;

type EventName = 'recordingStarted' | 'recordingUpdated' | 'recordingEnded';

interface ParsedDelivery {
  delivery: WebhookDelivery;
  body: { creationDate?: unknown; event?: unknown; data?: { recordingId?: unknown; status?: unknown } } | undefined;
}

const parse = (d: WebhookDelivery): ParsedDelivery => {
  try {
    return { delivery: d, body: JSON.parse(new TextDecoder().decode(d.body)) as ParsedDelivery['body'] };
  } catch {
    return { delivery: d, body: undefined };
  }
};

const aboutRecording = (id: string) => (p: ParsedDelivery) => p.body?.data?.recordingId === id;

/** Waits until the deliveries about `id` include every event in `events`; fails after WAIT_MS. */
async function waitForEvents(ctx: CheckContext, receiver: WebhookReceiver, id: string, events: EventName[]): Promise<ParsedDelivery[]> {
  const deadline = Date.now() + WAIT_MS;
  const mineNow = () => receiver.deliveries().map(parse).filter(aboutRecording(id));
  const complete = (mine: ParsedDelivery[]) => events.every((e) => mine.some((p) => p.body?.event === e));
  // On the mock, first let it hand over everything due (deliveries are asynchronous).
  if (ctx.control) await ctx.control.call('webhook-flush', {}).catch(() => undefined);
  for (;;) {
    const mine = mineNow();
    if (complete(mine)) return mine;
    const left = deadline - Date.now();
    if (left <= 0) {
      ctx.fail({
        rule: 'the target delivers the webhooks of a recording\'s life',
        expected: `${events.join(', ')} for ${id}`,
        actual: `received ${mine.map((p) => String(p.body?.event)).join(', ') || 'none'} (${receiver.deliveries().length} deliveries in all)`,
      });
    }
    await receiver.waitFor(receiver.deliveries().length + 1, Math.min(left, 1000)).catch(() => undefined);
  }
}

const RECORD_RULE = 'a recording of our own is recorded from start to complete, its webhooks delivered';

/**
 * A receiver, a recording recorded from start to complete, and its deliveries, as one rule: where
 * the target cannot start or stop one (or it fails) the rules on the deliveries cannot run.
 */
async function recordWithReceiver(ctx: CheckContext, next: string[]): Promise<{ id: string; mine: ParsedDelivery[]; done: MeetRecording } | undefined> {
  let out: { id: string; mine: ParsedDelivery[]; done: MeetRecording } | undefined;
  await ctx.rule(RECORD_RULE, async () => {
    const receiver = await ctx.receiver();
    receiver.clear();
    const rec = await freshCompleteRecording(ctx);
    out = { id: rec.recordingId, mine: await waitForEvents(ctx, receiver, rec.recordingId, ['recordingStarted', 'recordingEnded']), done: rec };
  });
  if (!out) for (const rule of next) ctx.notRun(rule, 'no recording of our own with its webhooks to judge');
  return out;
}

const signature: Check = {
  id: 'openvidu-meet.webhooks.signature',
  title: 'every webhook is posted as JSON with X-Timestamp and X-Signature = hex HMAC-SHA256(API key, timestamp.body)',
  operations: [OP.start, OP.stop],
  specRef: '#/components/parameters/webhookSignature',
  needs: ['credentials', 'room', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    const key = apiKeyOf(ctx);
    if (!key) ctx.notApplicable('webhooks are signed with the API key: set apiKey in the target config');
    const SIGNED = 'every delivery is signed over `<X-Timestamp>.<body>` and names what happened';
    const got = await recordWithReceiver(ctx, [SIGNED]);
    if (!got) return;
    const { id, mine } = got;
    await ctx.rule(SIGNED, async () => {
      for (const { delivery, body } of mine) {
        const timestamp = delivery.headers['x-timestamp'];
        const given = delivery.headers['x-signature'];
        const where = `delivery ${body?.event ?? '?'} of ${id}`;
        if (!timestamp || !/^\d+$/.test(timestamp) || !given) {
          ctx.fail({ rule: 'a webhook carries X-Timestamp and X-Signature', expected: 'both headers, X-Timestamp in ms', actual: `${where}: X-Timestamp ${timestamp ?? '(absent)'}, X-Signature ${given ?? '(absent)'}` });
        }
        // The message is the header value, a dot, then the body exactly as received (no re-encoding).
        const prefix = new TextEncoder().encode(`${timestamp}.`);
        const message = new Uint8Array(prefix.byteLength + delivery.body.byteLength);
        message.set(prefix, 0);
        message.set(delivery.body, prefix.byteLength);
        const want = toHex(await hmacSha256(key, message));
        if (given.trim().toLowerCase() !== want) {
          ctx.fail({ rule: 'X-Signature is the hex HMAC-SHA256 of `<X-Timestamp>.<body>` keyed with the API key', expected: `X-Signature: ${want}`, actual: `${where}: X-Signature: ${given}` });
        }
        // The platform posts each event as JSON (its webhook service sets Content-Type: application/json).
        const type = delivery.headers['content-type'] ?? '';
        if (!/^application\/json\s*(;|$)/i.test(type.trim())) {
          ctx.fail({ rule: 'a webhook is posted as Content-Type: application/json', specRef: WEBHOOK_SPEC, expected: 'Content-Type: application/json', actual: `${where}: Content-Type: ${type || '(absent)'}` });
        }
        if (!body || typeof body.event !== 'string' || typeof body.creationDate !== 'number') {
          ctx.fail({ rule: 'a webhook body is {creationDate, event, data}', specRef: WEBHOOK_SPEC, expected: 'creationDate (number), event (string), data', actual: `${where}: ${new TextDecoder().decode(delivery.body).slice(0, 200)}` });
        }
        if (String(body.creationDate) !== timestamp) {
          ctx.fail({ rule: 'X-Timestamp equals the body\'s creationDate', specRef: '#/components/parameters/webhookTimestamp', expected: `X-Timestamp: ${body.creationDate}`, actual: `${where}: X-Timestamp: ${timestamp}` });
        }
        const status = body.data?.status;
        const okStatus =
          body.event === 'recordingStarted' ? status === 'starting' || status === 'active'
          : body.event === 'recordingEnded' ? ['complete', 'failed', 'aborted', 'limit_reached'].includes(status as string)
          : body.event === 'recordingUpdated' ? typeof status === 'string'
          : false;
        if (!okStatus) {
          ctx.fail({ rule: 'the event names what happened to the recording in data', specRef: `#/webhooks/${String(body.event)}/post`, expected: 'recordingStarted with starting|active, recordingEnded with a final status', actual: `${where}: event ${String(body.event)}, data.status ${JSON.stringify(status)}` });
        }
      }
    });
  },
};

const order: Check = {
  id: 'openvidu-meet.webhooks.order',
  title: 'a recording\'s webhooks arrive in order: recordingStarted, recordingUpdated*, recordingEnded, the last with the finished recording',
  operations: [OP.start, OP.stop],
  specRef: WEBHOOK_SPEC,
  needs: ['credentials', 'room', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    const ORDER = 'the events arrive as recordingStarted, recordingUpdated*, recordingEnded with non-decreasing creationDate';
    const ENDED = 'recordingEnded carries the finished recording as GET /recordings/{id} reads it';
    const got = await recordWithReceiver(ctx, [ORDER, ENDED]);
    if (!got) return;
    const { id, mine, done } = got;
    await ctx.rule(ENDED, () => {
      const ended = mine.find((p) => p.body?.event === 'recordingEnded');
      const data = (ended?.body?.data ?? {}) as Record<string, unknown>;
      const read = done as unknown as Record<string, unknown>;
      const differs = Object.keys(read).filter((k) => JSON.stringify(data[k]) !== JSON.stringify(read[k]));
      if (differs.length > 0) {
        ctx.fail({ rule: ENDED, expected: differs.map((k) => `${k}: ${JSON.stringify(read[k])}`).join(', '), actual: `${id}: ${differs.map((k) => `${k}: ${JSON.stringify(data[k])}`).join(', ')}` });
      }
    });
    await ctx.rule(ORDER, () => {
      const events = mine.map((p) => String(p.body?.event));
      const shape = /^recordingStarted( recordingUpdated)* recordingEnded$/;
      if (!shape.test(events.join(' '))) {
        ctx.fail({ rule: 'a recording\'s events arrive as recordingStarted, recordingUpdated*, recordingEnded', expected: 'recordingStarted → (recordingUpdated)* → recordingEnded, each once', actual: `${id}: ${events.join(' → ')}` });
      }
      let previous = -Infinity;
      for (const p of mine) {
        const at = Number(p.body?.creationDate);
        if (!(at >= previous)) {
          ctx.fail({ rule: 'creationDate never decreases along a recording\'s events', expected: `creationDate ≥ ${previous}`, actual: `${p.body?.event}: creationDate ${String(p.body?.creationDate)}` });
        }
        previous = at;
      }
    });
  },
};

/**
 * Recordings that finish while no request comes in are settled together at the next one (or the
 * clock's tick): their recordingEnded webhooks must still go out in the order the recordings ended,
 * and those that ended at the same instant in recordingId order (decision settle-order). Making
 * several recordings end unobserved, two at one instant, takes the control API's clock.
 */
const settleOrder: Check = {
  id: 'openvidu-meet.webhooks.settle-order',
  title: 'recordings that end unobserved send recordingEnded oldest first, ties in recordingId order',
  operations: [OP.stop],
  specRef: '#/webhooks/recordingEnded/post',
  decision: 'settle-order',
  needs: ['credentials', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    if (!ctx.control) ctx.notApplicable('making recordings end at chosen instants, unobserved, needs the control API\'s clock');
    const control = ctx.control;
    const receiver = await ctx.receiver();
    const rooms = ['a', 'b', 'c'].map((x) => uniqueRoomId(ctx, `settle${x}`));
    const seeded = await seedData(ctx, {
      rooms: rooms.map((roomId) => ({ roomId, roomName: `Room ${roomId}`, participants: 1 })),
      recordings: rooms.map((roomId) => ({ roomId, status: 'active' })),
    });
    const ids = rooms.map((roomId) => seeded.find((r) => r.roomId === roomId)!.recordingId);
    const stop = (id: string) => meetRequest(ctx, { method: 'POST', path: `/recordings/${encodeURIComponent(id)}/stop`, operation: OP.stop });
    receiver.clear();
    // The first stops a second before the other two, which stop at one instant; then nothing is asked
    // until all three have ended.
    await stop(ids[0]!);
    await control.advanceClock(1000);
    await stop(ids[1]!);
    await stop(ids[2]!);
    await control.advanceClock(10_000);
    await control.call('tick');
    await control.call('webhook-flush', {});
    const RULE = 'recordingEnded webhooks go out in the order the recordings ended, those of one instant in recordingId order';
    await ctx.rule(RULE, () => {
      const ended = receiver
        .deliveries()
        .map(parse)
        .filter((p) => p.body?.event === 'recordingEnded' && ids.includes(String(p.body?.data?.recordingId)));
      const got = ended.map((p) => String(p.body?.data?.recordingId));
      const want = [ids[0]!, ...[ids[1]!, ids[2]!].sort()];
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        ctx.fail({
          rule: RULE,
          expected: `recordingEnded for ${want.join(', ')}, in that order`,
          actual: ended.map((p) => `${String(p.body?.data?.recordingId)} @${String(p.body?.creationDate)}`).join(', ') || 'no recordingEnded',
          operation: OP.stop,
        });
      }
    });
  },
};

export const webhookChecks: Check[] = [signature, order, settleOrder];
