// Roles (seed 004: promote a user to moderator, demote, the owner cannot be removed) and guests
// (join a public room by link, the password, display names on their messages).
import type { Check, CheckContext } from '../../../core/check.ts';
import { spend } from '../brute-force.ts';
import {
  ANONYMOUS,
  OP,
  V1,
  cast,
  createRoom,
  excerpt,
  expectStatus,
  joinRoom,
  ocs,
  participants,
  postMessage,
  requireWrites,
  type ChatMessageView,
  type Principal,
} from '../support.ts';

const roles: Check = {
  id: 'nextcloud-talk.participants.roles',
  title: 'only moderators manage participants (403); promote makes a user a moderator (type 2), demote makes it a user (3) again; owners are not promoted (400); nobody demotes itself (403); the owner cannot be removed (403)',
  operations: [OP.promoteModerator, OP.demoteModerator, OP.removeParticipant, OP.getParticipants],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1moderators/post',
  needs: ['credentials', 'writes'],
  decision: 'promote-400',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
    const typeOf = async (user: string) => {
      const { res, list } = await participants(ctx, c.owner, token);
      const p = list.find((x) => x.userId === user);
      return { res, type: p?.participantType };
    };
    const expectType = async (user: string, type: number | undefined, rule: string) => {
      const got = await typeOf(user);
      if (got.type !== type) ctx.fail({ rule, expected: type === undefined ? `${user} not listed` : `${user} participantType ${type}`, actual: `participantType ${String(got.type)}`, response: got.res, operation: OP.getParticipants });
    };
    const R = (name: string, operation: string, body: () => Promise<void>) => ctx.rule(name, body, { operation });
    await R('an added user is a plain user (3) and the creator the owner (1)', OP.getParticipants, async () => {
      await expectType(c.member.user, 3, 'an added user is a plain user (type 3)');
      await expectType(c.owner.user, 1, 'the creator is the owner (type 1)');
    });
    await R('a plain user can neither add nor remove participants (403)', OP.addParticipant, async () => {
      const add = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/participants`, as: c.other, body: { newParticipant: c.owner.user }, operation: OP.addParticipant });
      expectStatus(ctx, add, 403, 'a plain user cannot add participants');
      const remove = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants`, as: c.other, body: { participant: c.member.user }, operation: OP.removeParticipant });
      expectStatus(ctx, remove, 403, 'a plain user cannot remove participants');
      await expectType(c.member.user, 3, 'a refused removal leaves the user in the room');
    });
    await R('a plain user cannot promote (403)', OP.promoteModerator, async () => {
      const byMember = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/moderators`, as: c.member, body: { participant: c.other.user }, operation: OP.promoteModerator });
      expectStatus(ctx, byMember, 403, 'a plain user cannot promote');
    });
    const promoted = await R('the owner promotes a plain user (200), who becomes a moderator (type 2)', OP.promoteModerator, async () => {
      const promote = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.promoteModerator });
      expectStatus(ctx, promote, 200, 'the owner promotes a plain user');
      await expectType(c.member.user, 2, 'a promoted user is a moderator (type 2)');
    });
    const afterPromotion = [
      'promoting a moderator again is 400 (not a plain user)',
      'promoting the owner is 400 (not a plain user)',
      'a moderator must not demote itself (403)',
      'a moderator must not remove the owner (403), who stays',
      'the owner demotes the moderator (200), who is a plain user (3) again',
      'demoting a plain user is 400',
    ];
    if (!promoted) {
      for (const name of afterPromotion) ctx.notRun(name, 'they need the promoted moderator');
    } else {
      await R(afterPromotion[0]!, OP.promoteModerator, async () => {
        const again = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.promoteModerator });
        expectStatus(ctx, again, 400, 'promoting a moderator again is 400 (not a plain user)');
      });
      // The seed also lists 403 "participant is an owner" (a copy of the remove section); the
      // platform answers 400 for every target that is not a plain user (decision promote-400).
      await ctx.rule(afterPromotion[1]!, async () => {
        const promoteOwner = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/moderators`, as: c.member, body: { participant: c.owner.user }, operation: OP.promoteModerator });
        expectStatus(ctx, promoteOwner, 400, 'promoting the owner is 400 (not a plain user)');
      }, { operation: OP.promoteModerator, decision: 'promote-400' });
      await R(afterPromotion[2]!, OP.demoteModerator, async () => {
        const self = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/moderators`, as: c.member, body: { participant: c.member.user }, operation: OP.demoteModerator });
        expectStatus(ctx, self, 403, 'a moderator must not demote itself');
        await expectType(c.member.user, 2, 'a refused self-demotion leaves the moderator a moderator');
      });
      // The new moderator may manage participants, but not remove the owner.
      await R(afterPromotion[3]!, OP.removeParticipant, async () => {
        const removeOwner = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants`, as: c.member, body: { participant: c.owner.user }, operation: OP.removeParticipant });
        expectStatus(ctx, removeOwner, 403, 'a moderator must not remove the owner');
        await expectType(c.owner.user, 1, 'the owner stays in the room');
      });
      const demoted = await R(afterPromotion[4]!, OP.demoteModerator, async () => {
        const demote = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.demoteModerator });
        expectStatus(ctx, demote, 200, 'the owner demotes the moderator');
        await expectType(c.member.user, 3, 'a demoted moderator is a plain user (type 3)');
      });
      if (demoted) {
        await R(afterPromotion[5]!, OP.demoteModerator, async () => {
          const demoteUser = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/moderators`, as: c.owner, body: { participant: c.member.user }, operation: OP.demoteModerator });
          expectStatus(ctx, demoteUser, 400, 'demoting a plain user is 400');
        });
      } else ctx.notRun(afterPromotion[5]!, 'the demotion it follows failed');
    }
    await R('the owner removes a plain user (200), who is no longer listed', OP.removeParticipant, async () => {
      const remove = await ocs(ctx, { method: 'DELETE', path: `${V1}/room/${token}/participants`, as: c.owner, body: { participant: c.other.user }, operation: OP.removeParticipant });
      expectStatus(ctx, remove, 200, 'the owner removes a plain user');
      await expectType(c.other.user, undefined, 'a removed user is no longer listed');
    });
  },
};

const GUEST_NAME = 'Callrec Guest';

const guests: Check = {
  id: 'nextcloud-talk.guests.join-and-names',
  title: 'guests join public rooms by link (wrong password 403), and their messages carry the name set with setGuestName',
  operations: [OP.joinRoom, OP.setGuestName, OP.sendMessage, OP.getParticipants],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1guest~1{token}~1name/post',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 3);
    const joined = await joinRoom(ctx, ANONYMOUS, token);
    expectStatus(ctx, joined.res, 200, 'a guest joins a public room by its link');
    if (joined.sessionId.length === 0 || joined.who.kind !== 'guest') {
      ctx.fail({ rule: 'a guest join answers a session id and a session cookie', expected: 'data.sessionId and Set-Cookie', actual: `${excerpt(joined.res, 120)} (set-cookie ${joined.res.headers['set-cookie'] ? 'present' : 'absent'})`, response: joined.res, operation: OP.joinRoom });
    }
    const guest: Principal = joined.who;
    const named = await ocs(ctx, { method: 'POST', path: `${V1}/guest/${token}/name`, as: guest, body: { displayName: GUEST_NAME }, operation: OP.setGuestName });
    expectStatus(ctx, named, 200, 'a guest sets a display name');
    await ctx.rule('a guest posts in a public room (201) and the message carries the name set with setGuestName', async () => {
      const sent = await postMessage(ctx, guest, token, 'hello as a guest');
      expectStatus(ctx, sent, 201, 'a guest posts in a public room');
      const msg = sent.json<{ ocs: { data: ChatMessageView } }>().ocs.data;
      if (msg.actorType !== 'guests' || msg.actorDisplayName !== GUEST_NAME) {
        ctx.fail({ rule: 'a guest message carries the name set with setGuestName', specRef: '#/paths/~1apps~1spreed~1api~1v1~1guest~1{token}~1name/post', expected: `actorType guests, actorDisplayName ${JSON.stringify(GUEST_NAME)}`, actual: `actorType ${msg.actorType}, actorDisplayName ${JSON.stringify(msg.actorDisplayName)}`, response: sent, operation: OP.sendMessage });
      }
    }, { operation: OP.sendMessage });
    await ctx.rule('a plain guest must not list the participants (403)', async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}/participants`, as: guest, operation: OP.getParticipants });
      expectStatus(ctx, res, 403, 'a plain guest must not list the participants');
    }, { operation: OP.getParticipants });
    await ctx.rule('the guest is listed as a participant of type 4 with its name', async () => {
      const { res, list } = await participants(ctx, c.owner, token);
      if (!list.some((p) => p.participantType === 4 && p.displayName === GUEST_NAME)) {
        ctx.fail({ rule: 'the guest is listed as type 4 with its name', expected: `a participant of type 4 named ${GUEST_NAME}`, actual: excerpt(res, 300), response: res, operation: OP.getParticipants });
      }
    }, { operation: OP.getParticipants });
    await ctx.rule('a logged-in user cannot set a guest name (403)', async () => {
      const byUser = await ocs(ctx, { method: 'POST', path: `${V1}/guest/${token}/name`, as: c.owner, body: { displayName: 'Not a guest' }, operation: OP.setGuestName });
      expectStatus(ctx, byUser, 403, 'a logged-in user cannot set a guest name');
    }, { operation: OP.setGuestName });

    // A password-protected public room.
    const prot = await createRoom(ctx, c.owner, 3);
    const setPw = await ocs(ctx, { method: 'PUT', path: `${V1}/room/${prot}/password`, as: c.owner, body: { password: 'callrec-room-pw' }, operation: OP.setPassword });
    expectStatus(ctx, setPw, 200, 'the owner protects the public room with a password');
    await ctx.rule('a guest with a wrong password must not join (403)', async () => {
      spend(ctx, 'talkRoomPassword');
      expectStatus(ctx, (await joinRoom(ctx, ANONYMOUS, prot, 'not-the-password')).res, 403, 'a guest with a wrong password must not join');
    }, { operation: OP.joinRoom });
    await ctx.rule('a guest without the password must not join (403)', async () => {
      spend(ctx, 'talkRoomPassword');
      expectStatus(ctx, (await joinRoom(ctx, ANONYMOUS, prot)).res, 403, 'a guest without the password must not join');
    }, { operation: OP.joinRoom });
    await ctx.rule('a guest with the password joins (200)', async () => {
      expectStatus(ctx, (await joinRoom(ctx, ANONYMOUS, prot, 'callrec-room-pw')).res, 200, 'a guest with the password joins');
    }, { operation: OP.joinRoom });
    // The password is asked of who is not a participant yet (Talk 6 Room::joinRoom; later
    // ParticipantService::joinRoom): a user who joined by link opens more sessions without it.
    await ctx.rule('a user who joined the protected room by its link with the password opens another session without it (200), still self-joined (5)', async () => {
      const first = await joinRoom(ctx, c.member, prot, 'callrec-room-pw');
      const again = await joinRoom(ctx, c.member, prot);
      const { res, list } = await participants(ctx, c.owner, prot);
      const type = list.find((p) => p.userId === c.member.user)?.participantType;
      if (first.res.status !== 200 || again.res.status !== 200 || type !== 5) ctx.fail({ rule: 'a participant is not asked for the room password again', specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}~1participants~1active/post', expected: 'HTTP 200 with the password, 200 again without it, listed as type 5', actual: `HTTP ${first.res.status}, then ${again.res.status}, type ${String(type)}`, response: again.res.status !== 200 ? again.res : res, operation: OP.joinRoom });
    }, { operation: OP.joinRoom });
  },
};

export const participantChecks: Check[] = [roles, guests];
