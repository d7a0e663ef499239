// GET /apps/notifications/api/v2/notifications — the caller's unprocessed notifications, newest
// first. Not part of Talk's API: a minimal version of the notifications app, so a frontend
// sees "Call recording now available" with its share/dismiss actions.
import { has, type TalkContext } from '../../context.ts';
import { ok, type OcsResult } from '../../ocs.ts';
import type { TalkRequest } from '../../router.ts';
import { notLoggedIn } from '../guard.ts';
import { presentNotification } from '../notifications.ts';

export function listNotifications(ctx: TalkContext, req: TalkRequest): OcsResult {
  if (req.actor.kind !== 'user') return notLoggedIn();
  const user = req.actor.user.id;
  // Talk's Notifier drops a notification whose room is gone (the room lookup fails: AlreadyProcessed).
  const mine = ctx.store.notifications
    .filter((n) => n.user === user && !n.processed)
    .map((n) => ({ n, room: ctx.store.room(n.objectId) ?? (has(ctx, 'notification-of-deleted-room-listed') ? { token: n.objectId, name: n.objectId, type: 2 } : undefined) }))
    .filter((x): x is { n: typeof x.n; room: NonNullable<typeof x.room> } => x.room !== undefined);
  mine.sort((a, b) => b.n.timestamp - a.n.timestamp || b.n.id - a.n.id);
  return ok(mine.map(({ n, room }) => presentNotification(ctx, n, room)));
}
