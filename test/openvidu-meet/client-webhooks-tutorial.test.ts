// Contract of the official OpenVidu Meet webhooks tutorial against the mock, re-stated from its
// public source (never run: it is not on the package registries here):
//   OpenVidu/openvidu-meet-tutorials advanced-features/meet-webhooks/src/index.js  (the backend: the
//     rooms and recordings requests of the recordings tutorial, plus POST /webhook, which verifies
//     every event with isWebhookEventValid() and relays it to the page)
//   OpenVidu/openvidu-meet-tutorials advanced-features/meet-webhooks/public/js/app.js  (the page:
//     handleWebhookNotification() reads `event` and `data`; a recordingEnded adds data as a recording)
// What the receiver relies on: headers `x-signature` and `x-timestamp`; the timestamp parses as an
// integer no older than 120 s; the signature equals hex HMAC-SHA256(API key, `${timestamp}.${JSON.stringify(body)}`)
// where body is the JSON the receiver parsed (express.json()), so the raw body must be what
// JSON.stringify of its parse gives back, byte for byte; timingSafeEqual needs a 64-hex signature.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockServer } from '../../mock/server.ts';
import { DEFAULT_API_KEY } from '../../mock/openvidu-meet/index.ts';

const MAX_WEBHOOK_AGE = 120 * 1000;

/** The tutorial's check, restated: same inputs, same comparisons. */
function isWebhookEventValid(body: unknown, headers: Record<string, string | string[] | undefined>, apiKey: string): boolean {
  const signature = headers['x-signature'];
  const timestamp = parseInt(String(headers['x-timestamp']), 10);
  if (!signature || typeof signature !== 'string' || !timestamp || Number.isNaN(timestamp)) return false;
  if (Date.now() - timestamp >= MAX_WEBHOOK_AGE) return false;
  const expected = createHmac('sha256', apiKey).update(`${timestamp}.${JSON.stringify(body)}`, 'utf8').digest('hex');
  const a = Buffer.from(expected, 'hex');
  const b = Buffer.from(signature, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

interface Received {
  valid: boolean;
  raw: string;
  body: { creationDate: number; event: string; data: Record<string, unknown> };
}

/** The tutorial's POST /webhook: 401 for an invalid event, else 200 and the event relayed (here: kept). */
async function webhookReceiver() {
  const received: Received[] = [];
  const waiters: (() => void)[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body = JSON.parse(raw) as Received['body'];
      const valid = req.method === 'POST' && req.url === '/webhook' && isWebhookEventValid(body, req.headers, DEFAULT_API_KEY);
      received.push({ valid, raw, body });
      res.writeHead(valid ? 200 : 401).end(valid ? undefined : 'Invalid webhook signature');
      for (const w of waiters.splice(0)) w();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhook`,
    received,
    /** Resolves when `event` has arrived (events arrive without anyone asking: the mock's ticker). */
    async until(event: string): Promise<Received> {
      for (;;) {
        const got = received.find((r) => r.body.event === event);
        if (got) return got;
        await new Promise<void>((r) => waiters.push(r));
      }
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

test('the webhooks tutorial: every recording event passes its signature and age check and carries what the page reads', { timeout: 30_000 }, async () => {
  // A running clock (the receiver compares timestamps with Date.now()), 10× fast so a stop completes in 0.3 s.
  const server = await startMockServer({ api: 'openvidu-meet', port: 0, clockRate: 10 });
  const receiver = await webhookReceiver();
  try {
    // Out of band, as an operator points Meet's webhook setting at the tutorial's /webhook.
    const set = await fetch(`${server.url}/__callrec/action/webhook`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ url: receiver.url }) });
    assert.equal(set.status, 200);
    // The meeting UI records (a moderator presses "Start recording"); here the API key stands in for it.
    const key = { 'Content-Type': 'application/json', 'X-API-KEY': DEFAULT_API_KEY };
    const started = await fetch(`${server.url}/api/v1/recordings`, { method: 'POST', headers: key, body: JSON.stringify({ roomId: 'room-alpha' }) });
    assert.equal(started.status, 201);
    const { recordingId } = (await started.json()) as { recordingId: string };
    const stopped = await fetch(`${server.url}/api/v1/recordings/${recordingId}/stop`, { method: 'POST', headers: key });
    assert.equal(stopped.status, 202);

    const ended = await receiver.until('recordingEnded');
    for (const event of ['recordingStarted', 'recordingUpdated', 'recordingEnded']) {
      const got = await receiver.until(event);
      assert.equal(got.valid, true, `${event} passes isWebhookEventValid`);
      assert.equal(JSON.stringify(got.body), got.raw, `${event}: the raw body is what JSON.stringify of its parse gives back`);
      assert.equal(got.body.data.recordingId, recordingId);
    }
    // handleWebhookNotification(): recordingEnded → a recording of room `data.roomName`, rendered with these fields.
    const data = ended.body.data;
    assert.equal(data.roomName, 'Alpha Standup');
    assert.equal(data.status, 'complete');
    for (const field of ['recordingId', 'roomName', 'startDate', 'duration', 'size'] as const) assert.ok(data[field] !== undefined, `recordingEnded data has ${field}`);
    assert.ok(receiver.received.every((r) => r.valid), 'no event was refused by the tutorial (401)');

    // Its rooms view reads status (and the links) of every room the backend lists (GET rooms?maxItems=100).
    const rooms = await fetch(`${server.url}/api/v1/rooms?maxItems=100`, { method: 'GET', headers: key });
    const { rooms: list } = (await rooms.json()) as { rooms: { status: string; access: { anonymous: { moderator: { url: string } } } }[] };
    assert.ok(list.length > 0);
    for (const r of list) {
      assert.ok(['open', 'active_meeting', 'closed'].includes(r.status));
      assert.equal(typeof r.access.anonymous.moderator.url, 'string');
    }
  } finally {
    await receiver.close();
    await server.close();
  }
});
