// ZIP download of several recordings: a real archive, named as documented, whose entries are
// byte for byte the media each recording serves on its own.
import type { Check, CheckContext } from '../../../core/check.ts';
import { readZip } from '../../../core/zip.ts';
import { asConfig } from '../config.ts';
import { OP, completeRecording, expectStatus, getRecording, seedData, uniqueRoomId, unknownRecordingId, type MeetRecording } from '../support.ts';
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
      entries = readZip(res.bytes);
    } catch (e) {
      ctx.fail({ rule: 'the download must be a valid ZIP archive', expected: 'a readable ZIP', actual: `unreadable: ${e instanceof Error ? e.message : String(e)}`, response: res, operation: OP.zip });
    }
    // A flat archive of MP4s (facts §5.4): one file per recording, no folders.
    if (entries.length !== recs.length || entries.some((e) => e.name.endsWith('/'))) {
      ctx.fail({ rule: 'the ZIP holds one file per recording and nothing else', expected: `${recs.length} files, no folders`, actual: `${entries.length} entries (${entries.map((e) => e.name).join(', ')})`, response: res, operation: OP.zip });
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

    // Items that cannot be served are skipped (facts §5.4): an unknown id, a recording in progress.
    const skipRule = 'a ZIP with unknown ids and recordings in progress among complete ones holds the complete ones only';
    const active = ctx.control ? await activeRecording(ctx) : asConfig(ctx.config).recordings?.active;
    await ctx.rule(skipRule, async () => {
      const ids = [recs[0]!.recordingId, unknownRecordingId(ctx), ...(active ? [active] : [])];
      const mixed = await ctx.target.request({ method: 'GET', path: '/recordings/download', query: { recordingIds: ids.join(',') }, operation: OP.zip });
      expectStatus(ctx, mixed, 200, `${skipRule} (HTTP 200)`, OP.zip);
      const got = readZip(mixed.bytes);
      const media = await fullMedia(ctx, recs[0]!);
      if (got.length !== 1 || !bytesEqual(got[0]!.bytes, media)) {
        ctx.fail({ rule: skipRule, expected: `one entry: the media of ${recs[0]!.recordingId} (${media.byteLength} bytes)`, actual: `${got.length} entries: ${got.map((e) => `${e.name} (${e.bytes.byteLength} bytes)`).join(', ')}`, response: mixed, operation: OP.zip });
      }
    });
  },
};

/** Mock only: a recording in progress, seeded in a room of its own. */
async function activeRecording(ctx: CheckContext): Promise<string> {
  const roomId = uniqueRoomId(ctx, 'zip-active');
  const [rec] = await seedData(ctx, { rooms: [{ roomId, roomName: `Room ${roomId}`, participants: 1 }], recordings: [{ roomId, status: 'active' }] });
  return rec!.recordingId;
}

export const zipChecks: Check[] = [entriesMatchMedia];
