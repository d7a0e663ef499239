// Authentication and authorization: every operation needs valid credentials; a room-member token
// reaches only its room; an admin access token may read but not start or stop; media accepts a
// token in the query for links that cannot send headers.
import { NotApplicable } from '../../../core/check.ts';
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { readZip } from '../../../core/zip.ts';
import { asConfig } from '../config.ts';
import {
  OP,
  accessToken,
  accessTokenAuth,
  discardRecording,
  excerpt,
  existingCompleteRecording,
  expectConforms,
  expectErrorBody,
  expectStatus,
  listPage,
  meetRequest,
  rawToken,
  roomMemberAuth,
  roomMemberToken,
  seedData,
  uniqueRoomId,
  unknownRecordingId,
} from '../support.ts';
import type { MeetRecording, OperationId } from '../support.ts';
import { ROOM_OP } from './rooms.ts';

type RoomOperationId = (typeof ROOM_OP)[keyof typeof ROOM_OP];

interface Call {
  operation: OperationId | RoomOperationId;
  method: string;
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  headers?: Record<string, string>;
}

/**
 * One request per operation. Ids are well formed (GET and media validate before they
 * authenticate) but name nothing, and the room does not exist: a server that skips
 * authentication answers 404 instead of 401, and nothing on it changes.
 */
function everyOperation(ctx: CheckContext): Call[] {
  const id = encodeURIComponent(unknownRecordingId(ctx));
  const ids = unknownRecordingId(ctx);
  return [
    { operation: OP.start, method: 'POST', path: '/recordings', body: { roomId: uniqueRoomId(ctx, 'auth') } },
    { operation: OP.list, method: 'GET', path: '/recordings' },
    { operation: OP.bulkDelete, method: 'DELETE', path: '/recordings', query: { recordingIds: ids } },
    { operation: OP.zip, method: 'GET', path: '/recordings/download', query: { recordingIds: ids } },
    { operation: OP.get, method: 'GET', path: `/recordings/${id}` },
    { operation: OP.delete, method: 'DELETE', path: `/recordings/${id}` },
    { operation: OP.media, method: 'GET', path: `/recordings/${id}/media`, headers: { range: 'bytes=0-99' } },
    { operation: OP.stop, method: 'POST', path: `/recordings/${id}/stop` },
    { operation: OP.url, method: 'GET', path: `/recordings/${id}/url` },
    // The rooms API (a room that does not exist; a create body that is refused anyway).
    { operation: ROOM_OP.create, method: 'POST', path: '/rooms', body: { roomName: 'n'.repeat(51) } },
    { operation: ROOM_OP.list, method: 'GET', path: '/rooms' },
    { operation: ROOM_OP.get, method: 'GET', path: `/rooms/${uniqueRoomId(ctx, 'auth')}` },
    { operation: ROOM_OP.delete, method: 'DELETE', path: `/rooms/${uniqueRoomId(ctx, 'auth')}` },
  ];
}

/** Which credential kinds each operation accepts (the spec's security per operation, facts §5.1). */
const ACCEPTS: Record<OperationId | RoomOperationId, { accessToken: boolean; roomMemberToken: boolean }> = {
  [OP.start]: { accessToken: false, roomMemberToken: true },
  [OP.stop]: { accessToken: false, roomMemberToken: true },
  [OP.list]: { accessToken: true, roomMemberToken: true },
  [OP.bulkDelete]: { accessToken: true, roomMemberToken: true },
  [OP.zip]: { accessToken: true, roomMemberToken: true },
  [OP.get]: { accessToken: true, roomMemberToken: true },
  [OP.delete]: { accessToken: true, roomMemberToken: true },
  [OP.media]: { accessToken: true, roomMemberToken: true },
  [OP.url]: { accessToken: true, roomMemberToken: true },
  [ROOM_OP.create]: { accessToken: true, roomMemberToken: false },
  [ROOM_OP.list]: { accessToken: true, roomMemberToken: false },
  [ROOM_OP.get]: { accessToken: true, roomMemberToken: true },
  [ROOM_OP.delete]: { accessToken: true, roomMemberToken: false },
};
/** Where a token may also travel as a query parameter (decision query-token-fallback). */
const QUERY_TOKEN_OPS: readonly string[] = [OP.media, OP.zip];

const template = (path: string) => path.replace(/\/recordings\/[^/?]+/, '/recordings/{id}');

function expectUnauthorized(ctx: CheckContext, res: TargetResponse, rule: string, operation: OperationId | RoomOperationId): void {
  expectStatus(ctx, res, 401, rule, operation);
  expectErrorBody(ctx, res, `${rule} (Error body)`, operation);
  expectConforms(ctx, res, operation);
}

const missingCredentials: Check = {
  id: 'openvidu-meet.auth.missing-credentials',
  title: 'every operation without credentials answers 401 with an Error body',
  operations: [...Object.values(OP), ...Object.values(ROOM_OP)],
  specRef: '#/components/responses/Unauthorized',
  needs: [],
  async run(ctx: CheckContext) {
    // One rule per operation: a server that lets one through does not hide how the others answer.
    for (const call of everyOperation(ctx)) {
      const rule = `${call.method} ${template(call.path)} without credentials answers 401`;
      await ctx.rule(rule, async () => {
        const res = await meetRequest(ctx, { ...call, auth: call.headers ?? {}, operation: call.operation });
        expectUnauthorized(ctx, res, rule, call.operation);
      }, { operation: call.operation });
    }
    // Listings with the documented query parameters are no exception.
    const rule = 'GET /recordings?maxItems=5&sortOrder=asc without credentials answers 401';
    await ctx.rule(rule, async () => {
      const res = await ctx.target.request({ method: 'GET', path: '/recordings', query: { maxItems: 5, sortOrder: 'asc' }, auth: 'none', operation: OP.list });
      expectUnauthorized(ctx, res, rule, OP.list);
    }, { operation: OP.list });
  },
};

const wrongApiKey: Check = {
  id: 'openvidu-meet.auth.wrong-api-key',
  title: 'every operation with a wrong X-API-KEY answers 401',
  operations: [...Object.values(OP), ...Object.values(ROOM_OP)],
  specRef: '#/components/securitySchemes/apiKeyHeader',
  needs: [],
  async run(ctx: CheckContext) {
    const configured = asConfig(ctx.config).apiKey ?? '';
    const wrong = `callrec-wrong-key-${ctx.seed}`;
    const keys = [wrong, `${configured}x`, configured.toUpperCase() === configured ? `${configured}-` : configured.toUpperCase()].filter((k) => k !== configured && k !== '');
    for (const call of everyOperation(ctx)) {
      const rule = `${call.method} ${template(call.path)} with a wrong X-API-KEY answers 401`;
      await ctx.rule(rule, async () => {
        for (const key of keys.slice(0, 2)) {
          const res = await meetRequest(ctx, { ...call, auth: { 'x-api-key': key, ...(call.headers ?? {}) }, operation: call.operation });
          expectUnauthorized(ctx, res, rule, call.operation);
        }
      }, { operation: call.operation });
    }
    // With no API key configured at all, every API-key call is 401 (apiKeyHeader), and the platform
    // says why (its auth middleware). Taking the target's keys away needs the control API.
    const NONE = 'with no API key configured, an X-API-KEY answers 401';
    const NONE_MESSAGE = `${NO_KEYS_MESSAGE} (401 message when no API key is configured)`;
    if (!ctx.control) {
      for (const r of [NONE, NONE_MESSAGE]) ctx.skip(r, 'removing every API key of the target needs the control API', r === NONE_MESSAGE ? { decision: 'code-error-messages' } : {});
      return;
    }
    const control = ctx.control;
    await control.call('apiKeys', { keys: [] });
    let res: TargetResponse | undefined;
    try {
      res = await meetRequest(ctx, { method: 'GET', path: '/recordings', auth: { 'x-api-key': configured || wrong }, operation: OP.list });
    } finally {
      if (configured) await control.call('apiKeys', { keys: [configured] });
    }
    const got = res;
    await ctx.rule(NONE, () => expectUnauthorized(ctx, got, NONE, OP.list), { operation: OP.list });
    await ctx.rule(NONE_MESSAGE, () => {
      const message = got.json<{ message?: unknown }>().message;
      if (message !== NO_KEYS_MESSAGE) ctx.fail({ rule: NONE_MESSAGE, expected: `message "${NO_KEYS_MESSAGE}"`, actual: `message ${JSON.stringify(message ?? null)}`, response: got, operation: OP.list });
    }, { operation: OP.list, decision: 'code-error-messages' });
  },
};

/** What the platform's auth middleware answers an API key when none is configured. */
const NO_KEYS_MESSAGE = 'There are no API keys configured yet. Please, create one to access the API';

/** Two rooms and a complete recording in each. Mock: seeded; real: rooms.recordable/other and existing recordings. */
async function twoRooms(ctx: CheckContext): Promise<{ a: string; b: string; recA?: MeetRecording; recB?: MeetRecording }> {
  if (ctx.control) {
    const a = uniqueRoomId(ctx, 'scope-a');
    const b = uniqueRoomId(ctx, 'scope-b');
    const recs = await seedData(ctx, {
      rooms: [{ roomId: a, roomName: `Scope ${a}`, participants: 1 }, { roomId: b, roomName: `Scope ${b}`, participants: 1 }],
      recordings: [{ roomId: a, status: 'complete' }, { roomId: b, status: 'complete' }],
    });
    return { a, b, recA: recs.find((r) => r.roomId === a), recB: recs.find((r) => r.roomId === b) };
  }
  const rooms = asConfig(ctx.config).rooms;
  if (!rooms?.recordable || !rooms.other) ctx.notApplicable('needs two rooms: set rooms.recordable and rooms.other in the target config');
  const first = async (roomId: string) => (await listPage(ctx, { roomId, status: 'complete', maxItems: 1 })).page.recordings[0] as MeetRecording | undefined;
  return { a: rooms.recordable, b: rooms.other, recA: await first(rooms.recordable), recB: await first(rooms.other) };
}

const roomMemberScope: Check = {
  id: 'openvidu-meet.auth.room-member-scope',
  title: 'a room-member token lists, reads, fetches, downloads as ZIP and deletes (one or in bulk) only recordings of its own room',
  operations: [OP.list, OP.get, OP.media, OP.zip, OP.delete, OP.bulkDelete],
  specRef: '#/components/securitySchemes/roomMemberTokenHeader',
  needs: ['credentials', 'room-member-token'],
  async run(ctx: CheckContext) {
    const { a, b, recA, recB } = await twoRooms(ctx);
    const auth = roomMemberAuth(await roomMemberToken(ctx, a));

    // The listing rule means something only where recordings of another room exist to be leaked.
    const foreignExists = Boolean(recB) || (await listPage(ctx, { maxItems: 100 })).page.recordings.some((r) => r.roomId !== a);
    if (!foreignExists) ctx.skip('a room-member token lists only its own room, whatever roomId/roomName asks', `no recording outside room ${a} is listed: nothing could leak`);
    else await ctx.rule('a room-member token lists only its own room, whatever roomId/roomName asks', async () => {
      for (const query of [{ roomId: b }, {}, { roomName: b }]) {
        const { res, page } = await listPage(ctx, { ...query, maxItems: 100 }, auth);
        const foreign = page.recordings.find((r) => r.roomId !== a);
        if (foreign) {
          ctx.fail({
            rule: 'a room-member token lists only its own room, whatever roomId/roomName asks',
            expected: `only recordings of room ${a}`,
            actual: `${foreign.recordingId} of room ${foreign.roomId} listed`,
            response: res,
            operation: OP.list,
          });
        }
      }
    }, { operation: OP.list });
    // The token does work in its own room, so a refusal below is about scope, not a bad token.
    const ownRule = 'a room-member token reads recordings of its own room';
    if (recA) {
      await ctx.rule(ownRule, async () => {
        const own = await ctx.target.request({ method: 'GET', path: `/recordings/${encodeURIComponent(recA.recordingId)}`, auth, operation: OP.get });
        expectStatus(ctx, own, 200, ownRule, OP.get);
      }, { operation: OP.get });
    } else {
      ctx.skip(ownRule, `no complete recording listed in room ${a}`);
    }
    // ZIP download (facts §5.4): a room-member token's archive holds its own room's recordings only;
    // asked for none of its room, 400 "None of the provided recording IDs belong to room '<room>'".
    const zipRule = "a room-member token's ZIP holds only its own room's recordings; none of its room is 400";
    if (!recA || !recB) ctx.skip(zipRule, `needs a complete recording in each of rooms ${a} and ${b}`);
    else {
      await ctx.rule(zipRule, async () => {
        const mixed = await meetRequest(ctx, { method: 'GET', path: '/recordings/download', query: { recordingIds: `${recA.recordingId},${recB.recordingId}` }, auth, operation: OP.zip });
        expectStatus(ctx, mixed, 200, `${zipRule} (own and foreign: 200)`, OP.zip);
        const entries = readZip(mixed.bytes);
        if (entries.length !== 1) ctx.fail({ rule: zipRule, expected: `one entry, the media of ${recA.recordingId}`, actual: `${entries.length} entries: ${entries.map((e) => e.name).join(', ')}`, response: mixed, operation: OP.zip });
        const foreign = await meetRequest(ctx, { method: 'GET', path: '/recordings/download', query: { recordingIds: recB.recordingId }, auth, operation: OP.zip });
        expectStatus(ctx, foreign, 400, `${zipRule} (only foreign: 400)`, OP.zip);
        expectErrorBody(ctx, foreign, `${zipRule} (Error body)`, OP.zip);
      }, { operation: OP.zip });
    }
    const path = recB ? `/recordings/${encodeURIComponent(recB.recordingId)}` : '';
    const calls: { operation: OperationId; method: string; path: string; headers?: Record<string, string> }[] = [
      { operation: OP.get, method: 'GET', path },
      { operation: OP.media, method: 'GET', path: `${path}/media`, headers: { range: 'bytes=0-99' } },
      { operation: OP.delete, method: 'DELETE', path },
    ];
    for (const call of calls) {
      const rule = `${call.method} ${call.path.endsWith('/media') ? '/recordings/{id}/media' : '/recordings/{id}'} of another room's recording with a room-member token answers 403 or 404`;
      if (!recB) {
        ctx.skip(rule, `no complete recording listed in room ${b}`);
        continue;
      }
      // Deleting is only tried where a wrong answer cannot destroy someone's data.
      if (call.operation === OP.delete && !(ctx.control || asConfig(ctx.config).writes)) {
        ctx.skip(rule, 'a wrong answer would delete a recording: needs writes: true in the target config');
        continue;
      }
      await ctx.rule(rule, async () => {
        const res = await ctx.target.request({ method: call.method, path: call.path, auth: { ...auth, ...(call.headers ?? {}) }, operation: call.operation });
        expectStatus(ctx, res, [403, 404], rule, call.operation);
        expectErrorBody(ctx, res, `${rule} (Error body)`, call.operation);
      }, { operation: call.operation });
    }

    // Bulk delete reports per recording (200 all deleted, 400 some failed): another room's
    // recording must be among the failed ones, and still there afterwards.
    const bulkRule = "a bulk delete with a room-member token deletes no recording of another room";
    if (!recB) ctx.skip(bulkRule, `no complete recording listed in room ${b}`);
    else if (!(ctx.control || asConfig(ctx.config).writes)) ctx.skip(bulkRule, 'a wrong answer would delete a recording: needs writes: true in the target config');
    else {
      await ctx.rule(bulkRule, async () => {
        const res = await ctx.target.request({ method: 'DELETE', path: '/recordings', query: { recordingIds: recB.recordingId }, auth, operation: OP.bulkDelete });
        const reported = (parseJson(res) as { deleted?: unknown } | undefined)?.deleted;
        const deleted = res.status === 200 || (Array.isArray(reported) && reported.includes(recB.recordingId));
        const still = await ctx.target.request({ method: 'GET', path: `/recordings/${encodeURIComponent(recB.recordingId)}`, operation: OP.get });
        if (deleted || still.status === 404) {
          ctx.fail({ rule: bulkRule, expected: `${recB.recordingId} (room ${b}) refused and still there`, actual: `bulk delete answered HTTP ${res.status} ${excerpt(res, 160)}; the recording then answers ${still.status}`, response: res, operation: OP.bulkDelete });
        }
      }, { operation: OP.bulkDelete });
    }
  },
};

function parseJson(res: TargetResponse): unknown {
  try {
    return JSON.parse(res.text());
  } catch {
    return undefined;
  }
}

const accessTokenCannotStart: Check = {
  id: 'openvidu-meet.auth.access-token-cannot-start',
  title: 'an admin access token cannot start or stop recordings (401) but can list them',
  operations: [OP.start, OP.stop, OP.list],
  specRef: '#/components/securitySchemes/accessTokenHeader',
  needs: ['access-token'],
  async run(ctx: CheckContext) {
    const auth = accessTokenAuth(await accessToken(ctx));
    // Mock: a room where a start would succeed; real: a room that does not exist (a server that
    // wrongly accepts the token answers 404 there instead of 401, and records nothing).
    const startRoom = uniqueRoomId(ctx, 'admin');
    await ctx.rule('start with an admin access token answers 401', async () => {
      if (ctx.control) await seedData(ctx, { rooms: [{ roomId: startRoom, roomName: `Room ${startRoom}`, participants: 2 }] });
      const start = await meetRequest(ctx, { method: 'POST', path: '/recordings', body: { roomId: startRoom }, auth, operation: OP.start });
      if (start.status === 201) {
        const id = (JSON.parse(start.text()) as { recordingId?: unknown }).recordingId;
        if (typeof id === 'string') await discardRecording(ctx, id);
      }
      expectUnauthorized(ctx, start, 'start with an admin access token answers 401', OP.start);
    }, { operation: OP.start });

    await ctx.rule('stop with an admin access token answers 401', async () => {
      let stopId = unknownRecordingId(ctx);
      if (ctx.control) {
        const roomId = uniqueRoomId(ctx, 'admin-stop');
        const [active] = await seedData(ctx, { rooms: [{ roomId, participants: 2 }], recordings: [{ roomId, status: 'active' }] });
        if (active) stopId = active.recordingId;
      }
      const stop = await meetRequest(ctx, { method: 'POST', path: `/recordings/${encodeURIComponent(stopId)}/stop`, auth, operation: OP.stop });
      expectUnauthorized(ctx, stop, 'stop with an admin access token answers 401', OP.stop);
    }, { operation: OP.stop });

    await ctx.rule('an admin access token can list recordings', async () => {
      const list = await ctx.target.request({ method: 'GET', path: '/recordings', query: { maxItems: 1 }, auth, operation: OP.list });
      expectStatus(ctx, list, 200, 'an admin access token can list recordings', OP.list);
    }, { operation: OP.list });
  },
};

const queryTokenMedia: Check = {
  id: 'openvidu-meet.auth.query-token-media',
  title: 'media accepts roomMemberToken / accessToken as query parameters when no header is sent',
  operations: [OP.media],
  specRef: '#/components/parameters/accessTokenQuery',
  needs: ['recording', 'access-token'],
  decision: 'query-token-fallback',
  async run(ctx: CheckContext) {
    const rec = await existingCompleteRecording(ctx);
    const tokens: { name: 'roomMemberToken' | 'accessToken'; get: () => Promise<string> }[] = [
      { name: 'roomMemberToken', get: () => roomMemberToken(ctx, rec.roomId) },
      { name: 'accessToken', get: () => accessToken(ctx) },
    ];
    for (const { name, get } of tokens) {
      const rule = `media with ?${name}=<jwt> and no credential headers is served`;
      let token: string | undefined;
      try {
        token = rawToken(await get());
      } catch (e) {
        // A missing token on a real target: this rule cannot be asserted; the other one still runs.
        if (ctx.control || !(e instanceof NotApplicable)) throw e;
        ctx.skip(rule, e.reason);
        continue;
      }
      await ctx.rule(rule, async () => {
        const res = await ctx.target.request({
          method: 'GET',
          path: `/recordings/${encodeURIComponent(rec.recordingId)}/media`,
          query: { [name]: token! },
          headers: { range: 'bytes=0-99' },
          auth: {},
          operation: OP.media,
        });
        if (res.status !== 200 && res.status !== 206) {
          ctx.fail({ rule, expected: 'HTTP 206 (or 200)', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.media });
        }
      });
    }
  },
};


/** A token, or the reason there is none on this target (the rules that need it are then skipped). */
async function tokenOrReason(get: () => Promise<string>): Promise<{ token: string } | { reason: string }> {
  try {
    return { token: rawToken(await get()) };
  } catch (e) {
    if (e instanceof NotApplicable) return { reason: e.reason };
    throw e;
  }
}

/**
 * Every credential kind, in every place it can be sent, on every operation (facts §5.1): a JWT
 * counts only as `Bearer <jwt>` in its own header (Authorization for the admin access token,
 * X-Room-Member-Token for a room member's) or, on media and ZIP download alone, as a query
 * parameter (decision query-token-fallback); each operation takes the kinds its security lists.
 * Ids and rooms name nothing, so an accepted credential gets a 4xx about the request (or an empty
 * answer), never a change.
 */
const credentialPlaces: Check = {
  id: 'openvidu-meet.auth.credential-places',
  title: 'every credential kind in every place (header, Bearer, query) on every operation: accepted exactly where the operation takes it',
  operations: [...Object.values(OP), ...Object.values(ROOM_OP)],
  specRef: '#/components/securitySchemes',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    const access = await tokenOrReason(() => accessToken(ctx));
    const member = await tokenOrReason(async () => {
      if (ctx.control) {
        const roomId = uniqueRoomId(ctx, 'cred');
        await seedData(ctx, { rooms: [{ roomId, roomName: `Room ${roomId}`, participants: 1 }] });
        return roomMemberToken(ctx, roomId);
      }
      const first = Object.values(asConfig(ctx.config).roomMemberTokens ?? {})[0];
      if (!first) ctx.notApplicable('no room-member token: set roomMemberTokens in the target config');
      return first;
    });
    const accepted = (res: TargetResponse) => res.status !== 401;
    for (const call of everyOperation(ctx)) {
      const where = `${call.method} ${template(call.path)}`;
      // meetRequest: an operation the target lacks (its catch-all 404) makes these rules not applicable.
      const send = (auth: Record<string, string>, query: Record<string, string> = {}) =>
        meetRequest(ctx, { ...call, query: { ...(call.query ?? {}), ...query }, auth: { ...auth, ...(call.headers ?? {}) }, operation: call.operation });
      const opts = { operation: call.operation };

      const garbage = `${where}: a token that is no JWT, as Authorization: Bearer or X-Room-Member-Token: Bearer, answers 401`;
      await ctx.rule(garbage, async () => {
        for (const header of ['authorization', 'x-room-member-token']) {
          const res = await send({ [header]: `Bearer callrec.not-a-jwt.${ctx.seed}` });
          expectUnauthorized(ctx, res, `${garbage} (${header})`, call.operation);
        }
      }, opts);

      const takes = ACCEPTS[call.operation];
      if ('reason' in access) ctx.skip(`${where}: the admin access token is taken as Bearer in Authorization only`, access.reason, opts);
      else {
        const rule = `${where}: the admin access token ${takes.accessToken ? 'is accepted' : 'answers 401'} as Authorization: Bearer, and is no credential without "Bearer "`;
        await ctx.rule(rule, async () => {
          const bearerRes = await send({ authorization: `Bearer ${access.token}` });
          if (accepted(bearerRes) !== takes.accessToken) {
            ctx.fail({ rule, expected: takes.accessToken ? 'an answer other than 401' : 'HTTP 401', actual: `HTTP ${bearerRes.status} ${excerpt(bearerRes)}`, response: bearerRes, operation: call.operation });
          }
          expectUnauthorized(ctx, await send({ authorization: access.token }), `${rule} (no Bearer prefix)`, call.operation);
        }, opts);
        const query = QUERY_TOKEN_OPS.includes(call.operation);
        const queryRule = `${where}: the admin access token as ?accessToken= alone ${query ? 'is accepted' : 'answers 401'}`;
        await ctx.rule(queryRule, async () => {
          const res = await send({}, { accessToken: access.token });
          if (accepted(res) !== query) ctx.fail({ rule: queryRule, expected: query ? 'an answer other than 401' : 'HTTP 401', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: call.operation });
        }, { ...opts, decision: 'query-token-fallback' });
      }
      if ('reason' in member) ctx.skip(`${where}: a room-member token is taken as Bearer in X-Room-Member-Token only`, member.reason, opts);
      else {
        const rule = `${where}: a room-member token ${takes.roomMemberToken ? 'is accepted' : 'answers 401'} as X-Room-Member-Token: Bearer, and is no admin token in Authorization`;
        await ctx.rule(rule, async () => {
          const res = await send({ 'x-room-member-token': `Bearer ${member.token}` });
          if (accepted(res) !== takes.roomMemberToken) {
            ctx.fail({ rule, expected: takes.roomMemberToken ? 'an answer other than 401' : 'HTTP 401', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: call.operation });
          }
          // In the admin token's header it is no admin token: refused wherever only admins are let in.
          if (!takes.roomMemberToken) expectUnauthorized(ctx, await send({ authorization: `Bearer ${member.token}` }), `${rule} (in Authorization)`, call.operation);
        }, opts);
        const query = QUERY_TOKEN_OPS.includes(call.operation);
        const queryRule = `${where}: a room-member token as ?roomMemberToken= alone ${query ? 'is accepted' : 'answers 401'}`;
        await ctx.rule(queryRule, async () => {
          const res = await send({}, { roomMemberToken: member.token });
          if (accepted(res) !== query) ctx.fail({ rule: queryRule, expected: query ? 'an answer other than 401' : 'HTTP 401', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: call.operation });
        }, { ...opts, decision: 'query-token-fallback' });
      }
    }
  },
};

/** The lifetime the platform gives access and room-member tokens unless configured otherwise (INTERNAL_CONFIG, '2h'). */
const TOKEN_LIFETIME_S = 2 * 3600;

/** The `iat` and `exp` claims of a JWT, read without verifying it (the target signs; we only read). */
function timeClaims(token: string): { iat?: unknown; exp?: unknown } {
  try {
    const part = token.split('.')[1] ?? '';
    const bin = atob(part.replace(/-/g, '+').replace(/_/g, '/'));
    const o: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(bin, (ch) => ch.charCodeAt(0))));
    return typeof o === 'object' && o !== null ? (o as { iat?: unknown; exp?: unknown }) : {};
  } catch {
    return {};
  }
}

/**
 * Tokens expire (facts §5.1; the platform signs them with a lifetime, 2 h unless configured, and
 * verifies `exp`): a token is taken up to its `exp` claim and refused with 401 after it. Moving past
 * `exp` takes the control API's clock; a real server would have to be waited on for hours.
 */
const tokenExpiry: Check = {
  id: 'openvidu-meet.auth.token-expiry',
  title: 'an access or room-member token is accepted until its exp claim and answers 401 after it; tokens live 2 h',
  operations: [OP.list],
  specRef: '#/components/securitySchemes/accessTokenHeader',
  needs: ['credentials'],
  async run(ctx: CheckContext) {
    if (!ctx.control) ctx.notApplicable('a token lives hours: moving past its exp needs the control API\'s clock');
    const control = ctx.control;
    const roomId = uniqueRoomId(ctx, 'exp');
    await seedData(ctx, { rooms: [{ roomId, roomName: `Room ${roomId}`, participants: 1 }] });
    const tokens = [
      { what: 'the admin access token', token: rawToken(await accessToken(ctx)), auth: accessTokenAuth },
      { what: 'a room-member token', token: rawToken(await roomMemberToken(ctx, roomId)), auth: roomMemberAuth },
    ];
    const list = (auth: Record<string, string>) => meetRequest(ctx, { method: 'GET', path: '/recordings', query: { maxItems: '1' }, auth, operation: OP.list });

    const claimed = tokens.map((t) => ({ ...t, ...timeClaims(t.token) }));
    const LIFETIME = `a token lives ${TOKEN_LIFETIME_S / 3600} h: exp = iat + ${TOKEN_LIFETIME_S}`;
    await ctx.rule(LIFETIME, () => {
      for (const t of claimed) {
        if (typeof t.iat !== 'number' || typeof t.exp !== 'number' || t.exp - t.iat !== TOKEN_LIFETIME_S) {
          ctx.fail({ rule: LIFETIME, expected: `${t.what}: numeric iat and exp, exp − iat = ${TOKEN_LIFETIME_S}`, actual: `iat ${String(t.iat)}, exp ${String(t.exp)}`, operation: OP.list });
        }
      }
    }, { decision: 'token-lifetime' });

    const EXPIRY = 'a token is accepted up to its exp claim and answers 401 once exp has passed';
    await ctx.rule(EXPIRY, async () => {
      const dated = claimed.filter((t): t is typeof t & { exp: number } => typeof t.exp === 'number');
      if (dated.length < claimed.length) ctx.fail({ rule: EXPIRY, expected: 'every token carries a numeric exp claim', actual: claimed.map((t) => `${t.what}: exp ${String(t.exp)}`).join('; '), operation: OP.list });
      const exp = Math.min(...dated.map((t) => t.exp));
      const { now } = await control.call<{ now: number }>('tick');
      // One second before the earliest exp, every token still counts; two seconds later it is gone.
      await control.advanceClock(Math.max(0, exp * 1000 - 1000 - now));
      for (const t of dated.filter((d) => d.exp === exp)) {
        const res = await list(t.auth(t.token));
        if (res.status === 401) ctx.fail({ rule: EXPIRY, expected: `${t.what} accepted one second before its exp`, actual: `HTTP 401 ${excerpt(res)}`, response: res, operation: OP.list });
      }
      await control.advanceClock(2000);
      for (const t of dated.filter((d) => d.exp === exp)) expectUnauthorized(ctx, await list(t.auth(t.token)), `${EXPIRY} (${t.what}, one second past exp)`, OP.list);
    });
  },
};

export const authChecks: Check[] = [missingCredentials, wrongApiKey, roomMemberScope, accessTokenCannotStart, queryTokenMedia, credentialPlaces, tokenExpiry];
