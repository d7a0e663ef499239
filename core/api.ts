// The contract every API folder fulfils. One API = spec + state model + handlers + faults
// (mock/<api>/), checks + contracts (suites/<api>/), registered with one line in apis.ts.

import type { Clock } from './clock.ts';
import type { MockRequest, MockResponse } from './http.ts';
import type { Check, ControlClient, Need } from './check.ts';
import type { Headers } from './http.ts';
import type { ConfigSchema } from './config-schema.ts';

export type ApiName = 'openvidu-meet' | 'nextcloud-talk' | 'eyeson' | 'horn';

/** A named, deliberate bug the mock can be switched into, to prove checks can fail. */
export interface FaultDef {
  name: string; // kebab-case, unique within the API
  description: string; // one line: what goes wrong on the wire
  /** Ids of the checks that must fail while this fault is on. */
  trips: string[];
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
}

export interface ApiModule {
  name: ApiName;
  title: string;
  /** Spec file, relative to the repo root. */
  specPath: string;
  /** Base path of the documented API on the wire, e.g. "/api/v1". */
  basePath: string;
  faults: FaultDef[];
  checks: Check[];
  createMock(opts: MockOptions): ApiMock;
  /**
   * Where a real target's config meets each need (a dotted key and what it is), where this API's
   * config differs from the defaults (apiKey, rooms.recordable, recordings.complete, …).
   */
  needKeys?: Partial<Record<Need, NeedKey>>;
  /** JSON Schema of this API's target config file (see core/config-schema.ts). */
  configSchema: ConfigSchema;
  /** Credential headers taken from the target config (e.g. `X-API-KEY` from `--api-key`). */
  credentials(config: TargetConfig): Headers;
  /** The target config that meets every need of every check on the built-in mock. */
  mockTargetConfig(control: ControlClient): Promise<TargetConfig>;
  /**
   * Points the target's webhooks at a receiver URL. On the mock through the control API;
   * on a real server returns false unless the config says the receiver is registered there.
   */
  registerReceiver(url: string, control: ControlClient | undefined, config: TargetConfig): Promise<boolean>;
  /**
   * `selfcheck --without-control`: how much faster than wall time the mock's clock runs, so
   * platform waits (segments, TTLs) pass quickly while the suites still only poll (default 1).
   */
  selfcheckClockRate?: number;
}

export interface NeedKey {
  key: string;
  what: string;
}

/** Everything the suites may need from a target, as loaded from `--config FILE` and flags. API-specific keys. */
export type TargetConfig = Record<string, unknown>;
