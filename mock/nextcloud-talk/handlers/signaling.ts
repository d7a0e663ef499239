// Signaling (seed 004 "Signaling"): STUN/TURN settings and the internal signaling endpoints
// (capability guest-signaling / multi-room-users: the room token is on the URL). The internal
// pull answers at once with what is queued (a callrec simplification: no long-poll here).
import { connected, findRoom, isMembership } from '../access.ts';
import { has, nowSeconds } from '../context.ts';
import { failure, ok } from '../ocs.ts';
import type { Handler } from '../router.ts';
import { badRequest } from './common.ts';

export const signalingSettings: Handler = (ctx, req) => {
  const s = ctx.config.signaling;
  const user = req.actor.kind === 'user' ? req.actor.user.id : '';
  const external = s.mode === 'external';
  return ok({
    stunservers: s.stunServers.map((url) => ({ url })),
    turnservers: s.turnServers.map((t) => ({ url: [t.server], urls: [t.server], username: t.username, credential: t.credential })),
    server: external ? s.server : '',
    // A ticket names the user and the moment; the external server would verify it with the shared secret.
    ticket: external ? `${nowSeconds(ctx)}:${user}:${s.ticketSecret ? 'signed' : 'unsigned'}` : '',
  });
};

const DISABLED = 'Internal signaling disabled.';

export const pullSignaling: Handler = (ctx, req, { token }) => {
  if (ctx.config.signaling.mode === 'external') return failure(400, '', DISABLED);
  const m = findRoom(ctx, req.actor, token!, { participantOnly: true });
  // Without a session the client is told the room is empty and leaves it (spec: signaling-pull-404).
  if (!isMembership(m) || !connected(m.participant)) return failure(404, '', [{ type: 'usersInRoom', data: [] }]);
  const p = m.participant;
  if (!has(ctx, 'signaling-pull-no-ping')) p.lastPing = nowSeconds(ctx);
  const connectedOf = ctx.store.participants(m.room.token).filter(connected);
  const users = connectedOf.map((x) => ({ userId: x.actorType === 'users' ? x.actorId : '', roomId: m.room.id, lastPing: x.lastPing, sessionId: x.sessionId, inCall: x.inCall }));
  if (has(ctx, 'signaling-users-unnamed')) for (const u of users) u.userId = '';
  if (has(ctx, 'signaling-guests-named')) users.forEach((u, i) => (u.userId ||= connectedOf[i]!.actorId));
  const queued = ctx.signalingQueues.get(p.sessionId) ?? [];
  if (!has(ctx, 'signaling-messages-redelivered')) ctx.signalingQueues.delete(p.sessionId);
  return ok([...queued.map((data) => ({ type: 'message', data })), { type: 'usersInRoom', data: users }]);
};

export const sendSignaling: Handler = (ctx, req, { token }) => {
  if (ctx.config.signaling.mode === 'external') return failure(400, '', DISABLED);
  const m = findRoom(ctx, req.actor, token!, { participantOnly: true });
  if (!isMembership(m)) return m;
  if (!connected(m.participant)) return failure(404);
  const from = m.participant.sessionId;
  const raw = req.input.raw('messages');
  let messages: unknown;
  try {
    messages = typeof raw === 'string' ? JSON.parse(raw) : raw;
  } catch {
    return badRequest();
  }
  if (!Array.isArray(messages)) return badRequest();
  for (const item of messages) {
    if (typeof item !== 'object' || item === null) continue;
    const { ev, fn } = item as { ev?: unknown; fn?: unknown };
    if (ev !== 'message' || typeof fn !== 'string') continue;
    let decoded: unknown;
    try {
      decoded = JSON.parse(fn);
    } catch {
      continue; // the platform forwards what it cannot read to nobody
    }
    if (typeof decoded !== 'object' || decoded === null) {
      if (has(ctx, 'signaling-non-object-500')) throw new Error('signaling message is not an object');
      continue;
    }
    const to = (decoded as { to?: unknown }).to;
    const target = typeof to === 'string' ? ctx.store.bySession(to) : undefined;
    if (!target && has(ctx, 'signaling-unknown-target-500')) throw new Error(`no session ${String(to)}`);
    if (!target || (target.roomToken !== m.room.token && !has(ctx, 'signaling-other-room-relayed'))) continue;
    const q = ctx.signalingQueues.get(target.sessionId) ?? [];
    q.push(JSON.stringify(has(ctx, 'signaling-other-room-relayed') ? decoded : { ...(decoded as object), from }));
    ctx.signalingQueues.set(target.sessionId, q);
  }
  return ok([]);
};
