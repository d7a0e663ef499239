// The rooms API as recording clients use it (the official recordings tutorial: create, list, get,
// delete): a created room is readable, listed in {rooms, pagination}, keeps its recording access,
// and is gone once deleted.
import type { Check, CheckContext } from '../../../core/check.ts';
import { excerpt, expectConforms, expectErrorBody, expectStatus, meetRequest, requireWrites } from '../support.ts';

export const ROOM_OP = { create: 'createRoom', list: 'getRooms', get: 'getRoom', delete: 'deleteRoom' } as const;

interface RoomBody {
  roomId?: unknown;
  roomName?: unknown;
  config?: { recording?: { enabled?: unknown; allowAccessTo?: unknown } };
}

const roomLifecycle: Check = {
  id: 'openvidu-meet.rooms.lifecycle',
  title: 'a room created through the rooms API is read back, listed, keeps its recording access, and is gone once deleted',
  operations: Object.values(ROOM_OP),
  specRef: '#/paths/~1rooms',
  needs: ['credentials', 'writes'],
  decision: 'room-deletion-policies',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const roomName = `callrec rooms ${ctx.seed}`;
    let roomId: string | undefined;
    const createRule = 'POST /rooms answers 201 with the room, named as asked, with the recording access asked';
    await ctx.rule(createRule, async () => {
      const res = await meetRequest(ctx, {
        method: 'POST',
        path: '/rooms',
        body: { roomName, config: { recording: { enabled: true, allowAccessTo: 'admin_moderator' }, chat: { enabled: true }, virtualBackground: { enabled: true } } },
        operation: ROOM_OP.create,
      });
      expectStatus(ctx, res, 201, createRule, ROOM_OP.create);
      expectConforms(ctx, res, ROOM_OP.create);
      const room = res.json<RoomBody>();
      if (typeof room.roomId === 'string') roomId = room.roomId;
      if (room.roomName !== roomName || room.config?.recording?.allowAccessTo !== 'admin_moderator') {
        ctx.fail({ rule: createRule, expected: `roomName ${roomName}, config.recording.allowAccessTo admin_moderator`, actual: excerpt(res), response: res, operation: ROOM_OP.create });
      }
    }, { operation: ROOM_OP.create });
    if (roomId === undefined) return;
    const path = `/rooms/${encodeURIComponent(roomId)}`;

    await ctx.rule('GET /rooms/{roomId} reads the created room back', async () => {
      const res = await meetRequest(ctx, { method: 'GET', path, operation: ROOM_OP.get });
      expectStatus(ctx, res, 200, 'GET /rooms/{roomId} of a created room answers 200', ROOM_OP.get);
      expectConforms(ctx, res, ROOM_OP.get);
      const room = res.json<RoomBody>();
      if (room.roomId !== roomId || room.config?.recording?.allowAccessTo !== 'admin_moderator') {
        ctx.fail({ rule: 'GET /rooms/{roomId} reads the created room back', expected: `roomId ${roomId} with allowAccessTo admin_moderator`, actual: excerpt(res), response: res, operation: ROOM_OP.get });
      }
    }, { operation: ROOM_OP.get });

    const listed = async (): Promise<boolean> => {
      const res = await meetRequest(ctx, { method: 'GET', path: '/rooms', query: { maxItems: 100, roomName }, operation: ROOM_OP.list });
      expectStatus(ctx, res, 200, 'GET /rooms answers 200', ROOM_OP.list);
      expectConforms(ctx, res, ROOM_OP.list);
      const body = res.json<{ rooms?: RoomBody[] }>();
      if (!body || !Array.isArray(body.rooms)) {
        ctx.fail({ rule: 'GET /rooms answers {rooms, pagination}', expected: '{rooms: [...], pagination: {...}}', actual: excerpt(res), response: res, operation: ROOM_OP.list });
      }
      return body.rooms.some((r) => r.roomId === roomId);
    };
    await ctx.rule('GET /rooms lists the created room', async () => {
      if (!(await listed())) ctx.fail({ rule: 'GET /rooms lists the created room', expected: `a room ${roomId}`, actual: 'not listed', operation: ROOM_OP.list });
    }, { operation: ROOM_OP.list });

    // The tutorial's own call: force both policies, so nothing the room holds can refuse it.
    let deleted = false;
    await ctx.rule('DELETE /rooms/{roomId}?withMeeting=force&withRecordings=force answers 200', async () => {
      const res = await meetRequest(ctx, { method: 'DELETE', path, query: { withMeeting: 'force', withRecordings: 'force' }, operation: ROOM_OP.delete });
      expectStatus(ctx, res, 200, 'DELETE /rooms/{roomId} with force answers 200', ROOM_OP.delete);
      expectConforms(ctx, res, ROOM_OP.delete);
      deleted = true;
    }, { operation: ROOM_OP.delete });
    if (!deleted) return;
    await ctx.rule('a deleted room answers 404 with an Error body', async () => {
      const res = await meetRequest(ctx, { method: 'GET', path, operation: ROOM_OP.get, expectMiss: true });
      expectStatus(ctx, res, 404, 'a deleted room answers 404', ROOM_OP.get);
      expectErrorBody(ctx, res, 'a deleted room answers 404 (Error body)', ROOM_OP.get);
    }, { operation: ROOM_OP.get });
    await ctx.rule('a deleted room is no longer listed', async () => {
      if (await listed()) ctx.fail({ rule: 'a deleted room is no longer listed', expected: `no room ${roomId}`, actual: 'still listed', operation: ROOM_OP.list });
    }, { operation: ROOM_OP.list });
  },
};

export const roomChecks: Check[] = [roomLifecycle];
