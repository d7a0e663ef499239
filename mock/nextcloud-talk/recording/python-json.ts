// JSON the way the official recording server writes it: Python's json.dumps with its defaults,
// i.e. ", " and ": " as separators. The simulated recording server sends exactly these bytes, so
// the mock's checksum over the raw body is tested against the spacing a real recording server
// produces (a JSON re-encode would break it). json.dumps also escapes non-ASCII as \uXXXX; what
// the simulated server sends (room tokens, actor types, user ids) is ASCII by Nextcloud's rules,
// so that escaping would never change a byte and is left out. Its messages hold no lists, null or
// booleans either, so only strings, numbers and objects are written.

/** What the simulated server writes: strings, numbers and objects of them (no lists, no null). */
export type PyJson = string | number | { readonly [key: string]: PyJson };

export function pythonJsonDumps(value: PyJson): string {
  if (typeof value !== 'object') return JSON.stringify(value);
  return `{${Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}
