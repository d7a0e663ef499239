// ZIP download of several recordings: a real archive, named as documented, whose entries are
// byte for byte the media each recording serves on its own.
import type { Check, CheckContext } from '../../../core/check.ts';
import { readZip } from '../../../core/zip.ts';
import { asConfig } from '../config.ts';
import { OP, completeRecording, expectStatus, getRecording, type MeetRecording } from '../support.ts';
import { bytesEqual, freshCompleteRecording, fullMedia, listAll } from '../support-media.ts';

const ZIP_SPEC = '#/paths/~1recordings~1download/get';

/**
 * Two complete recordings. Mock with control: recorded now. Otherwise the ZIP only reads, so it uses
 * what the target has: recordings.complete plus recordings.large or another complete one listed.
 */
async function twoCompleteRecordings(ctx: CheckContext): Promise<MeetRecording[]> {
  if (ctx.control) return [await freshCompleteRecording(ctx), await freshCompleteRecording(ctx)];
  const configured = await completeRecording(ctx);
  const large = asConfig(ctx.config).recordings?.large;
  if (large && large !== configured.recordingId) {
    const res = await getRecording(ctx, large);
    expectStatus(ctx, res, 200, 'the configured recordings.large must exist', OP.get);
    return [configured, res.json<MeetRecording>()];
  }
  const { items } = await listAll(ctx, { status: 'complete', maxItems: 20 }, 1);
  const other = items.find((r) => r.recordingId !== configured.recordingId && r.status === 'complete');
  if (!other) ctx.notApplicable('needs two complete recordings: set recordings.large, or have a second complete recording listed');
  return [configured, other];
}

const entriesMatchMedia: Check = {
  id: 'openvidu-meet.zip.entries-match-media',
  title: 'the ZIP download holds each recording\'s media exactly',
  operations: [OP.zip, OP.media],
  specRef: ZIP_SPEC,
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const recs = await twoCompleteRecordings(ctx);
    const res = await ctx.target.request({
      method: 'GET',
      path: '/recordings/download',
      query: { recordingIds: recs.map((r) => r.recordingId).join(',') },
      operation: OP.zip,
    });
    expectStatus(ctx, res, 200, 'ZIP download of complete recordings must answer 200', OP.zip);
    await ctx.rule('the download is an application/zip attachment named recordings.zip', () => {
      const type = (res.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (type !== 'application/zip') {
        ctx.fail({ rule: 'the download is served as application/zip', expected: 'Content-Type: application/zip', actual: `Content-Type: ${res.headers['content-type'] ?? '(absent)'}`, response: res, operation: OP.zip });
      }
      const disposition = res.headers['content-disposition'] ?? '';
      if (!/^attachment\s*;/i.test(disposition) || !/filename\s*=\s*"?recordings\.zip"?\s*(;|$)/i.test(disposition)) {
        ctx.fail({ rule: 'the download is an attachment named recordings.zip', expected: 'Content-Disposition: attachment; filename="recordings.zip"', actual: `Content-Disposition: ${disposition || '(absent)'}`, response: res, operation: OP.zip });
      }
    });

    let entries: { name: string; bytes: Uint8Array }[];
    try {
      entries = readZip(res.bytes).filter((e) => !e.name.endsWith('/'));
    } catch (e) {
      ctx.fail({ rule: 'the download must be a valid ZIP archive', expected: 'a readable ZIP', actual: `unreadable: ${e instanceof Error ? e.message : String(e)}`, response: res, operation: OP.zip });
    }
    if (entries.length !== recs.length) {
      ctx.fail({ rule: 'the ZIP holds one entry per recording', expected: `${recs.length} entries`, actual: `${entries.length} entries (${entries.map((e) => e.name).join(', ')})`, response: res, operation: OP.zip });
    }

    // Match entries to recordings by content, not by name: names are the server's business,
    // and two recordings may hold identical media. Each entry may be used once.
    const unused = [...entries];
    for (const rec of recs) {
      const media = await fullMedia(ctx, rec);
      const at = unused.findIndex((e) => bytesEqual(e.bytes, media));
      if (at < 0) {
        ctx.fail({
          rule: 'each ZIP entry is byte for byte the recording\'s media',
          expected: `an entry of ${media.byteLength} bytes equal to the media of ${rec.recordingId}`,
          actual: `entries: ${unused.map((e) => `${e.name} (${e.bytes.byteLength} bytes)`).join(', ') || 'none left'}`,
          response: res,
          operation: OP.zip,
        });
      }
      unused.splice(at, 1);
    }
  },
};

export const zipChecks: Check[] = [entriesMatchMedia];
