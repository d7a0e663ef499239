// Small pieces every handler uses: the author a participant writes as, and guards.
import { findRoom, isMembership, type Membership } from '../access.ts';
import type { Author } from '../chat.ts';
import type { TalkContext } from '../context.ts';
import { failure, type OcsResult } from '../ocs.ts';
import type { TalkRequest } from '../router.ts';
import type { Participant } from '../types.ts';

export const authorOf = (p: Participant): Author => ({ actorType: p.actorType, actorId: p.actorId, displayName: p.displayName });

/** The room, for a caller who must be a participant of it (404 otherwise). */
export function memberOf(ctx: TalkContext, req: TalkRequest, token: string): (Membership & { participant: Participant }) | OcsResult {
  const m = findRoom(ctx, req.actor, token, { participantOnly: true });
  if (!isMembership(m)) return m;
  return m as Membership & { participant: Participant };
}

export const isFailure = (v: unknown): v is OcsResult => typeof v === 'object' && v !== null && (v as OcsResult).kind === 'ocs';

export const badRequest = (error?: string) => failure(400, '', error === undefined ? [] : { error });
export const forbidden = () => failure(403);
export const notFound = () => failure(404);
