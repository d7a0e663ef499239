import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWebhookSender, type AttemptReport, type Schedule } from '../../core/webhook-sender.ts';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

/** A local receiver; `answer` decides each response (it may also hold it and answer later). */
async function receiver(answer: (req: Received, res: ServerResponse, seen: Received[]) => void) {
  const seen: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const r = { path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(r);
      answer(r, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Runs retries on the next turn instead of after the delay, and remembers the delays asked for. */
function instantSchedule() {
  const delays: number[] = [];
  const schedule: Schedule = (fn, ms) => {
    delays.push(ms);
    const t = setImmediate(fn);
    return () => clearImmediate(t);
  };
  return { delays, schedule };
}

const reply = (res: ServerResponse, status: number) => res.writeHead(status).end();

test('POSTs the exact bytes and headers, once, on a 2xx', async () => {
  const rx = await receiver((_r, res) => reply(res, 204));
  const { delays, schedule } = instantSchedule();
  const sender = createWebhookSender({ fetch, schedule });
  try {
    // Not valid UTF-8 on purpose: any re-encoding would change these bytes.
    const body = new Uint8Array([0x7b, 0xff, 0x00, 0xc3, 0x28, 0x7d]);
    sender.send({ url: rx.url('/hook'), headers: { 'content-type': 'application/json', 'x-signature': 'abc123' }, body });
    body.fill(0); // the sender keeps its own copy
    assert.equal(sender.pending(), 1);
    await sender.flush();
    assert.equal(sender.pending(), 0);
    assert.equal(rx.seen.length, 1);
    const [got] = rx.seen;
    assert.deepEqual([...got!.body], [0x7b, 0xff, 0x00, 0xc3, 0x28, 0x7d]);
    assert.equal(got!.path, '/hook');
    assert.equal(got!.headers['x-signature'], 'abc123');
    assert.equal(got!.headers['content-type'], 'application/json');
    assert.deepEqual(delays, []);

    sender.send({ url: rx.url('/hook'), headers: {}, body: '{"event":"é"}' });
    await sender.flush();
    assert.equal(rx.seen[1]!.body.toString('utf8'), '{"event":"é"}');
  } finally {
    sender.close();
    await rx.close();
  }
});

test('a receiver that fails twice then succeeds gets three identical POSTs, backoff 300 then 600', async () => {
  const rx = await receiver((_r, res, seen) => reply(res, seen.length <= 2 ? 500 : 200));
  const { delays, schedule } = instantSchedule();
  const reports: AttemptReport[] = [];
  const sender = createWebhookSender({ fetch, retries: 5, baseDelayMs: 300, schedule, onAttempt: (r) => reports.push(r) });
  try {
    sender.send({ url: rx.url('/flaky'), headers: { 'x-timestamp': '1700000000000' }, body: '{"n":1}' });
    await sender.flush();
    assert.equal(rx.seen.length, 3);
    assert.ok(rx.seen.every((r) => r.body.toString() === '{"n":1}' && r.headers['x-timestamp'] === '1700000000000'));
    assert.deepEqual(delays, [300, 600]);
    assert.deepEqual(
      reports.map((r) => [r.attempt, r.status, r.final]),
      [
        [1, 500, false],
        [2, 500, false],
        [3, 200, true],
      ],
    );
  } finally {
    sender.close();
    await rx.close();
  }
});

test('gives up after `retries` retries with doubling delays', async () => {
  const rx = await receiver((_r, res) => reply(res, 503));
  const { delays, schedule } = instantSchedule();
  const sender = createWebhookSender({ fetch, retries: 5, baseDelayMs: 300, schedule });
  try {
    sender.send({ url: rx.url('/down'), headers: {}, body: 'x' });
    await sender.flush();
    assert.equal(rx.seen.length, 6);
    assert.deepEqual(delays, [300, 600, 1200, 2400, 4800]);
    assert.equal(sender.pending(), 0);
  } finally {
    sender.close();
    await rx.close();
  }
});

test('network errors are retried like failures', async () => {
  // Take a free port, then free it again: connections to it are refused.
  const gone = await receiver((_r, res) => reply(res, 200));
  const url = gone.url('/nobody');
  await gone.close();
  const { delays, schedule } = instantSchedule();
  const reports: AttemptReport[] = [];
  const sender = createWebhookSender({ fetch, retries: 2, schedule, onAttempt: (r) => reports.push(r) });
  sender.send({ url, headers: {}, body: 'x' });
  await sender.flush();
  sender.close();
  assert.deepEqual(delays, [300, 600]);
  assert.equal(reports.length, 3);
  assert.ok(reports.every((r) => r.status === undefined && typeof r.error === 'string'));
  assert.equal(reports.at(-1)!.final, true);
});

test('per-URL order: a later event waits for the earlier one, retries included', async () => {
  // /a fails the first event's first attempt; the second event must still arrive last.
  const rx = await receiver((r, res, seen) => {
    const firstTry = r.body.toString() === 'e1' && seen.filter((s) => s.body.toString() === 'e1').length === 1;
    reply(res, firstTry ? 500 : 200);
  });
  const { schedule } = instantSchedule();
  const sender = createWebhookSender({ fetch, schedule });
  try {
    sender.send({ url: rx.url('/a'), headers: {}, body: 'e1' });
    sender.send({ url: rx.url('/a'), headers: {}, body: 'e2' });
    sender.send({ url: rx.url('/a'), headers: {}, body: 'e3' });
    assert.equal(sender.pending(), 3);
    await sender.flush();
    assert.deepEqual(
      rx.seen.map((s) => s.body.toString()),
      ['e1', 'e1', 'e2', 'e3'],
    );
  } finally {
    sender.close();
    await rx.close();
  }
});

test('different URLs do not wait for each other', { timeout: 10_000 }, async () => {
  // /slow is only answered once /fast has been received: a sender that serialised all URLs
  // would never get there (the test would time out).
  let releaseSlow: (() => void) | undefined;
  const rx = await receiver((r, res) => {
    if (r.path === '/slow') releaseSlow = () => reply(res, 200);
    else {
      reply(res, 200);
      releaseSlow?.();
    }
  });
  const sender = createWebhookSender({ fetch, schedule: instantSchedule().schedule });
  try {
    sender.send({ url: rx.url('/slow'), headers: {}, body: 'first' });
    // Only send the second once the first is being held, so the order of arrival is known.
    while (rx.seen.length === 0) await new Promise((r) => setImmediate(r));
    sender.send({ url: rx.url('/fast'), headers: {}, body: 'second' });
    await sender.flush();
    assert.deepEqual(
      rx.seen.map((s) => s.path),
      ['/slow', '/fast'],
    );
  } finally {
    sender.close();
    await rx.close();
  }
});

test('close() cancels pending retry timers and drops the queue', async () => {
  const rx = await receiver((_r, res) => reply(res, 500));
  const scheduled: { ms: number; cancelled: boolean }[] = [];
  let firstAttemptDone!: () => void;
  const attempted = new Promise<void>((r) => (firstAttemptDone = r));
  const sender = createWebhookSender({
    fetch,
    // Never fires on its own: only close() can settle what it holds.
    schedule: (_fn, ms) => {
      const entry = { ms, cancelled: false };
      scheduled.push(entry);
      return () => (entry.cancelled = true);
    },
    onAttempt: () => firstAttemptDone(),
  });
  try {
    sender.send({ url: rx.url('/x'), headers: {}, body: 'e1' });
    sender.send({ url: rx.url('/x'), headers: {}, body: 'e2' });
    await attempted;
    assert.equal(sender.pending(), 2);
    const flushed = sender.flush();
    sender.close();
    await flushed;
    assert.equal(sender.pending(), 0);
    assert.deepEqual(scheduled, [{ ms: 300, cancelled: true }]);
    sender.send({ url: rx.url('/x'), headers: {}, body: 'after close' });
    assert.equal(sender.pending(), 0);
    assert.equal(rx.seen.length, 1);
  } finally {
    await rx.close();
  }
});
