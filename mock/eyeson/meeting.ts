// The state changes of a meeting, shared by the HTTP handlers and the control API: join (start a
// room instance or join the running one), start and stop a recording, settle processing, shut down.
import { PROCESSING_DELAY_MS, RECORDING_MEDIA, has } from './context.ts';
import { accessKey, guestToken, objectId } from './ids.ts';
import { stateOf, wholeSeconds } from './types.ts';
import type { EyesonContext } from './context.ts';
import type { MeetingOptions, Member, Recording, Room, RoomInstance, Team, User } from './types.ts';

export interface JoinInput {
  roomId?: string;
  name?: string;
  user: { id?: string; name: string; avatar?: string };
  recordingAvailable?: boolean;
  /** The other options; they take effect only when this join starts the instance. */
  options?: MeetingOptions;
  /** Control only: a fixed access key (Pact provider states). */
  accessKey?: string;
}

export type JoinResult = { ok: true; member: Member; room: Room } | { ok: false; reason: 'other-team' };

export function currentInstance(room: Room): RoomInstance | undefined {
  const last = room.instances[room.instances.length - 1];
  return last && last.shutdownAt === undefined ? last : undefined;
}

export function join(ctx: EyesonContext, team: Team, input: JoinInput): JoinResult {
  const now = wholeSeconds(ctx.clock.now());
  const id = input.roomId ?? objectId(ctx.prng);
  let room = ctx.rooms.get(id);
  if (room && room.teamKey !== team.apiKey) return { ok: false, reason: 'other-team' };
  if (!room) {
    room = { id, teamKey: team.apiKey, instances: [] };
    ctx.rooms.set(id, room);
  }
  let instance = currentInstance(room);
  if (!instance) {
    instance = {
      roomId: id,
      name: input.name ?? id,
      startedAt: now,
      guestToken: guestToken(ctx.prng),
      recordingAvailable: input.recordingAvailable ?? true,
      ...(input.options && Object.keys(input.options).length > 0 ? { options: input.options } : {}),
    };
    room.instances.push(instance);
  }
  const user: User = { id: input.user.id ?? objectId(ctx.prng), name: input.user.name, avatar: input.user.avatar ?? null, guest: false, joinedAt: now };
  const member: Member = { accessKey: input.accessKey ?? accessKey(ctx.prng), instance, user };
  ctx.members.set(member.accessKey, member);
  return { ok: true, member, room };
}

export function teamOf(ctx: EyesonContext, teamKey: string): Team | undefined {
  return ctx.teams.get(teamKey);
}

/** The recording running in an instance (started, not deleted), if any. */
export function runningRecording(ctx: EyesonContext, instance: RoomInstance): Recording | undefined {
  const r = instance.recordingId === undefined ? undefined : ctx.store.get(instance.recordingId);
  return r && r.deletedAt === undefined && stateOf(r) === 'started' ? r : undefined;
}

export function startRecording(ctx: EyesonContext, member: Member, opts: { id?: string } = {}): Recording {
  const room = ctx.rooms.get(member.instance.roomId)!;
  const r: Recording = {
    id: opts.id ?? objectId(ctx.prng),
    roomId: room.id,
    teamKey: room.teamKey,
    instance: member.instance,
    user: member.user,
    createdAt: wholeSeconds(ctx.clock.now()),
    media: RECORDING_MEDIA,
  };
  ctx.store.insert(r);
  member.instance.recordingId = r.id;
  const team = teamOf(ctx, r.teamKey);
  if (team) ctx.webhooks.emit(team, 'started', r, r.createdAt);
  return r;
}

export function stopRecording(ctx: EyesonContext, r: Recording): void {
  const now = wholeSeconds(ctx.clock.now());
  r.stoppedAt = now;
  const seconds = Math.max(0, Math.round((now - r.createdAt) / 1000));
  r.durationSeconds = has(ctx, 'duration-whole-minutes') ? Math.round(seconds / 60) * 60 : seconds;
  if (r.instance.recordingId === r.id) r.instance.recordingId = undefined;
  ctx.store.markStopped(r);
  const team = teamOf(ctx, r.teamKey);
  if (team) ctx.webhooks.emit(team, 'stopped', r, now);
}

/** Lazy settling: finish every recording whose processing delay has passed, oldest first. */
export function settle(ctx: EyesonContext): number {
  const now = ctx.clock.now();
  const due = [...ctx.store.unsettled()].filter((r) => r.stoppedAt! + PROCESSING_DELAY_MS <= now);
  due.sort((a, b) => a.stoppedAt! - b.stoppedAt! || (a.id < b.id ? -1 : 1));
  for (const r of due) {
    r.finishedAt = r.stoppedAt! + PROCESSING_DELAY_MS;
    ctx.store.markSettled(r);
    const team = teamOf(ctx, r.teamKey);
    if (team && r.deletedAt === undefined) ctx.webhooks.emit(team, 'finished', r, r.finishedAt);
  }
  return due.length;
}

/** Ends a room instance; a running recording is stopped first (with its recording_update). */
export function shutdown(ctx: EyesonContext, instance: RoomInstance): void {
  const running = runningRecording(ctx, instance);
  if (running) stopRecording(ctx, running);
  instance.shutdownAt = Math.max(instance.startedAt, wholeSeconds(ctx.clock.now()));
}

/** Deletes a recording; a running one ends silently (a callrec decision). */
export function deleteRecording(ctx: EyesonContext, r: Recording): void {
  r.deletedAt = ctx.clock.now();
  ctx.store.markDeleted(r);
  if (r.instance.recordingId === r.id) r.instance.recordingId = undefined;
  ctx.store.markSettled(r);
}
