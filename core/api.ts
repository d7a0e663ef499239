// The mock's side of the contract every API folder fulfils: a running mock and its named faults.
// The suites' side (checks, target config, which checks each fault must trip) is core/suite.ts;
// the mock never sees it, so a shipped mock knows nothing of check ids. An API is registered
// once in mock/registry.ts (its mock, browser-safe) and once in apis.ts (its suite).

import type { Clock } from './clock.ts';
import type { MockRequest, MockResponse } from './http.ts';
import type { Delivery, StatusHistoryView } from '../mock/observe.ts';

export type ApiName = 'openvidu-meet' | 'nextcloud-talk' | 'eyeson' | 'horn';

/** A named, deliberate bug the mock can be switched into, to prove checks can fail. */
export interface FaultDef {
  name: string; // kebab-case, unique within the API
  description: string; // one line: what goes wrong on the wire
}

export interface MockOptions {
  seed: number;
  clock?: Clock;
  faults?: Iterable<string>;
  /** Throw (instead of only reporting) when the mock's own response breaks its spec. Tests set it. */
  strictSpec?: boolean;
  /** Sends outgoing HTTP (webhooks); injectable so tests can capture. Defaults to fetch. */
  fetch?: typeof fetch;
}

/** A running mock of one API: its state, handlers and control surface. */
export interface ApiMock {
  readonly api: ApiName;
  readonly clock: Clock;
  readonly faults: Set<string>;
  /** Handles one documented-API request. Never throws: bad input gets a documented error. */
  handle(req: MockRequest): Promise<MockResponse>;
  /** Handles POST/GET /__callrec/<api-specific> control calls not covered by the generic ones. */
  control(action: string, body: unknown): Promise<MockResponse>;
  /** Back to the seeded initial state (same seed → same data, same responses). */
  reset(seed?: number): void;
  /** A JSON snapshot of the state, for GET /__callrec/state. */
  snapshot(): unknown;
  /** Releases timers (webhook retries, tickers). */
  close(): Promise<void>;
  /** What the dashboard shows beside the state (mock/observe.ts); absent on a mock that does not record it. */
  readonly observed?: {
    /** Looks at the statuses now if a write came in since the last look (the control API calls it before it acts). */
    sample(): void;
    /** The last outgoing requests (webhooks, callbacks), newest first. */
    deliveries(): Delivery[];
    /** Each recording's (or status-carrying room's) statuses and when they were seen. */
    history(): StatusHistoryView;
  };
}
