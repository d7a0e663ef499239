// Which checks a run executes (--checks, --exclude-checks, --shard) and the seed each one gets.

import type { Check } from '../../core/check.ts';

export class UnknownCheckError extends Error {
  constructor(readonly ids: string[]) {
    super(`unknown check id${ids.length > 1 ? 's' : ''}: ${ids.join(', ')}`);
    this.name = 'UnknownCheckError';
  }
}

/** FNV-1a, 32 bits: stable across runs and platforms, good enough to spread ids. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Each check gets its own seed, so running it alone reproduces what it did in the full run. */
export const deriveSeed = (seed: number, checkId: string) => (seed + hashId(checkId)) >>> 0;

export interface Shard {
  index: number; // 1-based
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (!m || count < 1 || index < 1 || index > count) throw new Error(`--shard must be k/n with 1 ≤ k ≤ n, got "${text}"`);
  return { index, count };
}

/** An id selects itself and everything below it (`openvidu-meet.pagination` selects the group); the API prefix may be left out. */
function matcher(api: string, pattern: string) {
  const candidates = [pattern, `${api}.${pattern}`];
  return (id: string) => candidates.some((p) => id === p || id.startsWith(`${p}.`));
}

export interface Selection {
  checks?: readonly string[] | 'all';
  excludeChecks?: readonly string[];
  shard?: Shard;
}

/** Keeps the module's order. Throws UnknownCheckError when a pattern selects nothing. */
export function selectChecks<C extends Pick<Check, 'id'>>(api: string, all: readonly C[], sel: Selection): C[] {
  const include = sel.checks === undefined || sel.checks === 'all' || sel.checks.includes('all') ? undefined : sel.checks;
  const unknown = [...(include ?? []), ...(sel.excludeChecks ?? [])].filter((p) => !all.some((c) => matcher(api, p)(c.id)));
  if (unknown.length > 0) throw new UnknownCheckError(unknown);

  return all.filter((c) => {
    if (include && !include.some((p) => matcher(api, p)(c.id))) return false;
    if (sel.excludeChecks?.some((p) => matcher(api, p)(c.id))) return false;
    // Hashing the id (not the position) keeps a check in its shard when others are added.
    if (sel.shard && hashId(c.id) % sel.shard.count !== sel.shard.index - 1) return false;
    return true;
  });
}
