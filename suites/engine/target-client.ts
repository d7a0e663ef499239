// The checks' only way to talk to a target: node:http(s) over a tapped keep-alive pool (see
// http-transport.ts) plus bookkeeping. Every response carries the exchange (for reports) and a
// one-line curl reproducing the request; calls are counted per operation so reports can say
// what was exercised. What the wire shows about a response before any check looks at it is
// judged here, once for all checks: a body longer or shorter than its Content-Length, a body
// over the cap, and a documented operation the target does not have (a route-level miss).

import type { ApiModule, TargetConfig } from '../../core/suite.ts';
import { CheckFailure, NotImplemented } from '../../core/check.ts';
import type { Exchange, SpecValidator, TargetClient, TargetRequest, TargetResponse } from '../../core/check.ts';
import type { Headers } from '../../core/http.ts';
import { toCurl } from './curl.ts';
import { DEFAULT_MAX_BODY_BYTES, send } from './http-transport.ts';
import type { WireOutcome, WireProblem } from './http-transport.ts';

export { DEFAULT_MAX_BODY_BYTES } from './http-transport.ts';
export const DEFAULT_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 2000;
/** How much of a route-level miss's body its evidence quotes. */
const EVIDENCE_CHARS = 200;
/** Statuses with which a server says it has no such route or method (RFC 9110 §15.5.5, §15.5.6, §15.6.2). */
const MISS_STATUSES = new Set([404, 405, 501]);

export interface TargetClientOptions {
  module: Pick<ApiModule, 'basePath' | 'credentials'>;
  /** The target's origin, or origin + base path; the module's base path is appended when missing. */
  target: string;
  config: TargetConfig;
  /** Finds each request's operation; `validateResponse` tells a route-level miss from the API's own 404. */
  spec?: Pick<SpecValidator, 'findOperation' | 'validateResponse'>;
  /** Extra headers from `-H 'Name: value'`, sent with `auth: 'default'`. */
  headers?: Headers;
  timeoutMs?: number;
  /** Replace the configured API key with $CALLREC_API_KEY in curl lines (true when the user supplied it). */
  maskApiKey?: boolean;
  /**
   * Aborted when the check's time is up: requests in flight are cancelled and later ones are
   * refused, so a timed-out check stops talking to the target before the next check starts.
   */
  signal?: AbortSignal;
  /** Response bodies are read up to this many bytes (default: the config's `maxBodyBytes`, else 64 MiB). */
  maxBodyBytes?: number;
  /**
   * The target is a callrec mock the runner reset to this seed before the check: curl lines say
   * so, since replaying one against a mock in another state gives another answer.
   */
  resetSeed?: number;
  /**
   * Operations this run has already seen answer as implemented (anything but a route-level miss),
   * shared by every check of the run: a later 404 without the error body on one of them is then
   * judged as a wrong error body by the check, not as a missing operation.
   */
  implemented?: Set<string>;
}

/** Thrown by a request made after the check's time ran out (the runner reports the timeout). */
export class CheckStopped extends Error {
  override name = 'CheckStopped';
}

export interface RecordingTargetClient extends TargetClient {
  /** Requests sent per operation id ('unknown' when the spec has no match). */
  readonly calls: Map<string, number>;
  /** Statuses seen per operation id. */
  readonly statuses: Map<string, Set<number>>;
  readonly exchanges: Exchange[];
}

/** `http://h:1` + `/api/v1` → `http://h:1/api/v1`; a target that already ends in the base path is kept. */
export function resolveBaseUrl(target: string, basePath: string): string {
  const url = new URL(target);
  const path = url.pathname.replace(/\/+$/, '');
  const base = basePath.replace(/\/+$/, '');
  url.pathname = path.endsWith(base) ? path : path + base;
  url.search = '';
  url.hash = '';
  return url.toString().replace(/\/+$/, '');
}

/**
 * One controller per request, aborted by the request's own timeout or, through `inFlight`, by
 * the check's signal (one listener per client however many requests run at once).
 * `timedOut()` tells the two apart; `clear()` stops the timer once the exchange is over.
 */
function requestAbort(timeoutMs: number, inFlight: Set<AbortController>) {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  inFlight.add(controller);
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear() {
      clearTimeout(timer);
      inFlight.delete(controller);
    },
  };
}

export function createTargetClient(opts: TargetClientOptions): RecordingTargetClient {
  const baseUrl = resolveBaseUrl(opts.target, opts.module.basePath);
  const basePathname = new URL(baseUrl).pathname;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBodyBytes = opts.maxBodyBytes ?? (typeof opts.config.maxBodyBytes === 'number' ? opts.config.maxBodyBytes : DEFAULT_MAX_BODY_BYTES);
  const apiKey = typeof opts.config.apiKey === 'string' ? opts.config.apiKey : undefined;
  const secrets = opts.maskApiKey && apiKey ? [apiKey] : [];
  const listedMissing = new Set(Array.isArray(opts.config.notImplemented) ? (opts.config.notImplemented as unknown[]).filter((x): x is string => typeof x === 'string') : []);
  const curlNote = opts.resetSeed !== undefined ? `against a callrec mock reset to --seed ${opts.resetSeed} before this check` : undefined;
  const calls = new Map<string, number>();
  const statuses = new Map<string, Set<number>>();
  const exchanges: Exchange[] = [];
  const inFlight = new Set<AbortController>();
  opts.signal?.addEventListener('abort', () => {
    for (const c of inFlight) c.abort();
  }, { once: true });

  /** The documented operation a method + URL names, if any (undefined outside the base path). */
  const documentedOperation = (method: string, url: URL) => {
    if (!opts.spec || !url.pathname.startsWith(basePathname)) return undefined;
    return opts.spec.findOperation(method, url.pathname.slice(basePathname.length) || '/')?.operationId;
  };

  async function request(req: TargetRequest): Promise<TargetResponse> {
    const method = req.method.toUpperCase();
    const url = buildUrl(baseUrl, req);
    const headers = lowerCase({ ...authHeaders(req.auth), ...(req.headers ?? {}) });
    const body = encodeBody(req.body, headers);
    const documented = documentedOperation(method, url);
    const operation = req.operation ?? documented;
    const curl = toCurl({ method, url: url.toString(), headers, body, secrets, ...(curlNote ? { note: curlNote } : {}) });

    // A listed operation is never sent: the user told us the target does not have it.
    if (operation && listedMissing.has(operation)) throw new NotImplemented(operation, 'listed under notImplemented in the target config', true);
    if (opts.signal?.aborted) throw new CheckStopped('the check ran out of time');

    const started = performance.now();
    const abort = requestAbort(timeoutMs, inFlight);
    let outcome: WireOutcome;
    try {
      outcome = await send({ url, method, headers, ...(body ? { body } : {}), signal: abort.signal, maxBodyBytes });
    } catch (e) {
      // http.request refuses a header it cannot put on the wire: the check (or config) is at fault, not the target.
      throw new Error(`callrec cannot send ${method} ${url}: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      abort.clear();
    }
    const retriedNote = outcome.retried ? `; ${outcome.retried}` : '';
    const shownCurl = outcome.retried ? appendNote(curl, outcome.retried) : curl;

    if (outcome.kind === 'aborted') {
      if (!abort.timedOut()) throw new CheckStopped('the check ran out of time');
      throw new CheckFailure({
        rule: 'the target must answer every request',
        expected: `an HTTP response within ${timeoutMs} ms`,
        actual: `no response after ${timeoutMs} ms${retriedNote}`,
        repro: shownCurl,
        ...(operation ? { operation } : {}),
      });
    }
    if (outcome.kind === 'transport') {
      // No answer is a finding about the target, reproducible with the curl line.
      throw new CheckFailure({
        rule: 'the target must answer every request',
        expected: 'an HTTP response',
        actual: `transport error: ${outcome.message}${retriedNote}`,
        repro: shownCurl,
        ...(operation ? { operation } : {}),
      });
    }
    const durationMs = performance.now() - started;
    const { status, headers: resHeaders, bytes } = outcome.response;

    const exchange: Exchange = {
      request: { method, url: url.toString(), headers, ...(body ? { body: excerpt(body) } : {}) },
      response: { status, headers: resHeaders, bodyExcerpt: excerpt(bytes) },
      ...(operation ? { operation } : {}),
      durationMs,
      ...(outcome.retried ? { retried: outcome.retried } : {}),
    };
    exchanges.push(exchange);
    const key = operation ?? 'unknown';
    calls.set(key, (calls.get(key) ?? 0) + 1);
    if (!statuses.has(key)) statuses.set(key, new Set());
    statuses.get(key)!.add(status);

    const response: TargetResponse = {
      status,
      headers: resHeaders,
      bytes,
      exchange,
      curl: shownCurl,
      text: () => new TextDecoder().decode(bytes),
      json<T>(): T {
        try {
          return JSON.parse(new TextDecoder().decode(bytes)) as T;
        } catch {
          throw new CheckFailure({
            rule: 'the response body must be JSON',
            expected: 'a JSON body',
            actual: `${status} with body ${JSON.stringify(exchange.response.bodyExcerpt.slice(0, 200))}`,
            response,
            ...(operation ? { operation } : {}),
          });
        }
      },
    };
    if (outcome.problem) throw new CheckFailure({ ...wireFailure(outcome.problem), response, ...(operation ? { operation } : {}) });

    // A route-level miss: a documented operation answered 404/405/501 without the API's own error
    // body (a resource-level 404 validates against the spec). Requests a check sends on purpose
    // where the spec has no operation are never judged so, nor those that opt out.
    if (documented && operation === documented && !req.expectMiss && MISS_STATUSES.has(status) && opts.spec && !opts.implemented?.has(documented)) {
      const issues = opts.spec.validateResponse(documented, status, resHeaders, bytes);
      if (issues.length > 0) {
        const quoted = exchange.response.bodyExcerpt.slice(0, EVIDENCE_CHARS).replace(/\s+/g, ' ').trim();
        throw new NotImplemented(documented, `HTTP ${status}${quoted ? ` ${quoted}` : ''} — ${shownCurl}`, false);
      }
    }
    if (documented && operation === documented) opts.implemented?.add(documented);
    return response;
  }

  function authHeaders(auth: TargetRequest['auth']): Headers {
    if (auth === 'none') return {};
    if (auth && typeof auth === 'object') return auth;
    return { ...opts.module.credentials(opts.config), ...(opts.headers ?? {}) };
  }

  return { baseUrl, request, calls, statuses, exchanges };
}

function buildUrl(baseUrl: string, req: TargetRequest): URL {
  const absolute = /^https?:\/\//i.test(req.path);
  const url = new URL(absolute ? req.path : baseUrl + (req.path.startsWith('/') ? req.path : `/${req.path}`));
  const query = req.query;
  if (query instanceof URLSearchParams) {
    query.forEach((v, k) => url.searchParams.append(k, v));
  } else if (query) {
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.append(k, String(v));
  }
  return url;
}

function lowerCase(h: Headers): Headers {
  const out: Headers = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

/** Objects go as JSON (adding a content type unless the check set one); strings and bytes as they are. */
function encodeBody(body: unknown, headers: Headers): Uint8Array | undefined {
  if (body === undefined || body === null) return undefined;
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return new TextEncoder().encode(body);
  headers['content-type'] ??= 'application/json';
  return new TextEncoder().encode(JSON.stringify(body));
}

function excerpt(bytes: Uint8Array): string {
  try {
    // stream: true keeps a multi-byte character cut at the slice end from counting as invalid.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, EXCERPT_CHARS * 4), { stream: true });
    return text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  } catch {
    return `<${bytes.byteLength} bytes of binary data>`;
  }
}

/** A curl line with one more trailing note (a curl line carries at most one `#` comment). */
const appendNote = (curl: string, note: string) => (curl.includes(' # ') ? `${curl}; ${note}` : `${curl} # ${note}`);

const size = (n: number) => (n >= 1024 * 1024 ? `${n} bytes (${(n / 1024 / 1024).toFixed(1)} MiB)` : `${n} bytes`);

/** What the wire showed about a response, as the rule it breaks. */
function wireFailure(p: WireProblem): Pick<CheckFailure['failure'], 'rule' | 'expected' | 'actual'> {
  switch (p.kind) {
    case 'length':
      return {
        rule: 'the body length must match Content-Length',
        expected: `${p.declared} body bytes (Content-Length: ${p.declared}; RFC 9110 §8.6)`,
        actual: p.closed
          ? `${p.received} body bytes, then the connection closed`
          : `${p.received} body bytes on the wire (${p.received - p.declared} beyond Content-Length)`,
      };
    case 'too-large':
      return {
        rule: 'a response body must fit within --max-body',
        expected: `at most ${size(p.cap)} (--max-body)`,
        actual:
          p.declared !== undefined && p.received === 0
            ? `Content-Length: ${size(p.declared)}; not read`
            : `more than ${size(p.cap)}${p.declared !== undefined ? ` (Content-Length: ${size(p.declared)})` : ''}; reading stopped at ${size(p.received)}`,
      };
    case 'cut':
      return {
        rule: 'the target must answer every request',
        expected: 'a complete response body',
        actual: `the body broke off after ${p.received} bytes: ${p.message}`,
      };
  }
}
