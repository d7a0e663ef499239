// The mock's own recording server (spec decision simulated-recording-server): what a frontend
// sees when nothing but the mock runs. A start is `starting` until the simulated recorder answers
// `started`, a stop ends in `stopped` and a stored file (WebM for video, Ogg for audio) with its
// owner's notification, and a recorder that fails reports `failed`. Mock only: a real server's
// recording server is its own, and the other recording checks play it themselves.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, leaveCall, readChat, requireWrites, type ChatMessageView } from '../support.ts';
import { backendCall, newRandom, recordingNotifications, recordingStatus, roomWithCall, samples, secondsOf, sign, startCall, stopCall, stopped, fileOf } from '../support-recording.ts';

const SPEC = '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}/post';
const DECISION = 'simulated-recording-server';

const simulatedServer: Check = {
  id: 'nextcloud-talk.recording.simulated-server',
  title: 'the mock\'s simulated recording server, configured out of the box: starting → started (video or audio) → stopped with the file stored and its owner notified; a failing recorder ends in failed',
  operations: [OP.startRecording, OP.stopRecording, OP.getRoom, OP.receiveMessages, OP.getNotifications],
  specRef: SPEC,
  needs: ['credentials', 'writes'],
  decision: DECISION,
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const control = ctx.control;
    if (!control) ctx.notApplicable('the simulated recording server is the callrec mock\'s own (needs its control API); a real server\'s recording server is checked by the recording-server checks');
    // No setup: a fresh mock has the simulated recording server configured, with internal signaling.
    const { token, cast: c } = await roomWithCall(ctx);
    const settle = async (ms: number) => {
      await control.advanceClock(ms);
      await control.call('recording-settle', {});
    };
    const fail = (rule: string, expected: string, actual: string, operation: string = OP.getRoom) => ctx.fail({ rule, specRef: SPEC, expected, actual, operation, decision: DECISION });
    const status = async (rule: string, want: number) => {
      const got = await recordingStatus(ctx, c.owner, token);
      if (got !== want) fail(rule, `callRecording ${want}`, `callRecording ${got}`);
    };
    const newest = async (): Promise<ChatMessageView[]> => {
      const res = await readChat(ctx, c.owner, token, { lookIntoFuture: 0, limit: 5 });
      const data = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data;
      return Array.isArray(data) ? data : [];
    };
    const posted = async (rule: string, system: string) => {
      const list = await newest();
      if (!list.some((m) => m.systemMessage === system)) fail(rule, `a recent ${system} message`, list.map((m) => m.systemMessage || '(plain)').join(', '), OP.receiveMessages);
    };
    const stored = async (rule: string, ext: 'webm' | 'ogg', before: number) => {
      const { list } = await recordingNotifications(ctx, c.owner, token);
      const files = list.map((n) => fileOf(n)?.path ?? '');
      if (list.length !== before + 1 || !files[0]?.includes(`Recording/${token}/`) || !files[0].endsWith(`.${ext}`)) fail(rule, `one more notification for ${c.owner.user}, newest naming …/Recording/${token}/*.${ext}`, `${list.length} notifications (${before} before): ${files.join(', ')}`, OP.getNotifications);
      // The recorder uploads the media fixture of its kind (fixtures/media/sample.webm or sample.ogg).
      const size = (list[0]?.messageRichParameters as Record<string, Record<string, string>> | undefined)?.file?.size;
      const want = samples()[ext].byteLength;
      if (size !== String(want)) fail(`${rule}: the file is the sample.${ext} fixture`, `file size ${want}`, `file size ${String(size)}`, OP.getNotifications);
      // The official recording server names the file after the moment its recorder started
      // (Service.start: "Recording %Y-%m-%d %H-%M-%S"): here the `started`, one second (the stop
      // delay) before the upload the notification is dated by.
      const uploadedAt = list[0] ? secondsOf(list[0].datetime) : Number.NaN;
      const name = `Recording ${Number.isNaN(uploadedAt) ? '?' : new Date((uploadedAt - 1) * 1000).toISOString().slice(0, 19).replace('T', ' ').replaceAll(':', '-')}.${ext}`;
      if (!files[0]?.endsWith(`/${name}`)) fail(`${rule}: the file is named after the moment the recorder started, as the official recording server names it`, `…/${name}`, files[0] ?? '(no file)', OP.getNotifications);
    };
    /** The room's newest messages, newest first. */
    const newestOf = async (r: { token: string; cast: typeof c }): Promise<ChatMessageView[]> => {
      const res = await readChat(ctx, r.cast.owner, r.token, { lookIntoFuture: 0, limit: 5 });
      const data = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data;
      return Array.isArray(data) ? data : [];
    };
    /** No recording_stopped / audio_recording_stopped posted after message `since`. */
    const noStopMessage = async (rule: string, since: number, r: { token: string; cast: typeof c } = { token, cast: c }) => {
      const said = (await newestOf(r)).filter((m) => m.id > since).map((m) => m.systemMessage);
      if (said.some((s) => /recording_stopped$/.test(s ?? ''))) fail(rule, `no recording_stopped message after #${since}`, said.join(', '), OP.receiveMessages);
    };
    const newestId = async (r: { token: string; cast: typeof c } = { token, cast: c }) => (await newestOf(r))[0]?.id ?? 0;

    for (const [kind, starting, recording, ext, message] of [[1, 3, 1, 'webm', 'recording'], [2, 4, 2, 'ogg', 'audio_recording']] as const) {
      await ctx.rule(`${kind === 1 ? 'video' : 'audio'}: starting (${starting}) until the recorder answers, then ${recording} with ${message}_started; a stop ends in 0 with ${message}_stopped and a .${ext} stored for the owner`, async () => {
        const before = (await recordingNotifications(ctx, c.owner, token)).list.length;
        const res = await startCall(ctx, c.owner, token, kind);
        if (res.status !== 200) fail('a moderator starts a recording', 'HTTP 200', `HTTP ${res.status}`, OP.startRecording);
        await status('a start waits for the recorder', starting);
        await settle(2_000);
        await status('the recorder\'s `started` sets the recording status', recording);
        await posted('the recorder\'s `started` is in the chat', `${message}_started`);
        const stop = await stopCall(ctx, c.owner, token);
        if (stop.status !== 200) fail('a moderator stops the recording', 'HTTP 200', `HTTP ${stop.status}`, OP.stopRecording);
        await settle(1_000);
        await status('the recorder\'s `stopped` ends the recording', 0);
        await posted('the recorder\'s `stopped` is in the chat', `${message}_stopped`);
        await stored('the recorder uploads the file and its owner is notified', ext, before);
      }, { operation: OP.startRecording, decision: DECISION });
    }
    // Service.stop of the official server: stopped before its recorder ran, it reports `stopped`
    // and has nothing to upload; Listener::setCallRecording posts recording_stopped only for a
    // recording that was running (1/2 → 0).
    await ctx.rule('a stop while the recorder is still starting ends the recording at once (0 on the next request), with no recording_stopped and nothing stored', async () => {
      const before = (await recordingNotifications(ctx, c.owner, token)).list.length;
      const since = await newestId();
      const res = await startCall(ctx, c.owner, token, 1);
      if (res.status !== 200) fail('a moderator starts a recording', 'HTTP 200', `HTTP ${res.status}`, OP.startRecording);
      const stop = await stopCall(ctx, c.owner, token);
      if (stop.status !== 200) fail('a moderator stops a starting recording', 'HTTP 200', `HTTP ${stop.status}`, OP.stopRecording);
      await settle(0);
      await status('a stop before the recorder started ends the recording at once', 0);
      await noStopMessage('a recording stopped before it started posts no recording_stopped', since);
      await settle(3_000);
      const after = (await recordingNotifications(ctx, c.owner, token)).list.length;
      if (after !== before) fail('a recording stopped before it started uploads nothing', `${before} stored-recording notifications, as before`, `${after}`, OP.getNotifications);
    }, { operation: OP.stopRecording, decision: DECISION });
    await ctx.rule('a recorder that fails to start ends in failed (5) without recording_failed; a new start is accepted and records', async () => {
      await control.call('fail-next-recording', {});
      const res = await startCall(ctx, c.owner, token, 1);
      if (res.status !== 200) fail('a moderator starts a recording', 'HTTP 200', `HTTP ${res.status}`, OP.startRecording);
      await settle(2_000);
      await status('a failed recorder sets status 5', 5);
      const said = (await newest()).map((m) => m.systemMessage);
      if (said.includes('recording_failed')) fail('a recording that never started does not post recording_failed', 'no recording_failed (nothing was being recorded)', said.join(', '), OP.receiveMessages);
      const again = await startCall(ctx, c.owner, token, 1);
      if (again.status !== 200) fail('a start after a failure is accepted', 'HTTP 200', `HTTP ${again.status}`, OP.startRecording);
      await settle(2_000);
      await status('the new start records', 1);
    }, { operation: OP.startRecording, decision: DECISION });
    await ctx.rule('a recorder that fails while recording ends in failed (5) with recording_failed', async () => {
      await control.call('fail-recording', { token });
      await status('a recorder failing mid-recording sets status 5', 5);
      await posted('a recorder failing mid-recording is in the chat', 'recording_failed');
    }, { operation: OP.startRecording, decision: DECISION });
    // The recorder knows nothing to stop any more and answers 404, so Nextcloud keeps the status
    // failed and the stop answers 200 (RecordingService::stop).
    await ctx.rule('stopping a recording whose recorder failed (5) answers 200 and keeps 5', async () => {
      const stop = await stopCall(ctx, c.owner, token);
      if (stop.status !== 200) fail('stopping a recording whose recorder failed answers 200 (the recording server answers 404)', 'HTTP 200', `HTTP ${stop.status}`, OP.stopRecording);
      await status('stopping a failed recording keeps status 5', 5);
    }, { operation: OP.stopRecording, decision: DECISION });
    // A recording server reports each event when it happens, so events that fall due between two
    // requests reach Nextcloud in the order they fell due, whichever recording began first. Chat
    // message ids are one sequence over all rooms (the comments table), so their order shows it.
    await ctx.rule('a recording runs on while another room\'s events are delivered; a second stop does not put the end off; events that fall due together are delivered in the order they fell due (B stopped 200 ms before A posts its recording_stopped first)', async () => {
      const a = await roomWithCall(ctx);
      const b = await roomWithCall(ctx);
      // A records first; B's `started` is delivered while A keeps recording, and must leave A alone.
      for (const r of [a, b]) {
        const res = await startCall(ctx, r.cast.owner, r.token, 1);
        if (res.status !== 200) fail('a moderator starts a recording', 'HTTP 200', `HTTP ${res.status}`, OP.startRecording);
        await settle(2_000);
      }
      const running = await recordingStatus(ctx, a.cast.owner, a.token);
      if (running !== 1) fail('a running recording is left alone while another room\'s events are delivered', 'callRecording 1 in room A after room B started', `callRecording ${String(running)}`);
      // B is stopped, A 50 ms later, B once more 50 ms after that. The second stop, while B is
      // stopping, does not put its end off: 1050 ms after B's first stop both have ended, and B,
      // stopped first, has reported first.
      for (const [r, wait] of [[b, 50], [a, 50], [b, 0]] as const) {
        const res = await stopCall(ctx, r.cast.owner, r.token);
        if (res.status !== 200) fail('a moderator stops the recording', 'HTTP 200', `HTTP ${res.status}`, OP.stopRecording);
        if (wait) await control.advanceClock(wait);
      }
      await settle(950);
      const ended = await recordingStatus(ctx, b.cast.owner, b.token);
      if (ended !== 0) fail('a second stop while stopping does not put the end off', 'callRecording 0 in room B 1050 ms after its first stop', `callRecording ${String(ended)}`);
      const stoppedId = async (r: typeof a): Promise<number | undefined> => {
        const res = await readChat(ctx, r.cast.owner, r.token, { lookIntoFuture: 0, limit: 5 });
        const list = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data;
        return (Array.isArray(list) ? list : []).find((m) => m.systemMessage === 'recording_stopped')?.id;
      };
      const [idA, idB] = [await stoppedId(a), await stoppedId(b)];
      if (idA === undefined || idB === undefined || idB > idA) fail('events are delivered in the order they fell due', `recording_stopped in room B (stopped first) before room A's: id B < id A`, `id B ${String(idB)}, id A ${String(idA)}`, OP.receiveMessages);
    }, { operation: OP.stopRecording, decision: DECISION });
    // RecordingService stops the recording when the call ends, naming nobody: the recorder ends and
    // uploads as after a moderator's stop, and the chat shows no recording_stopped (the `stopped`
    // names no actor; the call's own messages tell of its end).
    await ctx.rule('when the call ends during a recording, the recorder stops (0 a second later) and uploads the file for its owner, with no recording_stopped', async () => {
      const r = await roomWithCall(ctx);
      const res = await startCall(ctx, r.cast.owner, r.token, 2);
      if (res.status !== 200) fail('a moderator starts a recording', 'HTTP 200', `HTTP ${res.status}`, OP.startRecording);
      await settle(2_000);
      const since = await newestId(r);
      const left = await leaveCall(ctx, r.cast.owner, r.token);
      if (left.status !== 200) fail('the last participant leaves the call', 'HTTP 200', `HTTP ${left.status}`, OP.leaveCall);
      await settle(1_000);
      const got = await recordingStatus(ctx, r.cast.owner, r.token);
      if (got !== 0) fail('the call\'s end stops the recording', 'callRecording 0 a second after the call ended', `callRecording ${String(got)}`);
      await noStopMessage('a recording the call\'s end stopped posts no recording_stopped', since, r);
      const { list } = await recordingNotifications(ctx, r.cast.owner, r.token);
      if (!list.some((n) => fileOf(n)?.path.endsWith('.ogg'))) fail('the recording the call\'s end stopped is uploaded for its owner', 'a stored-recording notification naming an .ogg', `${list.length} notification(s)`, OP.getNotifications);
    }, { operation: OP.leaveCall, decision: DECISION });
    // Each recorder reports `started` when its own start is 2 s old: delivering one room's `started`
    // does not start another room's recorder early.
    await ctx.rule('each recording reports started 2 s after its own start: B, started 1 s after A, is still starting when A has started', async () => {
      const a = await roomWithCall(ctx);
      const b = await roomWithCall(ctx);
      if ((await startCall(ctx, a.cast.owner, a.token, 1)).status !== 200) fail('a moderator starts a recording', 'HTTP 200', 'another status', OP.startRecording);
      await control.advanceClock(1_000);
      if ((await startCall(ctx, b.cast.owner, b.token, 2)).status !== 200) fail('a moderator starts a recording', 'HTTP 200', 'another status', OP.startRecording);
      await settle(1_000);
      const [sa, sb] = [await recordingStatus(ctx, a.cast.owner, a.token), await recordingStatus(ctx, b.cast.owner, b.token)];
      if (sa !== 1 || sb !== 4) fail('a recording starts 2 s after its own start, not when another one does', 'callRecording 1 in room A (2 s after its start), 4 in room B (1 s after its start)', `A ${String(sa)}, B ${String(sb)}`);
      await settle(1_000);
      const later = await recordingStatus(ctx, b.cast.owner, b.token);
      if (later !== 2) fail('a recording starts 2 s after its own start', 'callRecording 2 in room B 2 s after its start', `callRecording ${String(later)}`);
    }, { operation: OP.startRecording, decision: DECISION });
    // Server.py startRecording: a start for a room whose recorder still runs is logged ("Trying to
    // start recording again") and answered {}; nothing new starts. Here Nextcloud was told
    // `stopped` by someone else (the check, signing as a recording server) while the recorder runs.
    await ctx.rule('a start while the recorder of that room still runs is ignored by the recorder: the room stays starting (3)', async () => {
      const r = await roomWithCall(ctx);
      if ((await startCall(ctx, r.cast.owner, r.token, 1)).status !== 200) fail('a moderator starts a recording', 'HTTP 200', 'another status', OP.startRecording);
      await settle(2_000);
      // Signed with the simulated server's own secret (a fresh mock's, not the target config's).
      const { secret } = await control.call<{ secret: string }>('recording-secret', {});
      const body = JSON.stringify(stopped(r.token));
      const random = newRandom();
      const told = await backendCall(ctx, body, { random, checksum: await sign(secret, random, body) });
      if (told.status !== 200) fail('a signed `stopped` ends the recording in Nextcloud', 'HTTP 200', `HTTP ${told.status}`, OP.recordingBackend);
      if ((await startCall(ctx, r.cast.owner, r.token, 1)).status !== 200) fail('a new start after `stopped` is accepted', 'HTTP 200', 'another status', OP.startRecording);
      await settle(2_000);
      const got = await recordingStatus(ctx, r.cast.owner, r.token);
      if (got !== 3) fail('the recorder ignores a second start while it records', 'callRecording 3 (no new `started`)', `callRecording ${String(got)}`);
    }, { operation: OP.startRecording, decision: DECISION });
  },
};

export const recordingSimulatedChecks: Check[] = [simulatedServer];
