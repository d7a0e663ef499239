// Share URLs: the public secret opens the recording to anyone, the private one still needs
// credentials, and a secret the recording does not know is a 400.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, excerpt, existingCompleteRecording, expectErrorBody, expectStatus } from '../support.ts';
import type { MeetRecording } from '../support.ts';

async function secretOf(ctx: CheckContext, rec: MeetRecording, privateAccess: boolean): Promise<string> {
  const res = await ctx.target.request({
    method: 'GET',
    path: `/recordings/${encodeURIComponent(rec.recordingId)}/url`,
    query: { privateAccess },
    operation: OP.url,
  });
  expectStatus(ctx, res, 200, 'the share URL of an existing recording is answered', OP.url);
  const { url } = res.json<{ url?: unknown }>();
  let secret: string | null = null;
  try {
    secret = typeof url === 'string' ? new URL(url).searchParams.get('secret') : null;
  } catch {
    secret = null;
  }
  if (!secret) {
    ctx.fail({ rule: 'a share URL carries a secret', specRef: '#/components/schemas/RecordingUrl', expected: 'url with ?secret=<secret>', actual: excerpt(res), response: res, operation: OP.url });
  }
  return secret;
}

const readAnonymously = (ctx: CheckContext, rec: MeetRecording, secret: string) =>
  ctx.target.request({ method: 'GET', path: `/recordings/${encodeURIComponent(rec.recordingId)}`, query: { secret }, auth: {}, operation: OP.get });

const secrets: Check = {
  id: 'openvidu-meet.share-url.secrets',
  title: 'public share secret allows anonymous reads; private secret needs credentials (401); unknown secret is 400',
  operations: [OP.url, OP.get],
  specRef: '#/components/parameters/secret',
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const rec = await existingCompleteRecording(ctx);

    await ctx.rule('the public-access secret lets anyone read the recording', async () => {
      const publicSecret = await secretOf(ctx, rec, false);
      const open = await readAnonymously(ctx, rec, publicSecret);
      expectStatus(ctx, open, 200, 'the public-access secret lets anyone read the recording', OP.get);
      const read = open.json<MeetRecording>();
      if (read.recordingId !== rec.recordingId) {
        ctx.fail({ rule: 'the public secret opens the recording it was issued for', expected: rec.recordingId, actual: String(read.recordingId), response: open, operation: OP.get });
      }
    });

    await ctx.rule('the private-access secret without credentials answers 401', async () => {
      const privateSecret = await secretOf(ctx, rec, true);
      const closed = await readAnonymously(ctx, rec, privateSecret);
      expectStatus(ctx, closed, 401, 'the private-access secret without credentials answers 401', OP.get);
      expectErrorBody(ctx, closed, 'the 401 carries an Error body', OP.get);
    });

    const bogus = `callrec${ctx.seed}Bogus`;
    let message: string | undefined;
    let unknown: TargetResponse | undefined;
    const refused = await ctx.rule('a secret the recording does not know answers 400', async () => {
      unknown = await readAnonymously(ctx, rec, bogus);
      expectStatus(ctx, unknown, 400, 'a secret the recording does not know answers 400', OP.get);
      message = expectErrorBody(ctx, unknown, 'the 400 for an unknown secret carries an Error body', OP.get).message;
    });
    // The message text is informative (decision code-error-messages); the platform's names the secret.
    const names = 'the unknown-secret message names the secret';
    if (!refused) ctx.notRun(names, 'the unknown secret was not refused with an Error body');
    else {
      await ctx.rule(names, () => {
        if (!message!.includes(bogus)) ctx.fail({ rule: names, expected: `a message containing ${bogus}`, actual: message!, response: unknown, operation: OP.get });
      }, { decision: 'code-error-messages' });
    }
  },
};

export const shareUrlChecks: Check[] = [secrets];
