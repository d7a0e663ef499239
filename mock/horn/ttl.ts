// The `ttl` query parameter of download URLs and credentials: a positive number and a unit
// (`30s`, `1m`, `2h`, `1d`), default 5 minutes (facts §1.4). Units beyond days and lifetimes
// beyond 30 days are refused (decision `ttl-format`).

export const DEFAULT_TTL_MS = 5 * 60_000;
export const MAX_TTL_MS = 30 * 24 * 3600_000;

const UNIT_MS = { s: 1000, m: 60_000, h: 3600_000, d: 24 * 3600_000 } as const;
const TTL = /^([1-9][0-9]{0,8})([smhd])$/;

export type TtlResult = { ok: true; ms: number } | { ok: false; message: string };

export function parseTtl(raw: string | null): TtlResult {
  if (raw === null) return { ok: true, ms: DEFAULT_TTL_MS };
  const m = TTL.exec(raw);
  if (!m) return { ok: false, message: `ttl '${raw}' must be a positive number followed by s, m, h or d (e.g. 1m)` };
  const ms = Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS];
  if (ms > MAX_TTL_MS) return { ok: false, message: `ttl '${raw}' exceeds the maximum of 30d` };
  return { ok: true, ms };
}
