// GET /apps/notifications/api/v2/notifications — the caller's unprocessed notifications, newest
// first. Not part of Talk's API: a minimal version of the notifications app, so a frontend
// sees "Call recording now available" with its share/dismiss actions.
import type { TalkContext } from '../../context.ts';
import { ok, type OcsResult } from '../../ocs.ts';
import type { TalkRequest } from '../../router.ts';
import { notLoggedIn } from '../guard.ts';
import { presentNotification } from '../notifications.ts';

export function listNotifications(ctx: TalkContext, req: TalkRequest): OcsResult {
  if (req.actor.kind !== 'user') return notLoggedIn();
  const user = req.actor.user.id;
  const mine = ctx.store.notifications.filter((n) => n.user === user && !n.processed);
  mine.sort((a, b) => b.timestamp - a.timestamp || b.id - a.id);
  return ok(mine.map((n) => presentNotification(ctx, n)));
}
