// The control API under /__callrec/, outside every documented path: reset, seed, clock,
// faults, state, API-specific actions and Pact provider states; and what the dashboard
// (/__callrec/ui) reads: the request journal, outgoing deliveries, status histories.
// Platform-neutral. Who may call it on a real port is control-guard.ts's business.
import type { ApiMock, FaultDef } from '../core/api.ts';
import { json, parseJsonBody, type MockRequest, type MockResponse } from '../core/http.ts';
import { DASHBOARD_HTML } from './dashboard.ts';
import { asJournalEntry, JOURNAL_SIZE, Ring, type RecordedRequest } from './observe.ts';

export const CONTROL_PREFIX = '/__callrec/';

export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PREFIX);
}

/** The clock moves at most ten years per call: dates stay within what clients can represent. */
const MAX_ADVANCE_MS = 10 * 365 * 24 * 3600 * 1000;

const bad = (message: string) => json(400, { error: 'Bad Request', message });

/** A fault as GET /__callrec/faults lists it; `trips` (the checks it must trip) when the suites are at hand (the CLI). */
export type DescribedFault = FaultDef & { trips?: readonly string[] };

export interface ControlContext {
  faultDefs: readonly DescribedFault[];
  journal: Ring<RecordedRequest>;
}

/** Answers one control request for `mock`. */
export async function handleControl(mock: ApiMock, control: ControlContext, req: MockRequest): Promise<MockResponse> {
  const { faultDefs, journal } = control;
  const route = req.path.slice(CONTROL_PREFIX.length);
  // Writes since the last look are stamped now, before this call moves the clock or resets.
  mock.observed?.sample();
  if (req.method === 'GET' && (route === 'ui' || route === 'ui/')) {
    // No caching: the page is tiny, and a stale one after an upgrade would call endpoints that moved.
    return { status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'content-security-policy': "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; frame-ancestors 'none'" }, body: DASHBOARD_HTML };
  }
  const parsed = parseJsonBody(req);
  if (!parsed.ok) return bad(`malformed JSON: ${parsed.error}`);
  const value = parsed.value === undefined ? {} : parsed.value; // no body at all is an empty object; `null` is not
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad('the body must be a JSON object');
  const body = value as Record<string, unknown>;
  const key = `${req.method} ${route}`;

  switch (key) {
    case 'POST reset': {
      const seed = body.seed === undefined ? undefined : Number(body.seed);
      if (seed !== undefined && !Number.isInteger(seed)) return bad('seed must be an integer');
      mock.clock.rewind();
      mock.reset(seed);
      return json(200, { ok: true });
    }
    case 'POST seed':
      return mock.control('seed', body);
    case 'POST clock': {
      if (body.freeze !== undefined && typeof body.freeze !== 'boolean') return bad('freeze must be true or false');
      if (body.advanceMs !== undefined && !(typeof body.advanceMs === 'number' && body.advanceMs >= 0 && body.advanceMs <= MAX_ADVANCE_MS)) {
        return bad(`advanceMs must be a number from 0 to ${MAX_ADVANCE_MS} (ten years)`);
      }
      if (body.freeze === true) mock.clock.freeze();
      if (body.freeze === false) mock.clock.unfreeze();
      if (body.advanceMs !== undefined) {
        const ms = body.advanceMs;
        mock.clock.advance(ms);
        await mock.control('tick', {}); // deliver what the jump made due (webhooks)
      }
      return json(200, { now: mock.clock.now(), frozen: mock.clock.frozen });
    }
    case 'GET clock':
      return json(200, { now: mock.clock.now(), frozen: mock.clock.frozen });
    case 'GET faults':
      return json(200, { api: mock.api, enabled: [...mock.faults], available: faultDefs });
    case 'PUT faults': {
      const names = body.faults;
      if (!Array.isArray(names) || names.some((n) => typeof n !== 'string')) return bad('faults must be an array of names');
      const unknown = names.filter((n) => !faultDefs.some((f) => f.name === n));
      if (unknown.length) return bad(`unknown fault(s): ${unknown.join(', ')}`);
      mock.faults.clear();
      for (const n of names) mock.faults.add(n);
      return json(200, { enabled: [...mock.faults] });
    }
    case 'GET state':
      return json(200, mock.snapshot());
    case 'GET journal':
      return json(200, { size: journal.size, entries: journal.list().map(asJournalEntry) });
    case 'DELETE journal':
      journal.clear();
      return json(200, { ok: true });
    case 'GET deliveries':
      return json(200, { entries: mock.observed?.deliveries() ?? [] });
    case 'GET history':
      return json(200, mock.observed?.history() ?? { tracking: false, maxItems: 0, items: [] });
    case 'POST provider-state':
      // Pact calls the setup URL even for interactions without a state (empty name): nothing to set up.
      if (body.state === undefined || body.state === '') return json(200, {});
      if (typeof body.state !== 'string') return bad('state must be a string');
      if (body.action === 'teardown') return json(200, {});
      return mock.control('provider-state', body);
  }
  if (req.method === 'POST' && route.startsWith('action/')) return mock.control(route.slice('action/'.length), body);
  return json(404, { error: 'Not Found', message: `no control route ${req.method} /__callrec/${route}` });
}

/**
 * One dispatch function for a mock: control routes first, then the documented API, each answer
 * journaled (a bounded ring: one small object per request; the control API's own calls, such as
 * the dashboard polling, are left out, as WireMock leaves out its admin calls).
 */
export function createDispatch(mock: ApiMock, faultDefs: readonly DescribedFault[]) {
  const control: ControlContext = { faultDefs, journal: new Ring<RecordedRequest>(JOURNAL_SIZE) };
  return (req: MockRequest): Promise<MockResponse> => {
    if (isControlPath(req.path)) return handleControl(mock, control, req);
    const at = mock.clock.now();
    const t0 = performance.now();
    return mock.handle(req).then((res) => {
      const violation = res.headers['x-callrec-spec-violation'];
      control.journal.add({ at, method: req.method, path: req.path, query: req.query, status: res.status, ms: performance.now() - t0, ...(violation ? { specViolation: violation } : {}) });
      return res;
    });
  };
}
