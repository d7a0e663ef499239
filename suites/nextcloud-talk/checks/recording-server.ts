// Nextcloud → recording server (facts §2.6): start/stop requests to <server>/api/v1/room/<token>
// carry Talk-Recording-Random, Talk-Recording-Checksum (hex HMAC-SHA256 of random + exact body)
// and Talk-Recording-Backend. The suite's receiver plays the recording server and verifies them.
// How Nextcloud takes the recording server's answers (retries on 5xx only, a 404 to a stop marks
// the recording failed before the stop answers) needs a recording server that answers what the
// check says: a small one of the check's own, registered through the control API. The admin's
// welcome probe (GET …/recording/welcome/{serverId}) closes the file.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Check, CheckContext, TargetResponse, WebhookDelivery } from '../../../core/check.ts';
import { OP, REC, cast, envelope, errorCode, excerpt, expectStatus, headersFor, leaveCall, requireWrites, type Principal } from '../support.ts';
import { prepareRecording, recordingStatus, relaxThrottle, roomWithCall, secretOf, sign, signedBackend, started, startCall, stopCall } from '../support-recording.ts';

const OUT_SPEC = '#/webhooks/recordingServerStart/post';

async function verify(ctx: CheckContext, d: WebhookDelivery, token: string, type: 'start' | 'stop', exact?: string): Promise<void> {
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
  // BackendNotifier::start / ::stop: the fields in this order, json_encode'd (compact).
  if (exact !== undefined && body !== exact) fail(`a ${type} carries what the moderator asked for, as BackendNotifier writes it`, exact, body.slice(0, 200));
  // BackendNotifier sends Content-Type application/json; the recording server reads the body as JSON.
  const contentType = d.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(contentType)) fail(`a ${type} is sent with Content-Type application/json`, 'application/json', contentType || '(absent)');
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
  title: 'start and stop requests to the recording server are signed over random + body, name the backend, and carry the status, owner and actor (start) or the stopping actor (stop)',
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
      const actor = `{"type":"users","id":${JSON.stringify(c.owner.user)}}`;
      await verify(ctx, start, token, 'start', `{"type":"start","start":{"status":2,"owner":${JSON.stringify(c.owner.user)},"actor":${actor}}}`);
    }, { operation: OP.startRecording });
    expectStatus(ctx, await stopCall(ctx, c.owner, token), 200, 'a moderator stops the recording');
    await ctx.rule('the stop request to the recording server is signed over random + body and names the backend', async () => {
      const all = await receiver.waitFor(2, 5000).catch(() => receiver.deliveries());
      const stop = all.find((d) => /"type":"stop"/.test(Buffer.from(d.body).toString('utf8'))) ?? all[1];
      if (!stop) ctx.fail({ rule: 'a stop is sent to the recording server', specRef: OUT_SPEC, expected: 'a second POST …/api/v1/room/<token> within 5 s', actual: `${all.length} request(s)`, operation: OP.stopRecording });
      await verify(ctx, stop, token, 'stop', `{"type":"stop","stop":{"actor":{"type":"users","id":${JSON.stringify(c.owner.user)}}}}`);
    }, { operation: OP.stopRecording });
  },
};

const ANSWERS_SPEC = '#/webhooks/recordingServerStop/post';

/**
 * A recording server of the check's own: answers each request with the next scripted status (200
 * when the script is empty), after running `before` if one is set (e.g. a callback of its own).
 */
async function scriptedRecordingServer(): Promise<{ url: string; script: number[]; requests: string[]; paths: string[]; before: { run?: () => Promise<unknown> }; close(): Promise<void> }> {
  const script: number[] = [];
  const requests: string[] = [];
  const paths: string[] = [];
  const before: { run?: () => Promise<unknown> } = {};
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push(Buffer.concat(chunks).toString('utf8'));
      paths.push(req.url ?? '');
      const status = script.shift() ?? 200;
      const run = before.run;
      before.run = undefined;
      void (run ? run().catch(() => undefined) : Promise.resolve()).then(() =>
        res.writeHead(status, { 'content-type': 'application/json' }).end(status === 200 ? '{}' : '{"error":"scripted"}'),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    script,
    requests,
    paths,
    before,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}

const recordingServerAnswers: Check = {
  id: 'nextcloud-talk.recording-server.answers',
  title: 'a 5xx from the recording server is retried (3 attempts, then given up), a 4xx is final at once, a 3xx is taken; a 404 to a stop marks the recording failed before the stop answers; ws:// server URLs are asked over http://',
  operations: [OP.startRecording, OP.stopRecording, OP.getRoom, OP.leaveCall],
  specRef: ANSWERS_SPEC,
  decision: 'recording-server-refusal-500',
  // The target must be pointed at a recording server that answers errors on purpose: only the
  // control API can do that (a real server's admin would have to swap its recording server).
  needs: ['credentials', 'writes', 'control'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    if (!ctx.control) ctx.notApplicable('needs the control API to point the target at a recording server that answers errors');
    await prepareRecording(ctx);
    await relaxThrottle(ctx);
    const fake = await scriptedRecordingServer();
    try {
      await ctx.control.call('recording-server', { url: fake.url, secret: secretOf(ctx) });
      const { token, cast: c } = await roomWithCall(ctx);
      const sent = (type: 'start' | 'stop') => fake.requests.filter((b) => b.includes(`"type":"${type}"`)).length;
      const failWith = (rule: string, expected: string, actual: string, response?: TargetResponse) =>
        ctx.fail({ rule, specRef: ANSWERS_SPEC, expected, actual, ...(response ? { response } : {}), operation: response?.exchange.operation ?? OP.getRoom });

      const retried = 'a 5xx answer is tried again: 503, 503, then 200 takes 3 start requests, and the start answers 200 (callRecording 3)';
      const ok = await ctx.rule(retried, async () => {
        fake.script.push(503, 503);
        const res = await startCall(ctx, c.owner, token, 1);
        expectStatus(ctx, res, 200, 'a start the recording server takes on the third attempt answers 200');
        if (sent('start') !== 3) failWith(retried, '3 start requests (two 503s, then 200)', `${sent('start')} start request(s)`, res);
        const status = await recordingStatus(ctx, c.owner, token);
        if (status !== 3) failWith(retried, 'callRecording 3 (starting) after the start answered', `callRecording ${String(status)}`);
      }, { operation: OP.startRecording });

      const stop404 = 'a 404 to a stop is final at once: one stop request, the stop answers 200, and callRecording is 5 when it has answered';
      if (!ok) ctx.notRun(stop404, 'the recording could not be started');
      else {
        await ctx.rule(stop404, async () => {
          expectStatus(ctx, await signedBackend(ctx, started(token, 1, { type: 'users', id: c.owner.user })), 200, 'the recording server reports started');
          fake.script.push(404, 404, 404);
          const res = await stopCall(ctx, c.owner, token);
          expectStatus(ctx, res, 200, 'a stop the recording server does not know answers 200');
          const status = await recordingStatus(ctx, c.owner, token);
          if (status !== 5) failWith(stop404, 'callRecording 5 (failed) as soon as the stop has answered', `callRecording ${String(status)}`, res);
          if (sent('stop') !== 1) failWith(stop404, 'exactly one stop request (a 4xx is not retried)', `${sent('stop')} stop request(s)`, res);
        }, { operation: OP.stopRecording });
      }

      const start4xx = 'a 4xx to a start is final at once: one start request, the start answers 500, and callRecording stays as it was';
      await ctx.rule(start4xx, async () => {
        fake.script.length = 0;
        const before = await recordingStatus(ctx, c.owner, token);
        if (before !== 0 && before !== 5) ctx.notApplicable(`the room is not ready for a new start (callRecording ${String(before)})`);
        const already = sent('start');
        fake.script.push(400, 400, 400);
        const res = await startCall(ctx, c.owner, token, 2);
        if (res.status !== 500) {
          // That the refusal surfaces as a 500 is our reading of the platform (an uncaught exception); the single attempt is its code.
          ctx.fail({ rule: start4xx, decision: 'recording-server-refusal-500', specRef: '#/components/responses/RecordingServerRefused', expected: 'HTTP 500 (the recording server refused the start)', actual: `HTTP ${res.status}: ${excerpt(res, 120)}`, response: res, operation: OP.startRecording });
        }
        // ocs/v2.php's answer to an uncaught exception: OCS 996, "Internal Server Error" and a newline.
        const meta = envelope(ctx, res).meta as { statuscode?: unknown; message?: unknown } | undefined;
        if (meta?.statuscode !== 996 || meta.message !== 'Internal Server Error\n') {
          ctx.fail({ rule: `${start4xx}: the 500 is ocs/v2.php's generic one`, decision: 'recording-server-refusal-500', specRef: '#/components/responses/RecordingServerRefused', expected: 'meta.statuscode 996, meta.message "Internal Server Error\\n"', actual: `meta ${JSON.stringify(meta)}`, response: res, operation: OP.startRecording });
        }
        if (sent('start') - already !== 1) failWith(start4xx, 'exactly one start request (a 4xx is not retried)', `${sent('start') - already} start request(s)`, res);
        const after = await recordingStatus(ctx, c.owner, token);
        if (after !== before) failWith(start4xx, `callRecording ${String(before)} (unchanged)`, `callRecording ${String(after)}`);
      }, { operation: OP.startRecording });

      // BackendNotifier::doRequest tries 3 times in all; the third 5xx is thrown (the start fails).
      const gaveUp = 'a start answered 5xx three times is given up after 3 attempts: 3 start requests, the start answers 500, callRecording stays as it was';
      await ctx.rule(gaveUp, async () => {
        fake.script.length = 0;
        const before = await recordingStatus(ctx, c.owner, token);
        if (before !== 0 && before !== 5) ctx.notApplicable(`the room is not ready for a new start (callRecording ${String(before)})`);
        const already = sent('start');
        fake.script.push(503, 503, 503); // a fourth attempt would be answered 200
        const res = await startCall(ctx, c.owner, token, 2);
        fake.script.length = 0;
        if (sent('start') - already !== 3) failWith(gaveUp, 'exactly 3 start requests (then the start gives up)', `${sent('start') - already} start request(s)`, res);
        if (res.status !== 500) ctx.fail({ rule: gaveUp, decision: 'recording-server-refusal-500', specRef: '#/components/responses/RecordingServerRefused', expected: 'HTTP 500 (the recording server never took the start)', actual: `HTTP ${res.status}: ${excerpt(res, 120)}`, response: res, operation: OP.startRecording });
        const after = await recordingStatus(ctx, c.owner, token);
        if (after !== before) failWith(gaveUp, `callRecording ${String(before)} (unchanged)`, `callRecording ${String(after)}`);
      }, { operation: OP.startRecording });

      // RecordingService::start tells the recording server first and sets "starting" only once it
      // took the start: a `failed` the recording server reports while refusing the start leaves the
      // room failed (5), nothing puts the old status back.
      const failedMeanwhile = 'a recording server that reports `failed` while it refuses the start (400) leaves the room failed: the start answers 500, callRecording 5';
      await ctx.rule(failedMeanwhile, async () => {
        fake.script.length = 0;
        const before = await recordingStatus(ctx, c.owner, token);
        if (before !== 0 && before !== 5) ctx.notApplicable(`the room is not ready for a new start (callRecording ${String(before)})`);
        if (before === 5) {
          // From 0, so that 5 afterwards can only come from the `failed`.
          expectStatus(ctx, await signedBackend(ctx, { type: 'stopped', stopped: { token } }), 200, 'the recording server reports stopped');
        }
        fake.script.push(400);
        fake.before.run = () => signedBackend(ctx, { type: 'failed', failed: { token } });
        const res = await startCall(ctx, c.owner, token, 1);
        fake.before.run = undefined;
        if (res.status !== 500) ctx.fail({ rule: failedMeanwhile, decision: 'recording-server-refusal-500', specRef: '#/components/responses/RecordingServerRefused', expected: 'HTTP 500 (the recording server refused the start)', actual: `HTTP ${res.status}: ${excerpt(res, 120)}`, response: res, operation: OP.startRecording });
        const after = await recordingStatus(ctx, c.owner, token);
        if (after !== 5) failWith(failedMeanwhile, 'callRecording 5 (the `failed` the recording server reported)', `callRecording ${String(after)}`, res);
      }, { operation: OP.startRecording });

      // Guzzle throws only for 4xx and 5xx: a 3xx it has no Location to follow comes back as a
      // plain response, and BackendNotifier::doRequest returns normally (the start is taken).
      const redirect = 'a 3xx answer without Location is taken (Guzzle throws only for 4xx/5xx): one start request, the start answers 200, callRecording 4 (starting audio)';
      await ctx.rule(redirect, async () => {
        fake.script.length = 0;
        const before = await recordingStatus(ctx, c.owner, token);
        if (before !== 0 && before !== 5) ctx.notApplicable(`the room is not ready for a new start (callRecording ${String(before)})`);
        const already = sent('start');
        fake.script.push(300, 300, 300);
        const res = await startCall(ctx, c.owner, token, 2);
        expectStatus(ctx, res, 200, 'a start the recording server answers 300 (no Location) answers 200');
        if (sent('start') - already !== 1) failWith(redirect, 'exactly one start request (a 3xx is an answer, not an error)', `${sent('start') - already} start request(s)`, res);
        const after = await recordingStatus(ctx, c.owner, token);
        if (after !== 4) failWith(redirect, 'callRecording 4 (starting audio) after the start answered', `callRecording ${String(after)}`, res);
      }, { operation: OP.startRecording });

      // BackendNotifier drops the server URL's trailing slashes and rewrites ws:// to http://.
      const wsUrl = 'a recording server configured as ws://host:port/ is asked at http://host:port/api/v1/room/<token> (ws:// → http://, trailing slash dropped)';
      await ctx.rule(wsUrl, async () => {
        const { token: t2, cast: c2 } = await roomWithCall(ctx);
        await ctx.control!.call('recording-server', { url: `${fake.url.replace(/^http:/, 'ws:')}//`, secret: secretOf(ctx) });
        fake.script.length = 0;
        const already = fake.paths.length;
        const res = await startCall(ctx, c2.owner, t2, 1);
        expectStatus(ctx, res, 200, 'a start to a recording server configured with a ws:// URL answers 200');
        const got = fake.paths.slice(already);
        if (got.length !== 1 || got[0] !== `/api/v1/room/${t2}`) failWith(wsUrl, `one POST /api/v1/room/${t2}`, got.length ? got.join(', ') : 'no request reached the recording server', res);
      }, { operation: OP.startRecording });

      // RecordingService stops the recording while the last participant's leave is handled: the
      // recording server's 404 to that stop (it records nothing there) marks the recording failed
      // before the leave answers.
      const callEnd = 'when the call ends a stop {"stop":[]} is sent once, and its 404 has set callRecording 5 when the leave has answered';
      await ctx.rule(callEnd, async () => {
        const { token: t3, cast: c3 } = await roomWithCall(ctx);
        fake.script.length = 0;
        expectStatus(ctx, await startCall(ctx, c3.owner, t3, 1), 200, 'a moderator starts a video recording');
        expectStatus(ctx, await signedBackend(ctx, started(t3, 1, { type: 'users', id: c3.owner.user })), 200, 'the recording server reports started');
        const stopsBefore = sent('stop');
        fake.script.push(404, 404, 404);
        const left = await leaveCall(ctx, c3.owner, t3);
        expectStatus(ctx, left, 200, 'the last participant leaves the call');
        const status = await recordingStatus(ctx, c3.owner, t3);
        if (status !== 5) failWith(callEnd, 'callRecording 5 (failed) once the leave has answered', `callRecording ${String(status)}`, left);
        if (sent('stop') - stopsBefore !== 1 || !fake.requests.at(-1)?.includes('"stop":[]')) failWith(callEnd, 'one stop request {"type":"stop","stop":[]} (a 404 is not retried)', `${sent('stop') - stopsBefore} stop request(s); last body ${fake.requests.at(-1) ?? '(none)'}`, left);
      }, { operation: OP.leaveCall });

      // BackendNotifier::backendRequest logs "No configured recording server" and returns: the stop
      // goes nowhere and answers 200. RecordingService::start refuses first (Config::isRecordingEnabled
      // needs a server with a secret): 400 config.
      const noServer = 'with no recording server configured, a stop answers 200 and changes nothing, and a start is 400 config; a server with an empty secret is 400 config too';
      await ctx.rule(noServer, async () => {
        const { token: t4, cast: c4 } = await roomWithCall(ctx);
        await ctx.control!.call('recording-server', { url: fake.url, secret: secretOf(ctx) });
        fake.script.length = 0;
        expectStatus(ctx, await startCall(ctx, c4.owner, t4, 1), 200, 'a moderator starts a video recording');
        await ctx.control!.call('recording-server', { none: true });
        const stop = await stopCall(ctx, c4.owner, t4);
        expectStatus(ctx, stop, 200, 'a stop with no recording server configured answers 200');
        const status = await recordingStatus(ctx, c4.owner, t4);
        if (status !== 3) failWith(noServer, 'callRecording 3 (unchanged: the stop went nowhere)', `callRecording ${String(status)}`, stop);
        // The recording ends (signed with the secret, so with the server configured again).
        await ctx.control!.call('recording-server', { url: fake.url, secret: secretOf(ctx) });
        expectStatus(ctx, await signedBackend(ctx, { type: 'stopped', stopped: { token: t4 } }), 200, 'the recording ends');
        await ctx.control!.call('recording-server', { none: true });
        const start = await startCall(ctx, c4.owner, t4, 1);
        if (start.status !== 400 || errorCode(start) !== 'config') failWith(noServer, 'HTTP 400 config for a start with no recording server', `HTTP ${start.status} ${excerpt(start, 100)}`, start);
        await ctx.control!.call('recording-server', { url: fake.url, secret: '' });
        const unsigned = await startCall(ctx, c4.owner, t4, 1);
        if (unsigned.status !== 400 || errorCode(unsigned) !== 'config') failWith(noServer, 'HTTP 400 config for a start with a recording server whose secret is empty', `HTTP ${unsigned.status} ${excerpt(unsigned, 100)}`, unsigned);
      }, { operation: OP.stopRecording });
    } finally {
      await fake.close();
    }
  },
};

const WELCOME_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1welcome~1{serverId}/get';
const WELCOME_OP = 'getRecordingWelcome';
/** The mock's built-in administrator (mock/nextcloud-talk/datasets.ts). */
const MOCK_ADMIN: Principal = { kind: 'user', user: 'admin', password: 'admin-password' };

function welcome(ctx: CheckContext, who: Principal, serverId: string): Promise<TargetResponse> {
  return ctx.target.request({ method: 'GET', path: `${REC}/welcome/${serverId}`, query: { format: 'json' }, auth: headersFor(who), operation: WELCOME_OP });
}

const welcomeProbe: Check = {
  id: 'nextcloud-talk.recording-server.welcome',
  title: 'GET …/recording/welcome/{serverId}: admins only (403 otherwise), 404 for an unknown server, the recording server\'s welcome passed through, 500 CAN_NOT_CONNECT when unreachable',
  operations: [WELCOME_OP],
  specRef: WELCOME_SPEC,
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    const c = cast(ctx);
    const R = (name: string, body: () => Promise<void>) => ctx.rule(name, body, { operation: WELCOME_OP });
    await R('a user who is not an admin gets 403', async () => {
      expectStatus(ctx, await welcome(ctx, c.member, '0'), 403, 'a user who is not an admin asks for the welcome');
    });
    // On the mock its administrator; on a real server the config's user, when an admin.
    const admin = ctx.control ? MOCK_ADMIN : c.owner;
    await R('an unknown server index is 404 with data null', async () => {
      const res = await welcome(ctx, admin, '4096');
      if (res.status === 403) ctx.notApplicable(`the config's user is not an admin (HTTP 403): set user to an admin to check the admin answers`);
      expectStatus(ctx, res, 404, 'an admin asks for a recording server that is not configured');
      const data = envelope(ctx, res).data;
      if (data !== null) ctx.fail({ rule: 'an unknown server index is 404 with data null', specRef: `${WELCOME_SPEC}/responses/404`, expected: 'data null', actual: excerpt(res), response: res, operation: WELCOME_OP });
    });
    // Decision welcome-server-id: the route takes digits only, so anything else is a path no route
    // takes (data []), unlike a configured-index miss (data null).
    const notDigits = 'a serverId that is not all digits ("a1", "1a") is 404 with data [] (no route takes it)';
    await R(notDigits, async () => {
      for (const id of ['a1', '1a']) {
        const res = await welcome(ctx, admin, id);
        if (res.status === 403) ctx.notApplicable(`the config's user is not an admin (HTTP 403): set user to an admin to check the admin answers`);
        expectStatus(ctx, res, 404, `an admin asks for the server index ${JSON.stringify(id)}`);
        const data = envelope(ctx, res).data;
        if (!Array.isArray(data) || data.length !== 0) ctx.fail({ rule: notDigits, decision: 'welcome-server-id', specRef: `${WELCOME_SPEC}/parameters/0`, expected: 'data []', actual: excerpt(res), response: res, operation: WELCOME_OP });
      }
    });
    const passThrough = 'the recording server\'s welcome is passed through (200, its JSON object as data)';
    const unreachable = 'a recording server that cannot be reached is 500 with error CAN_NOT_CONNECT';
    if (!ctx.control) {
      ctx.skip(passThrough, 'needs the control API to configure a recording server with a known welcome');
      ctx.skip(unreachable, 'needs the control API to configure an unreachable recording server');
      ctx.skip('a real recording server\'s welcome is passed through; its HTTP error is 500 {"error": "<status>"}, a signaling server is IS_SIGNALING_SERVER, a body that is no JSON object is JSON_INVALID; an index that is not digits is 404', 'needs the control API to point the target at a recording server of the check\'s own');
      return;
    }
    await R(passThrough, async () => {
      await ctx.control!.call('recording-server', { simulated: true, secret: secretOf(ctx) });
      const res = await welcome(ctx, admin, '0');
      expectStatus(ctx, res, 200, 'an admin asks the configured recording server for its welcome');
      const data = envelope<{ version?: unknown }>(ctx, res).data;
      if (typeof data?.version !== 'string' && typeof data?.version !== 'number') ctx.fail({ rule: passThrough, specRef: `${WELCOME_SPEC}/responses/200`, expected: 'data {"version": "<the recording server\'s version>"}', actual: excerpt(res), response: res, operation: WELCOME_OP });
    });
    // RecordingController::getWelcomeMessage against a recording server of the check's own: its
    // JSON passed through, an HTTP error as its status, a signaling server's feature header and a
    // body that is no JSON object or array as errors of their own. Indexes are digits only.
    const outcomes = 'a real recording server\'s welcome is passed through; its HTTP error is 500 {"error": "<status>"}, a signaling server is IS_SIGNALING_SERVER, a body that is no JSON object is JSON_INVALID; an index that is not digits is 404';
    await R(outcomes, async () => {
      let next: { status: number; headers?: Record<string, string>; body: string } = { status: 200, body: '{"version":"9.8.7","features":["audio"]}' };
      const paths: string[] = [];
      const server = createServer((req, res) => {
        paths.push(`${req.method} ${req.url}`);
        res.writeHead(next.status, { 'content-type': 'application/json', ...next.headers }).end(next.body);
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      try {
        await ctx.control!.call('recording-server', { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, secret: secretOf(ctx) });
        const wants: [typeof next, number, (res: TargetResponse) => boolean, string][] = [
          [next, 200, (res) => JSON.stringify(envelope(ctx, res).data) === '{"version":"9.8.7","features":["audio"]}', 'data {"version":"9.8.7","features":["audio"]} (passed through)'],
          [{ status: 503, body: '{}' }, 500, (res) => errorCode(res) === '503', 'data {"error": "503"}'],
          [{ status: 400, body: '{"version":"9.8.7"}' }, 500, (res) => errorCode(res) === '400', 'data {"error": "400"} (Guzzle throws for every 4xx)'],
          [{ status: 200, headers: { 'x-spreed-signaling-features': 'audio-video-permissions' }, body: '{"version":"1.0"}' }, 500, (res) => errorCode(res) === 'IS_SIGNALING_SERVER', 'data {"error": "IS_SIGNALING_SERVER"}'],
          [{ status: 200, body: '"just a string"' }, 500, (res) => errorCode(res) === 'JSON_INVALID', 'data {"error": "JSON_INVALID"}'],
          [{ status: 200, body: 'null' }, 500, (res) => errorCode(res) === 'JSON_INVALID', 'data {"error": "JSON_INVALID"} (json_decode gives null, no array)'],
          [{ status: 200, body: 'not json at all' }, 500, (res) => errorCode(res) === 'JSON_INVALID', 'data {"error": "JSON_INVALID"}'],
        ];
        for (const [answer, status, good, expected] of wants) {
          next = answer;
          const res = await welcome(ctx, admin, '0');
          expectStatus(ctx, res, status, `an admin asks for the welcome of a server answering HTTP ${answer.status} ${answer.body}`);
          if (!good(res)) ctx.fail({ rule: outcomes, specRef: `${WELCOME_SPEC}/responses/${status}`, expected, actual: excerpt(res), response: res, operation: WELCOME_OP });
        }
        if (paths[0] !== 'GET /api/v1/welcome') ctx.fail({ rule: outcomes, specRef: WELCOME_SPEC, expected: 'GET /api/v1/welcome (the trailing slash of the server URL dropped)', actual: paths[0] ?? 'no request', operation: WELCOME_OP });
        expectStatus(ctx, await welcome(ctx, admin, 'zero'), 404, 'an admin asks for the server index "zero"');
      } finally {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    });
    await R(unreachable, async () => {
      // Port 9 (discard) on loopback: nothing listens there, the connection is refused at once.
      await ctx.control!.call('recording-server', { url: 'http://127.0.0.1:9', secret: secretOf(ctx) });
      const res = await welcome(ctx, admin, '0');
      expectStatus(ctx, res, 500, 'an admin asks an unreachable recording server for its welcome');
      if (errorCode(res) !== 'CAN_NOT_CONNECT') ctx.fail({ rule: unreachable, specRef: `${WELCOME_SPEC}/responses/500`, expected: 'data {"error": "CAN_NOT_CONNECT"}', actual: excerpt(res), response: res, operation: WELCOME_OP });
    });
  },
};

export const recordingServerChecks: Check[] = [outgoingSigned, recordingServerAnswers, welcomeProbe];
