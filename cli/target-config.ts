// The target config: a JSON or YAML file, the flags on top, and — against a server with the
// control API — the API's mockTargetConfig underneath (the user's values always win).

import { readFileSync } from 'node:fs';
import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ApiModule, TargetConfig } from '../core/api.ts';
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
