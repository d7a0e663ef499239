// The suites' side of the contract every API fulfils: its checks, what a real target's config
// holds, and which checks each of the mock's named faults must trip. apis.ts joins it with the
// API's mock (mock/registry.ts) into one ApiModule for the runner, the self-check and the CLI.

import type { ApiMock, ApiName, FaultDef, MockOptions } from './api.ts';
import type { Check, ControlClient, Need } from './check.ts';
import type { Headers } from './http.ts';
import type { ConfigSchema } from './config-schema.ts';

/** Everything the suites may need from a target, as loaded from `--config FILE` and flags. API-specific keys. */
export type TargetConfig = Record<string, unknown>;

export interface NeedKey {
  key: string;
  what: string;
}

export interface SuiteModule {
  checks: Check[];
  /** Ids of the checks that must fail while each named fault of the mock is on. */
  trips: Readonly<Record<string, readonly string[]>>;
  /**
   * Faults only the control API can reveal, with why: the rules that catch them need a state a real
   * server cannot be put in on demand (an unusable owner, a lowered upload limit). The self-check
   * without control leaves them out of the recall goal, listed, as it does faults whose checks all
   * answered not applicable; caught there anyway, they count as caught.
   */
  controlOnly?: Readonly<Record<string, string>>;
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

/** A fault with the checks it must trip, as the self-check and `--list-faults` show it. */
export interface TrippingFault extends FaultDef {
  trips: readonly string[];
  /** Why only the control API can reveal it (SuiteModule.controlOnly), if so. */
  controlOnly?: string;
}

/** One API as the suites see it: its mock (created the Node way) and its suite, joined in apis.ts. */
export interface ApiModule extends Omit<SuiteModule, 'trips' | 'controlOnly'> {
  name: ApiName;
  title: string;
  /** Spec file, relative to the repo root. */
  specPath: string;
  /** Base path of the documented API on the wire, e.g. "/api/v1". */
  basePath: string;
  faults: TrippingFault[];
  createMock(opts: MockOptions): ApiMock;
}
