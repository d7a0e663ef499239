// The answers of the room writes validate against the spec too (schema.ts covers the reads a
// client makes every day): a done change is Talk v1's empty `data` ([], seed 004: "Data: none"),
// a refusal the empty failure envelope.
import type { Check, CheckContext } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, expectConforms, ocs, requireWrites, type OperationId, type Principal } from '../support.ts';

const roomWritesConform: Check = {
  id: 'nextcloud-talk.schema.room-writes-conform',
  title: 'every room setting answers what the spec documents: data [] when done, the empty failure envelope when refused',
  operations: [OP.renameRoom, OP.makePublic, OP.makePrivate, OP.setPassword, OP.addFavorite, OP.removeFavorite, OP.setNotificationLevel, OP.setReadOnly, OP.setLobby, OP.deleteRoom],
  specRef: '#/components/responses/OkEmpty',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const room = `${V1}/room/${token}`;
    const steps: [OperationId, string, string, Principal, Record<string, unknown> | undefined, number][] = [
      [OP.renameRoom, 'PUT', room, c.owner, { roomName: `callrec schema ${ctx.seed.toString(36)}` }, 200],
      [OP.renameRoom, 'PUT', room, c.member, { roomName: 'not mine to rename' }, 403],
      [OP.makePublic, 'POST', `${room}/public`, c.owner, undefined, 200],
      [OP.setPassword, 'PUT', `${room}/password`, c.owner, { password: 'callrec-schema-pw' }, 200],
      [OP.setPassword, 'PUT', `${room}/password`, c.owner, { password: '' }, 200],
      [OP.addFavorite, 'POST', `${room}/favorite`, c.member, undefined, 200],
      [OP.removeFavorite, 'DELETE', `${room}/favorite`, c.member, undefined, 200],
      [OP.setNotificationLevel, 'POST', `${room}/notify`, c.member, { level: 2 }, 200],
      [OP.setNotificationLevel, 'POST', `${room}/notify`, c.member, { level: 9 }, 400],
      [OP.setReadOnly, 'PUT', `${room}/read-only`, c.owner, { state: 1 }, 200],
      [OP.setReadOnly, 'PUT', `${room}/read-only`, c.owner, { state: 0 }, 200],
      [OP.setLobby, 'PUT', `${room}/webinary/lobby`, c.owner, { state: 1 }, 200],
      [OP.setLobby, 'PUT', `${room}/webinary/lobby`, c.owner, { state: 0 }, 200],
      [OP.makePrivate, 'DELETE', `${room}/public`, c.owner, undefined, 200],
      [OP.deleteRoom, 'DELETE', room, c.member, undefined, 403],
      [OP.deleteRoom, 'DELETE', room, c.owner, undefined, 200],
    ];
    for (const [operation, method, path, as, body, status] of steps) {
      const who = as === c.owner ? 'the owner' : 'a plain user';
      await ctx.rule(`${operation} as ${who} (HTTP ${status}) answers what the spec documents`, async () => {
        const res = await ocs(ctx, { method, path, as, ...(body ? { body } : {}), operation });
        if (res.status !== status) ctx.fail({ rule: `${operation} as ${who} answers ${status}`, expected: `HTTP ${status}`, actual: `HTTP ${res.status}`, response: res, operation });
        expectConforms(ctx, res, operation);
      }, { operation });
    }
  },
};

export const schemaWriteChecks: Check[] = [roomWritesConform];
