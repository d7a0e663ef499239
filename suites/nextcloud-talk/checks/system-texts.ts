// The text of each system message as a participant who did not act reads it: spreed's
// SystemMessage parser writes "{actor} joined the call" and the like for everyone but the actor
// (who reads "You joined the call"), the list in spreed's docs/chat.md ("System messages").
// Only the texts that list gives without variable parts are compared (not the rename's old and new
// names, not the call summary of call_ended).
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, excerpt, joinRoom, ocs, readChat, requireWrites, type ChatMessageView, type OperationId, type Principal } from '../support.ts';
import { SYSTEM_SPEC } from './room-probes.ts';

/** spreed docs/chat.md, "System messages": the text a participant other than the actor reads. */
export const SYSTEM_TEXTS: Readonly<Record<string, string>> = {
  conversation_created: '{actor} created the conversation',
  call_started: '{actor} started a call',
  call_joined: '{actor} joined the call',
  call_left: '{actor} left the call',
  read_only: '{actor} locked the conversation',
  read_only_off: '{actor} unlocked the conversation',
  lobby_none: '{actor} opened the conversation to everyone',
  lobby_non_moderators: '{actor} restricted the conversation to moderators',
  guests_allowed: '{actor} allowed guests in the conversation',
  guests_disallowed: '{actor} disallowed guests in the conversation',
  password_set: '{actor} set a password for the conversation',
  password_removed: '{actor} removed the password for the conversation',
  user_added: '{actor} added {user} to the conversation',
  user_removed: '{actor} removed {user} from the conversation',
  moderator_promoted: '{actor} promoted {user} to moderator',
  moderator_demoted: '{actor} demoted {user} from moderator',
};

/** The same list's texts for promoting and demoting a guest. */
export const GUEST_TEXTS: Readonly<Record<string, string>> = {
  guest_moderator_promoted: '{actor} promoted {user} to moderator',
  guest_moderator_demoted: '{actor} demoted {user} from moderator',
};

const systemTexts: Check = {
  id: 'nextcloud-talk.chat.system-message-texts',
  title: 'each system message carries spreed\'s documented text for a participant who did not act ("{actor} joined the call", "{actor} added {user} to the conversation" …)',
  operations: [OP.createRoom, OP.joinRoom, OP.addParticipant, OP.removeParticipant, OP.promoteModerator, OP.demoteModerator, OP.makePublic, OP.makePrivate, OP.setPassword, OP.setReadOnly, OP.setLobby, OP.joinCall, OP.leaveCall, OP.receiveMessages],
  specRef: SYSTEM_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    // c.other reads: it acts in none of what follows.
    const token = await createRoom(ctx, c.owner, 2, [c.other]);
    const room = `${V1}/room/${token}`;
    const act = (who: Principal, method: string, path: string, operation: OperationId, body?: Record<string, unknown>) => ocs(ctx, { method, path, as: who, ...(body ? { body } : {}), operation });
    const refused: string[] = [];
    let firstRefused: TargetResponse | undefined;
    const step = async (p: Promise<TargetResponse>) => {
      const res = await p;
      if (res.status >= 300) {
        refused.push(`${res.exchange.operation} HTTP ${res.status}`);
        firstRefused ??= res;
      }
    };
    await ctx.rule('the room\'s changes and a call post their system messages, each with its documented text', async () => {
      await step(act(c.owner, 'POST', `${room}/participants`, OP.addParticipant, { newParticipant: c.member.user }));
      await step(act(c.owner, 'POST', `${room}/moderators`, OP.promoteModerator, { participant: c.member.user }));
      await step(act(c.owner, 'DELETE', `${room}/moderators`, OP.demoteModerator, { participant: c.member.user }));
      await step(act(c.owner, 'PUT', `${room}/read-only`, OP.setReadOnly, { state: 1 }));
      await step(act(c.owner, 'PUT', `${room}/read-only`, OP.setReadOnly, { state: 0 }));
      await step(act(c.owner, 'PUT', `${room}/webinary/lobby`, OP.setLobby, { state: 1 }));
      await step(act(c.owner, 'PUT', `${room}/webinary/lobby`, OP.setLobby, { state: 0 }));
      await step(act(c.owner, 'POST', `${room}/public`, OP.makePublic));
      await step(act(c.owner, 'PUT', `${room}/password`, OP.setPassword, { password: `callrec-${ctx.seed.toString(36)}-pw` }));
      await step(act(c.owner, 'PUT', `${room}/password`, OP.setPassword, { password: '' }));
      await step(act(c.owner, 'DELETE', `${room}/public`, OP.makePrivate));
      const owner = await joinRoom(ctx, c.owner, token);
      const member = await joinRoom(ctx, c.member, token);
      await step(act(owner.who, 'POST', `${V1}/call/${token}`, OP.joinCall, {}));
      await step(act(member.who, 'POST', `${V1}/call/${token}`, OP.joinCall, {}));
      await step(act(member.who, 'DELETE', `${V1}/call/${token}`, OP.leaveCall));
      await step(act(owner.who, 'DELETE', `${V1}/call/${token}`, OP.leaveCall));
      await step(act(c.owner, 'DELETE', `${room}/participants`, OP.removeParticipant, { participant: c.member.user }));
      if (firstRefused) ctx.fail({ rule: 'the steps that post system messages succeed', expected: 'HTTP 2xx for each', actual: refused.join('; '), response: firstRefused, operation: firstRefused.exchange.operation });

      const res = await readChat(ctx, c.other, token, { lookIntoFuture: 0, limit: 100 });
      if (res.status !== 200) ctx.fail({ rule: 'a participant reads the chat', expected: 'HTTP 200', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.receiveMessages });
      const list = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data ?? [];
      const wrong: string[] = [];
      const missing = new Set(Object.keys(SYSTEM_TEXTS));
      for (const m of list) {
        const want = SYSTEM_TEXTS[m.systemMessage];
        if (want === undefined) continue;
        missing.delete(m.systemMessage);
        if (m.message !== want) wrong.push(`${m.systemMessage}: ${JSON.stringify(m.message)}`);
      }
      if (wrong.length || missing.size) ctx.fail({ rule: 'each system message carries its documented text', specRef: SYSTEM_SPEC, expected: 'every one of ' + Object.keys(SYSTEM_TEXTS).join(', ') + ' with spreed\'s text', actual: [...wrong, ...(missing.size ? [`not posted: ${[...missing].join(', ')}`] : [])].join('; '), response: res, operation: OP.receiveMessages });
    }, { operation: OP.receiveMessages });

    // spreed's SystemMessage parser names the actor as a Rich Object: {type user, id, name} for a
    // user, {type guest, id guest/<actorId>, name} for a guest.
    await ctx.rule('the actor parameter of a system message names who acted: a user as {type user, id}, a guest as {type guest, id guest/<actorId>}; promoting and demoting a guest read as documented', async () => {
      refused.length = 0;
      firstRefused = undefined;
      const pub = await createRoom(ctx, c.owner, 3, [c.member]);
      const guest = await joinRoom(ctx, { kind: 'anonymous' }, pub);
      const called = await act(guest.who, 'POST', `${V1}/call/${pub}`, OP.joinCall, {});
      await act(guest.who, 'DELETE', `${V1}/call/${pub}`, OP.leaveCall);
      await step(act(c.owner, 'POST', `${V1}/room/${pub}/moderators`, OP.promoteModerator, { sessionId: guest.sessionId }));
      await step(act(c.owner, 'DELETE', `${V1}/room/${pub}/moderators`, OP.demoteModerator, { sessionId: guest.sessionId }));
      if (firstRefused) ctx.fail({ rule: 'the owner promotes and demotes the guest by its session', expected: 'HTTP 200 each', actual: refused.join('; '), response: firstRefused, operation: OP.promoteModerator });
      // Read by the member, who neither acted nor is the guest the messages concern.
      const res = await readChat(ctx, c.member, pub, { lookIntoFuture: 0, limit: 100 });
      const list = res.json<{ ocs?: { data?: ChatMessageView[] } }>().ocs?.data ?? [];
      const actorOf = (m: ChatMessageView) => (m.messageParameters as { actor?: { type?: unknown; id?: unknown } } | undefined)?.actor;
      const wrong = list.filter((m) => m.systemMessage !== '').flatMap((m) => {
        const a = actorOf(m);
        const want = m.actorType === 'guests' ? { type: 'guest', id: `guest/${m.actorId}` } : { type: 'user', id: m.actorId };
        return a?.type === want.type && a.id === want.id ? [] : [`${m.systemMessage} by ${m.actorType}/${m.actorId}: actor ${JSON.stringify(a ?? null)}`];
      });
      const byGuest = list.some((m) => m.systemMessage !== '' && m.actorType === 'guests');
      for (const [system, text] of Object.entries(GUEST_TEXTS)) {
        const m = list.find((x) => x.systemMessage === system);
        if (m?.message !== text) wrong.push(`${system}: ${m ? JSON.stringify(m.message) : 'not posted'} (want ${JSON.stringify(text)})`);
      }
      if (guest.res.status !== 200 || called.status !== 200 || !byGuest || wrong.length) ctx.fail({ rule: 'a system message\'s actor parameter names who acted', specRef: SYSTEM_SPEC, expected: 'a guest joins the call (200 each) and its call_started names it {type guest, id guest/<actorId>}; users\' messages {type user, id <actorId>}', actual: [`join ${guest.res.status}, call ${called.status}`, byGuest ? '' : 'no system message by the guest', ...wrong].filter(Boolean).join('; '), response: res, operation: OP.receiveMessages });
    }, { operation: OP.receiveMessages });
  },
};

export const systemTextChecks: Check[] = [systemTexts];
