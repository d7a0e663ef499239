// Nextcloud → recording server (facts §2.6): start/stop requests to <server>/api/v1/room/<token>
// carry Talk-Recording-Random, Talk-Recording-Checksum (hex HMAC-SHA256 of random + exact body)
// and Talk-Recording-Backend. The suite's receiver plays the recording server and verifies them.
import type { Check, CheckContext, WebhookDelivery } from '../../../core/check.ts';
import { OP, expectStatus, requireWrites } from '../support.ts';
import { prepareRecording, roomWithCall, secretOf, sign, startCall, stopCall } from '../support-recording.ts';

const OUT_SPEC = '#/webhooks/recordingServerStart/post';

async function verify(ctx: CheckContext, d: WebhookDelivery, token: string, type: 'start' | 'stop'): Promise<void> {
  const body = Buffer.from(d.body).toString('utf8');
  const fail = (rule: string, expected: string, actual: string) => ctx.fail({ rule, specRef: OUT_SPEC, expected, actual, repro: `${d.method} ${d.path}\n${JSON.stringify(d.headers)}\n${body}`, operation: type === 'start' ? OP.startRecording : OP.stopRecording });
  if (d.method !== 'POST' || !d.path.endsWith(`/api/v1/room/${token}`)) fail('requests go to POST <server>/api/v1/room/<token>', `POST …/api/v1/room/${token}`, `${d.method} ${d.path}`);
  let parsed: { type?: unknown } | undefined;
  try {
    parsed = JSON.parse(body) as { type?: unknown };
  } catch {
    parsed = undefined;
  }
  if (parsed?.type !== type) fail(`a ${type} is sent as {"type":"${type}",…}`, `type ${type}`, body.slice(0, 160));
  const random = d.headers['talk-recording-random'] ?? '';
  const checksum = d.headers['talk-recording-checksum'] ?? '';
  const backend = d.headers['talk-recording-backend'] ?? '';
  if (random.length < 32) fail('Talk-Recording-Random carries at least 32 characters', '≥ 32 characters', `${JSON.stringify(random)} (${random.length})`);
  const want = await sign(secretOf(ctx), random, d.body);
  if (checksum.toLowerCase() !== want) fail('Talk-Recording-Checksum is hex HMAC-SHA256(secret, random + exact body)', want, checksum || '(absent)');
  if (!/^https?:\/\/\S+/.test(backend)) fail('Talk-Recording-Backend names the Nextcloud base URL', 'an absolute http(s) URL', backend || '(absent)');
}

const outgoingSigned: Check = {
  id: 'nextcloud-talk.recording-server.outgoing-signed',
  title: 'start and stop requests to the recording server are signed over random + body and name the backend',
  operations: [OP.startRecording, OP.stopRecording],
  specRef: OUT_SPEC,
  needs: ['credentials', 'writes', 'receiver'],
  decision: 'recording-server-signing',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const receiver = await prepareRecording(ctx);
    const { token, cast: c } = await roomWithCall(ctx);
    receiver.clear();
    expectStatus(ctx, await startCall(ctx, c.owner, token, 2), 200, 'a moderator starts an audio recording');
    await ctx.rule('the start request to the recording server is signed over random + body and names the backend', async () => {
      const [start] = await receiver.waitFor(1, 5000).catch(() => []);
      if (!start) ctx.fail({ rule: 'a start is sent to the recording server', specRef: OUT_SPEC, expected: 'a POST …/api/v1/room/<token> within 5 s', actual: 'no request', operation: OP.startRecording });
      await verify(ctx, start, token, 'start');
    }, { operation: OP.startRecording });
    expectStatus(ctx, await stopCall(ctx, c.owner, token), 200, 'a moderator stops the recording');
    await ctx.rule('the stop request to the recording server is signed over random + body and names the backend', async () => {
      const all = await receiver.waitFor(2, 5000).catch(() => receiver.deliveries());
      const stop = all.find((d) => /"type":"stop"/.test(Buffer.from(d.body).toString('utf8'))) ?? all[1];
      if (!stop) ctx.fail({ rule: 'a stop is sent to the recording server', specRef: OUT_SPEC, expected: 'a second POST …/api/v1/room/<token> within 5 s', actual: `${all.length} request(s)`, operation: OP.stopRecording });
      await verify(ctx, stop, token, 'stop');
    }, { operation: OP.stopRecording });
  },
};

export const recordingServerChecks: Check[] = [outgoingSigned];
