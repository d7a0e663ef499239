// Chat (seed 004 "Chat"): history pages backwards (lookIntoFuture=0), long-poll for new
// messages (lookIntoFuture=1), post with @mentions, mention autocomplete.
import { connected, inLobby } from '../access.ts';
import { MAX_MESSAGE_LENGTH, messageLength, postComment } from '../chat.ts';
import { has, nowSeconds } from '../context.ts';
import { failure, ok } from '../ocs.ts';
import { messageWire } from '../wire.ts';
import type { Handler } from '../router.ts';
import type { ChatMessage } from '../types.ts';
import { authorOf, badRequest, forbidden, isFailure, memberOf } from './common.ts';
import { refillOneToOne } from './rooms.ts';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 200;
export const DEFAULT_TIMEOUT = 30;
/** The platform waits at most 30 s whatever the seed's "60 at most" says (spec: chat-timeout). */
export const MAX_TIMEOUT = 30;

/** Clamps limit into 1…200 (a callrec decision for limit < 1: the seed gives only default and max). */
export const clampLimit = (limit: number | undefined, uncapped: boolean): number =>
  limit === undefined || Number.isNaN(limit) ? DEFAULT_LIMIT : Math.max(1, uncapped ? limit : Math.min(MAX_LIMIT, limit));

/** Clamps the long-poll timeout into 0…30 seconds. */
export const clampTimeout = (timeout: number | undefined, uncapped: boolean): number =>
  timeout === undefined || Number.isNaN(timeout) ? DEFAULT_TIMEOUT : Math.max(0, uncapped ? timeout : Math.min(MAX_TIMEOUT, timeout));

export const receiveMessages: Handler = async (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  if (inLobby(ctx, m.room, m.participant) && !has(ctx, 'lobby-ignored')) return failure(412);
  const future = req.input.int('lookIntoFuture');
  if (future !== 0 && future !== 1) return badRequest();
  const limit = clampLimit(req.input.int('limit'), has(ctx, 'chat-limit-uncapped'));
  const lastKnownRaw = req.input.int('lastKnownMessageId') ?? 0;
  if (Number.isNaN(lastKnownRaw)) return badRequest();
  const lastKnown = Math.max(0, lastKnownRaw);
  const p = m.participant;
  if (connected(p) && !has(ctx, 'chat-read-no-ping')) p.lastPing = nowSeconds(ctx);

  let page: ChatMessage[];
  if (future === 0) {
    page = ctx.store.chatPage(m.room.token, { lastKnown, future: false, limit });
    if (has(ctx, 'chat-page-repeats-boundary') && lastKnown > 0 && page.length > 0) {
      const boundary = ctx.store.chatPage(m.room.token, { lastKnown: lastKnown - 1, future: true, limit: 1 })[0];
      if (boundary && boundary.id === lastKnown) page = [boundary, ...page.slice(0, -1)];
    }
  } else {
    page = ctx.store.chatPage(m.room.token, { lastKnown, future: true, limit });
    // Only an empty page waits: newer messages are answered at once (spreed's ChatManager reads
    // until comments are found or the timeout expires).
    if (page.length === 0 || has(ctx, 'long-poll-waits-when-new')) {
      if (has(ctx, 'long-poll-no-wait')) return ok([]);
      const timeout = clampTimeout(req.input.int('timeout'), has(ctx, 'long-poll-timeout-uncapped'));
      await ctx.waiters.wait(m.room.token, ctx.clock.now() + timeout * (has(ctx, 'long-poll-ends-early') ? 500 : 1000));
      // The wait only reads the chat again, as spreed's ChatManager::waitForNewMessages does: a
      // caller removed meanwhile is answered the messages that woke it (its user_removed), a room
      // deleted meanwhile has none left (304).
      if (has(ctx, 'long-poll-removed-404') && !ctx.store.participant(m.room.token, p.actorType, p.actorId)) return failure(404);
      page = ctx.store.chatPage(m.room.token, { lastKnown, future: true, limit });
    }
  }
  if (page.length === 0) return failure(304);
  const newest = Math.max(page[0]!.id, page[page.length - 1]!.id);
  if (newest > p.lastReadMessage && !has(ctx, 'chat-read-marker-kept')) p.lastReadMessage = newest;
  let lastGiven = page[page.length - 1]!.id;
  if (future === 0 && has(ctx, 'chat-last-given-off-by-one')) lastGiven -= 1;
  return ok(page.map(messageWire), { headers: { 'x-chat-last-given': String(lastGiven) } });
};

export const sendMessage: Handler = (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  const p = m.participant;
  if (inLobby(ctx, m.room, p)) return failure(412);
  if (m.room.readOnly === 1 && !has(ctx, 'read-only-chat-accepted')) return forbidden();
  const message = req.input.str('message') ?? (has(ctx, 'chat-missing-message-accepted') ? 'callrec: no message' : '');
  if (message.trim() === '') return badRequest();
  if (messageLength(message) > MAX_MESSAGE_LENGTH && !has(ctx, 'chat-long-message-accepted')) return failure(413);
  // Only a guest is named by actorDisplayName; a user's is ignored (spreed ChatController getActorInfo).
  if (req.actor.kind === 'guest') {
    const name = req.input.str('actorDisplayName');
    if (name !== undefined && name !== p.displayName) {
      req.actor.session.guestName = name;
      p.displayName = name;
    }
  }
  if (has(ctx, 'user-renamed-by-post')) p.displayName = req.input.str('actorDisplayName') || p.displayName;
  const msg = postComment(ctx, m.room, authorOf(p), message);
  refillOneToOne(ctx, m.room);
  p.lastReadMessage = msg.id;
  if (connected(p)) p.lastPing = nowSeconds(ctx);
  return ok(messageWire(msg), { status: 201 });
};

export const mentions: Handler = (ctx, req, { token }) => {
  const m = memberOf(ctx, req, token!);
  if (isFailure(m)) return m;
  const rawSearch = req.input.str('search');
  if (rawSearch === undefined) return badRequest(); // a required parameter (decision missing-param-400)
  const search = rawSearch.toLowerCase();
  const limitRaw = req.input.int('limit');
  const limit = limitRaw === undefined || Number.isNaN(limitRaw) || limitRaw < 1 ? 20 : limitRaw;
  const out = ctx.store
    .participants(m.room.token)
    .filter((x) => (x.actorType === 'users' || has(ctx, 'mention-guests-suggested')) && (x.actorId.toLowerCase().includes(search) || x.displayName.toLowerCase().includes(search)))
    .sort((a, b) => (has(ctx, 'mention-order-unsorted') ? 0 : a.displayName.localeCompare(b.displayName) || a.actorId.localeCompare(b.actorId)))
    .slice(0, limit)
    .map((x) => ({ id: x.actorId, label: x.displayName, source: 'users' }));
  return ok(out);
};
