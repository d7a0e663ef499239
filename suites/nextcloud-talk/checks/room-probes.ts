// What the room checks share: one probe per operation that names a room (with the brute-force
// budget a real server allows for unknown rooms), sending and judging them as a class, and reading
// the newest chat message and its user parameter.
import type { CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
  REC,
  V1,
  excerpt,
  ocs,
  participants,
  readChat,
  type ChatMessageView,
  type OperationId,
  type Principal,
} from '../support.ts';

export const TALK_SPEC = '#/components/responses/NotFound';
/** Unknown-room requests left for the checks after this one on a real server (brute-force budget). */
export const KEEP = 2;
export const SYSTEM_SPEC = '#/components/schemas/ChatMessage/properties/systemMessage';

export interface Probe {
  operation: OperationId;
  method: string;
  path: string;
  body?: Record<string, unknown>;
  query?: Record<string, string | number>;
}

/** One request per operation that names a room in its path (leaveRoom aside: leaving nothing is a 200 no-op). */
export function roomProbes(t: string, someone: string): Probe[] {
  const room = `${V1}/room/${t}`;
  return [
    { operation: OP.getRoom, method: 'GET', path: room },
    { operation: OP.renameRoom, method: 'PUT', path: room, body: { roomName: 'callrec probe' } },
    { operation: OP.deleteRoom, method: 'DELETE', path: room },
    { operation: OP.makePublic, method: 'POST', path: `${room}/public` },
    { operation: OP.makePrivate, method: 'DELETE', path: `${room}/public` },
    { operation: OP.setPassword, method: 'PUT', path: `${room}/password`, body: { password: 'callrec-probe' } },
    { operation: OP.addFavorite, method: 'POST', path: `${room}/favorite` },
    { operation: OP.removeFavorite, method: 'DELETE', path: `${room}/favorite` },
    { operation: OP.setNotificationLevel, method: 'POST', path: `${room}/notify`, body: { level: 2 } },
    { operation: OP.setReadOnly, method: 'PUT', path: `${room}/read-only`, body: { state: 1 } },
    { operation: OP.setLobby, method: 'PUT', path: `${room}/webinary/lobby`, body: { state: 1 } },
    { operation: OP.getParticipants, method: 'GET', path: `${room}/participants` },
    { operation: OP.addParticipant, method: 'POST', path: `${room}/participants`, body: { newParticipant: someone } },
    { operation: OP.removeParticipant, method: 'DELETE', path: `${room}/participants`, body: { participant: someone } },
    { operation: OP.removeGuest, method: 'DELETE', path: `${room}/participants/guests`, body: { participant: 'callrec-no-such-session' } },
    { operation: OP.removeSelf, method: 'DELETE', path: `${room}/participants/self` },
    { operation: OP.joinRoom, method: 'POST', path: `${room}/participants/active` },
    { operation: OP.promoteModerator, method: 'POST', path: `${room}/moderators`, body: { participant: someone } },
    { operation: OP.demoteModerator, method: 'DELETE', path: `${room}/moderators`, body: { participant: someone } },
    { operation: OP.getPeers, method: 'GET', path: `${V1}/call/${t}` },
    { operation: OP.joinCall, method: 'POST', path: `${V1}/call/${t}` },
    { operation: OP.leaveCall, method: 'DELETE', path: `${V1}/call/${t}` },
    { operation: OP.receiveMessages, method: 'GET', path: `${V1}/chat/${t}`, query: { lookIntoFuture: 0, limit: 5 } },
    { operation: OP.sendMessage, method: 'POST', path: `${V1}/chat/${t}`, body: { message: 'callrec probe' } },
    { operation: OP.getMentionSuggestions, method: 'GET', path: `${V1}/chat/${t}/mentions`, query: { search: 'a' } },
    { operation: OP.startRecording, method: 'POST', path: `${REC}/${t}`, body: { status: 1 } },
    { operation: OP.stopRecording, method: 'DELETE', path: `${REC}/${t}` },
    { operation: OP.dismissStoreNotification, method: 'DELETE', path: `${REC}/${t}/notification`, query: { timestamp: 1 } },
    { operation: OP.shareRecordingToChat, method: 'POST', path: `${REC}/${t}/share-chat`, body: { fileId: 1, timestamp: 1 } },
  ];
}

export const send = (ctx: CheckContext, as: Principal, p: Probe) =>
  ocs(ctx, { method: p.method, path: p.path, as, ...(p.body ? { body: p.body } : {}), ...(p.query ? { query: p.query } : {}), operation: p.operation });

/** Runs every probe and fails naming each operation that breaks the rule (call inside a rule). */
export async function probeAll(ctx: CheckContext, as: Principal, probes: Probe[], rule: string, expected: number | 'no-5xx', decision?: string): Promise<void> {
  {
    const wrong: { p: Probe; res: TargetResponse }[] = [];
    for (const p of probes) {
      const res = await send(ctx, as, p);
      const bad = expected === 'no-5xx' ? res.status >= 500 : res.status !== expected;
      if (bad) wrong.push({ p, res });
    }
    const first = wrong[0];
    if (first) {
      ctx.fail({
        rule,
        specRef: TALK_SPEC,
        expected: expected === 'no-5xx' ? 'a 4xx answer from every operation' : `HTTP ${expected} from every operation`,
        actual: wrong.map(({ p, res }) => `${p.operation} ${res.status}`).join(', ') + ` (first: ${excerpt(first.res, 120)})`,
        response: first.res,
        operation: first.p.operation,
        ...(decision ? { decision } : {}),
      });
    }
  }
}

/** The newest chat message of the room, as `who` reads it. */
export async function newest(ctx: CheckContext, who: Principal, token: string): Promise<ChatMessageView | undefined> {
  const res = await readChat(ctx, who, token, { lookIntoFuture: 0, limit: 1 });
  if (res.status !== 200) ctx.fail({ rule: 'a participant reads the chat', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.receiveMessages });
  const data = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data;
  return Array.isArray(data) ? data[0] : undefined;
}

/** The id of the `user` rich parameter (a user object: type user), or undefined. */
export const userIdOf = (m: ChatMessageView | undefined): string | undefined => {
  const p = m?.messageParameters as { user?: { id?: unknown; type?: unknown } } | undefined;
  return typeof p?.user?.id === 'string' && p.user.type === 'user' ? p.user.id : undefined;
};
