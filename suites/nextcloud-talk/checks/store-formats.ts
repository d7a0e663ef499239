// Every format the store keeps and every near miss (spec decision store-formats, after facts §2.2
// DEFAULT_ALLOWED_RECORDING_FORMATS): the mimetype is sniffed from the bytes and the file name's
// extension must be the one for it. Small synthetic files carry just the magic a content sniffer
// reads (an ISO `ftyp` box and its brand, an EBML DocType, the Ogg codec header), so each rule
// names one detection at a time; whether a real server's libmagic reads them the same way is the
// decision's business, hence decision-only.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, cast, createRoom, errorCode, excerpt, requireWrites } from '../support.ts';
import { fileOf, recordingNotifications, relaxThrottle, secretReady, storeCall } from '../support-recording.ts';

const SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}~1store/post/requestBody';
const DECISION = 'store-formats';

const ascii = (s: string) => [...s].map((ch) => ch.charCodeAt(0));
const pad = (head: number[], size = 96) => new Uint8Array([...head, ...new Array(Math.max(0, size - head.length)).fill(0)]);
/** An ISO base media file's first box: size, `ftyp`, the major brand. */
const iso = (brand: string) => pad([0, 0, 0, 0x18, ...ascii('ftyp'), ...ascii(brand), 0, 0, 0, 0, ...ascii('isomiso2')]);
/** An EBML header naming its DocType (1-byte size form). */
const ebml = (docType: string) => pad([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x80 | docType.length, ...ascii(docType)]);
/** An Ogg page whose first packet is the given codec header. */
const ogg = (codec: number[]) => pad([...ascii('OggS'), 0, 2, ...new Array(20).fill(0), 1, 30, ...codec], 128);
const THEORA = [0x80, ...ascii('theora')];
/** How far into an Ogg stream the sniff looks for the codec header (decision store-formats). */
const OGG_WINDOW = 4096;
/** An Ogg page whose codec header starts only at byte `at` (padding before it). */
const lateCodec = (at: number, codec: number[]) => {
  const bytes = new Uint8Array(at + codec.length + 32);
  bytes.set([...ascii('OggS'), 0, 2]);
  bytes.set(codec, at);
  return bytes;
};
const OPUS = ascii('OpusHead');
/** How far libmagic searches for the EBML DocType id from byte 4 (decision store-formats). */
const EBML_SEARCH = 4096;
/** The EBML magic, then a DocType element (id, 1-byte size, value) starting at byte `at`. */
const ebmlAt = (at: number, docType: string) => {
  const bytes = new Uint8Array(at + 3 + docType.length + 16);
  bytes.set([0x1a, 0x45, 0xdf, 0xa3]);
  bytes.set([0x42, 0x82, 0x80 | docType.length, ...ascii(docType)], at);
  return bytes;
};

interface Case {
  name: string;
  bytes: Uint8Array;
  /** The mimetype stored, or the error code expected. */
  want: { stored: string } | { error: 'file_mimetype' | 'file_extension' };
}

const CASES: Case[] = [
  { name: 'iso.mp4', bytes: iso('isom'), want: { stored: 'video/mp4' } },
  { name: 'matroska.mkv', bytes: ebml('matroska'), want: { stored: 'video/x-matroska' } },
  { name: 'webm.webm', bytes: ebml('webm'), want: { stored: 'video/webm' } },
  { name: 'theora.ogv', bytes: ogg(THEORA), want: { stored: 'video/ogg' } },
  { name: 'opus.ogg', bytes: ogg(OPUS), want: { stored: 'audio/ogg' } },
  { name: 'quicktime.mp4', bytes: iso('qt  '), want: { error: 'file_mimetype' } },
  { name: 'phone.mp4', bytes: iso('3gp4'), want: { error: 'file_mimetype' } },
  { name: 'audio.mp4', bytes: iso('M4A '), want: { error: 'file_mimetype' } },
  { name: 'audiobook.mp4', bytes: iso('M4B '), want: { error: 'file_mimetype' } },
  { name: 'other.mkv', bytes: ebml('callrec'), want: { error: 'file_mimetype' } },
  { name: 'nocodec.ogg', bytes: ogg(ascii('nothing!')), want: { error: 'file_mimetype' } },
  { name: 'matroska.webm', bytes: ebml('matroska'), want: { error: 'file_extension' } },
  { name: 'webm.mkv', bytes: ebml('webm'), want: { error: 'file_extension' } },
  { name: 'theora.ogg', bytes: ogg(THEORA), want: { error: 'file_extension' } },
  { name: 'opus.ogv', bytes: ogg(OPUS), want: { error: 'file_extension' } },
  { name: 'iso.MP4', bytes: iso('mp42'), want: { stored: 'video/mp4' } },
  { name: 'no-extension', bytes: iso('isom'), want: { error: 'file_extension' } },
  // A name that is only an extension has none (PHP pathinfo: no dot, no extension).
  { name: 'mp4', bytes: iso('isom'), want: { error: 'file_extension' } },
  // A name that is only a dot and an extension has that extension (PHP pathinfo('.mp4') is 'mp4').
  { name: '.mp4', bytes: iso('isom'), want: { stored: 'video/mp4' } },
  // The Ogg codec header counts only wholly within the first 4 KiB: one ending at byte 4096 names
  // the stream, one straddling the boundary (or beyond it) does not.
  { name: 'edge-codec.ogg', bytes: lateCodec(OGG_WINDOW - OPUS.length, OPUS), want: { stored: 'audio/ogg' } },
  { name: 'straddling-codec.ogg', bytes: lateCodec(OGG_WINDOW - 4, OPUS), want: { error: 'file_mimetype' } },
  { name: 'late-codec.ogv', bytes: lateCodec(OGG_WINDOW + 64, THEORA), want: { error: 'file_mimetype' } },
  // The EBML DocType is found as libmagic's Matroska magic finds it: its id starting anywhere from
  // byte 4 to byte 4 + 4095 (search/4096), its value one size byte after the id.
  { name: 'doctype-first.webm', bytes: ebmlAt(4, 'webm'), want: { stored: 'video/webm' } },
  { name: 'late-doctype.mkv', bytes: ebmlAt(4 + EBML_SEARCH - 1, 'matroska'), want: { stored: 'video/x-matroska' } },
  { name: 'too-late-doctype.webm', bytes: ebmlAt(4 + EBML_SEARCH, 'webm'), want: { error: 'file_mimetype' } },
  // The smallest files: a 12-byte ftyp box names its brand; 8 bytes end before any brand.
  { name: 'twelve-bytes.mp4', bytes: new Uint8Array([0, 0, 0, 12, ...ascii('ftypisom')]), want: { stored: 'video/mp4' } },
  { name: 'no-brand.mp4', bytes: new Uint8Array([0, 0, 0, 8, ...ascii('ftyp')]), want: { error: 'file_mimetype' } },
];

const everyFormat: Check = {
  id: 'nextcloud-talk.store.every-format',
  title: 'store keeps MP4, Matroska, WebM, Ogg video and Ogg audio under their own extensions (with that mimetype), refuses QuickTime, 3GP, M4A and unknown streams (file_mimetype) and a known format under another extension (file_extension)',
  operations: [OP.storeRecording, OP.getNotifications],
  specRef: SPEC,
  needs: ['credentials', 'writes'],
  decision: DECISION,
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    await secretReady(ctx);
    await relaxThrottle(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const fail = (rule: string, expected: string, actual: string, response?: TargetResponse) =>
      ctx.fail({ rule, specRef: SPEC, expected, actual, operation: OP.storeRecording, decision: DECISION, ...(response ? { response } : {}) });
    const groups: [string, (k: Case) => boolean][] = [
      ['each allowed format is stored under its own extension, with its mimetype', (k) => 'stored' in k.want],
      ['a stream outside the allowed formats is 400 file_mimetype', (k) => 'error' in k.want && k.want.error === 'file_mimetype'],
      ['an allowed format under another format\'s extension (or none) is 400 file_extension', (k) => 'error' in k.want && k.want.error === 'file_extension'],
    ];
    for (const [rule, pick] of groups) {
      await ctx.rule(rule, async () => {
        const wrong: string[] = [];
        let shown: TargetResponse | undefined;
        for (const k of CASES.filter(pick)) {
          const res = await storeCall(ctx, token, { owner: c.owner.user, fileName: k.name, bytes: k.bytes, contentType: 'application/octet-stream' });
          if ('error' in k.want) {
            if (res.status !== 400 || errorCode(res) !== k.want.error) {
              wrong.push(`${k.name}: HTTP ${res.status} ${errorCode(res) ?? excerpt(res, 60)}`);
              shown ??= res;
            }
            continue;
          }
          if (res.status !== 200) {
            wrong.push(`${k.name}: HTTP ${res.status} ${errorCode(res) ?? ''}`);
            shown ??= res;
            continue;
          }
          const { list } = await recordingNotifications(ctx, c.owner, token);
          const file = list.map(fileOf).find((f) => f?.path.endsWith(`/${k.name}`));
          if (file?.mimetype !== k.want.stored) wrong.push(`${k.name}: stored as ${file?.mimetype ?? '(no notification)'}`);
        }
        if (wrong.length) fail(rule, CASES.filter(pick).map((k) => `${k.name} → ${'stored' in k.want ? k.want.stored : k.want.error}`).join(', '), wrong.join('; '), shown);
      }, { operation: OP.storeRecording, decision: DECISION });
    }
  },
};

export const storeFormatChecks: Check[] = [everyFormat];
