// A recording as the API shows it: the three states come out of duration and links.download,
// and the lifecycle faults bend exactly those two fields.
import { has } from './context.ts';
import { issueLink } from './links.ts';
import { roomInfo, stateOf, userWire } from './types.ts';
import type { EyesonContext } from './context.ts';
import type { Recording, WireRecording } from './types.ts';

/** Under `download-before-duration`: how long after the stop the duration stays missing beside a link. */
const DURATION_LAG_MS = 10 * 60_000;

/** `read` marks an API read (the `duration-regresses` fault lies on every other one). */
export async function presentRecording(ctx: EyesonContext, r: Recording, origin: string, read = false): Promise<WireRecording> {
  const state = stateOf(r);
  let duration: number | null = r.durationSeconds ?? null;
  let download = state === 'finished' ? await issueLink(ctx, r.id, origin) : null;
  // The link is out while the duration is not: from the stop until a while after the processing
  // delay (long enough that a client polling a fast clock still sees it).
  if (has(ctx, 'download-before-duration') && r.stoppedAt !== undefined && ctx.clock.now() - r.stoppedAt < DURATION_LAG_MS) {
    duration = null;
    download ??= await issueLink(ctx, r.id, origin);
  }
  if (read && state === 'finished' && has(ctx, 'duration-regresses') && ctx.reads++ % 2 === 1) {
    duration = null;
    download = null;
  }
  return {
    id: r.id,
    created_at: Math.floor(r.createdAt / 1000),
    duration,
    links: { self: `${origin}/recordings/${encodeURIComponent(r.id)}`, download },
    user: r.user ? userWire(r.user) : null,
    // `recording-room-never-shutdown`: the recording's room keeps saying its meeting runs.
    room: has(ctx, 'recording-room-never-shutdown') ? { ...roomInfo(r.instance), shutdown: false } : roomInfo(r.instance),
  };
}
