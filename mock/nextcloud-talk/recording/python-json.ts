// JSON the way the official recording server writes it: Python's json.dumps with its defaults,
// i.e. ", " and ": " as separators. The simulated recording server sends exactly these bytes, so
// the mock's checksum over the raw body is tested against the spacing a real recording server
// produces (a JSON re-encode would break it). json.dumps also escapes non-ASCII as \uXXXX; what
// the simulated server sends (room tokens, actor types, user ids) is ASCII by Nextcloud's rules,
// so that escaping would never change a byte and is left out.

export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}
