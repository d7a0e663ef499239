// Starting a recording (seed 000 "Start call recording", facts §2.2): who may (guests 401,
// plain users 403, behind the lobby 412), the order of the 400 errors, and one winner among
// parallel starts.
import type { Check, CheckContext } from '../../../core/check.ts';
import {
  ANONYMOUS,
  OP,
  V1,
  cast,
  createRoom,
  errorCode,
  excerpt,
  expectStatus,
  joinCall,
  joinRoom,
  leaveCall,
  ocs,
  requireWrites,
} from '../support.ts';
import { prepareRecording, recordingStatus, roomWithCall, startCall } from '../support-recording.ts';

const START_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}/post';

async function expectStartError(ctx: CheckContext, res: Awaited<ReturnType<typeof startCall>>, code: string, situation: string): Promise<void> {
  const got = errorCode(res);
  if (res.status !== 400 || got !== code) {
    ctx.fail({
      rule: `start errors come in the order status → recording → call → config (${situation})`,
      specRef: `${START_SPEC}/responses/400`,
      expected: `HTTP 400 with error "${code}"`,
      actual: `HTTP ${res.status} with error ${JSON.stringify(got ?? null)}: ${excerpt(res, 120)}`,
      response: res,
      operation: OP.startRecording,
    });
  }
  // RecordingController::start answers a DataResponse without a message; OCS then writes
  // meta.message '' (facts: "the error message or empty string").
  let message: unknown;
  try {
    message = res.json<{ ocs?: { meta?: { message?: unknown } } }>().ocs?.meta?.message;
  } catch {
    message = undefined; // not JSON: the status rule above has said what is wrong
  }
  if (res.status === 400 && message !== '') {
    ctx.fail({ rule: `a refused start carries an empty OCS meta.message (${situation})`, specRef: `${START_SPEC}/responses/400`, expected: "meta.message ''", actual: `meta.message ${JSON.stringify(message ?? null)}`, response: res, operation: OP.startRecording });
  }
}

const errorsPrecedence: Check = {
  id: 'nextcloud-talk.recording.start-errors-precedence',
  title: 'start answers 400 status / recording / call / config, checked in that order',
  operations: [OP.startRecording],
  specRef: `${START_SPEC}/responses/400`,
  needs: ['credentials', 'writes', 'receiver'],
  decision: 'recording-seed-version',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    await prepareRecording(ctx);
    const c = cast(ctx);
    const startRule = (name: string, body: () => Promise<void>) => ctx.rule(name, body, { operation: OP.startRecording });
    // A room without a call.
    const idle = await createRoom(ctx, c.owner, 2, [c.member]);
    expectStatus(ctx, (await joinRoom(ctx, c.owner, idle)).res, 200, 'the owner joins the room');
    await startRule('an invalid status in a room without a call is 400 status (status before call)', async () =>
      expectStartError(ctx, await startCall(ctx, c.owner, idle, 3), 'status', 'invalid status in a room without a call'),
    );
    await startRule('a valid status in a room without a call is 400 call', async () =>
      expectStartError(ctx, await startCall(ctx, c.owner, idle, 1), 'call', 'valid status, no call'),
    );

    // A room with a call.
    const { token } = await roomWithCall(ctx);
    await startRule('an invalid status (3, 0, 7) in a room with a call is 400 status', async () => {
      for (const bad of [3, 0, 7]) await expectStartError(ctx, await startCall(ctx, c.owner, token, bad), 'status', `status ${JSON.stringify(bad)} in a room with a call`);
      const now = await recordingStatus(ctx, c.owner, token);
      if (now !== 0) ctx.fail({ rule: 'a refused start changes nothing', expected: 'callRecording 0', actual: `callRecording ${String(now)}`, operation: OP.getRoom });
    });
    // A status that is no integer: Nextcloud refuses it before the controller on newer releases
    // (its own 400 body) and casts it to 0 on older ones (400 `status`). 400 is documented; the
    // `status` code for it is decision missing-param-400.
    await startRule('a status that is no integer ("video") is 400 (error `status`: decision missing-param-400)', async () => {
      const res = await startCall(ctx, c.owner, token, 'video');
      expectStatus(ctx, res, 400, 'a status that is no integer is refused with 400');
      const got = errorCode(res);
      if (got !== 'status') {
        ctx.fail({ rule: 'a status that is no integer is 400 with error `status`', specRef: `${START_SPEC}/responses/400`, expected: 'HTTP 400 with error "status"', actual: `HTTP 400 with error ${JSON.stringify(got ?? null)}: ${excerpt(res, 120)}`, response: res, operation: OP.startRecording, decision: 'missing-param-400' });
      }
    });
    const startedOk = await startRule('a moderator starts a video recording during a call (200)', async () =>
      expectStatus(ctx, await startCall(ctx, c.owner, token, 1), 200, 'a moderator starts a video recording during a call'),
    );
    const whileStarting = [
      'a second start while a recording is starting is 400 recording',
      'an invalid status while a recording is starting is 400 status (status before recording)',
      'a start after the call ended, the recording still starting, is 400 recording (recording before call)',
    ];
    if (!startedOk) {
      for (const name of whileStarting) ctx.notRun(name, 'the start they follow was refused');
    } else {
      await startRule(whileStarting[0]!, async () => expectStartError(ctx, await startCall(ctx, c.owner, token, 2), 'recording', 'a recording is starting'));
      await startRule(whileStarting[1]!, async () => expectStartError(ctx, await startCall(ctx, c.owner, token, 3), 'status', 'invalid status while a recording is starting'));
      // The call ends; the recording is still "starting" until the recording server says otherwise.
      expectStatus(ctx, await leaveCall(ctx, c.owner, token), 200, 'the last participant leaves the call');
      await startRule(whileStarting[2]!, async () => expectStartError(ctx, await startCall(ctx, c.owner, token, 1), 'recording', 'still starting, and no call any more'));
    }

    // `config` comes last: it needs recording switched off, a server admin's setting.
    const configRules = [
      'with recording off, a valid start during a call is 400 config',
      'with recording off, a start without a call is 400 call (call before config)',
      'with recording off, an invalid status is 400 status (status before config)',
    ];
    if (!ctx.control) {
      for (const name of configRules) ctx.skip(name, 'needs recording switched off on the target (an admin setting the suite cannot change without callrec\'s control API)');
      return;
    }
    // Facts §2.2: a real recording server records only with an external signaling server.
    await ctx.control.call('config', { signaling: { mode: 'internal' } });
    try {
      const other = await roomWithCall(ctx);
      await startRule('with a recording server but internal signaling, a valid start during a call is 400 config', async () => expectStartError(ctx, await startCall(ctx, c.owner, other.token, 1), 'config', 'internal signaling'));
    } finally {
      await ctx.control.call('config', { signaling: { mode: 'external', server: 'wss://signaling.callrec.invalid' } });
    }
    await ctx.control.call('config', { recordingEnabled: false });
    try {
      const other = await roomWithCall(ctx);
      await startRule(configRules[0]!, async () => expectStartError(ctx, await startCall(ctx, c.owner, other.token, 2), 'config', 'recording disabled'));
      await startRule(configRules[1]!, async () => expectStartError(ctx, await startCall(ctx, c.owner, idle, 2), 'call', 'recording disabled and no call'));
      await startRule(configRules[2]!, async () => expectStartError(ctx, await startCall(ctx, c.owner, other.token, 4), 'status', 'recording disabled and an invalid status'));
    } finally {
      await ctx.control.call('config', { recordingEnabled: true });
    }
  },
};

const permissions: Check = {
  id: 'nextcloud-talk.recording.start-permissions',
  title: 'start: a guest gets 401, a plain user 403, a plain user behind an active lobby 412; only moderators start',
  operations: [OP.startRecording, OP.stopRecording],
  specRef: START_SPEC,
  needs: ['credentials', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    await prepareRecording(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 3, [c.member]);
    await joinCall(ctx, c.owner, token);
    const guest = await joinRoom(ctx, ANONYMOUS, token);
    expectStatus(ctx, guest.res, 200, 'a guest joins the public room');
    await joinCall(ctx, guest.who, token);
    await ctx.rule('a guest starting a recording gets 401', async () => expectStatus(ctx, await startCall(ctx, guest.who, token, 1), 401, 'a guest starting a recording gets 401'), { operation: OP.startRecording });
    await ctx.rule('a guest stopping a recording gets 401', async () => {
      const stopByGuest = await ocs(ctx, { method: 'DELETE', path: `${V1}/recording/${token}`, as: guest.who, operation: OP.stopRecording });
      expectStatus(ctx, stopByGuest, 401, 'a guest stopping a recording gets 401');
    }, { operation: OP.stopRecording });
    await joinCall(ctx, c.member, token);
    await ctx.rule('a plain user (not a moderator) starting a recording gets 403 and changes nothing', async () => {
      expectStatus(ctx, await startCall(ctx, c.member, token, 1), 403, 'a plain user (not a moderator) starting a recording gets 403');
      if ((await recordingStatus(ctx, c.owner, token)) !== 0) ctx.fail({ rule: 'a refused start changes nothing', expected: 'callRecording 0', actual: 'a recording is starting', operation: OP.getRoom });
    }, { operation: OP.startRecording });

    const lobby = await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}/webinary/lobby`, as: c.owner, body: { state: 1 }, operation: OP.setLobby });
    expectStatus(ctx, lobby, 200, 'the owner turns the lobby on');
    await ctx.rule('a plain user behind an active lobby gets 412', async () => expectStatus(ctx, await startCall(ctx, c.member, token, 1), 412, 'a plain user behind an active lobby gets 412'), { operation: OP.startRecording });
    await ctx.rule('the owner (a moderator) starts an audio recording, lobby or not (200)', async () =>
      expectStatus(ctx, await startCall(ctx, c.owner, token, 2), 200, 'the owner (a moderator) starts an audio recording, lobby or not'),
      { operation: OP.startRecording },
    );
  },
};

const PARALLEL = 50;

const ROUNDS = 3;

const parallelStarts: Check = {
  id: 'nextcloud-talk.recording.parallel-starts',
  title: `${PARALLEL} parallel starts in one room: exactly one 200, the others 400 recording`,
  operations: [OP.startRecording],
  specRef: `${START_SPEC}/responses/400`,
  needs: ['credentials', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    await prepareRecording(ctx);
    // A few rooms, each hit by one burst: a race is a matter of timing, so give it several chances.
    for (let round = 0; round < ROUNDS; round++) {
      const { token, cast: c } = await roomWithCall(ctx);
      // Open (keep-alive) connections first, so the starts arrive together rather than one per handshake.
      await Promise.all(Array.from({ length: PARALLEL }, () => ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: c.owner, operation: OP.getRoom })));
      const answers = await Promise.all(Array.from({ length: PARALLEL }, (_, i) => startCall(ctx, c.owner, token, (i % 2) + 1)));
      const winners = answers.filter((r) => r.status === 200);
      const odd = answers.find((r) => r.status !== 200 && (r.status !== 400 || errorCode(r) !== 'recording'));
      if (winners.length !== 1 || odd) {
        ctx.fail({
          rule: 'only one start can claim a room; the rest find a recording in progress',
          expected: `1 × 200 and ${PARALLEL - 1} × 400 "recording"`,
          actual: `${winners.length} × 200${odd ? `, and HTTP ${odd.status} ${excerpt(odd, 100)}` : ''} (burst ${round + 1})`,
          response: odd ?? winners[1] ?? answers[0],
          repro: `${PARALLEL} concurrent copies of: ${answers[0]!.curl}`,
          operation: OP.startRecording,
        });
      }
      const status = await recordingStatus(ctx, c.owner, token);
      if (status !== 3 && status !== 4) ctx.fail({ rule: 'after the winning start the room is starting', expected: 'callRecording 3 or 4', actual: `callRecording ${String(status)}`, operation: OP.getRoom });
    }
  },
};

export const recordingStartChecks: Check[] = [errorsPrecedence, permissions, parallelStarts];
