// GET|HEAD /downloads/{id}.webm?expires&signature — the file behind a finished recording's
// signed link, with single byte ranges (core/range.ts). 403 for a bad or expired link.
import type { Headers, MockRequest, MockResponse } from '../../../core/http.ts';
import { contentRange, resolveRange, unsatisfiedRange } from '../../../core/range.ts';
import { has, isExpired } from '../context.ts';
import * as errors from '../errors.ts';
import { checkLink } from '../links.ts';
import { stateOf } from '../types.ts';
import type { EyesonContext } from '../context.ts';

export async function downloadRecordingFile(ctx: EyesonContext, req: MockRequest, file: string): Promise<MockResponse> {
  const link = await checkLink(ctx, file, req.query.get('expires'), req.query.get('signature'));
  if (!link.ok) {
    if (link.reason === 'not-a-file') return errors.notFound('File');
    return errors.error(403, link.reason === 'expired' ? 'This download link has expired' : 'Invalid download link signature');
  }
  const r = ctx.store.get(link.recordingId);
  if (!r || r.deletedAt !== undefined || isExpired(ctx, r) || stateOf(r) !== 'finished') return errors.notFound('Recording');

  const info = ctx.media.info(r.media);
  if (!info) return errors.internal(`media ${r.media} is missing`);
  const size = info.size;
  const base: Headers = { 'accept-ranges': 'bytes', 'content-type': 'video/webm', 'cache-control': 'private, max-age=3600' };
  const whole = (): MockResponse => ({
    status: 200,
    headers: { ...base, 'content-length': String(size) },
    body: size > 0 ? ctx.media.body(r.media, 0, size - 1) : new Uint8Array(0),
  });

  const outcome = resolveRange(req.headers['range'], size);
  switch (outcome.kind) {
    case 'none':
    case 'malformed': // RFC 9110 §14.2: a Range the server cannot use is ignored
      return whole();
    case 'unsatisfiable':
      return errors.error(416, 'Range not satisfiable', { 'content-range': unsatisfiedRange(size) });
    case 'partial': {
      if (has(ctx, 'range-ignored-200')) return whole();
      const { start, end } = outcome;
      const shownEnd = has(ctx, 'content-range-end-off-by-one') ? end + 1 : end;
      return {
        status: 206,
        headers: { ...base, 'content-length': String(end - start + 1), 'content-range': contentRange(start, shownEnd, size) },
        body: ctx.media.body(r.media, start, end),
      };
    }
  }
}
