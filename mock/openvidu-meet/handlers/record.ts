// Recording a room: start (POST /recordings) and stop (POST /recordings/{recordingId}/stop).
import { json, parseJsonBody } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { ANY_CREDENTIAL, RECORDING_CONTROL, authorize, refuse } from '../access.ts';
import { has } from '../context.ts';
import { present } from '../wire.ts';
import * as errors from '../errors.ts';
import { makeRecording } from '../factory.ts';
import { parseStartBody, parseRecordingId, roomIdSanitiser } from '../input.ts';
import type { MeetContext } from '../context.ts';
import type { Room } from '../types.ts';
import { egressIdOf } from '../ids.ts';

/**
 * `start-race-no-lock`: how long, at most, a faulty start 'talks to the media server' between its
 * check and its write. The window closes early as soon as a second start in the same room has
 * passed the check too, so two starts that overlap at all both win: the fault shows whenever
 * parallel starts meet it, however slowly a loaded machine delivers them (a fixed 100 ms window
 * did not, and the self-check was flaky).
 */
const RACE_WINDOW_MS = 2_000;
/** Faulty starts waiting in their window, per mock and room. */
const inWindow = new WeakMap<MeetContext, Map<string, (() => void)[]>>();

/** Waits in the race window until another start in `roomId` arrives (or the window ends). */
function raceWindow(ctx: MeetContext, roomId: string): Promise<void> {
  let rooms = inWindow.get(ctx);
  if (!rooms) inWindow.set(ctx, (rooms = new Map()));
  const waiting = rooms.get(roomId) ?? [];
  rooms.set(roomId, waiting);
  if (waiting.length > 0) {
    // Both passed the check: release the one waiting, and go on to write as well.
    for (const release of waiting.splice(0)) release();
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const release = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      const at = waiting.indexOf(release);
      if (at >= 0) waiting.splice(at, 1);
      resolve();
    }, RACE_WINDOW_MS);
    waiting.push(release);
  });
}

// POST /recordings — start recording a room (facts §5.4).
export async function startRecording(ctx: MeetContext, req: MockRequest): Promise<MockResponse> {
  const auth = await authorize(ctx, req, has(ctx, 'access-token-starts-recording') ? ANY_CREDENTIAL : RECORDING_CONTROL);
  if (!auth.ok) return auth.response;

  const parsed = parseJsonBody(req);
  if (!parsed.ok) {
    if (has(ctx, 'malformed-json-500')) return errors.internal('Unexpected error while starting recording');
    return errors.validation([{ field: 'body', message: `Malformed JSON: ${parsed.error}` }]);
  }
  const body = parseStartBody(parsed.value, roomIdSanitiser(ctx));
  if (!body.ok) return errors.validation(body.issues);
  const { roomId, layout } = body.value;

  const room = ctx.rooms.get(roomId);
  if (!room) return errors.roomNotFound(roomId);
  const refused = refuse(ctx, auth.principal, 'record', roomId);
  if (refused) return refused;
  if (!room.recordingEnabled) return errors.recordingDisabled(roomId);

  // `start-race-no-lock`: check, yield, then write — the classic lost-update race, so parallel
  // starts all pass the check. Without the fault, check and write happen in one synchronous
  // step, which is what makes 100 concurrent starts produce exactly one 201.
  if (has(ctx, 'start-race-no-lock')) {
    const refusal = roomRefusal(ctx, room);
    if (refusal) return refusal;
    await raceWindow(ctx, room.roomId);
  } else {
    const refusal = roomRefusal(ctx, room);
    if (refusal) return refusal;
  }

  // A start the media server never confirms (control `stall-start`): the platform gives up after
  // 20 s and answers 503; nothing is left recording, so the room is free again (decision start-timeout-503).
  if (ctx.stalledStarts > 0) {
    ctx.stalledStarts -= 1;
    return has(ctx, 'start-timeout-500') ? errors.internal('Unexpected error while starting recording') : errors.startTimedOut(roomId);
  }

  const now = ctx.clock.now();
  const media = ctx.media.pick(ctx.prng);
  const r = makeRecording(ctx.prng, room, { status: 'active', startDate: now, media, mediaFacts: ctx.media.facts(media), layout: has(ctx, 'start-layout-ignored') ? undefined : layout });
  ctx.store.insert(r);
  const wire = present(ctx, r);
  ctx.webhooks.emit('recordingStarted', wire, now);
  const headers: Record<string, string> = has(ctx, 'start-missing-location') ? {} : { location: `${req.origin}/api/v1/recordings/${encodeURIComponent(r.recordingId)}` };
  return json(201, wire, headers);
}

/** Why this room cannot start a recording right now, if it cannot. */
function roomRefusal(ctx: MeetContext, room: Room): MockResponse | undefined {
  if (room.participants <= 0 && !has(ctx, 'start-empty-room-accepted')) return errors.noParticipants(room.roomId);
  if (!has(ctx, 'second-start-accepted')) {
    // Every unfinished recording holds its room, `ending` too: the platform frees the room when the
    // media server reports the end (egress_ended releases its recording-active lock), not at the stop.
    for (const r of ctx.store.unsettled()) {
      if (r.roomId === room.roomId && !(r.status === 'ending' && has(ctx, 'start-while-ending-accepted'))) return errors.alreadyRecording(room.roomId);
    }
  }
  return undefined;
}

// POST /recordings/{recordingId}/stop — only an active recording can be stopped (facts §5.4).
export async function stopRecording(ctx: MeetContext, req: MockRequest, rawId: string): Promise<MockResponse> {
  const auth = await authorize(ctx, req, RECORDING_CONTROL);
  if (!auth.ok) return auth.response;
  const id = parseRecordingId(rawId, 'recordingId', roomIdSanitiser(ctx));
  if (!id.ok) return has(ctx, 'bad-recording-id-404') ? errors.recordingNotFound(rawId) : errors.validation(id.issues);

  const r = ctx.store.get(id.value);
  // The platform's message names the egress id here, not the whole recording id.
  if (!r) return errors.recordingNotFound(egressIdOf(id.value));
  const refused = refuse(ctx, auth.principal, 'record', r.roomId);
  if (refused) return refused;
  const location = { location: `${req.origin}/api/v1/recordings/${encodeURIComponent(r.recordingId)}` };
  if (r.status !== 'active') {
    if (has(ctx, 'stop-completed-202')) return json(202, present(ctx, r), location);
    return r.status === 'starting' ? errors.stillStarting(r.recordingId) : errors.alreadyStopped(r.recordingId);
  }
  const now = ctx.clock.now();
  // Duration is known at once (it is the media fixture's); endDate and size come with `complete`.
  ctx.store.update(r.recordingId, { status: 'ending', stopRequestedAt: now, duration: ctx.media.facts(r.media).duration });
  const wire = present(ctx, r);
  ctx.webhooks.emit('recordingUpdated', wire, now);
  return json(202, wire, location);
}
