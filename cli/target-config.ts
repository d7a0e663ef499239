// The target config: a JSON or YAML file, the flags on top, and — against a server with the
// control API — the API's mockTargetConfig underneath (the user's values always win).

import { readFileSync } from 'node:fs';
import type { ApiModule, TargetConfig } from '../core/api.ts';
import { UsageError } from './usage.ts';

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
