// Guests (seed 004 "Guests"): a guest sets the display name shown on their messages.
import { ok } from '../ocs.ts';
import { has } from '../context.ts';
import type { Handler } from '../router.ts';
import { badRequest, forbidden, notFound } from './common.ts';

export const setGuestName: Handler = (ctx, req, { token }) => {
  if (req.actor.kind === 'user') return forbidden();
  if (req.actor.kind !== 'guest') return notFound();
  const session = req.actor.session;
  const p = ctx.store.room(token!) ? ctx.store.participant(token!, 'guests', session.guestId) : undefined;
  if (!p) return notFound();
  const name = req.input.str('displayName');
  if (name === undefined) return badRequest();
  if (!has(ctx, 'guest-name-not-applied')) {
    session.guestName = name;
    // The name belongs to the browser session: every room it joined as a guest shows it.
    for (const token of ctx.store.rooms.keys()) {
      const x = ctx.store.participant(token, 'guests', session.guestId);
      if (x) x.displayName = name;
    }
  }
  return ok([]);
};
