// Serving bytes with single byte ranges (RFC 9110 via core/range.ts): 200 whole, 206 partial,
// 416 with `Content-Range: bytes */size`. A malformed Range is ignored (RFC 9110 §14.2 lets a
// server do so; decision `range-malformed-ignored`).
import { contentRange, resolveRange } from '../../core/range.ts';
import * as errors from './errors.ts';
import type { Body, Headers, MockRequest, MockResponse } from '../../core/http.ts';

export function serveBytes(req: MockRequest, size: number, headers: Headers, slice: (start: number, end: number) => Body): MockResponse {
  const base: Headers = { 'accept-ranges': 'bytes', ...headers };
  const outcome = resolveRange(req.headers['range'], size);
  if (outcome.kind === 'unsatisfiable') return errors.rangeNotSatisfiable(size);
  if (outcome.kind === 'partial') {
    return {
      status: 206,
      headers: { ...base, 'content-range': contentRange(outcome.start, outcome.end, size), 'content-length': String(outcome.end - outcome.start + 1) },
      body: slice(outcome.start, outcome.end),
    };
  }
  return { status: 200, headers: { ...base, 'content-length': String(size) }, body: size > 0 ? slice(0, size - 1) : new Uint8Array(0) };
}
