// The chat's account of a recording (nextcloud/spreed lib/Chat/SystemMessage/Listener.php,
// setCallRecording): who authors `recording_started`, that a `stopped` naming nobody posts nothing
// (the call's end stopped it), and the call's own messages when its last participant leaves
// (`call_left`, then `call_ended`). The suite plays the recording server.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, dataOf, errorCode, excerpt, expectStatus, leaveCall, readChat, requireWrites, type ChatMessageView, type Principal } from '../support.ts';
import { prepareRecording, recordingStatus, relaxThrottle, roomWithCall, signedBackend, started, startCall, stopped } from '../support-recording.ts';

const BACKEND_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1backend/post';
const STOP_OUT_SPEC = '#/webhooks/recordingServerStop/post';

/** The room's newest messages, newest first. */
async function newest(ctx: CheckContext, who: Principal, token: string): Promise<ChatMessageView[]> {
  const res = await readChat(ctx, who, token, { lookIntoFuture: 0, limit: 10 });
  const list = dataOf<ChatMessageView[]>(ctx, res, 200, 'a participant reads the chat history');
  return Array.isArray(list) ? list : [];
}

const show = (m: ChatMessageView | undefined) => (m ? `${m.systemMessage || '(no system message)'} by ${m.actorType}/${m.actorId}` : 'no message');

const systemMessages: Check = {
  id: 'nextcloud-talk.recording.system-messages',
  title: 'recording system messages: `started` by a participant or by guests/failed-to-get-session, none for a `stopped` naming nobody or for a recording that never ran; call_left then call_ended when the last one leaves',
  operations: [OP.recordingBackend, OP.startRecording, OP.receiveMessages, OP.leaveCall],
  specRef: BACKEND_SPEC,
  needs: ['credentials', 'writes', 'receiver'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    await prepareRecording(ctx);
    await relaxThrottle(ctx);
    const { token, cast: c } = await roomWithCall(ctx);
    const owner = { type: 'users', id: c.owner.user };
    const fail = (rule: string, expected: string, got: ChatMessageView | undefined, operation: string = OP.recordingBackend, response?: TargetResponse) =>
      ctx.fail({ rule, specRef: BACKEND_SPEC, expected, actual: show(got), operation, ...(response ? { response } : {}) });
    const begin = async (status: 1 | 2) => expectStatus(ctx, await startCall(ctx, c.owner, token, status), 200, 'a moderator starts a recording');

    await begin(1);
    const byOwner = 'a `started` naming a participant posts recording_started authored by them';
    const first = await ctx.rule(byOwner, async () => {
      expectStatus(ctx, await signedBackend(ctx, started(token, 1, owner)), 200, 'the recording server reports started');
      const [m] = await newest(ctx, c.owner, token);
      if (m?.systemMessage !== 'recording_started' || m.actorType !== 'users' || m.actorId !== c.owner.user) fail(byOwner, `recording_started by users/${c.owner.user}`, m);
    });

    const silent = 'a `stopped` naming no participant posts no system message (the recording still ends: callRecording 0)';
    if (!first) ctx.notRun(silent, 'the recording did not start');
    else {
      await ctx.rule(silent, async () => {
        const [before] = await newest(ctx, c.owner, token);
        const res = await signedBackend(ctx, stopped(token));
        expectStatus(ctx, res, 200, 'the recording server reports stopped without an actor');
        const [after] = await newest(ctx, c.owner, token);
        if (after?.id !== before?.id) fail(silent, `no new message after the \`stopped\` (newest still #${before?.id}: ${show(before)})`, after, OP.recordingBackend, res);
      });
    }

    const stranger = 'a `started` naming someone who is not a participant posts (audio_)recording_started by guests/failed-to-get-session';
    await ctx.rule(stranger, async () => {
      await begin(2);
      const nobody = { type: 'users', id: `callrec-not-a-participant-${ctx.seed.toString(36)}` };
      expectStatus(ctx, await signedBackend(ctx, started(token, 2, nobody)), 200, 'the recording server reports started by someone outside the room');
      const [m] = await newest(ctx, c.owner, token);
      if (m?.systemMessage !== 'audio_recording_started' || m.actorType !== 'guests' || m.actorId !== 'failed-to-get-session') fail(stranger, 'audio_recording_started by guests/failed-to-get-session', m);
      expectStatus(ctx, await signedBackend(ctx, { type: 'stopped', stopped: { token, actor: owner } }), 200, 'the recording server reports stopped by the owner');
      const [s] = await newest(ctx, c.owner, token);
      if (s?.systemMessage !== 'audio_recording_stopped' || s.actorId !== c.owner.user) fail(stranger, `audio_recording_stopped by users/${c.owner.user} (a \`stopped\` naming a participant)`, s);
    });

    // Listener::setCallRecording posts (audio_)recording_stopped only for a move from 1/2 to 0: a
    // recording that never ran has nothing to announce, whoever the `stopped` names.
    const neverRan = 'a `stopped` naming a participant while the recording is still starting posts no system message';
    await ctx.rule(neverRan, async () => {
      await begin(1);
      const [before] = await newest(ctx, c.owner, token);
      const res = await signedBackend(ctx, { type: 'stopped', stopped: { token, actor: owner } });
      expectStatus(ctx, res, 200, 'the recording server reports stopped by the owner before started');
      const [after] = await newest(ctx, c.owner, token);
      if (after?.id !== before?.id) fail(neverRan, `no new message after the \`stopped\` (newest still #${before?.id}: ${show(before)})`, after, OP.recordingBackend, res);
    });

    // Spreed reads a `started`'s fields unchecked (a broken one ends in a PHP error); our decision
    // answers it like a message naming no room, and the room stays as it was.
    const broken = 'a `started` with a status other than 1/2, without an actor, or with an actor lacking type or id is 404 no_such_room, and the room stays starting';
    await ctx.rule(broken, async () => {
      await begin(1);
      const bodies = [
        { token, status: 3, actor: owner },
        { token, status: 1 },
        { token, status: 1, actor: { type: 'users' } },
        { token, status: 1, actor: { id: c.owner.user } },
      ];
      for (const started of [...bodies, null]) {
        const res = await signedBackend(ctx, { type: 'started', started });
        if (res.status !== 404 || errorCode(res) !== 'no_such_room') ctx.fail({ rule: broken, decision: 'backend-unknown-type', specRef: BACKEND_SPEC, expected: 'HTTP 404 no_such_room', actual: `HTTP ${res.status} ${excerpt(res, 100)} for started ${JSON.stringify(started)}`, response: res, operation: OP.recordingBackend });
      }
      const status = await recordingStatus(ctx, c.owner, token);
      if (status !== 3) ctx.fail({ rule: broken, decision: 'backend-unknown-type', specRef: BACKEND_SPEC, expected: 'callRecording 3 (still starting)', actual: `callRecording ${String(status)}`, operation: OP.getRoom });
      expectStatus(ctx, await signedBackend(ctx, stopped(token)), 200, 'the recording server reports stopped');
    }, { decision: 'backend-unknown-type', operation: OP.recordingBackend });

    const lastLeaves = 'when the last participant leaves the call, call_left and then call_ended are posted';
    await ctx.rule(lastLeaves, async () => {
      const res = await leaveCall(ctx, c.owner, token);
      expectStatus(ctx, res, 200, 'the only participant in the call leaves it');
      const [ended, left] = await newest(ctx, c.owner, token);
      if (ended?.systemMessage !== 'call_ended' || left?.systemMessage !== 'call_left') {
        ctx.fail({ rule: lastLeaves, specRef: STOP_OUT_SPEC, expected: 'newest messages call_ended, then call_left before it', actual: `${show(ended)}; before it ${show(left)}`, response: res, operation: OP.leaveCall });
      }
    });
  },
};

export const recordingMessageChecks: Check[] = [systemMessages];
