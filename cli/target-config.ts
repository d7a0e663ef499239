// The target config: a JSON or YAML file, the flags on top, and — against a server with the
// control API — the API's mockTargetConfig underneath (the user's values always win).

import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ApiModule, TargetConfig } from '../core/suite.ts';
import { UsageError } from './usage.ts';

// ajv ships CommonJS; depending on the loader the class is the module or its `default`.
const Ajv2020 = ((Ajv2020Module as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;
const MAX_LISTED = 5;

/**
 * Checks a config (the file with the flags on top) against the API's schema: wrong types and
 * unknown keys (usually typos) are configuration errors, named by their place in the file.
 */
export function checkConfig(module: ApiModule, config: TargetConfig, source: string): void {
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  const validate = ajv.compile(module.configSchema);
  if (validate(config)) return;
  const problems = (validate.errors ?? []).map((e) => {
    const at = e.instancePath.replace(/^\//, '').replace(/\//g, '.') || '(top level)';
    if (e.keyword === 'additionalProperties') return `${at === '(top level)' ? '' : `${at}.`}${String(e.params.additionalProperty)}: unknown key for ${module.name}`;
    return `${at}: ${e.message ?? 'is invalid'}`;
  });
  const listed = problems.slice(0, MAX_LISTED).join('; ');
  const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : '';
  throw new UsageError(`invalid ${source}: ${listed}${more}`);
}

export async function loadConfigFile(file: string | undefined): Promise<TargetConfig> {
  if (!file) return {};
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read --config ${file}: ${(e as Error).message}`);
  }
  try {
    const value: unknown = /\.ya?ml$/i.test(file) ? (await import('yaml')).parse(text) : JSON.parse(text);
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('the top level must be an object');
    return value as TargetConfig;
  } catch (e) {
    throw new UsageError(`invalid --config ${file}: ${(e as Error).message}`);
  }
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Deep merge where `over` wins; arrays and scalars are replaced, objects merged. */
export function mergeConfig(under: TargetConfig, over: TargetConfig): TargetConfig {
  const out: TargetConfig = { ...under };
  for (const [k, v] of Object.entries(over)) {
    out[k] = isPlainObject(v) && isPlainObject(out[k]) ? mergeConfig(out[k] as TargetConfig, v) : v;
  }
  return out;
}

export async function loadModule(name: string | undefined): Promise<ApiModule> {
  if (!name) throw new UsageError('--api is required');
  const { apis } = await import('../apis.ts');
  const module = apis[name as keyof typeof apis];
  if (!module) throw new UsageError(`unknown API '${name}' (known: ${Object.keys(apis).join(', ')})`);
  return module;
}

/** The operation ids of the API's spec, in document order. */
export async function operationIds(module: Pick<ApiModule, 'specPath' | 'basePath'>): Promise<string[]> {
  const { loadSpec } = await import('../core/spec-load.ts');
  const paths = (loadSpec(module.specPath, module.basePath).doc.paths ?? {}) as Record<string, Record<string, unknown>>;
  const ids: string[] = [];
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item ?? {})) {
      const id = isPlainObject(op) ? op.operationId : undefined;
      if (typeof id === 'string') ids.push(id);
    }
  }
  return ids;
}

/** `notImplemented` lists operation ids: one the spec does not have is a typo, caught before anything runs. */
export function checkNotImplemented(config: TargetConfig, known: readonly string[], source: string): void {
  const listed = Array.isArray(config.notImplemented) ? (config.notImplemented as unknown[]) : [];
  const unknown = listed.filter((id) => typeof id === 'string' && !known.includes(id));
  if (unknown.length === 0) return;
  const shown = known.length > 12 ? `${known.slice(0, 12).join(', ')}, … (${known.length} in all)` : known.join(', ');
  throw new UsageError(`invalid ${source}: notImplemented: unknown operation id(s) ${unknown.join(', ')} (the spec's operation ids: ${shown})`);
}

/**
 * Characters a header value cannot carry (RFC 9110 §5.5: visible ASCII, SP, HTAB and obs-text;
 * the same set node:http enforces). A value with one would make every request fail before it is sent.
 */
const NOT_IN_HEADER = /[^\t\x20-\x7e\x80-\xff]/;

/** Config keys whose values go into request headers: API keys, tokens (and maps of them), sessions. */
const HEADER_KEY = /(?:^|\.)[^.]*(?:apikey|token|tokens|session)(?:\.|$)/i;

/** Dotted path and value of every string in a config. */
function* stringLeaves(value: unknown, at = ''): Generator<[string, string]> {
  if (typeof value === 'string') yield [at, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* stringLeaves(v, at ? `${at}.${i}` : String(i));
  else if (isPlainObject(value)) for (const [k, v] of Object.entries(value)) yield* stringLeaves(v, at ? `${at}.${k}` : k);
}

function badCharacter(value: string): string | undefined {
  const m = NOT_IN_HEADER.exec(value);
  if (!m) return undefined;
  const code = m[0].codePointAt(0)!;
  const shown = code < 0x20 || code === 0x7f ? '' : ` '${m[0]}'`;
  return `character U+${code.toString(16).toUpperCase().padStart(4, '0')}${shown} at position ${m.index + 1}`;
}

/**
 * Credentials from the config and `-H` headers must be sendable: a value with a character no
 * header can carry (the README's `"apiKey": "…"` placeholder, a pasted newline) is a
 * configuration error naming the key, not a transport error in every check.
 */
export function checkHeaderValues(module: Pick<ApiModule, 'credentials'>, config: TargetConfig, headers: Record<string, string>, source: string): void {
  const problems: string[] = [];
  const why = 'header values allow only visible ASCII, spaces, tabs and Latin-1';
  for (const [path, value] of stringLeaves(config)) {
    if (!HEADER_KEY.test(path)) continue;
    const bad = badCharacter(value);
    if (bad) problems.push(`${path} in ${source} is not a valid HTTP header value (${bad}; ${why})`);
  }
  let built: Record<string, string> = {};
  try {
    built = module.credentials(config);
  } catch (e) {
    problems.push(`the credentials in ${source} cannot be put in a header: ${(e as Error).message}`);
  }
  for (const [name, value] of Object.entries(built)) {
    const bad = badCharacter(value);
    if (!bad) continue;
    // Name the config key the value came from when one holds the offending text.
    const from = [...stringLeaves(config)].find(([, v]) => v.length > 0 && value.includes(v) && badCharacter(v));
    if (from && problems.some((p) => p.startsWith(`${from[0]} `))) continue;
    problems.push(`${from ? `${from[0]} in ${source}` : `the ${name} header built from ${source}`} is not a valid HTTP header value (${bad}; ${why})`);
  }
  for (const [name, value] of Object.entries(headers)) {
    const bad = badCharacter(value);
    if (bad) problems.push(`-H '${name}: …' is not a valid HTTP header value (${bad}; ${why})`);
    else if (!/^[!#$%&'*+.^_`|~0-9a-z-]+$/i.test(name)) problems.push(`-H '${name}: …': '${name}' is not a valid header name`);
  }
  if (problems.length === 0) return;
  const more = problems.length > MAX_LISTED ? ` (and ${problems.length - MAX_LISTED} more)` : '';
  throw new UsageError(problems.slice(0, MAX_LISTED).join('; ') + more);
}
