// Media download of a whole recording: the bytes, their length and the headers a player relies on.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, completeRecording, configuredActiveRecording, expectStatus, getRecording, ownOrConfigured, type MeetRecording } from '../support.ts';
import { MEDIA_SPEC, activeRecording, getMedia, startsWithFtyp, stopQuietly } from '../support-media.ts';

const header = (res: TargetResponse, name: string) => res.headers[name.toLowerCase()];

function expectMediaHeaders(ctx: CheckContext, res: TargetResponse, rec: MeetRecording, what: string): void {
  if ((header(res, 'accept-ranges') ?? '').toLowerCase() !== 'bytes') {
    ctx.fail({ rule: `${what} must advertise byte ranges`, expected: 'Accept-Ranges: bytes', actual: `Accept-Ranges: ${header(res, 'accept-ranges') ?? '(absent)'}`, response: res, operation: OP.media });
  }
  const type = (header(res, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'video/mp4') {
    ctx.fail({ rule: `${what} must be served as video/mp4`, expected: 'Content-Type: video/mp4', actual: `Content-Type: ${header(res, 'content-type') ?? '(absent)'}`, response: res, operation: OP.media });
  }
  // Documented (components/headers/CacheControl, facts §5.4): players and proxies may keep the file an hour.
  const cache = (header(res, 'cache-control') ?? '').toLowerCase();
  const directives = cache.split(',').map((d) => d.trim());
  if (!directives.includes('public') || !directives.includes('max-age=3600')) {
    ctx.fail({ rule: `${what} may be cached for an hour`, expected: 'Cache-Control: public, max-age=3600', actual: `Cache-Control: ${header(res, 'cache-control') ?? '(absent)'}`, response: res, operation: OP.media });
  }
  const length = header(res, 'content-length');
  if (length === undefined || Number(length) !== rec.size) {
    ctx.fail({
      rule: `${what}: Content-Length must equal the recording's size`,
      expected: `Content-Length: ${rec.size}`,
      actual: `Content-Length: ${length ?? '(absent)'}`,
      response: res,
      operation: OP.media,
    });
  }
}

const fullDownload: Check = {
  id: 'openvidu-meet.media.full-download',
  title: 'media of a complete recording is the whole MP4, its length equal to the recording size',
  operations: [OP.media, OP.get],
  specRef: MEDIA_SPEC,
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const made = await completeRecording(ctx);
    // Read the record again: `size` is what the API publishes, and it must describe what media serves.
    const read = await getRecording(ctx, made.recordingId);
    expectStatus(ctx, read, 200, 'a complete recording must be readable', OP.get);
    const rec = read.json<MeetRecording>();
    if (typeof rec.size !== 'number') {
      ctx.fail({ rule: 'a complete recording must report its size', expected: 'size: a number of bytes', actual: `size: ${JSON.stringify(rec.size)}`, response: read, operation: OP.get });
    }

    await ctx.rule('media without Range is the whole MP4, `size` bytes, with the documented headers', async () => {
      const res = await getMedia(ctx, rec.recordingId);
      expectStatus(ctx, res, 200, 'media without Range must answer 200 with the whole file', OP.media);
      expectMediaHeaders(ctx, res, rec, 'the full media download');
      if (res.bytes.byteLength !== rec.size) {
        ctx.fail({
          rule: 'the full media download must be exactly `size` bytes',
          expected: `${rec.size} bytes (the recording's size)`,
          actual: `${res.bytes.byteLength} bytes received`,
          response: res,
          operation: OP.media,
        });
      }
      if (!startsWithFtyp(res.bytes)) {
        ctx.fail({ rule: 'recording media must be an MP4 file', expected: "an 'ftyp' box at byte 4", actual: 'no ftyp box at the start of the body', response: res, operation: OP.media });
      }
    });

    // HEAD is GET without the body (RFC 9110 §9.3.2): same status and representation headers.
    await ctx.rule('HEAD of the media answers like GET, without a body', async () => {
      const head = await getMedia(ctx, rec.recordingId, { method: 'HEAD' });
      expectStatus(ctx, head, 200, 'HEAD of the media must answer like GET', OP.media);
      expectMediaHeaders(ctx, head, rec, 'HEAD of the media');
      if (head.bytes.byteLength !== 0) {
        ctx.fail({ rule: 'HEAD must not send a body', expected: 'an empty body', actual: `${head.bytes.byteLength} bytes`, response: head, operation: OP.media });
      }
    });
  },
};

const inProgressConflict: Check = {
  id: 'openvidu-meet.media.in-progress-conflict',
  title: 'media of a recording still in progress answers 409',
  operations: [OP.media],
  specRef: MEDIA_SPEC,
  // A recording of its own needs a room and writes; without them the configured recordings.active serves.
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    // A recording of our own; where the target cannot start one, the configured recordings.active.
    const got = await ownOrConfigured(ctx, 'start in a recordable room answers 201', () => activeRecording(ctx), 'a recording in progress is at hand', () => configuredActiveRecording(ctx));
    if (!got) {
      ctx.notRun('media of a recording in progress answers 409', 'no recording in progress to ask for');
      return;
    }
    const rec = got.value;
    try {
      await ctx.rule('media of a recording in progress answers 409 with an Error body', async () => {
        const res = await getMedia(ctx, rec.recordingId);
        expectStatus(ctx, res, 409, 'media of a recording in progress must answer 409', OP.media);
        const body = res.json<{ error?: unknown; message?: unknown }>();
        if (typeof body.error !== 'string' || typeof body.message !== 'string' || body.message.length === 0) {
          ctx.fail({ rule: 'a 409 must carry the documented error body', expected: '{error: string, message: string}', actual: res.text().slice(0, 200), response: res, operation: OP.media });
        }
      });
    } finally {
      if (!ctx.control && got.own) await stopQuietly(ctx, rec.recordingId);
    }
  },
};

export const mediaChecks: Check[] = [fullDownload, inProgressConflict];
