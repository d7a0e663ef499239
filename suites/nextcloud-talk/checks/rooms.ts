// Who may change a room (seed 004: rename and password are for moderators; a password only on a
// public room) and what read-only rooms and the lobby keep people from doing.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, expectStatus, getRoom, joinRoom, ocs, postMessage, readChat, requireWrites } from '../support.ts';

const permissions: Check = {
  id: 'nextcloud-talk.rooms.permissions',
  title: 'only moderators rename (403 for plain users); a password only on public rooms (403 on group rooms)',
  operations: [OP.renameRoom, OP.setPassword],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}/put',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const group = await createRoom(ctx, c.owner, 2, [c.member]);
    const rename = (as: typeof c.owner, roomName: string) => ocs(ctx, { method: 'PUT', path: `${V1}/room/${group}`, as, body: { roomName }, operation: OP.renameRoom });

    await ctx.rule('a plain user (type 3) must not rename the room (403)', async () => {
      expectStatus(ctx, await rename(c.member, 'Taken over'), 403, 'a plain user (type 3) must not rename the room');
    }, { operation: OP.renameRoom });
    await ctx.rule('the owner renames the room (200) and the new name is shown', async () => {
      expectStatus(ctx, await rename(c.owner, 'Renamed by the owner'), 200, 'the owner renames the room');
      const after = await getRoom(ctx, c.owner, group);
      if (after.name !== 'Renamed by the owner') ctx.fail({ rule: 'a rename answered 200 takes effect', expected: 'name "Renamed by the owner"', actual: `name ${JSON.stringify(after.name)}`, operation: OP.getRoom });
    }, { operation: OP.renameRoom });

    const password = (token: string, as = c.owner) => ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}/password`, as, body: { password: 'callrec-secret-1' }, operation: OP.setPassword });
    await ctx.rule('a password cannot be set on a group (non-public) room (403), which stays without one', async () => {
      expectStatus(ctx, await password(group), 403, 'a password cannot be set on a group (non-public) room');
      if ((await getRoom(ctx, c.owner, group)).hasPassword === true) ctx.fail({ rule: 'a refused password leaves the room without one', expected: 'hasPassword false', actual: 'hasPassword true', operation: OP.getRoom });
    }, { operation: OP.setPassword });

    const pub = await createRoom(ctx, c.owner, 3, [c.member]);
    await ctx.rule('a plain user must not set a password (403)', async () => {
      expectStatus(ctx, await password(pub, c.member), 403, 'a plain user must not set a password');
    }, { operation: OP.setPassword });
    await ctx.rule('the owner sets a password on a public room (200), shown as hasPassword', async () => {
      expectStatus(ctx, await password(pub), 200, 'the owner sets a password on a public room');
      if ((await getRoom(ctx, c.owner, pub)).hasPassword !== true) ctx.fail({ rule: 'a password set is shown as hasPassword', expected: 'hasPassword true', actual: 'hasPassword false', operation: OP.getRoom });
    }, { operation: OP.setPassword });
  },
};

const readOnlyAndLobby: Check = {
  id: 'nextcloud-talk.rooms.read-only-and-lobby',
  title: 'read-only rooms refuse chat messages and calls (403); with the lobby on, non-moderators get 412 from chat while moderators read it',
  operations: [OP.setReadOnly, OP.setLobby, OP.sendMessage, OP.receiveMessages, OP.joinCall],
  specRef: '#/components/responses/LobbyOrCsrf',
  needs: ['credentials', 'writes'],
  decision: 'lobby-412',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    await ctx.rule('a plain user posts in a read-write room (201)', async () => {
      expectStatus(ctx, await postMessage(ctx, c.member, token, 'before the lock'), 201, 'a plain user posts in a read-write room');
    }, { operation: OP.sendMessage });

    const lock = await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}/read-only`, as: c.owner, body: { state: 1 }, operation: OP.setReadOnly });
    expectStatus(ctx, lock, 200, 'the owner makes the room read-only');
    await ctx.rule('nobody may post in a read-only room, its owner included (403)', async () => {
      for (const who of [c.member, c.owner]) expectStatus(ctx, await postMessage(ctx, who, token, 'while locked'), 403, `nobody may post in a read-only room (${who.user})`);
    }, { operation: OP.sendMessage });
    await ctx.rule('the room shows it is read-only (readOnly 1)', async () => {
      const room = await getRoom(ctx, c.member, token);
      if (room.readOnly !== 1) ctx.fail({ rule: 'a read-only room shows readOnly 1', expected: 'readOnly 1', actual: `readOnly ${String(room.readOnly)}`, operation: OP.getRoom });
    }, { operation: OP.getRoom });
    await ctx.rule('nobody may join the call of a read-only room (403)', async () => {
      const joined = await joinRoom(ctx, c.member, token);
      expectStatus(ctx, joined.res, 200, 'a participant opens a session in the read-only room');
      const res = await ocs(ctx, { method: 'POST', path: `${V1}/call/${token}`, as: joined.who, operation: OP.joinCall });
      expectStatus(ctx, res, 403, 'nobody may join the call of a read-only room');
      if (res.status === 200) await ocs(ctx, { method: 'DELETE', path: `${V1}/call/${token}`, as: joined.who, operation: OP.leaveCall });
    }, { operation: OP.joinCall });
    await ctx.rule('a read-only room can still be read (200)', async () => {
      expectStatus(ctx, await readChat(ctx, c.member, token, { lookIntoFuture: 0, limit: 10 }), 200, 'a read-only room can still be read');
    }, { operation: OP.receiveMessages });
    const unlock = await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}/read-only`, as: c.owner, body: { state: 0 }, operation: OP.setReadOnly });
    expectStatus(ctx, unlock, 200, 'the owner unlocks the room');
    await ctx.rule('posting works again once the room is unlocked (201)', async () => {
      expectStatus(ctx, await postMessage(ctx, c.member, token, 'after the lock'), 201, 'posting works again once unlocked');
    }, { operation: OP.sendMessage });

    const lobby = await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}/webinary/lobby`, as: c.owner, body: { state: 1 }, operation: OP.setLobby });
    expectStatus(ctx, lobby, 200, 'the owner turns the lobby on');
    await ctx.rule('a non-moderator reading the chat behind the lobby gets 412', async () => {
      expectStatus(ctx, await readChat(ctx, c.member, token, { lookIntoFuture: 0, limit: 10 }), 412, 'a non-moderator reading the chat behind the lobby gets 412');
    }, { operation: OP.receiveMessages });
    await ctx.rule('a non-moderator posting behind the lobby gets 412', async () => {
      expectStatus(ctx, await postMessage(ctx, c.member, token, 'from the lobby'), 412, 'a non-moderator posting behind the lobby gets 412');
    }, { operation: OP.sendMessage });
    await ctx.rule('a moderator reads the chat with the lobby on (200)', async () => {
      expectStatus(ctx, await readChat(ctx, c.owner, token, { lookIntoFuture: 0, limit: 10 }), 200, 'a moderator reads the chat with the lobby on');
    }, { operation: OP.receiveMessages });
    await ctx.rule('the room shows the lobby to its members (lobbyState 1)', async () => {
      const room = await getRoom(ctx, c.member, token);
      if (room.lobbyState !== 1) ctx.fail({ rule: 'the room shows the lobby', expected: 'lobbyState 1', actual: `lobbyState ${String(room.lobbyState)}`, operation: OP.getRoom });
    }, { operation: OP.getRoom });
  },
};

export const roomChecks: Check[] = [permissions, readOnlyAndLobby];
