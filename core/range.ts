// RFC 9110 §14 byte ranges over a representation of known size.
//
// `range-parser` does the parsing (unit, comma list, digits, suffix arithmetic, clamping the
// last position). It leaves a few RFC rules to the caller, which live here:
//   * an int-range whose last position is below its first is *invalid* (§14.1.1), not merely
//     unsatisfiable: range-parser silently drops it, we report it as malformed;
//   * a suffix longer than the representation means "the whole representation" (§14.1.3):
//     range-parser computes a negative start and drops it;
//   * a range unit we do not know means "ignore the header" (§14.2);
//   * more than one range: RFC 9110 lets a server ignore Range entirely, and every platform we
//     mock answers single ranges only, so a multi-range request gets the full 200;
//   * platforms cap open-ended requests (`bytes=N-`) so one request cannot pull a whole file.

import parseRange from 'range-parser';

export type RangeOutcome =
  /** No (usable) Range header: serve the whole representation with 200. */
  | { kind: 'none' }
  /** Serve bytes start..end (both inclusive) with 206. */
  | { kind: 'partial'; start: number; end: number }
  /** Valid syntax but nothing in range: 416 with `unsatisfiedRange(size)` as Content-Range. */
  | { kind: 'unsatisfiable' }
  /** Not a ranges-specifier at all; what to answer is the API's call (ignore, 400, 422 …). */
  | { kind: 'malformed' };

export interface RangeOptions {
  /** Longest slice (bytes) an open-ended `bytes=N-` may return; unlimited when absent. */
  openEndedCap?: number;
  /** Multi-range (multipart/byteranges) is not supported; the option exists only to say so. */
  allowMultiple?: false;
}

const NONE: RangeOutcome = { kind: 'none' };
const UNSATISFIABLE: RangeOutcome = { kind: 'unsatisfiable' };
const MALFORMED: RangeOutcome = { kind: 'malformed' };

/** RFC 9110 `token` (tchar+): what a range unit must look like. */
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function resolveRange(header: string | undefined, size: number, opts: RangeOptions = {}): RangeOutcome {
  if (header === undefined || header.trim() === '') return NONE;

  const parsed = parseRange(size, header);
  if (parsed === -2) return MALFORMED;

  const eq = header.indexOf('=');
  const unit = header.slice(0, eq);
  if (!TOKEN.test(unit)) return MALFORMED;
  // Range units are case-insensitive tokens (§14.1); an unknown one is ignored (§14.2).
  if (unit.toLowerCase() !== 'bytes') return NONE;

  const specs = header.slice(eq + 1).split(',');
  if (specs.length > 1) return NONE;

  // range-parser accepted the syntax, so the single spec is `first-last` with either side
  // possibly empty (never both) and each present side all digits. We only need its form.
  const spec = specs[0]!;
  const dash = spec.indexOf('-');
  const firstText = spec.slice(0, dash).trim();
  const lastText = spec.slice(dash + 1).trim();
  const isSuffix = firstText === '';
  const isOpenEnded = !isSuffix && lastText === '';

  if (!isSuffix && !isOpenEnded && Number(lastText) < Number(firstText)) return MALFORMED;

  if (parsed !== -1) {
    const { start, end } = parsed[0]!;
    const cap = opts.openEndedCap;
    const capped = isOpenEnded && cap !== undefined ? Math.min(end, start + cap - 1) : end;
    return { kind: 'partial', start, end: capped };
  }

  // range-parser found nothing satisfiable; sort out the cases where the RFC disagrees.
  if (isSuffix) {
    const suffixLength = Number(lastText);
    if (suffixLength === 0) return UNSATISFIABLE;
    // A suffix longer than the file means the whole file. For an empty file that is zero
    // bytes, which a 206 cannot express (Content-Range needs first ≤ last): serve it as a 200.
    return size === 0 ? NONE : { kind: 'partial', start: 0, end: size - 1 };
  }
  return UNSATISFIABLE; // first position at or beyond the end
}

/** `Content-Range` value of a 206: `bytes start-end/size`. */
export function contentRange(start: number, end: number, size: number): string {
  return `bytes ${start}-${end}/${size}`;
}

// `Content-Range` value of a 416: `bytes */size`.
export function unsatisfiedRange(size: number): string {
  return `bytes */${size}`;
}
