// `callrec verify`: replays the committed Pact contracts of one API against a target with
// Pact's own Verifier, so a consumer's expectations are checked by the tool that wrote them.
// Node-only (the Pact core is a native library).
//
// Provider states: a real server brings its own setup endpoint (`--state-url`); the built-in
// mock is driven through its control API (reset, then POST /__callrec/provider-state), and the
// ids it answers feed the pact's `fromProviderState` expressions.
// Exit codes as everywhere in callrec: 0 passed, 1 a contract failed, 2 configuration error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { repoPath } from '../../core/repo-root.ts';
import type { VerifierOptions } from '@pact-foundation/pact';
import type { ApiModule } from '../../core/suite.ts';
import { ControlTokenError, createControlClient, hasControlApi, mockApiName } from './control-client.ts';

export interface VerifyOptions {
  module: ApiModule;
  /** Origin of the provider under test, e.g. http://127.0.0.1:4010. */
  target: string;
  /** The provider's own state-setup endpoint; without it the target must speak callrec's control API. */
  stateUrl?: string;
  /** Directory of pact files; every file whose provider is this API is verified. */
  pactDir?: string;
  /** Replaces the credential value the pacts carry (their example key) on requests that send one. */
  apiKey?: string;
  /**
   * Real header values (`-H`, lower-case names): each replaces the header of the same name in
   * every interaction's request that carries it (interactions without it test its absence).
   */
  headers?: Record<string, string>;
  /** Where the summary goes (tests pass a collector). */
  log?: (line: string) => void;
}

export type VerifyExit = 0 | 1 | 2;

const DEFAULT_PACT_DIR = repoPath('fixtures/pacts/');

interface PactFile {
  path: string;
  consumer: string;
  interactions: { description: string; providerStates?: { name: string }[] }[];
}

/** Runs the Verifier over every pact for `opts.module` in the pact directory. */
export async function runVerify(opts: VerifyOptions): Promise<VerifyExit> {
  const log = opts.log ?? ((line: string) => console.log(line));
  const configError = (message: string): 2 => {
    log(`callrec verify: ${message}`);
    return 2;
  };
  process.env.PACT_DO_NOT_TRACK ??= 'true';

  let target: string;
  try {
    target = new URL(opts.target).origin;
  } catch {
    return configError(`--target '${opts.target}' is not a URL`);
  }
  const pactDir = resolve(opts.pactDir ?? DEFAULT_PACT_DIR);
  const pacts = findPacts(pactDir, opts.module.name);
  if (typeof pacts === 'string') return configError(pacts);
  if (pacts.length === 0) return configError(`no pact files for provider '${opts.module.name}' in ${displayPath(pactDir)}`);
  const pact = await loadPact();
  if (typeof pact === 'string') return configError(pact);
  if (!(await reachable(target))) return configError(`target ${target} is unreachable`);
  let control: boolean;
  try {
    control = await hasControlApi(target); // a guarded mock's token comes from $CALLREC_CONTROL_TOKEN
  } catch (e) {
    if (e instanceof ControlTokenError) return configError(e.message);
    throw e;
  }
  if (!opts.stateUrl && !control) {
    return configError(`target ${target} has no callrec control API (/__callrec/); pass --state-url for its provider-state endpoint`);
  }
  if (control) {
    const serves = await mockApiName(target);
    if (serves && serves !== opts.module.name) return configError(`target ${target} is a callrec mock of ${serves}, not ${opts.module.name}`);
  }

  // A failing state handler is only logged by Pact's proxy (the interaction then fails on
  // missing ids); keep the reason so the summary can show the cause, not just the symptom.
  const stateErrors: string[] = [];
  const verifierOptions: VerifierOptions = {
    provider: opts.module.name,
    providerBaseUrl: target,
    pactUrls: pacts.map((p) => p.path),
    logLevel: 'error',
    ...(opts.stateUrl
      ? { providerStatesSetupUrl: opts.stateUrl }
      : controlStateSetup(target, pacts, stateErrors)),
    ...(opts.apiKey || opts.headers ? { requestFilter: credentialFilter(realCredentials(opts)) } : {}),
  };

  const total = pacts.reduce((n, p) => n + p.interactions.length, 0);
  log(`callrec verify ${opts.module.name} → ${target}: ${pacts.length} pact file(s), ${total} interaction(s)`);
  const started = performance.now();
  let outcome: { passed: boolean; results: VerifierResults | undefined };
  try {
    const raw = await new pact.Verifier(verifierOptions).verifyProvider();
    outcome = { passed: true, results: parseResults(raw) };
  } catch (e) {
    const results = parseResults(e instanceof Error ? e.message : e);
    // Anything but a results document means the verifier could not run at all.
    if (!results) return configError(`the Pact verifier could not run: ${e instanceof Error ? e.message : String(e)}`);
    outcome = { passed: false, results };
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);

  const failures = summariseFailures(outcome.results);
  for (const f of failures) log(`  ✗ ${f}`);
  for (const s of stateErrors) log(`  ! provider state: ${s}`);
  if (outcome.passed) {
    log(`PASS: ${total} interaction(s) verified in ${seconds}s`);
    return 0;
  }
  log(`FAIL: ${failures.length || 'some'} of ${total} interaction(s) failed (${seconds}s)`);
  return 1;
}

/** Pact files in `dir` whose provider is `provider`; a message string when the directory is unusable. */
function findPacts(dir: string, provider: string): PactFile[] | string {
  if (!existsSync(dir)) return `pact directory ${displayPath(dir)} does not exist`;
  const out: PactFile[] = [];
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    const path = join(dir, name);
    let doc: { consumer?: { name?: string }; provider?: { name?: string }; interactions?: PactFile['interactions'] };
    try {
      doc = JSON.parse(readFileSync(path, 'utf8'));
    } catch (e) {
      return `${displayPath(path)} is not valid JSON: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (doc.provider?.name === provider) out.push({ path, consumer: doc.consumer?.name ?? '?', interactions: doc.interactions ?? [] });
  }
  return out;
}

async function reachable(origin: string): Promise<boolean> {
  try {
    const res = await fetch(origin, { signal: AbortSignal.timeout(5_000) });
    await res.body?.cancel();
    return true; // any HTTP answer, even 404, means something is listening
  } catch {
    return false;
  }
}

/**
 * State handlers backed by the mock's control API. Every interaction starts from the seeded
 * state (`beforeEach` runs once per interaction, before its first state), so interactions
 * never see each other's recordings.
 */
function controlStateSetup(target: string, pacts: PactFile[], errors: string[]): Pick<VerifierOptions, 'stateHandlers' | 'beforeEach'> {
  const control = createControlClient(target);
  const names = new Set(pacts.flatMap((p) => p.interactions.flatMap((i) => (i.providerStates ?? []).map((s) => s.name))));
  const stateHandlers: NonNullable<VerifierOptions['stateHandlers']> = {};
  for (const name of names) {
    stateHandlers[name] = async (params?: unknown) => {
      try {
        const answer = await control.providerState(name, (params ?? {}) as Record<string, unknown>);
        return (answer ?? {}) as Record<string, never>;
      } catch (e) {
        const message = `'${name}': ${e instanceof Error ? e.message : String(e)}`;
        errors.push(message);
        throw new Error(message);
      }
    };
  }
  return { stateHandlers, beforeEach: () => control.reset() };
}

/** The headers that replace the pacts' dev credentials: the API key's header, then `-H` on top. */
export function realCredentials(opts: Pick<VerifyOptions, 'module' | 'apiKey' | 'headers'>): Record<string, string> {
  const out: Record<string, string> = {};
  if (opts.apiKey) for (const [name, value] of Object.entries(opts.module.credentials({ apiKey: opts.apiKey }))) out[name.toLowerCase()] = value;
  for (const [name, value] of Object.entries(opts.headers ?? {})) out[name.toLowerCase()] = value;
  return out;
}

/**
 * Swaps the example credentials the pacts carry for the target's own. Only requests that
 * already send a credential header get it, so "no credentials" interactions stay that way.
 */
function credentialFilter(headers: Record<string, string>): NonNullable<VerifierOptions['requestFilter']> {
  return (req: { headers: Record<string, string | string[] | undefined> }, _res: unknown, next: () => void) => {
    for (const [name, value] of Object.entries(headers)) {
      if (req.headers[name] !== undefined) req.headers[name] = value;
    }
    next();
  };
}

/** The part of pact_ffi's verification results document the summary reads. */
interface VerifierResults {
  result: boolean;
  errors?: { interaction?: string; interactionDescription?: string; mismatch?: unknown }[];
}

function parseResults(raw: unknown): VerifierResults | undefined {
  if (typeof raw !== 'string') return undefined;
  try {
    const doc = JSON.parse(raw) as VerifierResults;
    return typeof doc === 'object' && doc !== null && typeof doc.result === 'boolean' ? doc : undefined;
  } catch {
    return undefined;
  }
}

/** One line per failed interaction: its name and its first mismatches, status first. */
function summariseFailures(results: VerifierResults | undefined): string[] {
  return (results?.errors ?? []).map((e) => {
    const name = (e.interaction ?? e.interactionDescription ?? 'interaction').replace(/^Verifying a pact between \S+ and \S+ (?:- )?/, '');
    return `${name}: ${describeMismatches(e.mismatch)}`;
  });
}

interface Mismatch {
  type?: string;
  mismatch?: string;
  path?: string;
  key?: string;
}
/** Status says most about what went wrong, then headers, then body details. */
const MISMATCH_ORDER = ['StatusMismatch', 'HeaderMismatch', 'BodyTypeMismatch', 'BodyMismatch'];
const MAX_MISMATCHES = 3;

function describeMismatches(mismatch: unknown): string {
  if (!mismatch || typeof mismatch !== 'object') return 'failed';
  const m = mismatch as { type?: string; message?: string; mismatches?: Mismatch[] };
  const rank = (x: Mismatch) => {
    const i = MISMATCH_ORDER.indexOf(x.type ?? '');
    return i < 0 ? MISMATCH_ORDER.length : i;
  };
  const list = [...(m.mismatches ?? [])].sort((a, b) => rank(a) - rank(b));
  if (list.length === 0) return m.message ?? m.type ?? JSON.stringify(mismatch).slice(0, 200);
  const shown = list.slice(0, MAX_MISMATCHES).map((x) => (x.type === 'BodyMismatch' && x.path ? `${x.path}: ${x.mismatch}` : x.mismatch ?? x.type));
  const more = list.length > MAX_MISMATCHES ? ` (+${list.length - MAX_MISMATCHES} more)` : '';
  return shown.join('; ') + more;
}

function displayPath(p: string): string {
  const rel = relative(process.cwd(), p);
  return rel && !rel.startsWith('..') ? rel : p;
}

/**
 * Pact, or what to install: the installed package leaves it to the user (an optional peer
 * dependency: its native core and ~150 packages are only for `callrec verify`).
 */
async function loadPact(): Promise<typeof import('@pact-foundation/pact') | string> {
  try {
    return await import('@pact-foundation/pact');
  } catch (e) {
    if ((e as { code?: string }).code !== 'ERR_MODULE_NOT_FOUND' || !String((e as Error).message).includes('@pact-foundation/pact')) throw e;
    const pkg = JSON.parse(readFileSync(repoPath('package.json'), 'utf8')) as { peerDependencies?: Record<string, string> };
    const version = pkg.peerDependencies?.['@pact-foundation/pact'];
    return `callrec verify needs Pact, an optional peer dependency: npm i -D @pact-foundation/pact${version ? `@${version}` : ''}`;
  }
}
