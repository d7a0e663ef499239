// Command-line errors that end with exit code 2 (bad usage or config), and small value parsers.

export class UsageError extends Error {
  override name = 'UsageError';
}

/**
 * The run cannot start as set up (a port in use, a report directory that cannot be made, a
 * target that is another API's mock): exit 2 with one line, before any check runs.
 */
export class SetupError extends UsageError {
  override name = 'SetupError';
}

export function parseInteger(flag: string, text: string | undefined, min = 0): number | undefined {
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${flag} must be an integer ≥ ${min}, got "${text}"`);
  return n;
}

export const splitList = (text: string | undefined) =>
  text === undefined ? undefined : text.split(',').map((s) => s.trim()).filter(Boolean);

/** `-H 'Name: value'` → {name: value} (lower-case names, as the client sends them). */
export function parseHeaders(values: readonly string[] = []): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const h of values) {
    const at = h.indexOf(':');
    const name = at > 0 ? h.slice(0, at).trim() : '';
    if (!name || /[\s:]/.test(name)) throw new UsageError(`-H expects 'Name: value', got "${h}"`);
    headers[name.toLowerCase()] = h.slice(at + 1).trim();
  }
  return headers;
}

/** A random 31-bit seed: short enough to read aloud, printed so the run can be repeated. */
export const randomSeed = () => crypto.getRandomValues(new Uint32Array(1))[0]! >>> 1;
