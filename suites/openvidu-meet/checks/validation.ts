// Input validation: malformed recording ids are 422 with the documented `details` field on every
// route that takes one (never 404, never 500), and a broken start body is a client error.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, excerpt, existingCompleteRecording, expectErrorBody, expectStatus, expectValidationError, listPage, meetRequest, recordableRoom, uniqueRoomId } from '../support.ts';
import type { OperationId } from '../support.ts';

/** Ids that break the format `{roomId}--{egressId}--{uid}` (middle part `EG_` + something). */
export const MALFORMED_IDS: readonly { id: string; why: string }[] = [
  { id: 'just-a-room-name', why: 'no -- separator' },
  { id: 'room-1--EG_ABC', why: 'two parts, no uid' },
  { id: 'room-1--EG_ABC--UID1--extra', why: 'four parts' },
  { id: 'room-1--XX_ABC--UID1', why: 'middle part not an egress id' },
  { id: 'room-1--EG_--UID1', why: 'egress id with nothing after EG_' },
  { id: '--EG_ABC--UID1', why: 'empty room part' },
  { id: 'room-1--EG_ABC--', why: 'empty uid part' },
  { id: 'room-1----UID1', why: 'empty middle part' },
  { id: '../../etc/passwd', why: 'path traversal' },
  { id: `${'a'.repeat(10 * 1024)}`, why: '10 kB id' },
  { id: 'sala-ñ--ÉG_ü--😀', why: 'unicode, no EG_ prefix' },
];

interface Route {
  operation: OperationId;
  method: string;
  suffix: string;
  /** The details field the spec names for this route. */
  field: string;
}

const ROUTES: readonly Route[] = [
  { operation: OP.get, method: 'GET', suffix: '', field: 'params.recordingId' },
  { operation: OP.media, method: 'GET', suffix: '/media', field: 'params.recordingId' },
  { operation: OP.delete, method: 'DELETE', suffix: '', field: 'recordingId' },
  { operation: OP.stop, method: 'POST', suffix: '/stop', field: 'recordingId' },
];

const shorten = (id: string) => (id.length > 40 ? `${id.slice(0, 20)}…(${id.length} chars)` : id);

const recordingIdFormat: Check = {
  id: 'openvidu-meet.validation.recording-id-format',
  title: 'malformed recording ids are 422 with the documented details field (get, media, delete, stop, bulk delete)',
  operations: [OP.get, OP.media, OP.delete, OP.stop, OP.bulkDelete],
  specRef: '#/components/parameters/recordingId',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    // One rule per route: a route the target lacks (or gets wrong) does not hide the others.
    for (const route of ROUTES) {
      await ctx.rule(`${route.method} /recordings/{id}${route.suffix} with a malformed id answers 422 naming ${route.field}`, async () => {
        for (const { id, why } of MALFORMED_IDS) {
          const res = await meetRequest(ctx, { method: route.method, path: `/recordings/${encodeURIComponent(id)}${route.suffix}`, operation: route.operation });
          expectValidationError(ctx, res, route.field, `${route.method} /recordings/{id}${route.suffix} with a malformed id (${why}: ${shorten(id)}) answers 422 naming ${route.field}`, route.operation);
        }
      }, { operation: route.operation });
    }
    // Bulk delete: the bad id's position names the field. The other id is well formed and unknown,
    // so nothing is deleted even by a server that skipped validation.
    const good = `${uniqueRoomId(ctx, 'nope')}--EG_callrecUnknown--ZZ9`;
    await ctx.rule('bulk delete with a malformed second id answers 422 naming recordingIds.1', async () => {
      for (const { id, why } of MALFORMED_IDS.slice(0, 6)) {
        const res = await meetRequest(ctx, { method: 'DELETE', path: '/recordings', query: { recordingIds: `${good},${id}` }, operation: OP.bulkDelete });
        expectValidationError(ctx, res, 'recordingIds.1', `bulk delete with a malformed second id (${why}) answers 422 naming recordingIds.1`, OP.bulkDelete);
      }
    }, { operation: OP.bulkDelete });
  },
};

async function postRaw(ctx: CheckContext, body: string, contentType: string): Promise<TargetResponse> {
  return meetRequest(ctx, { method: 'POST', path: '/recordings', body, headers: { 'content-type': contentType }, operation: OP.start });
}

const malformedBody: Check = {
  id: 'openvidu-meet.validation.malformed-body',
  title: 'a start body that is not JSON, or not an object, is a documented client error, never 500',
  operations: [OP.start],
  specRef: '#/paths/~1recordings/post/responses/400',
  needs: ['credentials'],
  decision: 'malformed-json-422',
  async run(ctx: CheckContext) {
    // A room that exists (mock) keeps "room not found" from masking a body the server did accept.
    const roomId = ctx.control ? await recordableRoom(ctx) : uniqueRoomId(ctx, 'body');
    const cases: { body: string; contentType: string; what: string; allowed: number[] }[] = [
      // 400 is the decision (parser refuses before validation); 422 is the documented validation error.
      { body: `{"roomId": "${roomId}"`, contentType: 'application/json', what: 'truncated JSON', allowed: [400, 422] },
      { body: `{roomId: '${roomId}'}`, contentType: 'application/json', what: 'JavaScript, not JSON', allowed: [400, 422] },
      { body: '\u0000\u0001garbage', contentType: 'application/json', what: 'binary garbage', allowed: [400, 422] },
      { body: '[]', contentType: 'application/json', what: 'a JSON array', allowed: [400, 422] },
      { body: `"${roomId}"`, contentType: 'application/json', what: 'a JSON string', allowed: [400, 422] },
      { body: 'null', contentType: 'application/json', what: 'JSON null', allowed: [400, 422] },
    ];
    // The rooms API reads its body the same way: a room is never created from a body that is not JSON.
    const roomRule = 'POST /rooms with truncated JSON as body is refused as a client error (400/422), never a room';
    await ctx.rule(roomRule, async () => {
      const res = await meetRequest(ctx, { method: 'POST', path: '/rooms', body: '{"roomName": "callrec truncated"', headers: { 'content-type': 'application/json' }, operation: 'createRoom' });
      if (res.status !== 400 && res.status !== 422) ctx.fail({ rule: roomRule, expected: 'HTTP 400 or 422 with an Error body', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: 'createRoom' });
      expectErrorBody(ctx, res, `${roomRule} (Error body)`, 'createRoom');
    }, { operation: 'createRoom' });
    for (const c of cases) {
      const res = await postRaw(ctx, c.body, c.contentType);
      const rule = `start with ${c.what} as body is refused as a client error (400/422), never 500`;
      if (!c.allowed.includes(res.status)) {
        ctx.fail({ rule, expected: `HTTP ${c.allowed.join(' or ')} with an Error body`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.start });
      }
      expectErrorBody(ctx, res, `${rule} (Error body)`, OP.start);
    }
  },
};

/**
 * Room ids are sanitised, not only trimmed (3.5 `nonEmptySanitizedRoomId`): characters outside
 * `[A-Za-z0-9_-]` are removed from the listing's roomId filter, the start body's roomId and the room
 * part of a recordingId; empty afterwards is 422. None of these requests writes anything.
 */
const roomIdSanitised: Check = {
  id: 'openvidu-meet.validation.room-id-sanitised',
  title: 'room ids are sanitised (characters outside [A-Za-z0-9_-] removed; empty afterwards is 422), not only trimmed',
  operations: [OP.list, OP.get, OP.start],
  specRef: '#/components/schemas/StartRecordingRequest/properties/roomId',
  needs: ['credentials', 'recording'],
  async run(ctx: CheckContext) {
    const rec = await existingCompleteRecording(ctx);
    const room = rec.roomId;
    const decorated = `${room}!`;
    await ctx.rule(`GET /recordings?roomId=${decorated} lists what roomId=${room} lists`, async () => {
      const clean = (await listPage(ctx, { roomId: room, maxItems: 20 })).page.recordings.map((r) => r.recordingId);
      const { res, page } = await listPage(ctx, { roomId: decorated, maxItems: 20 });
      const got = page.recordings.map((r) => r.recordingId);
      if (JSON.stringify(got) !== JSON.stringify(clean)) {
        ctx.fail({ rule: `GET /recordings?roomId=${decorated} lists what roomId=${room} lists`, expected: `${clean.length} recording(s) of ${room}`, actual: `${got.length} recording(s): ${got.slice(0, 3).join(', ')}`, response: res, operation: OP.list });
      }
    }, { operation: OP.list });
    await ctx.rule('GET /recordings?roomId=!!! (empty after sanitising) answers 422 naming roomId', async () => {
      const res = await ctx.target.request({ method: 'GET', path: '/recordings', query: { roomId: '!!!' }, operation: OP.list });
      expectValidationError(ctx, res, 'roomId', 'GET /recordings?roomId=!!! answers 422 naming roomId', OP.list);
    }, { operation: OP.list });
    const [first, ...rest] = rec.recordingId.split('--');
    const decoratedId = [`${first}!`, ...rest].join('--');
    await ctx.rule('GET /recordings/{id} with stray characters in the room part reads the same recording', async () => {
      const res = await meetRequest(ctx, { method: 'GET', path: `/recordings/${encodeURIComponent(decoratedId)}`, operation: OP.get });
      expectStatus(ctx, res, 200, 'GET /recordings/{id} with stray characters in the room part answers 200', OP.get);
      const got = res.json<{ recordingId?: unknown }>().recordingId;
      if (got !== rec.recordingId) ctx.fail({ rule: 'GET /recordings/{id} with stray characters in the room part reads the same recording', expected: rec.recordingId, actual: String(got), response: res, operation: OP.get });
    }, { operation: OP.get });
    // Whitespace around a recording id is trimmed (facts §5.3: the platform's "sanitize" tests expect 200).
    await ctx.rule('GET /recordings/{id} with spaces around the id reads the same recording', async () => {
      const res = await meetRequest(ctx, { method: 'GET', path: `/recordings/${encodeURIComponent(`  ${rec.recordingId} `)}`, operation: OP.get });
      expectStatus(ctx, res, 200, 'GET /recordings/{id} with spaces around the id answers 200', OP.get);
      const got = res.json<{ recordingId?: unknown }>().recordingId;
      if (got !== rec.recordingId) ctx.fail({ rule: 'GET /recordings/{id} with spaces around the id reads the same recording', expected: rec.recordingId, actual: String(got), response: res, operation: OP.get });
    }, { operation: OP.get });
    // The length limit is inclusive (facts §5.4: more than 100 characters is 422): 100 is a room id, one that names no room.
    const longest = `${uniqueRoomId(ctx, 'nope')}-`.padEnd(100, 'x');
    await ctx.rule('POST /recordings with a roomId of exactly 100 characters is no 422 (a room that does not exist: 404)', async () => {
      const res = await meetRequest(ctx, { method: 'POST', path: '/recordings', body: { roomId: longest }, operation: OP.start, expectMiss: true });
      expectStatus(ctx, res, 404, 'POST /recordings with an unknown roomId of exactly 100 characters answers 404', OP.start);
    }, { operation: OP.start });
    await ctx.rule('POST /recordings with roomId "!!!" (empty after sanitising) answers 422 naming roomId', async () => {
      const res = await meetRequest(ctx, { method: 'POST', path: '/recordings', body: { roomId: '!!!' }, operation: OP.start });
      expectValidationError(ctx, res, 'roomId', 'POST /recordings with roomId "!!!" answers 422 naming roomId', OP.start);
    }, { operation: OP.start });
  },
};

export const validationChecks: Check[] = [recordingIdFormat, malformedBody, roomIdSanitised];
