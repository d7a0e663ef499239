// A stored recording as the API shows it, with the faults that bend it applied. Unset times
// are omitted, never null (decision `omitted-not-null`).
import { has } from './context.ts';
import type { HornContext } from './context.ts';
import type { Recording, WireRecording } from './types.ts';

export function present(ctx: HornContext, r: Recording): WireRecording {
  const wire: WireRecording = { id: r.id, channel: r.channel, session: r.session, startTime: r.startTime };
  if (r.endTime !== undefined) wire.endTime = r.endTime;
  if (r.readyTime !== undefined) {
    // `ready-time-regresses`: every other read of a ready recording forgets it is ready.
    const lie = has(ctx, 'ready-time-regresses') && ctx.reads++ % 2 === 1;
    if (!lie) wire.readyTime = r.readyTime;
  }
  if (r.endTime === undefined && has(ctx, 'ready-before-ended')) wire.readyTime = ctx.clock.now();
  if (has(ctx, 'start-time-as-string')) wire.startTime = new Date(r.startTime).toISOString();
  return wire;
}
