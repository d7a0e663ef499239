// OCS request parameters as Nextcloud reads them: query string, then a JSON body, then a
// form-urlencoded body (browsers send JSON, API clients often form data). Later sources win,
// as the body overrides the URL in Nextcloud's IRequest::getParam. A body of any other type, or
// without a Content-Type, carries no parameters (PHP fills $_POST only for form types, and
// Request::decodeContent decodes only JSON and form bodies).
import { decodeUtf8Strict, type MockRequest } from '../../core/http.ts';

export interface Input {
  raw(name: string): unknown;
  /** A string parameter (numbers are turned into strings, as PHP would); undefined when absent. */
  str(name: string): string | undefined;
  /** An integer parameter (PHP-style: "12" → 12, "" or garbage → NaN); undefined when absent. */
  int(name: string): number | undefined;
}

export type InputResult = { ok: true; input: Input } | { ok: false; error: string };

const NO_FAULTS: ReadonlySet<string> = new Set();

/** `faults`: the mock's fault set (those that bend how parameters are read). */
export function readInput(req: MockRequest, faults: ReadonlySet<string> = NO_FAULTS): InputResult {
  const values = new Map<string, unknown>();
  for (const [k, v] of req.query) values.set(k, v);
  const ct = (req.headers['content-type'] ?? '').toLowerCase();
  // Multipart bodies (the recording upload) carry binary files: their handler parses them itself.
  if ((req.body.byteLength > 0 || (faults.has('empty-json-body-400') && ct.includes('json'))) && !ct.startsWith('multipart/')) {
    let text: string;
    try {
      text = decodeUtf8Strict(req.body);
    } catch {
      return { ok: false, error: 'body is not UTF-8' };
    }
    if (ct.includes('application/json')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (e) {
        return { ok: false, error: `malformed JSON: ${e instanceof Error ? e.message : String(e)}` };
      }
      if (faults.has('json-scalar-body-500')) for (const [k, v] of Object.entries(parsed as object)) values.set(k, v);
      else if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) for (const [k, v] of Object.entries(parsed)) values.set(k, v);
    } else if ((ct.includes('application/x-www-form-urlencoded') || faults.has('text-body-read-as-form')) && !faults.has('form-body-ignored')) {
      for (const [k, v] of new URLSearchParams(text)) values.set(k, v);
    }
  }
  return { ok: true, input: new MapInput(values, faults) };
}

/**
 * For routes that read their raw body (rawBody): the parameters are parsed on first use, and an
 * unparseable body gives none. The recording backend never asks, so it never parses twice.
 */
export function lazyInput(req: MockRequest): Input {
  return new LazyInput(req);
}

// Classes rather than objects of closures: a request then allocates one small object.
class LazyInput implements Input {
  #parsed: Input | undefined;
  constructor(private readonly req: MockRequest) {}
  #input(): Input {
    if (this.#parsed) return this.#parsed;
    const r = readInput(this.req);
    return (this.#parsed = r.ok ? r.input : inputOf(new Map()));
  }
  raw(n: string) {
    return this.#input().raw(n);
  }
  str(n: string) {
    return this.#input().str(n);
  }
  int(n: string) {
    return this.#input().int(n);
  }
}

export function inputOf(values: Map<string, unknown>): Input {
  return new MapInput(values);
}

class MapInput implements Input {
  constructor(
    private readonly values: Map<string, unknown>,
    private readonly faults: ReadonlySet<string> = NO_FAULTS,
  ) {}
  raw(n: string) {
    return this.values.get(n);
  }
  str(n: string) {
    // Absent, null, arrays and objects are no string (undefined).
    const v = this.values.get(n);
    if (typeof v === 'string') return v;
    if (this.faults.has('string-param-number-refused')) return undefined;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return undefined;
  }
  int(n: string) {
    const v = this.values.get(n);
    if (v === undefined || (v === null && !this.faults.has('json-null-param-invalid'))) return undefined;
    // PHP's settype to int drops a fraction (2.9 → 2).
    if (typeof v === 'number') return this.faults.has('int-param-fraction-kept') ? v : Math.trunc(v);
    if (typeof v === 'boolean') return v ? 1 : 0;
    if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number.parseInt(v, 10);
    return Number.NaN;
  }
}
