// JSON the way the official recording server writes it: Python's json.dumps with its defaults,
// i.e. ", " and ": " as separators and every non-ASCII character escaped as \uXXXX. The simulated
// recording server sends exactly these bytes, so the mock's checksum over the raw body is tested
// against the spacing a real recording server produces (a JSON re-encode would break it).

const escapeNonAscii = (s: string): string =>
  s.replace(/[\u0080-\uffff]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function pythonJsonDumps(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return escapeNonAscii(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(pythonJsonDumps).join(', ')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  return `{${entries.map(([k, v]) => `${pythonJsonDumps(k)}: ${pythonJsonDumps(v)}`).join(', ')}}`;
}
