// Time-limited download URLs (facts §1.4): `GET …/download?ttl=` answers `{url}`; the URL works
// for `ttl` ("1m", "1d"; default 5 minutes) and not after. Only a channel owner may ask.
// Lifetimes are measured on the server's clock (../lifetimes.ts): on the mock the clock is moved
// to just before and after each one; elsewhere the check waits on a budget, and a lifetime the
// server's clock does not get through in time (the default 5 minutes, a day) is reported not
// applicable with the reason, never passed. Seconds as a unit ("30s") are our reading of "etc."
// (decision `ttl-format`): those rules are decision-only.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { ServerClock, serverTime, watchLifetimes } from '../lifetimes.ts';
import type { Watched } from '../lifetimes.ts';
import { DEFAULT_TTL_MS, ttlMs } from '../ttl.ts';
import { OP, ownerAuth, dependents, excerpt, expectError, expectStatus, get, paths, readyRecording, roleAuth, step } from '../support.ts';

/** Documented examples (1m, 1d, the default) and one in seconds (decision `ttl-format`). */
const TTLS: { ttl: string | undefined; decision?: string }[] = [{ ttl: '30s', decision: 'ttl-format' }, { ttl: '1m' }, { ttl: '1d' }, { ttl: undefined }];

const label = (ttl: string | undefined) => (ttl === undefined ? 'no ttl (default 5 minutes)' : `ttl=${ttl}`);

async function downloadUrl(ctx: CheckContext, channel: string, recordingId: string, ttl: string | undefined): Promise<{ url: string; res: TargetResponse }> {
  const res = await get(ctx, paths.recording(channel, recordingId, '/download'), OP.downloadUrl, ownerAuth(ctx), ttl === undefined ? undefined : { ttl });
  expectStatus(ctx, res, 200, `the owner gets a download URL with ${label(ttl)}`, OP.downloadUrl);
  const url = res.json<{ url?: unknown }>().url;
  if (typeof url !== 'string' || !/^https?:\/\//.test(url)) {
    ctx.fail({ rule: 'the download answer is {url}', expected: 'an absolute http(s) URL', actual: excerpt(res), response: res, operation: OP.downloadUrl });
  }
  return { url, res };
}

/** Fetches the first bytes the URL serves; the URL is the credential, so no Bearer token. */
const fetchUrl = (ctx: CheckContext, url: string) =>
  ctx.target.request({ method: 'GET', path: url, auth: 'none', headers: { range: 'bytes=0-15' }, operation: OP.archive });

const ttlCheck: Check = {
  id: 'horn.download-url.ttl',
  title: 'a download URL works for its ttl (1m, 1d, 30s; default 5 minutes) and not after, on the server\'s clock',
  operations: [OP.downloadUrl, OP.archive],
  specRef: '#/components/parameters/ttl',
  needs: ['credentials', 'recording'],
  decision: 'ttl-format',
  async run(ctx) {
    const { channel, recording } = await readyRecording(ctx, { idOnly: true });
    // All URLs are made together, so one wait serves every lifetime.
    const watched: Watched[] = [];
    let first: TargetResponse | undefined;
    for (const { ttl, decision } of TTLS) {
      const opts = decision ? { decision } : {};
      let made: { url: string; res: TargetResponse } | undefined;
      let madeAfter = 0;
      const fresh = await step(ctx, `a fresh download URL (${label(ttl)}) works`, async () => {
        // A first URL only for its Date: the watched one is made after that instant.
        madeAfter = serverTime((await downloadUrl(ctx, channel, recording.id, ttl)).res);
        made = await downloadUrl(ctx, channel, recording.id, ttl);
        const res = await fetchUrl(ctx, made.url);
        if (res.status < 200 || res.status >= 300) ctx.fail({ rule: `a fresh download URL (${label(ttl)}) works`, expected: 'a 2xx answer', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.archive });
      }, opts);
      if (fresh !== 'passed' || !made) {
        dependents(ctx, fresh, [`a download URL (${label(ttl)}) works for its lifetime and not after`], 'a fresh URL that works', opts);
        continue;
      }
      const url = made.url;
      first ??= made.res;
      watched.push({
        what: `a download URL with ${label(ttl)}`,
        lifetimeMs: ttl === undefined ? DEFAULT_TTL_MS : ttlMs(ttl)!,
        madeAt: serverTime(made.res),
        madeAfter,
        use: () => fetchUrl(ctx, url),
        operation: OP.archive,
        ...opts,
      });
    }
    if (!first) return;
    await watchLifetimes(ctx, new ServerClock(ctx, first), watched);
  },
};

const ownerOnly: Check = {
  id: 'horn.download-url.owner-only',
  title: 'only a channel owner gets a download URL; operators and users with no role get 403 ACCESS_FORBIDDEN',
  operations: [OP.downloadUrl],
  specRef: '#/paths/~1channels~1{channelId}~1recordings~1{recordingId}~1download/get',
  needs: ['credentials', 'recording'],
  async run(ctx) {
    const { channel, recording } = await readyRecording(ctx, { idOnly: true });
    const path = paths.recording(channel, recording.id, '/download');
    // Documented: "Only channel owner can invoke that call"; an insufficient role is 403 ACCESS_FORBIDDEN (errors.html).
    await ctx.rule('the channel owner gets a download URL', async () => {
      expectStatus(ctx, await get(ctx, path, OP.downloadUrl, ownerAuth(ctx)), 200, 'the channel owner gets a download URL', OP.downloadUrl);
    });
    for (const role of ['operator', 'stranger'] as const) {
      const rule = `a channel ${role === 'operator' ? 'operator who is not an owner' : 'user with no role'} gets 403 ACCESS_FORBIDDEN, no download URL`;
      await ctx.rule(rule, async () => {
        expectError(ctx, await get(ctx, path, OP.downloadUrl, roleAuth(ctx, role)), 403, 'ACCESS_FORBIDDEN', rule, OP.downloadUrl);
      });
    }
  },
};

export const downloadUrlChecks: Check[] = [ttlCheck, ownerOnly];
