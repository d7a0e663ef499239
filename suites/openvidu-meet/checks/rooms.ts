// The rooms API as recording clients use it (the official recordings tutorial: create, list, get,
// delete): a created room is readable, listed in {rooms, pagination}, keeps its recording access,
// and is gone once deleted.
import type { Check, CheckContext } from '../../../core/check.ts';
import { excerpt, expectConforms, expectErrorBody, expectStatus, meetRequest, recordableRoom, requireWrites, seedData, uniqueRoomId } from '../support.ts';

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



/**
 * What the spec says of a new room and of the room listing: its id is made from its name (lower
 * case, accents dropped, `_` for spaces and hyphens, other characters dropped, runs of `_` collapsed
 * and trimmed) plus `-` and a suffix; the name is trimmed with inner runs of spaces collapsed (`Room`
 * when omitted); without config it records, open to every role; a 201 names the room in Location;
 * rooms are listed newest first (creation date, then room id), a page at a time, filtered by a
 * case-insensitive part of their name.
 */
const roomCreationAndListing: Check = {
  id: 'openvidu-meet.rooms.creation-and-listing',
  title: 'a new room gets its id from its name, the documented defaults and a Location; rooms are listed newest first, page by page, filtered by name',
  operations: [ROOM_OP.create, ROOM_OP.list, ROOM_OP.get, ROOM_OP.delete],
  specRef: '#/paths/~1rooms/post',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    // Unique to this run, so the name filter finds only this check's rooms (a real server keeps
    // other rooms, maybe from an earlier run whose clean-up failed: the time keeps them apart).
    const tag = `${uniqueRoomId(ctx, 'cr').replace(/-/g, 'x')}${ctx.control ? '' : `t${Date.now().toString(36)}`}`;
    const created: { roomId: string; creationDate: number }[] = [];
    const create = async (body: unknown) => {
      const res = await meetRequest(ctx, { method: 'POST', path: '/rooms', body, operation: ROOM_OP.create });
      expectStatus(ctx, res, 201, 'POST /rooms answers 201', ROOM_OP.create);
      const room = res.json<RoomBody & { creationDate?: unknown; status?: unknown; autoDeletionDate?: unknown; config?: { recording?: { layout?: unknown } } }>();
      if (typeof room.roomId === 'string' && typeof room.creationDate === 'number') created.push({ roomId: room.roomId, creationDate: room.creationDate });
      return { res, room };
    };
    try {
      const named = `  _Weekly  ${tag} -- Review_ `;
      await ctx.rule('a room id is made from the room name plus "-" and a suffix; the name is trimmed with runs of spaces collapsed', async () => {
        const { res, room } = await create({ roomName: named, config: { recording: { enabled: false } } });
        const prefix = `weekly_${tag}_review-`;
        if (typeof room.roomId !== 'string' || !room.roomId.startsWith(prefix) || room.roomId.length === prefix.length || !/^[a-z0-9_]+-[A-Za-z0-9]+$/.test(room.roomId)) {
          ctx.fail({ rule: 'the room id is made from the room name', expected: `${prefix}<suffix>`, actual: String(room.roomId), response: res, operation: ROOM_OP.create });
        }
        if (room.roomName !== `_Weekly ${tag} -- Review_`) ctx.fail({ rule: 'the room name is trimmed, inner runs of spaces collapsed', expected: `_Weekly ${tag} -- Review_`, actual: String(room.roomName), response: res, operation: ROOM_OP.create });
        if (room.config?.recording?.enabled !== false) ctx.fail({ rule: 'config.recording.enabled is kept as sent', expected: 'false', actual: excerpt(res), response: res, operation: ROOM_OP.create });
        const location = res.headers['location'];
        if (typeof room.roomId === 'string' && !(location ?? '').endsWith(`/api/v1/rooms/${encodeURIComponent(room.roomId)}`)) {
          ctx.fail({ rule: 'a 201 from POST /rooms carries the room URL in Location', expected: `…/api/v1/rooms/${room.roomId}`, actual: String(location), response: res, operation: ROOM_OP.create });
        }
      }, { operation: ROOM_OP.create });
      const links = created.length > 0 ? await meetRequest(ctx, { method: 'GET', path: `/rooms/${encodeURIComponent(created[0]!.roomId)}`, operation: ROOM_OP.get }) : undefined;
      type Links = { roomId?: unknown; moderatorUrl?: unknown; speakerUrl?: unknown; access?: { anonymous?: { moderator?: { url?: unknown; enabled?: unknown }; speaker?: { url?: unknown; enabled?: unknown } } } };
      const linksRule = "a room's moderatorUrl and speakerUrl are <origin>/room/<roomId>?secret=<secret>, one secret per role";
      if (!links || links.status !== 200) ctx.notRun(linksRule, 'no created room could be read back');
      else {
        const room = links.json<Links>();
        await ctx.rule(linksRule, () => {
          const shape = (u: unknown) => {
            try {
              const url = new URL(String(u));
              return url.pathname.endsWith(`/room/${encodeURIComponent(String(room.roomId))}`) && (url.searchParams.get('secret') ?? '') !== '' ? url.searchParams.get('secret') : undefined;
            } catch {
              return undefined;
            }
          };
          const m = shape(room.moderatorUrl);
          const sp = shape(room.speakerUrl);
          if (!m || !sp || m === sp) ctx.fail({ rule: linksRule, expected: `two links …/room/${String(room.roomId)}?secret=… with different secrets`, actual: `moderatorUrl ${String(room.moderatorUrl)}, speakerUrl ${String(room.speakerUrl)}`, response: links, operation: ROOM_OP.get });
        }, { operation: ROOM_OP.get });
        const sameRule = 'access.anonymous.<role>.url carries the same links as moderatorUrl and speakerUrl, enabled';
        await ctx.rule(sameRule, () => {
          const a = room.access?.anonymous;
          if (a?.moderator?.url !== room.moderatorUrl || a?.speaker?.url !== room.speakerUrl || a?.moderator?.enabled !== true || a?.speaker?.enabled !== true) {
            ctx.fail({ rule: sameRule, expected: `moderator ${String(room.moderatorUrl)}, speaker ${String(room.speakerUrl)}, both enabled`, actual: JSON.stringify(room.access ?? null), response: links, operation: ROOM_OP.get });
          }
        }, { operation: ROOM_OP.get, decision: 'room-access-links' });
      }
      await ctx.rule('without name or config a room is named Room and records, open to every role', async () => {
        const { res, room } = await create({});
        const rec = room.config?.recording;
        if (room.roomName !== 'Room' || typeof room.roomId !== 'string' || !room.roomId.startsWith('room-') || rec?.enabled !== true || rec.allowAccessTo !== 'admin_moderator_speaker' || room.status !== 'open' || room.autoDeletionDate !== undefined) {
          ctx.fail({ rule: 'a room created without name or config has the documented defaults', expected: 'roomName Room, roomId room-…, recording enabled for admin_moderator_speaker, status open, no autoDeletionDate', actual: excerpt(res), response: res, operation: ROOM_OP.create });
        }
      }, { operation: ROOM_OP.create });
      await ctx.rule('a roomName of exactly 50 characters is accepted (the limit is inclusive)', async () => {
        const name = `Fifty ${tag} `.padEnd(50, 'n');
        const { res, room } = await create({ roomName: name });
        if (room.roomName !== name) ctx.fail({ rule: 'a roomName of exactly 50 characters is kept', expected: name, actual: String(room.roomName), response: res, operation: ROOM_OP.create });
      }, { operation: ROOM_OP.create });
      await ctx.rule('a room keeps the autoDeletionDate and recording layout it was created with', async () => {
        const probe = await meetRequest(ctx, { method: 'GET', path: '/rooms', query: { maxItems: 1 }, operation: ROOM_OP.list });
        const now = Date.parse(probe.headers['date'] ?? '') || Date.now();
        const autoDeletionDate = now + 2 * 3600_000;
        const { res, room } = await create({ roomName: `Auto ${tag}`, autoDeletionDate, config: { recording: { enabled: true, allowAccessTo: 'admin', layout: 'speaker' } } });
        if (room.autoDeletionDate !== autoDeletionDate || room.config?.recording?.layout !== 'speaker' || room.config?.recording?.allowAccessTo !== 'admin') {
          ctx.fail({ rule: 'a room keeps its autoDeletionDate and recording config', expected: `autoDeletionDate ${autoDeletionDate}, layout speaker, allowAccessTo admin`, actual: excerpt(res), response: res, operation: ROOM_OP.create });
        }
      }, { operation: ROOM_OP.create });

      const walkRule = 'rooms are listed newest first (then by id), one page at a time, filtered by a case-insensitive part of the name';
      await ctx.rule(walkRule, async () => {
        // Upper case in the name and in the query (the other rooms hold the tag in lower case): the
        // match must fold the case of both sides, not only of the query.
        await create({ roomName: `Last ${tag.toUpperCase()}` });
        const expected = created.filter((r) => r.roomId.includes(tag)).sort((a, b) => b.creationDate - a.creationDate || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0)).map((r) => r.roomId);
        const seen: string[] = [];
        let token: string | undefined;
        for (let page = 0; page < expected.length + 2; page++) {
          const query: Record<string, string | number> = { maxItems: 1, roomName: tag.toUpperCase() };
          if (token) query.nextPageToken = token;
          const res = await meetRequest(ctx, { method: 'GET', path: '/rooms', query, operation: ROOM_OP.list });
          expectStatus(ctx, res, 200, 'GET /rooms answers 200', ROOM_OP.list);
          const body = res.json<{ rooms?: { roomId?: unknown }[]; pagination?: { isTruncated?: unknown; nextPageToken?: unknown; maxItems?: unknown } }>();
          const ids = (body.rooms ?? []).map((r) => String(r.roomId));
          seen.push(...ids);
          const more = seen.length < expected.length;
          if (body.pagination?.isTruncated !== more || (more && typeof body.pagination?.nextPageToken !== 'string') || (!more && body.pagination?.nextPageToken !== undefined && body.pagination?.nextPageToken !== null) || body.pagination?.maxItems !== 1) {
            ctx.fail({ rule: walkRule, expected: `page ${page + 1} of ${expected.length}: maxItems 1, isTruncated ${more}${more ? ' with a nextPageToken' : ' without one'}`, actual: excerpt(res), response: res, operation: ROOM_OP.list });
          }
          if (!more) break;
          token = body.pagination!.nextPageToken as string;
        }
        if (JSON.stringify(seen) !== JSON.stringify(expected)) {
          ctx.fail({ rule: walkRule, expected: expected.join(', '), actual: seen.join(', '), operation: ROOM_OP.list, repro: `walk GET /rooms?maxItems=1&roomName=${tag.toUpperCase()} following nextPageToken` });
        }
      }, { operation: ROOM_OP.list });

      // The token is a position (creation date, room id), not an offset: once the rooms after it are
      // gone, the next page is empty, whatever its size, and says nothing follows.
      const tailRule = 'a page token whose following rooms were deleted gives an empty last page';
      await ctx.rule(tailRule, async () => {
        const mine = created.filter((r) => r.roomId.includes(tag)).sort((a, b) => b.creationDate - a.creationDate || (a.roomId < b.roomId ? -1 : a.roomId > b.roomId ? 1 : 0));
        if (mine.length < 2) ctx.notApplicable('fewer than two rooms of this check are listed');
        const first = await meetRequest(ctx, { method: 'GET', path: '/rooms', query: { maxItems: mine.length - 1, roomName: tag }, operation: ROOM_OP.list });
        const token = first.json<{ pagination?: { nextPageToken?: unknown } }>().pagination?.nextPageToken;
        if (typeof token !== 'string') ctx.fail({ rule: tailRule, expected: 'a nextPageToken before the last room', actual: excerpt(first), response: first, operation: ROOM_OP.list });
        const last = mine[mine.length - 1]!;
        const gone = await meetRequest(ctx, { method: 'DELETE', path: `/rooms/${encodeURIComponent(last.roomId)}`, query: { withMeeting: 'force', withRecordings: 'force' }, operation: ROOM_OP.delete });
        expectStatus(ctx, gone, 200, `${tailRule} (the last room deleted)`, ROOM_OP.delete);
        const next = await meetRequest(ctx, { method: 'GET', path: '/rooms', query: { maxItems: 100, roomName: tag, nextPageToken: token }, operation: ROOM_OP.list });
        expectStatus(ctx, next, 200, tailRule, ROOM_OP.list);
        const body = next.json<{ rooms?: unknown[]; pagination?: { isTruncated?: unknown } }>();
        if ((body.rooms ?? []).length !== 0 || body.pagination?.isTruncated !== false) {
          ctx.fail({ rule: tailRule, expected: 'rooms [] and isTruncated false', actual: excerpt(next), response: next, operation: ROOM_OP.list });
        }
      }, { operation: ROOM_OP.list });
    } finally {
      for (const r of created) await ctx.target.request({ method: 'DELETE', path: `/rooms/${encodeURIComponent(r.roomId)}`, query: { withMeeting: 'force', withRecordings: 'force' }, operation: ROOM_OP.delete });
    }
  },
};

/**
 * DELETE /rooms/{roomId}'s policies on a room that holds something (decision room-deletion-policies):
 * when_meeting_ends schedules (202), close keeps the recordings and closes the room (200), force
 * deletes the room with its recordings, one still running included (200). A room with a meeting or
 * recordings cannot be arranged on a real server without a live call: control API only.
 */
const deletionPolicies: Check = {
  id: 'openvidu-meet.rooms.deletion-policies',
  title: 'deleting a room with a meeting or recordings: when_meeting_ends schedules it, close keeps the recordings, force deletes them',
  operations: [ROOM_OP.delete, ROOM_OP.get, 'getRecording', 'deleteRecording'],
  specRef: '#/paths/~1rooms~1{roomId}/delete',
  needs: ['credentials', 'writes'],
  decision: 'room-deletion-policies',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    if (!ctx.control) ctx.notApplicable('a room with a meeting or recordings to delete cannot be arranged without the control API');
    const meeting = uniqueRoomId(ctx, 'del-meeting');
    const kept = uniqueRoomId(ctx, 'del-close');
    const forced = uniqueRoomId(ctx, 'del-force');
    const recs = await seedData(ctx, {
      rooms: [
        { roomId: meeting, roomName: `Room ${meeting}`, participants: 2 },
        { roomId: kept, roomName: `Room ${kept}`, participants: 0 },
        { roomId: forced, roomName: `Room ${forced}`, participants: 2 },
      ],
      recordings: [{ roomId: kept, status: 'complete' }, { roomId: kept, status: 'aborted' }, { roomId: forced, status: 'complete' }, { roomId: forced, status: 'active' }],
    });
    const del = (roomId: string, query: Record<string, string>) =>
      meetRequest(ctx, { method: 'DELETE', path: `/rooms/${encodeURIComponent(roomId)}`, query, operation: ROOM_OP.delete });
    const getRoom = (roomId: string) => meetRequest(ctx, { method: 'GET', path: `/rooms/${encodeURIComponent(roomId)}`, operation: ROOM_OP.get, expectMiss: true });
    const getRec = (id: string) => meetRequest(ctx, { method: 'GET', path: `/recordings/${encodeURIComponent(id)}`, operation: 'getRecording', expectMiss: true });
    type Answer = { successCode?: unknown; room?: { status?: unknown; meetingEndAction?: unknown } };

    const scheduled = 'withMeeting=when_meeting_ends on a room with a meeting answers 202 and keeps the room until the meeting ends';
    await ctx.rule(scheduled, async () => {
      const res = await del(meeting, { withMeeting: 'when_meeting_ends' });
      expectStatus(ctx, res, 202, scheduled, ROOM_OP.delete);
      expectConforms(ctx, res, ROOM_OP.delete);
      const body = res.json<Answer>();
      const still = await getRoom(meeting);
      if (body.successCode !== 'room_scheduled_to_be_deleted' || body.room?.meetingEndAction !== 'delete' || still.status !== 200) {
        ctx.fail({ rule: scheduled, expected: 'successCode room_scheduled_to_be_deleted, room.meetingEndAction delete, the room still readable', actual: `${excerpt(res)}; GET: HTTP ${still.status}`, response: res, operation: ROOM_OP.delete });
      }
    }, { operation: ROOM_OP.delete });

    const close = 'withRecordings=close on a room with recordings answers 200, closes the room and keeps its recordings';
    await ctx.rule(close, async () => {
      const res = await del(kept, { withRecordings: 'close' });
      expectStatus(ctx, res, 200, close, ROOM_OP.delete);
      const body = res.json<Answer>();
      const rec = recs.find((r) => r.roomId === kept && r.status === 'complete')!;
      const read = await getRec(rec.recordingId);
      if (body.successCode !== 'room_closed' || body.room?.status !== 'closed' || read.status !== 200) {
        ctx.fail({ rule: close, expected: `successCode room_closed, room.status closed, ${rec.recordingId} still readable`, actual: `${excerpt(res)}; GET recording: HTTP ${read.status}`, response: res, operation: ROOM_OP.delete });
      }
    }, { operation: ROOM_OP.delete });
    // What close keeps stays manageable: a finished recording of the closed room is deleted one by one (facts §5.4: any final status).
    const manage = "a closed room's finished recordings (an aborted one too) can be deleted one by one";
    await ctx.rule(manage, async () => {
      const aborted = recs.find((r) => r.roomId === kept && r.status === 'aborted')!;
      const res = await meetRequest(ctx, { method: 'DELETE', path: `/recordings/${encodeURIComponent(aborted.recordingId)}`, operation: 'deleteRecording' });
      expectStatus(ctx, res, 200, manage, 'deleteRecording');
    }, { operation: 'deleteRecording' });

    const force = 'withMeeting=force&withRecordings=force deletes the room and every recording in it, a running one included';
    await ctx.rule(force, async () => {
      const res = await del(forced, { withMeeting: 'force', withRecordings: 'force' });
      expectStatus(ctx, res, 200, force, ROOM_OP.delete);
      const body = res.json<Answer>();
      if (body.successCode !== 'room_and_recordings_deleted') ctx.fail({ rule: force, expected: 'successCode room_and_recordings_deleted', actual: excerpt(res), response: res, operation: ROOM_OP.delete });
      for (const rec of recs.filter((r) => r.roomId === forced)) {
        const read = await getRec(rec.recordingId);
        if (read.status !== 404) ctx.fail({ rule: force, expected: `${rec.recordingId} (${rec.status}) gone: 404`, actual: `HTTP ${read.status}`, response: read, operation: 'getRecording' });
      }
      const room = await getRoom(forced);
      if (room.status !== 404) ctx.fail({ rule: force, expected: `room ${forced} gone: 404`, actual: `HTTP ${room.status}`, response: room, operation: ROOM_OP.get });
    }, { operation: ROOM_OP.delete });
  },
};

/**
 * A room's status tells whether a meeting runs in it (the platform's MeetRoomStatus): a room with
 * participants, where a recording can start, reads `active_meeting`; on the mock, a room nobody is in
 * reads `open`.
 */
const meetingStatus: Check = {
  id: 'openvidu-meet.rooms.meeting-status',
  title: 'a room with a meeting running (participants in it) reads status active_meeting; an empty one open',
  operations: [ROOM_OP.get],
  specRef: '#/components/schemas/MeetRoom/properties/status',
  needs: ['credentials', 'room'],
  async run(ctx: CheckContext) {
    const read = (roomId: string) => meetRequest(ctx, { method: 'GET', path: `/rooms/${encodeURIComponent(roomId)}`, operation: ROOM_OP.get });
    const ACTIVE = 'a room with participants, where a recording can start, reads status active_meeting';
    await ctx.rule(ACTIVE, async () => {
      const roomId = await recordableRoom(ctx);
      const res = await read(roomId);
      expectStatus(ctx, res, 200, `GET /rooms/${roomId} answers 200`, ROOM_OP.get);
      const status = res.json<{ status?: unknown }>().status;
      if (status !== 'active_meeting') ctx.fail({ rule: ACTIVE, expected: 'status active_meeting', actual: `status ${JSON.stringify(status ?? null)}`, response: res, operation: ROOM_OP.get });
    }, { operation: ROOM_OP.get });
    const OPEN = 'a room nobody is in reads status open';
    if (!ctx.control) ctx.skip(OPEN, 'an empty room of our own needs the control API (a created room is covered by rooms.creation-and-listing)', { operation: ROOM_OP.get });
    else {
      await ctx.rule(OPEN, async () => {
        const roomId = uniqueRoomId(ctx, 'idle');
        await seedData(ctx, { rooms: [{ roomId, roomName: `Room ${roomId}`, participants: 0 }] });
        const res = await read(roomId);
        const status = res.json<{ status?: unknown }>().status;
        if (status !== 'open') ctx.fail({ rule: OPEN, expected: 'status open', actual: `HTTP ${res.status}, status ${JSON.stringify(status ?? null)}`, response: res, operation: ROOM_OP.get });
      }, { operation: ROOM_OP.get });
    }
  },
};

export const roomChecks: Check[] = [roomLifecycle, roomCreationAndListing, deletionPolicies, meetingStatus];
