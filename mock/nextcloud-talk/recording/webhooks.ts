// Nextcloud → recording server (facts §2.6): signed start/stop requests to
// `<server>/api/v1/room/<token>`. The simulated server answers in-process before the API call
// returns (so a frozen-clock test sees its effect at once); a real one is reached through
// core/webhook-sender.ts (3 attempts, in order) and its answer is applied when it comes.
// Either way each request is kept in ctx.outbox with the exact bytes sent.
import { has, type TalkContext } from '../context.ts';
import type { OutgoingRequest, Room } from '../types.ts';
import { runtimeOf, senderOf, type OutboxNote } from './runtime.ts';
import { isSimulated, recordingServer } from './server-config.ts';
import { checksum } from './signature.ts';
import { RECORDING_FAILED, isStarting } from './status.ts';
import { nextcloudRandom, roomUrl, startBody, stopBody, type WireActor } from './wire.ts';
import type { RecordingKind } from './status.ts';

/** Keeps the outbox from growing without bound in a long-running mock. */
const OUTBOX_LIMIT = 1000;

export function sendStart(ctx: TalkContext, room: Room, kind: RecordingKind, owner: string, actor: WireActor): Promise<void> {
  return send(ctx, room, { kind: 'start', token: room.token }, startBody(kind, owner, actor));
}

/** `actor` undefined: the call ended by itself (the body then carries `"stop":[]`). */
export function sendStop(ctx: TalkContext, room: Room, actor: WireActor | undefined): Promise<void> {
  return send(ctx, room, { kind: 'stop', token: room.token }, stopBody(actor));
}

/** What the answer of the recording server means for the room. */
function applyAnswer(ctx: TalkContext, note: OutboxNote, status: number | undefined): void {
  const room = ctx.store.room(note.token);
  if (!room) return;
  const ok = status !== undefined && status >= 200 && status < 300;
  // A stop the server does not know will never be confirmed: Nextcloud marks the recording failed.
  if (note.kind === 'stop' && status === 404) room.callRecording = RECORDING_FAILED;
  // A start nobody took (the mock's decision; Nextcloud would answer the API call with an error):
  // the recording will never start, so it is failed rather than "starting" for ever.
  if (note.kind === 'start' && !ok && isStarting(room.callRecording)) room.callRecording = RECORDING_FAILED;
}

async function send(ctx: TalkContext, room: Room, note: OutboxNote, body: string): Promise<void> {
  const server = recordingServer(ctx);
  if (!server) {
    applyAnswer(ctx, note, 404); // nobody to tell: nobody will ever confirm
    return;
  }
  const random = nextcloudRandom(ctx.prng);
  const signed = has(ctx, 'outgoing-checksum-over-body-only') ? await checksum(server.secret, '', body) : await checksum(server.secret, random, body);
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'OCS-APIRequest': 'true',
    'Talk-Recording-Random': random,
    'Talk-Recording-Checksum': signed,
  };
  if (!has(ctx, 'outgoing-backend-header-missing')) headers['Talk-Recording-Backend'] = `${ctx.origin}/`; // the absolute base URL, as getAbsoluteURL('') gives it
  const url = roomUrl(server.server, room.token);
  const entry: OutgoingRequest = { at: ctx.clock.now(), method: 'POST', url, headers, body };
  ctx.outbox.push(entry);
  if (ctx.outbox.length > OUTBOX_LIMIT) ctx.outbox.splice(0, ctx.outbox.length - OUTBOX_LIMIT);

  const rt = runtimeOf(ctx);
  if (isSimulated(server)) {
    const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    const answer = await rt.sim.receive({ url, headers: lower, body }, server.secret, ctx.clock.now());
    entry.status = answer.status;
    applyAnswer(ctx, note, answer.status);
    return;
  }
  rt.notes.set(entry, note);
  const queue = rt.awaiting.get(url) ?? [];
  queue.push(entry);
  rt.awaiting.set(url, queue);
  senderOf(ctx, (done) => {
    const n = rt.notes.get(done);
    if (n) applyAnswer(ctx, n, done.status);
  }).send({ url, headers, body });
}
