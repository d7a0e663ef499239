// Chat messages as posted and read (seed 004 "Chat", Rich Object Strings): the author, @mentions
// as numbered rich parameters, the unread and mention markers, mention suggestions, refusals.
import type { Check, CheckContext } from '../../../core/check.ts';
import {
  OP,
  V1,
  cast,
  createRoom,
  excerpt,
  getRoom,
  joinRoom,
  ocs,
  readChat,
  requireWrites,
  type ChatMessageView,
  type OperationId,
} from '../support.ts';
import { newest } from './room-probes.ts';
import { notifications } from '../support-recording.ts';

const MENTION_SPEC = '#/paths/~1apps~1spreed~1api~1v1~1chat~1{token}/post';

const messagesAndMentions: Check = {
  id: 'nextcloud-talk.chat.messages-and-mentions',
  title: 'a posted message comes back as written (author, @mention as a rich parameter), marks the room unread (and mentioned) for the others, not for its author; mention suggestions list the room\'s matching users only; blank messages are 400',
  operations: [OP.sendMessage, OP.receiveMessages, OP.getRoom, OP.getMentionSuggestions, OP.getNotifications],
  specRef: MENTION_SPEC,
  needs: ['credentials', 'writes'],
  decision: 'missing-param-400',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const R = (name: string, operation: OperationId, body: () => Promise<void>, decision?: string) => ctx.rule(name, body, { operation, ...(decision ? { decision } : {}) });
    const text = `hello @${c.member.user}, a word from callrec`;
    let posted: ChatMessageView | undefined;
    await R('a posted message answers 201 with itself: author, text with the @mention as {mention-user1} naming the user', OP.sendMessage, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.owner, body: { message: text }, operation: OP.sendMessage });
      if (res.status !== 201) ctx.fail({ rule: 'a participant posts', expected: 'HTTP 201', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.sendMessage });
      posted = res.json<{ ocs?: { data?: ChatMessageView } }>().ocs?.data;
      const param = (posted?.messageParameters as Record<string, { type?: string; id?: string }> | undefined)?.['mention-user1'];
      if (posted?.actorType !== 'users' || posted.actorId !== c.owner.user || posted.systemMessage !== '' || posted.message !== `hello {mention-user1}, a word from callrec` || param?.id !== c.member.user || param.type !== 'user') {
        ctx.fail({ rule: 'a posted message is answered as written, the mention as a rich parameter', specRef: MENTION_SPEC, expected: `by users/${c.owner.user}, message "hello {mention-user1}, a word from callrec", mention-user1 {type user, id ${c.member.user}}`, actual: excerpt(res, 300), response: res, operation: OP.sendMessage });
      }
    });
    await R('the room shows the message as its lastMessage and as unread (and mentioning) to the member', OP.getRoom, async () => {
      const r = await getRoom(ctx, c.member, token);
      const last = r.lastMessage as ChatMessageView | undefined;
      if (last?.id !== posted?.id || !(Number(r.unreadMessages) >= 1) || r.unreadMention !== true) ctx.fail({ rule: 'a new message is the room\'s lastMessage, unread and mentioning for the member', expected: `lastMessage #${posted?.id}, unreadMessages ≥ 1, unreadMention true`, actual: `lastMessage #${last?.id}, unreadMessages ${String(r.unreadMessages)}, unreadMention ${String(r.unreadMention)}`, operation: OP.getRoom });
      const own = await getRoom(ctx, c.owner, token);
      if (own.unreadMessages !== 0 || own.unreadMention !== false) ctx.fail({ rule: 'one\'s own message is not unread', expected: 'unreadMessages 0, unreadMention false for the author', actual: `unreadMessages ${String(own.unreadMessages)}, unreadMention ${String(own.unreadMention)}`, operation: OP.getRoom });
    });
    // Talk's notifier files a mention as an object of type chat named by the room's token.
    await R('the mentioned member is notified: a notification of app spreed, object_type chat, object_id the room\'s token, with a subject', OP.getNotifications, async () => {
      const { res, list } = await notifications(ctx, c.member);
      const hit = list.find((n) => n.object_type === 'chat' && n.object_id === token);
      if (!hit || hit['app'] !== 'spreed' || typeof hit.subject !== 'string' || hit.subject === '') ctx.fail({ rule: 'a mention notifies the mentioned user', expected: `a notification {app spreed, object_type chat, object_id ${token}, a subject}`, actual: excerpt(res, 300), response: res, operation: OP.getNotifications });
    });
    // Seed 004: unreadMention is "since their last visit"; reading the chat is the visit (Talk moves
    // the read marker to the newest message it hands out, never backwards).
    await R('reading the chat marks it read for the reader (unreadMessages 0, unreadMention false); reading an older page does not mark it unread again', OP.receiveMessages, async () => {
      const unread = async (rule: string, res: { status: number }) => {
        const r = await getRoom(ctx, c.member, token);
        if (res.status !== 200 || r.unreadMessages !== 0 || r.unreadMention !== false) ctx.fail({ rule, expected: 'HTTP 200, then unreadMessages 0 and unreadMention false for the reader', actual: `HTTP ${res.status}, then unreadMessages ${String(r.unreadMessages)}, unreadMention ${String(r.unreadMention)}`, operation: OP.getRoom });
      };
      await unread('a member who read the newest page has nothing unread', await readChat(ctx, c.member, token, { lookIntoFuture: 0, limit: 100 }));
      await unread('reading an older page keeps the read marker', await readChat(ctx, c.member, token, { lookIntoFuture: 0, limit: 1, lastKnownMessageId: posted?.id ?? 0 }));
    });
    await R('each user mentioned is one placeholder, numbered by first appearance, however often named', OP.sendMessage, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.member, body: { message: `@${c.owner.user} and @${c.member.user}, again @${c.owner.user}` }, operation: OP.sendMessage });
      const m = res.json<{ ocs?: { data?: ChatMessageView } }>().ocs?.data;
      const params = (m?.messageParameters ?? {}) as Record<string, { id?: string }>;
      if (res.status !== 201 || m?.message !== '{mention-user1} and {mention-user2}, again {mention-user1}' || params['mention-user1']?.id !== c.owner.user || params['mention-user2']?.id !== c.member.user) {
        ctx.fail({ rule: 'mentions are numbered by first appearance, one per user', specRef: MENTION_SPEC, expected: `"{mention-user1} and {mention-user2}, again {mention-user1}" with user1 ${c.owner.user}, user2 ${c.member.user}`, actual: excerpt(res, 300), response: res, operation: OP.sendMessage });
      }
      posted = m;
    });
    await R('a blank message is 400 and posts nothing', OP.sendMessage, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.owner, body: { message: '   ' }, operation: OP.sendMessage });
      if (res.status !== 400) ctx.fail({ rule: 'a blank message is refused', expected: 'HTTP 400', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.sendMessage });
      const m = await newest(ctx, c.owner, token);
      if (m?.id !== posted?.id) ctx.fail({ rule: 'a refused message posts nothing', expected: `newest still #${posted?.id}`, actual: `#${m?.id} ${m?.message}`, operation: OP.receiveMessages });
    });
    await R('a post without a message parameter is 400 and posts nothing', OP.sendMessage, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.owner, body: {}, operation: OP.sendMessage });
      const m = await newest(ctx, c.owner, token);
      if (res.status !== 400 || m?.id !== posted?.id) ctx.fail({ rule: 'message is required', expected: `HTTP 400, newest still #${posted?.id}`, actual: `HTTP ${res.status}, newest #${m?.id}`, response: res, operation: OP.sendMessage, decision: 'missing-param-400' });
    }, 'missing-param-400');
    // spreed's ChatController (getActorInfo) names only a guest by actorDisplayName.
    await R('a user posting with actorDisplayName keeps its own name', OP.sendMessage, async () => {
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.member, body: { message: 'who am I', actorDisplayName: `Not ${c.member.user}` }, operation: OP.sendMessage });
      const m = res.json<{ ocs?: { data?: ChatMessageView } }>().ocs?.data;
      const own = posted?.actorDisplayName;
      if (res.status !== 201 || own === undefined || m?.actorDisplayName !== own) ctx.fail({ rule: 'a user is not renamed by actorDisplayName', expected: `HTTP 201, actorDisplayName ${JSON.stringify(own)} (the member's own)`, actual: `HTTP ${res.status}, actorDisplayName ${JSON.stringify(m?.actorDisplayName)}`, response: res, operation: OP.sendMessage });
    });
    const suggest = async (search: string | undefined, limit?: number) => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/chat/${token}/mentions`, as: c.owner, query: { ...(search === undefined ? {} : { search }), ...(limit ? { limit } : {}) }, operation: OP.getMentionSuggestions });
      const data = res.json<{ ocs?: { data?: { id?: string; source?: string }[] } }>().ocs?.data;
      return { res, list: Array.isArray(data) ? data : [] };
    };
    await R('mention suggestions list the room\'s users matching the search, and only them', OP.getMentionSuggestions, async () => {
      const hit = await suggest(c.member.user.slice(0, 3));
      if (hit.res.status !== 200 || !hit.list.some((x) => x.id === c.member.user && x.source === 'users')) ctx.fail({ rule: 'a participant matching the search is suggested', expected: `${c.member.user} (source users)`, actual: excerpt(hit.res, 200), response: hit.res, operation: OP.getMentionSuggestions });
      const outsider = await suggest(c.other.user);
      if (outsider.list.some((x) => x.id === c.other.user)) ctx.fail({ rule: 'users outside the room are not suggested', expected: `no ${c.other.user}`, actual: excerpt(outsider.res, 200), response: outsider.res, operation: OP.getMentionSuggestions });
      const none = await suggest('zq9callrecnomatch');
      if (none.list.length !== 0) ctx.fail({ rule: 'a search matching nobody suggests nobody', expected: '[]', actual: excerpt(none.res, 200), response: none.res, operation: OP.getMentionSuggestions });
      const one = await suggest('', 1);
      if (one.list.length !== 1) ctx.fail({ rule: 'limit bounds the suggestions', expected: 'one suggestion for limit=1 (the room has two users)', actual: excerpt(one.res, 200), response: one.res, operation: OP.getMentionSuggestions });
    });
    // Decision mention-suggestions: users only (seed 004 "currently only users"), by display name.
    await R('mention suggestions are the room\'s users only, never its guests, ordered by display name (then id)', OP.getMentionSuggestions, async () => {
      // A room the last-named user creates, so the order participants joined in is not the answer's.
      const pub = await createRoom(ctx, c.other, 3, [c.member, c.owner]);
      const guest = await joinRoom(ctx, { kind: 'anonymous' }, pub);
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/chat/${pub}/mentions`, as: c.owner, query: { search: '', limit: 20 }, operation: OP.getMentionSuggestions });
      const data = res.json<{ ocs?: { data?: { id?: string; label?: string; source?: string }[] } }>().ocs?.data;
      const list = Array.isArray(data) ? data : [];
      const users = [c.owner.user, c.member.user, c.other.user];
      const strangers = list.filter((x) => x.source !== 'users' || !users.includes(x.id ?? ''));
      const sorted = [...list].sort((a, b) => (a.label ?? '').localeCompare(b.label ?? '') || (a.id ?? '').localeCompare(b.id ?? ''));
      const order = (l: typeof list) => l.map((x) => x.id).join(', ');
      if (guest.res.status !== 200 || res.status !== 200 || strangers.length > 0 || list.length !== 3 || order(list) !== order(sorted)) {
        ctx.fail({ rule: 'mention suggestions: the room\'s users, by display name', specRef: '#/paths/~1apps~1spreed~1api~1v1~1chat~1{token}~1mentions/get', expected: `the three users (source users), no guest, in the order ${order(sorted) || users.join(', ')}`, actual: `HTTP ${res.status}, ${order(list) || 'none'}${strangers.length ? `; not users of the room: ${JSON.stringify(strangers).slice(0, 160)}` : ''}`, response: res, operation: OP.getMentionSuggestions, decision: 'mention-suggestions' });
      }
    }, 'mention-suggestions');
    await R('mention suggestions without search are 400', OP.getMentionSuggestions, async () => {
      const res = (await suggest(undefined)).res;
      if (res.status !== 400) ctx.fail({ rule: 'search is required', expected: 'HTTP 400', actual: `HTTP ${res.status}`, response: res, operation: OP.getMentionSuggestions, decision: 'missing-param-400' });
    }, 'missing-param-400');
    await R('lookIntoFuture other than 0 or 1 is 400', OP.receiveMessages, async () => {
      const res = await readChat(ctx, c.owner, token, { lookIntoFuture: 2, limit: 1 });
      if (res.status !== 400) ctx.fail({ rule: 'lookIntoFuture is 0 or 1', expected: 'HTTP 400', actual: `HTTP ${res.status}`, response: res, operation: OP.receiveMessages, decision: 'chat-look-into-future-required' });
    }, 'chat-look-into-future-required');
    // Talk's notifier skips the author of the message and users who are not in the (non-public) room.
    await R('mentioning oneself, or a user who is not in the room, notifies nobody', OP.getNotifications, async () => {
      const count = async (who: typeof c.owner) => (await notifications(ctx, who)).list.filter((x) => x.object_type === 'chat' && x.object_id === token).length;
      const before = [await count(c.owner), await count(c.other)];
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.owner, body: { message: `note to @${c.owner.user} and @${c.other.user}` }, operation: OP.sendMessage });
      const after = [await count(c.owner), await count(c.other)];
      const hits = [c.owner, c.other].flatMap((who, i) => (after[i]! > before[i]! ? [`${who.user}: ${after[i]! - before[i]!} new notification(s) for the room`] : []));
      if (res.status !== 201 || hits.length) ctx.fail({ rule: 'a mention notifies only other participants', specRef: MENTION_SPEC, expected: `HTTP 201, and no new notification for ${c.owner.user} or ${c.other.user}`, actual: [`HTTP ${res.status}`, ...hits].join('; '), response: res, operation: OP.getNotifications });
    });
    // spreed's mention parser turns only the names of existing users into user parameters.
    await R('an @word that names no user stays as written: no placeholder, no parameter (201)', OP.sendMessage, async () => {
      const text = `ask @callrec-nobody-${ctx.seed.toString(36)} later`;
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/chat/${token}`, as: c.member, body: { message: text }, operation: OP.sendMessage });
      const m = res.status === 201 ? res.json<{ ocs?: { data?: ChatMessageView } }>().ocs?.data : undefined;
      const params = m?.messageParameters;
      const empty = Array.isArray(params) ? params.length === 0 : params !== null && typeof params === 'object' && Object.keys(params).length === 0;
      if (res.status !== 201 || m?.message !== text || !empty) ctx.fail({ rule: 'an unknown @name is plain text', specRef: MENTION_SPEC, expected: `HTTP 201, message ${JSON.stringify(text)} with no parameters`, actual: excerpt(res, 300), response: res, operation: OP.sendMessage });
    });
  },
};

export const chatMessageChecks: Check[] = [messagesAndMentions];
