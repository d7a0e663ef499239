// What the hand-outs serve, against what the listings say (facts §1.4, §1.5). Documented: a
// download JWT lists the available assets of its recording (id, format, label, size in bytes)
// and downloads each; the bytes served are the asset's, `size` long. RFC 9110 §14: a ranged
// answer carries exactly the bytes its Content-Range names. Ours: that a single range is served
// as 206, an unsatisfiable one as 416 with `Content-Range: bytes */size`, a malformed one ignored
// (decision `range-malformed-ignored`); the download URL serves a ZIP of the assets of its kind,
// one entry per asset named after its file (decision `download-url-form`); a kind without assets
// is 404 ASSET_NOT_FOUND and an unknown kind 400 BAD_REQUEST (decision `download-kind`).
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { readZip } from '../../../core/zip.ts';
import { OP, ownerAuth, dependents, excerpt, expectError, get, jsonOf, paths, readyRecording, recordableChannel, seedRecordings, step } from '../support.ts';
import type { HornAsset } from '../support.ts';

interface Available {
  id: string;
  format?: string;
  kind?: string;
  label?: string;
  size?: number;
}

const RANGES = 'range-malformed-ignored';
const same = (a: Uint8Array, b: Uint8Array) => a.byteLength === b.byteLength && a.every((x, i) => x === b[i]);

/** Judges a ranged answer against the whole body: RFC 9110 (documented) and the 206 itself (decision). */
async function judgeRange(ctx: CheckContext, what: string, whole: Uint8Array, res: TargetResponse, want: { start: number; end: number }, operation: string): Promise<void> {
  const size = whole.byteLength;
  const rfc = `${what}: the answer carries exactly the bytes it names (RFC 9110 §14)`;
  await ctx.rule(rfc, () => {
    if (res.status === 200) {
      if (!same(res.bytes, whole)) ctx.fail({ rule: rfc, expected: `a 200 carries the whole ${size} bytes`, actual: `${res.bytes.byteLength} bytes, not the whole asset`, response: res, operation });
      return;
    }
    if (res.status !== 206) return ctx.fail({ rule: rfc, expected: '206 with the range, or 200 with everything', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
    const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(res.headers['content-range'] ?? '');
    if (!m) return ctx.fail({ rule: rfc, expected: 'Content-Range: bytes first-last/size', actual: `Content-Range: ${res.headers['content-range'] ?? '(none)'}`, response: res, operation });
    const [first, last] = [Number(m[1]), Number(m[2])];
    if (m[3] !== '*' && Number(m[3]) !== size) ctx.fail({ rule: rfc, expected: `complete length ${size}`, actual: `Content-Range: ${res.headers['content-range']}`, response: res, operation });
    if (!same(res.bytes, whole.subarray(first, last + 1))) ctx.fail({ rule: rfc, expected: `bytes ${first}-${last} of the whole body`, actual: `${res.bytes.byteLength} bytes that differ`, response: res, operation });
  }, { operation });
  const exact = `${what}: 206 with bytes ${want.start}-${want.end}/${size}`;
  await ctx.rule(exact, () => {
    if (res.status !== 206 || res.headers['content-range'] !== `bytes ${want.start}-${want.end}/${size}` || !same(res.bytes, whole.subarray(want.start, want.end + 1))) {
      ctx.fail({ rule: exact, expected: `206, Content-Range: bytes ${want.start}-${want.end}/${size}, those bytes`, actual: `HTTP ${res.status}, Content-Range: ${res.headers['content-range'] ?? '(none)'}, ${res.bytes.byteLength} bytes`, response: res, operation, decision: RANGES });
    }
  }, { operation, decision: RANGES });
}

/** Ranges of a body: a prefix, an open end, a suffix, one past the end (clamped), then past it (416) and malformed (ignored). */
async function judgeRanges(ctx: CheckContext, what: string, whole: Uint8Array, fetch: (range: string) => Promise<TargetResponse>, operation: string): Promise<void> {
  const size = whole.byteLength;
  if (size < 32) return ctx.skip(`${what}: byte ranges`, `the body is only ${size} bytes`);
  const cases: [string, { start: number; end: number }][] = [
    ['bytes=0-15', { start: 0, end: 15 }],
    [`bytes=${size - 10}-`, { start: size - 10, end: size - 1 }],
    ['bytes=-16', { start: size - 16, end: size - 1 }],
    [`bytes=${size - 4}-${size + 100}`, { start: size - 4, end: size - 1 }],
  ];
  for (const [range, want] of cases) await judgeRange(ctx, `${what}, Range ${range}`, whole, await fetch(range), want, operation);
  const past = await fetch(`bytes=${size}-`);
  await ctx.rule(`${what}, Range bytes=${size}- (past the end): never a 5xx and no partial content`, () => {
    if (past.status >= 500 || past.status === 206) ctx.fail({ rule: `${what}: a range past the end is not served as partial content`, expected: '416 (or the whole body, 200)', actual: `HTTP ${past.status} ${excerpt(past)}`, response: past, operation });
  }, { operation });
  await ctx.rule(`${what}, Range bytes=${size}-: 416 RANGE_NOT_SATISFIABLE with Content-Range bytes */${size}`, () => {
    expectError(ctx, past, 416, 'RANGE_NOT_SATISFIABLE', `${what}: a range past the end answers 416`, operation);
    if (past.headers['content-range'] !== `bytes */${size}`) ctx.fail({ rule: `${what}: a 416 names the size`, expected: `Content-Range: bytes */${size}`, actual: `Content-Range: ${past.headers['content-range'] ?? '(none)'}`, response: past, operation, decision: RANGES });
  }, { operation, decision: RANGES });
  const bad = await fetch('bytes=abc');
  await ctx.rule(`${what}, malformed Range bytes=abc: ignored, the whole body`, () => {
    if (bad.status !== 200 || !same(bad.bytes, whole)) ctx.fail({ rule: `${what}: a malformed Range is ignored`, expected: `200 with the whole ${size} bytes`, actual: `HTTP ${bad.status}, ${bad.bytes.byteLength} bytes`, response: bad, operation, decision: RANGES });
  }, { operation, decision: RANGES });
  // RFC 9110 §14.3 lets a server that serves ranges say so; ours does on its 200 and 206 answers (decision).
  await ctx.rule(`${what}: the whole body is served with Accept-Ranges: bytes`, () => {
    if (bad.status === 200 && bad.headers['accept-ranges'] !== 'bytes') ctx.fail({ rule: `${what}: a download that serves ranges says Accept-Ranges: bytes`, expected: 'Accept-Ranges: bytes', actual: `Accept-Ranges: ${bad.headers['accept-ranges'] ?? '(none)'}`, response: bad, operation, decision: RANGES });
  }, { operation, decision: RANGES });
}

const byJwt = (ctx: CheckContext, jwt: string, asset: string, range?: string) =>
  ctx.target.request({ method: 'GET', path: paths.assetByJwt(asset, jwt), auth: 'none', ...(range ? { headers: { range } } : {}), operation: OP.assetByJwt });

const contents: Check = {
  id: 'horn.downloads.contents',
  title: 'the download JWT lists the recording\'s assets as listed to the owner and serves each one\'s bytes (whole and ranged); the download URL\'s ZIP holds exactly those bytes',
  operations: [OP.assets, OP.credentials, OP.assetsByJwt, OP.assetByJwt, OP.downloadUrl, OP.archive],
  specRef: '#/paths/~1channels~1recording~1assets~1{jwtToken}/get',
  needs: ['credentials', 'recording'],
  decision: RANGES,
  async run(ctx) {
    const owner = ownerAuth(ctx);
    // Several segments, so order and numbering matter. Mock: seeded; real: recordings.long, else ready.
    let channel: string;
    let id: string;
    if (ctx.control) {
      channel = recordableChannel(ctx);
      const [rec] = await seedRecordings(ctx, [{ channel, state: 'ready', durationMs: 75 * 60_000 }]);
      if (!rec) throw new Error('the mock did not answer the seeded recording');
      id = rec.id;
    } else {
      const long = await readyRecording(ctx, { long: true, idOnly: true }).catch(() => readyRecording(ctx, { idOnly: true }));
      ({ channel } = long);
      id = long.recording.id;
    }
    let assets: HornAsset[] = [];
    let listed: Available[] = [];
    let jwt = '';
    const found = await step(ctx, 'the owner lists the assets and gets download credentials; the JWT lists assets', async () => {
      const a = await get(ctx, paths.recording(channel, id, '/assets'), OP.assets, owner);
      const c = await get(ctx, paths.recording(channel, id, '/credentials'), OP.credentials, owner, { ttl: '1d' });
      const token = (jsonOf(c) as { jwt?: unknown } | undefined)?.jwt;
      if (a.status !== 200 || !Array.isArray(jsonOf(a))) ctx.fail({ rule: 'the owner lists the assets', expected: 'HTTP 200 with an array', actual: `HTTP ${a.status} ${excerpt(a)}`, response: a, operation: OP.assets });
      if (c.status !== 200 || typeof token !== 'string') ctx.fail({ rule: 'the owner gets download credentials', expected: 'HTTP 200 {jwt}', actual: `HTTP ${c.status} ${excerpt(c)}`, response: c, operation: OP.credentials });
      const l = await ctx.target.request({ method: 'GET', path: paths.assetsByJwt(token as string), auth: 'none', operation: OP.assetsByJwt });
      if (l.status !== 200 || !Array.isArray(jsonOf(l))) ctx.fail({ rule: 'the download JWT lists the assets', expected: 'HTTP 200 with an array', actual: `HTTP ${l.status} ${excerpt(l)}`, response: l, operation: OP.assetsByJwt });
      assets = jsonOf(a) as HornAsset[];
      listed = jsonOf(l) as Available[];
      jwt = token as string;
    });
    const rules = ['the JWT lists exactly the recording\'s assets, with their format, label and size', 'each asset downloads whole, `size` bytes', 'the download URL\'s ZIP holds each asset of its kind'];
    if (found !== 'passed') return dependents(ctx, found, rules, 'the asset listings');

    await ctx.rule(rules[0]!, () => {
      const want = assets.map((a) => a.id).sort();
      const got = listed.map((a) => a.id).sort();
      if (JSON.stringify(want) !== JSON.stringify(got)) ctx.fail({ rule: rules[0]!, expected: `ids ${JSON.stringify(want)}`, actual: `ids ${JSON.stringify(got)}`, operation: OP.assetsByJwt });
      for (const a of assets) {
        const l = listed.find((x) => x.id === a.id);
        if (l && (l.format !== a.format || l.label !== a.label || l.size !== a.size)) {
          ctx.fail({ rule: rules[0]!, expected: `${a.id}: format ${a.format}, label ${JSON.stringify(a.label)}, size ${a.size}`, actual: `format ${l.format}, label ${JSON.stringify(l.label)}, size ${l.size}`, operation: OP.assetsByJwt });
        }
      }
    }, { operation: OP.assetsByJwt });

    // Whole downloads, by asset id: the reference for ranges and for the ZIP.
    const bodies = new Map<string, Uint8Array>();
    await ctx.rule(rules[1]!, async () => {
      for (const a of listed) {
        const res = await byJwt(ctx, jwt, a.id);
        if (res.status !== 200) ctx.fail({ rule: rules[1]!, expected: `HTTP 200 for ${a.id}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.assetByJwt });
        if (typeof a.size === 'number' && (res.bytes.byteLength !== a.size || res.headers['content-length'] !== String(a.size))) {
          ctx.fail({ rule: rules[1]!, expected: `${a.size} bytes (Content-Length ${a.size}) for ${a.id}`, actual: `${res.bytes.byteLength} bytes, Content-Length ${res.headers['content-length'] ?? '(none)'}`, response: res, operation: OP.assetByJwt });
        }
        // Documented: format is "CMS or MP4"; an MP4 (ISO BMFF) starts with a box whose type is ftyp.
        if (a.format === 'MP4' && new TextDecoder().decode(res.bytes.subarray(4, 8)) !== 'ftyp') {
          ctx.fail({ rule: 'an MP4 asset downloads as an MP4 file (ISO BMFF ftyp box first)', expected: `bytes 4..8 "ftyp" for ${a.id}`, actual: JSON.stringify(new TextDecoder().decode(res.bytes.subarray(0, 12))), response: res, operation: OP.assetByJwt });
        }
        bodies.set(a.id, res.bytes);
      }
    }, { operation: OP.assetByJwt });
    const [first] = listed;
    const firstBody = first && bodies.get(first.id);
    if (first && firstBody) await judgeRanges(ctx, `asset ${first.id} by JWT`, firstBody, (range) => byJwt(ctx, jwt, first.id, range), OP.assetByJwt);

    // The download URL of the listed kind: a ZIP of exactly those assets' bytes, named after their files.
    const kind = listed[0]?.kind ?? 'combined_video';
    const dl = await get(ctx, paths.recording(channel, id, '/download'), OP.downloadUrl, owner, { ttl: '1d', kind });
    const url = (jsonOf(dl) as { url?: unknown } | undefined)?.url;
    if (dl.status !== 200 || typeof url !== 'string') {
      ctx.fail({ rule: 'the owner gets a download URL for a ready recording', expected: 'HTTP 200 {url}', actual: `HTTP ${dl.status} ${excerpt(dl)}`, response: dl, operation: OP.downloadUrl });
    }
    const zip = await ctx.target.request({ method: 'GET', path: url as string, auth: 'none', operation: OP.archive });
    await ctx.rule(rules[2]!, () => {
      if (zip.status !== 200) ctx.fail({ rule: rules[2]!, expected: 'HTTP 200', actual: `HTTP ${zip.status} ${excerpt(zip)}`, response: zip, operation: OP.archive });
      let entries: { name: string; bytes: Uint8Array }[];
      try {
        entries = readZip(zip.bytes);
      } catch (e) {
        return ctx.fail({ rule: rules[2]!, expected: 'a ZIP archive', actual: `${zip.headers['content-type'] ?? '?'}: ${(e as Error).message}`, response: zip, operation: OP.archive, decision: 'download-url-form' });
      }
      const ofKind = listed.filter((a) => a.kind === kind);
      const names = entries.map((e) => e.name);
      if (entries.length !== ofKind.length) ctx.fail({ rule: rules[2]!, expected: `${ofKind.length} entries (${ofKind.map((a) => a.id).join(', ')})`, actual: `${entries.length}: ${names.join(', ')}`, response: zip, operation: OP.archive, decision: 'download-url-form' });
      for (const a of ofKind) {
        const file = assets.find((x) => x.id === a.id)?.relativePath?.split('/').pop();
        const entry = entries.find((e) => e.name === file);
        if (!entry || !same(entry.bytes, bodies.get(a.id) ?? new Uint8Array(0))) {
          ctx.fail({ rule: rules[2]!, expected: `an entry ${file} with the ${bodies.get(a.id)?.byteLength ?? '?'} bytes of ${a.id}`, actual: entry ? `${entry.name}: ${entry.bytes.byteLength} bytes that differ` : `entries ${names.join(', ')}`, response: zip, operation: OP.archive, decision: 'download-url-form' });
        }
      }
    }, { operation: OP.archive, decision: 'download-url-form' });
    if (zip.status === 200) await judgeRanges(ctx, 'the download URL\'s ZIP', zip.bytes, (range) => ctx.target.request({ method: 'GET', path: url as string, auth: 'none', headers: { range }, operation: OP.archive }), OP.archive);

    // Kinds: one without assets, one that does not exist.
    const none = (['captions', 'other', 'archive', 'combined_video'] as const).find((k) => !listed.some((a) => a.kind === k));
    if (none) {
      await ctx.rule(`a download URL of kind ${none}, which the recording has no asset of, is 404 ASSET_NOT_FOUND`, async () => {
        expectError(ctx, await get(ctx, paths.recording(channel, id, '/download'), OP.downloadUrl, owner, { kind: none }), 404, 'ASSET_NOT_FOUND', `a download URL of a kind without assets is 404 ASSET_NOT_FOUND`, OP.downloadUrl);
      }, { operation: OP.downloadUrl, decision: 'download-kind' });
    }
    await ctx.rule('a download URL of an unknown kind is 400 BAD_REQUEST', async () => {
      expectError(ctx, await get(ctx, paths.recording(channel, id, '/download'), OP.downloadUrl, owner, { kind: 'video' }), 400, 'BAD_REQUEST', 'a download URL of an unknown kind is 400 BAD_REQUEST', OP.downloadUrl);
    }, { operation: OP.downloadUrl, decision: 'download-kind' });
  },
};

export const contentChecks: Check[] = [contents];
