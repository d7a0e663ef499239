// Every mock checks itself against its spec on the way out: a response the spec does not allow,
// or a success for a request the spec rejects, is a mock bug. Tests run strict (it throws);
// otherwise the response carries `x-callrec-spec-violation` and one warning is printed.
// Faults break the spec on purpose, so a mock with faults on is never strict. Platform-neutral.
import type { SpecValidator } from '../core/check.ts';
import type { MockRequest, MockResponse } from '../core/http.ts';

export class SpecViolationError extends Error {}

export interface SpecGuardOptions {
  api: string;
  spec?: SpecValidator;
  strict?: boolean;
  faults: ReadonlySet<string>;
  /** Also judge requests (default true). Off where the spec cannot say where a parameter travels. */
  validateRequests?: boolean;
}

export type SpecGuard = (operationId: string, req: MockRequest, res: MockResponse) => MockResponse;

const encoder = new TextEncoder();

export function createSpecGuard(opts: SpecGuardOptions): SpecGuard {
  const { spec } = opts;
  if (!spec) return (_op, _req, res) => res;
  let warned = false;
  return (operationId, req, res) => {
    const body = typeof res.body === 'string' || res.body instanceof Uint8Array ? res.body : '';
    let issues = spec.validateResponse(operationId, res.status, res.headers, body);
    if (issues.length === 0 && res.status < 300 && opts.validateRequests !== false) {
      issues = spec.validateRequest(operationId, req).map((i) => ({ ...i, message: `accepted a request the spec rejects: ${i.message}` }));
    }
    if (issues.length === 0) return res;
    const first = `${operationId} ${res.status}: ${issues[0]!.message}`;
    if (opts.strict && opts.faults.size === 0) throw new SpecViolationError(`${opts.api} mock broke its spec: ${first}`);
    if (!warned) {
      warned = true;
      console.warn(`[callrec] ${opts.api} mock response breaks the spec: ${first}`);
    }
    res.headers['x-callrec-spec-violation'] = first.replace(/[^\x20-\x7e]/g, '?');
    return res;
  };
}

/** The answer to HEAD: GET's status and headers (with the length the body would have had), no body. */
export function asHead(res: MockResponse): MockResponse {
  if (typeof res.body === 'string' && res.headers['content-length'] === undefined) res.headers['content-length'] = String(encoder.encode(res.body).byteLength);
  res.body = undefined;
  return res;
}

/**
 * ApiMock.handle and .control never throw: an unexpected error becomes the API's documented
 * 500 (`internal`). Only a strict mock's spec violation escapes, because tests want it loud.
 */
export async function neverThrow(run: () => Promise<MockResponse>, internal: (message: string) => MockResponse, what: string): Promise<MockResponse> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof SpecViolationError) throw e;
    return internal(`${what}: ${e instanceof Error ? e.message : String(e)}`);
  }
}
