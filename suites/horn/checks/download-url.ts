// Time-limited download URLs (facts §1.4): `GET …/download?ttl=` answers `{url}`; the URL works
// for `ttl` ("30s", "1m", "1d"; default 5 minutes) and not after. Only a channel owner may ask.
// On the mock the clock moves to just before and just after each lifetime; a real server's clock
// cannot move, so there the shortest documented lifetime (1m) is waited out once.
import type { Check, CheckContext } from '../../../core/check.ts';
import { DEFAULT_TTL_MS, ttlMs } from '../ttl.ts';
import { OP, excerpt, expectError, expectRefused, expectStatus, expectSuccess, get, paths, readyRecording, roleAuth } from '../support.ts';

/** A little either side of the lifetime: the server's clock and ours need not tick together. */
const MARGIN_MS = 2_000;
const REAL_TTL = '1m';

async function downloadUrl(ctx: CheckContext, channel: string, recordingId: string, ttl: string | undefined): Promise<string> {
  const res = await get(ctx, paths.recording(channel, recordingId, '/download'), OP.downloadUrl, roleAuth(ctx, 'owner'), ttl === undefined ? undefined : { ttl });
  expectStatus(ctx, res, 200, `the owner gets a download URL${ttl ? ` with ttl=${ttl}` : ''}`, OP.downloadUrl);
  const url = res.json<{ url?: unknown }>().url;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
    ctx.fail({ rule: 'the download answer is {url}', expected: 'an absolute http(s) URL', actual: excerpt(res), response: res, operation: OP.downloadUrl });
  }
  return url;
}

/** Fetches the first bytes the URL serves; the URL is the credential, so no Bearer token. */
const fetchUrl = (ctx: CheckContext, url: string) =>
  ctx.target.request({ method: 'GET', path: url, auth: 'none', headers: { range: 'bytes=0-15' }, operation: OP.archive });

const ttlCheck: Check = {
  id: 'horn.download-url.ttl',
  title: 'a download URL works for its ttl (30s, 1m, 1d; default 5 minutes) and not after',
  operations: [OP.downloadUrl, OP.archive],
  specRef: '#/components/parameters/ttl',
  needs: ['credentials', 'recording'],
  decision: 'ttl-format',
  async run(ctx) {
    const { channel, recording } = await readyRecording(ctx);
    const control = ctx.control;
    if (!control) {
      ctx.log(`real target: waiting out one URL of ttl=${REAL_TTL} (about a minute)`);
      const url = await downloadUrl(ctx, channel, recording.id, REAL_TTL);
      expectSuccess(ctx, await fetchUrl(ctx, url), `a fresh download URL (ttl=${REAL_TTL}) works`, OP.archive);
      await new Promise((r) => setTimeout(r, ttlMs(REAL_TTL)! + MARGIN_MS));
      expectRefused(ctx, await fetchUrl(ctx, url), `a download URL is refused after its ttl (${REAL_TTL})`, OP.archive);
      return;
    }
    for (const ttl of ['30s', '1m', '1d', undefined]) {
      const lifetime = ttl === undefined ? DEFAULT_TTL_MS : ttlMs(ttl)!;
      const label = ttl === undefined ? 'no ttl (default 5 minutes)' : `ttl=${ttl}`;
      const url = await downloadUrl(ctx, channel, recording.id, ttl);
      expectSuccess(ctx, await fetchUrl(ctx, url), `a fresh download URL (${label}) works`, OP.archive);
      await control.advanceClock(lifetime - MARGIN_MS);
      const before = await fetchUrl(ctx, url);
      if (before.status < 200 || before.status >= 300) {
        ctx.fail({ rule: `a download URL (${label}) works until its lifetime ends`, expected: `a 2xx answer ${(lifetime - MARGIN_MS) / 1000} s after it was made`, actual: `HTTP ${before.status} ${excerpt(before)}`, response: before, operation: OP.archive });
      }
      await control.advanceClock(2 * MARGIN_MS);
      const after = await fetchUrl(ctx, url);
      if (after.status < 400 || after.status >= 500) {
        ctx.fail({ rule: `a download URL (${label}) stops working when its lifetime ends`, expected: `a 4xx answer ${(lifetime + MARGIN_MS) / 1000} s after it was made`, actual: `HTTP ${after.status} ${excerpt(after)}`, response: after, operation: OP.archive });
      }
    }
  },
};

const ownerOnly: Check = {
  id: 'horn.download-url.owner-only',
  title: 'only a channel owner gets a download URL; operators and users with no role get 403 ACCESS_FORBIDDEN',
  operations: [OP.downloadUrl],
  specRef: '#/paths/~1channels~1{channelId}~1recordings~1{recordingId}~1download/get',
  needs: ['credentials', 'recording'],
  async run(ctx) {
    const { channel, recording } = await readyRecording(ctx);
    const path = paths.recording(channel, recording.id, '/download');
    const owner = await get(ctx, path, OP.downloadUrl, roleAuth(ctx, 'owner'));
    expectStatus(ctx, owner, 200, 'the channel owner gets a download URL', OP.downloadUrl);
    for (const role of ['operator', 'stranger'] as const) {
      const res = await get(ctx, path, OP.downloadUrl, roleAuth(ctx, role));
      expectError(ctx, res, 403, 'ACCESS_FORBIDDEN', `a channel ${role === 'operator' ? 'operator who is not an owner' : 'user with no role'} gets no download URL`, OP.downloadUrl);
    }
  },
};

export const downloadUrlChecks: Check[] = [ttlCheck, ownerOnly];
