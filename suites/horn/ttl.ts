// The `ttl` of download URLs and credentials as the checks read it (facts §1.4): a number and a
// unit, "1m" one minute, "1d" one day; without it, 5 minutes. Seconds and hours are the
// harness's reading of "etc." (decision `ttl-format`).
export const DEFAULT_TTL_MS = 5 * 60_000;

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Milliseconds a ttl string asks for, or undefined when it is not `<digits><s|m|h|d>`. */
export function ttlMs(ttl: string): number | undefined {
  const m = /^([0-9]+)([smhd])$/.exec(ttl);
  return m ? Number(m[1]) * UNIT_MS[m[2]!]! : undefined;
}
