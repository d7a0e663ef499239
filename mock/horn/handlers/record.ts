// Recording a channel: may it be recorded (GET record/possible), start (POST record) and stop
// (DELETE record — a harness extension, decision `stop-endpoint`: the sources say recordings
// "can be terminated in request" but publish no route).
import { json } from '../../../core/http.ts';
import type { MockRequest, MockResponse } from '../../../core/http.ts';
import { channelAccess } from '../auth.ts';
import { has } from '../context.ts';
import { uuid } from '../datasets.ts';
import * as errors from '../errors.ts';
import { recordingPossible, whyNotPermitted } from '../permissions.ts';
import { present } from '../wire.ts';
import type { HornContext } from '../context.ts';
import type { Recording } from '../types.ts';

type Params = Record<string, string>;

export async function recordPossible(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const access = channelAccess(ctx, req, p.uuid!, 'operator', 'other');
  if (!access.ok) return access.response;
  return json(200, { possible: recordingPossible(ctx, access.channel) });
}

export async function startRecording(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const access = channelAccess(ctx, req, p.uuid!, 'operator', 'start');
  if (!access.ok) return access.response;
  const channel = access.channel;
  const why = whyNotPermitted(ctx, channel);
  if (why) return errors.notPermitted(has(ctx, 'not-permitted-as-500') ? 500 : 400, why);
  if (ctx.store.running(channel.id)) return has(ctx, 'already-started-409') ? errors.error(409, 'RECORDING_ALREADY_STARTED', `Channel ${channel.id} is already being recorded`) : errors.alreadyStarted(channel.id);
  const now = ctx.clock.now();
  let id = uuid(ctx.prng);
  while (ctx.store.get(id)) id = uuid(ctx.prng);
  const r: Recording = { id, channel: channel.id, session: channel.session, startTime: now };
  ctx.store.insert(r);
  const wire = present(ctx, r);
  ctx.events.emit('recording.started', wire, now);
  return json(200, wire);
}

export async function stopRecording(ctx: HornContext, req: MockRequest, p: Params): Promise<MockResponse> {
  const access = channelAccess(ctx, req, p.uuid!, 'operator', 'other');
  if (!access.ok) return access.response;
  const running = ctx.store.running(access.channel.id);
  if (!running) return errors.notStarted(access.channel.id);
  return json(200, endRecording(ctx, running));
}

/** Ends a running recording now (stop, or the channel going inactive) and announces it. */
export function endRecording(ctx: HornContext, r: Recording) {
  const now = ctx.clock.now();
  ctx.store.end(r.id, Math.max(now, r.startTime));
  const wire = present(ctx, r);
  ctx.events.emit('recording.ended', wire, now);
  return wire;
}
