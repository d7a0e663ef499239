// Who may drive a recording (facts §2.2 "error statuses from middleware"):
// start/stop need a logged-in moderator (guests 401, non-participants 404, non-moderators 403,
// and a non-moderator facing an active lobby 412 as the docs list it); dismissing the
// notification and sharing to chat take any moderator participant, guest moderators included.
import { inLobby, isModerator } from '../access.ts';
import { has, type TalkContext } from '../context.ts';
import { memberOf, isFailure } from '../handlers/common.ts';
import { failure, type OcsResult } from '../ocs.ts';
import type { TalkRequest } from '../router.ts';
import type { Participant, Room, User } from '../types.ts';

/** A moderator participant of a room (dismiss and share to chat: guests included). */
export interface ModeratorMember {
  room: Room;
  participant: Participant;
}

/** A logged-in moderator (start and stop). */
export interface Moderator extends ModeratorMember {
  user: User;
}

/** Nextcloud core's answer for a protected route without a login (HTTP 401, OCS 997). */
export const notLoggedIn = (): OcsResult => failure(997, 'Current user is not logged in');

/** For start and stop (#[RequireLoggedInModeratorParticipant]). `start` enables the start-only faults. */
export function loggedInModerator(ctx: TalkContext, req: TalkRequest, token: string, o: { start?: boolean } = {}): Moderator | OcsResult {
  if (req.actor.kind !== 'user') {
    // Guests and anonymous callers never reach the controller.
    return o.start && req.actor.kind === 'guest' && has(ctx, 'start-guest-403') ? failure(403) : notLoggedIn();
  }
  const m = memberOf(ctx, req, token);
  if (isFailure(m)) return m;
  const lenient = o.start && has(ctx, 'start-non-moderator-allowed');
  if (!isModerator(m.participant) && !lenient) {
    const lobby = inLobby(ctx, m.room, m.participant) && !(o.start && has(ctx, 'start-lobby-ignored'));
    return failure(lobby ? 412 : 403);
  }
  return { room: m.room, participant: m.participant, user: req.actor.user };
}

/** For the notification dismiss and share to chat (#[RequireModeratorParticipant]). */
export function moderatorParticipant(ctx: TalkContext, req: TalkRequest, token: string): ModeratorMember | OcsResult {
  const m = memberOf(ctx, req, token);
  if (isFailure(m)) return m;
  if (!isModerator(m.participant)) return failure(403);
  return { room: m.room, participant: m.participant };
}
