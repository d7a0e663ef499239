// What a conformance check is, what it gets to work with, and how it reports.
// Checks are plain async functions over a CheckContext; the runner (suites/engine/)
// turns them into events that every report writer consumes.

import type { ApiName } from './api.ts';
import type { Headers } from './http.ts';

/**
 * What a check needs from the target. Against the built-in mock every need is met
 * through the control API; against a real server the target config must supply it,
 * otherwise the check is reported as not applicable, with the reason — never as passed.
 */
export type Need =
  | 'control' // callrec's control API (/__callrec/): seed data, advance the clock
  | 'credentials' // valid credentials for the API (API key, user, …)
  | 'room' // a room where a recording can be started (participants present)
  | 'recording' // an existing finished recording with media
  | 'room-member-token' // a room-scoped token and a second room it must not reach
  | 'access-token' // an admin/console access token
  | 'receiver' // a webhook receiver the target can reach, registered with the target
  | 'writes'; // permission to create/delete data on the target

export interface Check {
  /** `<api>.<group>.<rule>`, e.g. `openvidu-meet.pagination.no-duplicates`. */
  id: string;
  title: string;
  /** operationIds this check exercises (one JUnit testcase per check × operation). */
  operations: string[];
  /** JSON pointer into the API's spec of the rule it enforces, e.g. `#/paths/~1recordings/get`. */
  specRef: string;
  needs: Need[];
  /**
   * A label: the check includes rules resting on this decision (an `x-callrec-decision` of the
   * spec). It does not make a failure decision-only: each failure or rule says so itself.
   */
  decision?: string;
  run(ctx: CheckContext): Promise<void>;
}

/** How one rule a check asserts can end. */
export type RuleStatus =
  | 'passed'
  | 'failed' // a documented rule broken: fails the run
  | 'deviated' // a rule that rests only on a callrec decision broken: reported, fails the run only when strict
  | 'not-applicable' // could not be asserted here (too little data, a need unmet, an operation not implemented)
  | 'not-run'; // an earlier step failed

export interface RuleOptions {
  /** JSON pointer of the documented rule (defaults to the check's specRef). */
  specRef?: string;
  /** Set when the rule rests only on a callrec decision (its id in `x-callrec-decisions`). */
  decision?: string;
  operation?: string;
}

export interface TargetRequest {
  method: string;
  /** Path below the API base path, e.g. `/recordings/abc` (or absolute URL for links the target gave). */
  path: string;
  query?: Record<string, string | number | boolean | undefined> | URLSearchParams;
  headers?: Headers;
  /** Objects are sent as JSON; strings and bytes as they are. */
  body?: unknown;
  /** 'default' adds the configured credentials; 'none' sends none; an object sends exactly these headers. */
  auth?: 'default' | 'none' | Headers;
  /** Operation this request exercises (for reports); inferred from the spec when omitted. */
  operation?: string;
  /**
   * The check expects this documented operation to answer 404/405/501 without the API's error
   * body: the client then does not take that answer as a route the target lacks (NotImplemented).
   */
  expectMiss?: boolean;
}

export interface Exchange {
  request: { method: string; url: string; headers: Headers; body?: string };
  response: { status: number; headers: Headers; bodyExcerpt: string };
  operation?: string;
  durationMs: number;
  /**
   * Set when the request went out twice: e.g. "retried once on a fresh connection after
   * ECONNRESET on a reused connection" (an idle keep-alive connection the target had closed).
   */
  retried?: string;
}

export interface TargetResponse {
  status: number;
  headers: Headers; // lower-case names
  bytes: Uint8Array;
  text(): string;
  json<T = any>(): T; // throws a CheckFailure-friendly error if the body is not JSON
  exchange: Exchange;
  /** A one-line curl command reproducing the request. */
  curl: string;
}

export interface TargetClient {
  /** Origin + base path, e.g. http://127.0.0.1:4010/api/v1 */
  readonly baseUrl: string;
  request(req: TargetRequest): Promise<TargetResponse>;
}

/** The callrec control API, present on the built-in mock only. */
export interface ControlClient {
  reset(seed?: number): Promise<void>;
  /** Loads an API-specific data set (e.g. `{ rooms: [...], recordings: [...] }`). */
  seed(data: unknown): Promise<unknown>;
  advanceClock(ms: number): Promise<void>;
  setFaults(names: string[]): Promise<void>;
  state<T = unknown>(): Promise<T>;
  /** API-specific control action, POST /__callrec/<api>/<action>. */
  call<T = unknown>(action: string, body?: unknown): Promise<T>;
}

export interface WebhookDelivery {
  receivedAt: number;
  method: string;
  path: string;
  headers: Headers;
  body: Uint8Array; // exact bytes received
}

export interface WebhookReceiver {
  /** URL the target should deliver to. */
  url: string;
  deliveries(): WebhookDelivery[];
  /** Resolves when at least `n` deliveries arrived, or rejects after `timeoutMs`. */
  waitFor(n: number, timeoutMs: number): Promise<WebhookDelivery[]>;
  clear(): void;
}

export interface SpecIssue {
  /** JSON pointer into the spec, e.g. `#/components/schemas/MeetRecording`. */
  specRef: string;
  message: string; // e.g. `/status must be equal to one of the allowed values`
  /** Set when the broken schema rule rests only on a callrec decision (today: an extra property under `closed-objects`). */
  decision?: string;
}

export interface SpecValidator {
  /** Spec file path relative to the repo root. */
  readonly file: string;
  /** Finds the operation for a method + concrete path below the base path. */
  findOperation(method: string, path: string): { operationId: string; pointer: string } | undefined;
  /**
   * Validates a response; JSON bodies against the schema, and that the status is documented.
   * The body may be the bytes on the wire or (for a mock checking itself) the text it will send.
   */
  validateResponse(operationId: string, status: number, headers: Headers, body: Uint8Array | string): SpecIssue[];
  /** JSON pointer of an operation (or its response for `status`). */
  pointer(operationId: string, status?: number): string;
  /**
   * Validates a request against the operation's documented parameters (path, query, header) and
   * JSON request body. Mocks use it to prove they never accept (2xx) what their spec rejects.
   */
  validateRequest(operationId: string, req: SpecRequest): SpecIssue[];
}

export interface SpecRequest {
  path: string;
  query: URLSearchParams;
  headers: Headers; // lower-case names
  body: Uint8Array;
}

export interface CheckContext {
  api: ApiName;
  target: TargetClient;
  /** Present when the target is the built-in mock (or another server speaking the control API). */
  control?: ControlClient;
  /** The target config (API-specific fields; see suites/<api>/config.ts). */
  config: Record<string, unknown>;
  seed: number;
  /** Upper bound on generated examples per property (fast-check numRuns). */
  maxExamples: number;
  spec: SpecValidator;
  /** Starts (once per check) a receiver on 127.0.0.1 and registers it with the target. */
  receiver(): Promise<WebhookReceiver>;
  /**
   * Asserts one rule: runs `body` and records it as passed, failed (a `ctx.fail` inside),
   * deviated (a failure of a decision-only rule), or not applicable (a `ctx.notApplicable` or an
   * operation the target does not implement inside). Unlike a bare `ctx.fail`, a broken rule
   * does not end the check: the next rule still runs. Resolves to true when the rule passed.
   */
  rule(name: string, body: () => Promise<void> | void, opts?: RuleOptions): Promise<boolean>;
  /** Records a rule this check could not assert on this target, with the reason (shown in every report). */
  skip(name: string, reason: string, opts?: RuleOptions): void;
  /** Records a rule that was not run because an earlier step it depends on failed. */
  notRun(name: string, reason: string, opts?: RuleOptions): void;
  /** Ends the check as not applicable (never as passed). */
  notApplicable(reason: string): never;
  /** Ends the check (or, inside `ctx.rule`, the rule) as failed. */
  fail(failure: FailureInput): never;
  /** Notes for the reader of a report; nothing that decides a verdict goes here (use rule/skip). */
  log(message: string): void;
}

export interface FailureInput {
  /** The rule broken, in one line: "pages must not repeat an item". */
  rule: string;
  /** JSON pointer into the spec, defaults to the check's specRef. */
  specRef?: string;
  expected: string;
  actual: string;
  /** The response that shows it; its curl line is the one-line reproduction. */
  response?: TargetResponse;
  /** Steps to reproduce when one request is not enough (a sequence, a seed). */
  repro?: string;
  operation?: string;
  /**
   * Set when the rule broken rests only on a callrec decision (its id): reported as "deviates
   * from callrec decision <id>", and fails the run only with --strict-decisions (or on callrec's own mock).
   */
  decision?: string;
}

export class CheckFailure extends Error {
  constructor(readonly failure: FailureInput) {
    super(failure.rule);
    this.name = 'CheckFailure';
  }
}

export class NotApplicable extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'NotApplicable';
  }
}

/**
 * A documented operation the target does not have: it answered a route-level miss (404, 405 or
 * 501 without the API's error body) or the target config lists it under `notImplemented`.
 * Reported once per run as "not implemented by the target"; rules that need it are not applicable.
 */
export class NotImplemented extends Error {
  constructor(
    readonly operation: string,
    /** How it was found: the config entry, or the status and curl line of the route-level miss. */
    readonly evidence: string,
    readonly acknowledged: boolean,
  ) {
    super(`${operation} is not implemented by the target`);
    this.name = 'NotImplemented';
  }
}
