// A small outbox for webhook deliveries, shared by every mock that calls back.
//
// Each delivery is POSTed with exactly the bytes it was given (signatures are computed over
// those bytes, so nothing here may re-encode them). Non-2xx answers and network errors are
// retried with exponential backoff (base, 2·base, 4·base …), as the platforms do. Deliveries
// to one URL go strictly one after another: a later event never overtakes an earlier one that
// is still being tried, so receivers see a platform's events in the order they happened.
// Different URLs do not wait for each other.

/** One outgoing request: what a mock sends (the suites' receiver records a `WebhookDelivery`, core/check.ts). */
export interface OutgoingWebhook {
  url: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/** Runs `fn` after `ms` and returns a function that cancels it. Injectable so tests skip waiting. */
export type Schedule = (fn: () => void, ms: number) => () => void;

/** What happened on one attempt; `status` is absent when no HTTP answer came back. */
export interface AttemptReport {
  url: string;
  attempt: number; // 1-based
  status?: number;
  error?: string;
  /** True when this attempt ended the delivery (2xx, or no retries left). */
  final: boolean;
}

export interface WebhookSenderOptions {
  fetch: typeof fetch;
  /** Retries after the first attempt (so at most retries + 1 POSTs). Default 5. */
  retries?: number;
  /** Delay before the first retry; doubles for each further one. Default 300 ms. */
  baseDelayMs?: number;
  /** Gives up on one attempt that has not answered after this long. Default 10 s. */
  timeoutMs?: number;
  schedule?: Schedule;
  /** Told about every attempt, e.g. to remember a receiver's last response code. */
  onAttempt?: (report: AttemptReport) => void;
}

export interface WebhookSender {
  /** Queues a delivery; returns at once. Ignored after close(). */
  send(delivery: OutgoingWebhook): void;
  /** Deliveries not yet finished (sent successfully or given up), including queued ones. */
  pending(): number;
  /** Resolves once nothing is pending (every retry done or abandoned), or on close(). */
  flush(): Promise<void>;
  /** Drops queued deliveries, cancels retry timers and aborts requests in flight. */
  close(): void;
}

const defaultSchedule: Schedule = (fn, ms) => {
  const timer = setTimeout(fn, ms);
  return () => clearTimeout(timer);
};

interface Job {
  url: string;
  headers: Record<string, string>;
  bytes: Uint8Array<ArrayBuffer>;
}

export function createWebhookSender(opts: WebhookSenderOptions): WebhookSender {
  const retries = opts.retries ?? 5;
  const baseDelayMs = opts.baseDelayMs ?? 300;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const schedule = opts.schedule ?? defaultSchedule;

  /** Per-URL FIFO; the head is the delivery currently being tried. */
  const queues = new Map<string, Job[]>();
  const retryTimers = new Set<() => void>();
  const inFlight = new Set<AbortController>();
  let idleWaiters: (() => void)[] = [];
  let closed = false;

  const pending = () => {
    let n = 0;
    for (const q of queues.values()) n += q.length;
    return n;
  };

  const wakeIfIdle = () => {
    if (pending() > 0) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  };

  const report = (r: AttemptReport) => {
    try {
      opts.onAttempt?.(r);
    } catch {
      // An observer's bug must not break delivery.
    }
  };

  /** One POST; resolves to the status, or to an error message when there was no answer. */
  async function post(job: Job): Promise<{ status?: number; error?: string }> {
    const abort = new AbortController();
    inFlight.add(abort);
    const timer = setTimeout(() => abort.abort(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    try {
      const res = await opts.fetch(job.url, { method: 'POST', headers: job.headers, body: job.bytes, signal: abort.signal });
      // Read the answer to the end so the connection can be reused; its content is not ours.
      await res.arrayBuffer().catch(() => undefined);
      return { status: res.status };
    } catch (e) {
      return { error: e instanceof Error ? e.message : String(e) };
    } finally {
      clearTimeout(timer);
      inFlight.delete(abort);
    }
  }

  async function attempt(job: Job, n: number): Promise<void> {
    const outcome = await post(job);
    if (closed) return;
    const ok = outcome.status !== undefined && outcome.status >= 200 && outcome.status < 300;
    const final = ok || n > retries;
    report({ url: job.url, attempt: n, ...outcome, final });
    if (final) return finish(job.url);
    const cancel = schedule(() => {
      retryTimers.delete(cancel);
      if (!closed) void attempt(job, n + 1);
    }, baseDelayMs * 2 ** (n - 1));
    retryTimers.add(cancel);
  }

  /** The head of a URL's queue is done: start the next one for that URL, if any. */
  function finish(url: string): void {
    const queue = queues.get(url);
    queue?.shift();
    const next = queue?.[0];
    if (next) void attempt(next, 1);
    else queues.delete(url);
    wakeIfIdle();
  }

  return {
    send({ url, headers, body }) {
      if (closed) return;
      // Copied, so a caller reusing its buffer cannot change a delivery that is still queued.
      const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : new Uint8Array(body);
      const job: Job = { url, headers: { ...headers }, bytes };
      const queue = queues.get(url);
      if (queue) {
        queue.push(job); // starts when the ones before it are done
      } else {
        queues.set(url, [job]);
        void attempt(job, 1);
      }
    },
    pending,
    flush() {
      if (pending() === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    close() {
      closed = true;
      for (const cancel of retryTimers) cancel();
      retryTimers.clear();
      for (const abort of inFlight) abort.abort(new Error('webhook sender closed'));
      queues.clear();
      wakeIfIdle();
    },
  };
}
