// Responses of the read and write operations a client uses every day validate against the spec
// (status documented, JSON body matching the schema, headers present).
import type { Check, CheckContext } from '../../../core/check.ts';
import { spend } from '../brute-force.ts';
import { OP, V1, cast, createRoom, expectConforms, joinCall, joinRoom, ocs, postMessage, requireWrites, type OperationId, type Principal } from '../support.ts';

const responsesConform: Check = {
  id: 'nextcloud-talk.schema.responses-conform',
  title: 'rooms, participants, peers, chat, signaling settings and notifications answer what the spec documents',
  operations: [OP.createRoom, OP.getRooms, OP.getRoom, OP.getParticipants, OP.joinRoom, OP.getPeers, OP.receiveMessages, OP.sendMessage, OP.getMentionSuggestions, OP.getSignalingSettings, OP.setLobby, OP.getNotifications, OP.promoteModerator, OP.demoteModerator, OP.joinCall, OP.leaveCall, OP.leaveRoom, OP.removeParticipant, OP.removeSelf, OP.addParticipant, OP.removeGuest],
  specRef: '#/components/schemas/Room',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    await ctx.rule('createRoom answers what the spec documents', async () => {
      expectConforms(ctx, await ocs(ctx, { method: 'POST', path: `${V1}/room`, as: c.owner, body: { roomType: 3, roomName: 'callrec schema' }, operation: OP.createRoom }), OP.createRoom);
    }, { operation: OP.createRoom });
    const token = await createRoom(ctx, c.owner, 2, [c.member, c.other]);
    await joinCall(ctx, c.owner, token, 3);
    await ctx.rule('sendMessage answers what the spec documents', async () => {
      expectConforms(ctx, await postMessage(ctx, c.owner, token, `hello @${c.member.user}`), OP.sendMessage);
    }, { operation: OP.sendMessage });
    const steps: [OperationId, string, string, Record<string, string | number>?, unknown?][] = [
      [OP.getRooms, 'GET', `${V1}/room`],
      [OP.getRoom, 'GET', `${V1}/room/${token}`],
      [OP.getParticipants, 'GET', `${V1}/room/${token}/participants`],
      [OP.getPeers, 'GET', `${V1}/call/${token}`],
      [OP.receiveMessages, 'GET', `${V1}/chat/${token}`, { lookIntoFuture: 0, limit: 50 }],
      [OP.getMentionSuggestions, 'GET', `${V1}/chat/${token}/mentions`, { search: c.member.user.slice(0, 2) }],
      [OP.getSignalingSettings, 'GET', `${V1}/signaling/settings`],
      [OP.setLobby, 'PUT', `${V1}/room/${token}/webinary/lobby`, undefined, { state: 0 }],
      [OP.getNotifications, 'GET', '/apps/notifications/api/v2/notifications'],
      [OP.getRoom, 'GET', `${V1}/room/nosuchroom0`],
    ];
    // Talk v1 answers its participant and call writes with data [] (DataResponse([]) / OkEmpty).
    await ctx.rule('participant and call writes answer the empty list (OkEmpty): add a user, remove a guest, promote, demote, join and leave the call, leave the session, remove a participant, leave the room', async () => {
      const room = await createRoom(ctx, c.owner, 3, [c.member]);
      const session = await joinRoom(ctx, c.owner, room);
      const guest = await joinRoom(ctx, { kind: 'anonymous' }, room);
      const writes: [OperationId, string, string, Principal, unknown?][] = [
        [OP.addParticipant, 'POST', `${V1}/room/${room}/participants`, c.owner, { newParticipant: c.other.user }],
        [OP.removeGuest, 'DELETE', `${V1}/room/${room}/participants/guests`, c.owner, { participant: guest.sessionId }],
        [OP.promoteModerator, 'POST', `${V1}/room/${room}/moderators`, c.owner, { participant: c.member.user }],
        [OP.demoteModerator, 'DELETE', `${V1}/room/${room}/moderators`, c.owner, { participant: c.member.user }],
        [OP.joinCall, 'POST', `${V1}/call/${room}`, session.who, { flags: 3 }],
        [OP.leaveCall, 'DELETE', `${V1}/call/${room}`, session.who],
        [OP.leaveRoom, 'DELETE', `${V1}/room/${room}/participants/active`, session.who],
        [OP.removeParticipant, 'DELETE', `${V1}/room/${room}/participants`, c.owner, { participant: c.other.user }],
        [OP.removeSelf, 'DELETE', `${V1}/room/${room}/participants/self`, c.member],
      ];
      for (const [operation, method, path, as, body] of writes) expectConforms(ctx, await ocs(ctx, { method, path, as, body, operation }), operation);
    }, { operation: OP.removeSelf });
    for (const [operation, method, path, query, body] of steps) {
      for (const who of [c.owner, c.member]) {
        await ctx.rule(`${operation} (${method} ${path.replace(/^\/apps\/spreed\/api\/v1/, '').replace(token, '{token}')}) as ${who === c.owner ? 'the owner' : 'a plain user'} answers what the spec documents`, async () => {
          if (path.endsWith('/nosuchroom0')) spend(ctx, 'talkRoomToken');
          expectConforms(ctx, await ocs(ctx, { method, path, as: who, query, body, operation }), operation);
        }, { operation });
      }
    }
  },
};

export const schemaChecks: Check[] = [responsesConform];
