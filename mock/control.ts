// The control API under /__callrec/, outside every documented path: reset, seed, clock,
// faults, state, API-specific actions and Pact provider states. Platform-neutral.
import type { ApiMock, FaultDef } from '../core/api.ts';
import { json, parseJsonBody, type MockRequest, type MockResponse } from '../core/http.ts';

export const CONTROL_PREFIX = '/__callrec/';

export function isControlPath(path: string): boolean {
  return path.startsWith(CONTROL_PREFIX);
}

/** The clock moves at most ten years per call: dates stay within what clients can represent. */
const MAX_ADVANCE_MS = 10 * 365 * 24 * 3600 * 1000;

const bad = (message: string) => json(400, { error: 'Bad Request', message });

/** Answers one control request for `mock`. */
export async function handleControl(mock: ApiMock, faultDefs: readonly FaultDef[], req: MockRequest): Promise<MockResponse> {
  const route = req.path.slice(CONTROL_PREFIX.length);
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

/** One dispatch function for a mock: control routes first, then the documented API. */
export function createDispatch(mock: ApiMock, faultDefs: readonly FaultDef[]) {
  return (req: MockRequest): Promise<MockResponse> =>
    isControlPath(req.path) ? handleControl(mock, faultDefs, req) : mock.handle(req);
}
