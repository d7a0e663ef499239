// The checks' only way to talk to a target: fetch plus bookkeeping. Every response carries the
// exchange (for reports) and a one-line curl reproducing the request; calls are counted per
// operation so reports can say what was exercised.

import type { ApiModule, TargetConfig } from '../../core/api.ts';
import { CheckFailure } from '../../core/check.ts';
import type { Exchange, SpecValidator, TargetClient, TargetRequest, TargetResponse } from '../../core/check.ts';
import type { Headers } from '../../core/http.ts';
import { toCurl } from './curl.ts';

export const DEFAULT_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 2000;

export interface TargetClientOptions {
  module: Pick<ApiModule, 'basePath' | 'credentials'>;
  /** The target's origin, or origin + base path; the module's base path is appended when missing. */
  target: string;
  config: TargetConfig;
  spec?: Pick<SpecValidator, 'findOperation'>;
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

/** The request's own timeout, joined with the check's signal where the runtime can (Node ≥ 20.3). */
function requestSignal(timeoutMs: number, check: AbortSignal | undefined): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs);
  const any = (AbortSignal as { any?: (signals: AbortSignal[]) => AbortSignal }).any;
  return check && any ? any([timeout, check]) : timeout;
}

export function createTargetClient(opts: TargetClientOptions): RecordingTargetClient {
  const baseUrl = resolveBaseUrl(opts.target, opts.module.basePath);
  const basePathname = new URL(baseUrl).pathname;
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const apiKey = typeof opts.config.apiKey === 'string' ? opts.config.apiKey : undefined;
  const secrets = opts.maskApiKey && apiKey ? [apiKey] : [];
  const calls = new Map<string, number>();
  const statuses = new Map<string, Set<number>>();
  const exchanges: Exchange[] = [];

  const operationOf = (method: string, url: URL, given?: string) => {
    if (given) return given;
    if (!opts.spec || !url.pathname.startsWith(basePathname)) return undefined;
    return opts.spec.findOperation(method, url.pathname.slice(basePathname.length) || '/')?.operationId;
  };

  async function request(req: TargetRequest): Promise<TargetResponse> {
    const method = req.method.toUpperCase();
    const url = buildUrl(baseUrl, req);
    const headers = lowerCase({ ...authHeaders(req.auth), ...(req.headers ?? {}) });
    const body = encodeBody(req.body, headers);
    const operation = operationOf(method, url, req.operation);
    const curl = toCurl({ method, url: url.toString(), headers, body, secrets });

    if (opts.signal?.aborted) throw new CheckStopped('the check ran out of time');
    const started = performance.now();
    let res: Response;
    let bytes: Uint8Array;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body as BodyInit | undefined,
        redirect: 'manual',
        signal: requestSignal(timeoutMs, opts.signal),
      });
      bytes = new Uint8Array(await res.arrayBuffer());
    } catch (e) {
      if (opts.signal?.aborted) throw new CheckStopped('the check ran out of time');
      // No answer is a finding about the target, reproducible with the curl line.
      const timedOut = e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
      throw new CheckFailure({
        rule: 'the target must answer every request',
        expected: timedOut ? `an HTTP response within ${timeoutMs} ms` : 'an HTTP response',
        actual: timedOut ? `no response after ${timeoutMs} ms` : `transport error: ${describe(e)}`,
        repro: curl,
        ...(operation ? { operation } : {}),
      });
    }
    const durationMs = performance.now() - started;
    const resHeaders: Headers = {};
    res.headers.forEach((value, name) => (resHeaders[name] = value));

    const exchange: Exchange = {
      request: { method, url: url.toString(), headers, ...(body ? { body: excerpt(body) } : {}) },
      response: { status: res.status, headers: resHeaders, bodyExcerpt: excerpt(bytes) },
      ...(operation ? { operation } : {}),
      durationMs,
    };
    exchanges.push(exchange);
    const key = operation ?? 'unknown';
    calls.set(key, (calls.get(key) ?? 0) + 1);
    if (!statuses.has(key)) statuses.set(key, new Set());
    statuses.get(key)!.add(res.status);

    const response: TargetResponse = {
      status: res.status,
      headers: resHeaders,
      bytes,
      exchange,
      curl,
      text: () => new TextDecoder().decode(bytes),
      json<T>(): T {
        try {
          return JSON.parse(new TextDecoder().decode(bytes)) as T;
        } catch {
          throw new CheckFailure({
            rule: 'the response body must be JSON',
            expected: 'a JSON body',
            actual: `${res.status} with body ${JSON.stringify(exchange.response.bodyExcerpt.slice(0, 200))}`,
            response,
            ...(operation ? { operation } : {}),
          });
        }
      },
    };
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

const describe = (e: unknown) => {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  return cause instanceof Error ? `${e.message} (${cause.message})` : e.message;
};
