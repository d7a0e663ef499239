// Error bodies as the platform words them. Every refusal the platform's code documents (its
// controllers, zod schemas and auth middleware, asserted word for word by its integration tests,
// facts §5.1-§5.4) is sent once, and the whole body is compared: `error` (the error's name),
// `message`, and for a 422 every `details` item, in order. The statuses and fields are the
// contract; the texts rest on decision code-error-messages (a target whose words differ deviates,
// it does not fail). Every request here is refused, so nothing on the target changes, and none
// needs data: ids are well formed but name nothing, rooms do not exist.
import type { Check, CheckContext, TargetRequest, TargetResponse } from '../../../core/check.ts';
import { OP, excerpt, meetRequest, seedData, uniqueRoomId, unknownRecordingId } from '../support.ts';
import { ROOM_OP } from './rooms.ts';

interface Detail {
  field: string;
  message: string;
}

interface Expected {
  status: number;
  error?: string;
  message: string;
  details?: Detail[];
  /** Bulk delete's 400 is no Error body: `{message, deleted, failed}`. */
  failed?: { recordingId: string; error: string }[];
}

interface Case {
  what: string;
  operation: string;
  request: Omit<TargetRequest, 'operation'>;
  expected: Expected;
}

const UNPROCESSABLE = { error: 'Unprocessable Entity', message: 'Invalid request' } as const;
const invalid = (...details: Detail[]): Expected => ({ status: 422, ...UNPROCESSABLE, details });
const enumOf = (allowed: readonly string[], got: string) => `Invalid enum value. Expected ${allowed.map((a) => `'${a}'`).join(' | ')}, received '${got}'`;
const BAD_ID = 'recordingId does not follow the expected format';
const SORT_FIELDS = ['startDate', 'roomName', 'duration', 'size'];
const STATUSES = ['starting', 'active', 'ending', 'complete', 'failed', 'aborted', 'limit_reached'];
const LAYOUTS = ['grid', 'speaker', 'single-speaker'];
const ACCESS = ['admin', 'admin_moderator', 'admin_moderator_speaker'];

/** The refusals, each with the body the platform's code gives it. */
function cases(ctx: CheckContext): Case[] {
  const unknown = unknownRecordingId(ctx);
  const egress = unknown.split('--')[1]!;
  const at = `/recordings/${encodeURIComponent(unknown)}`;
  const notFound: Expected = { status: 404, error: 'Recording Error', message: `Recording '${unknown}' not found` };
  const room = uniqueRoomId(ctx, 'nope');
  const malformed = 'just-a-room-name';
  return [
    // Unknown (well-formed) ids, on every operation that takes one.
    { what: 'GET of an unknown recording', operation: OP.get, request: { method: 'GET', path: at, expectMiss: true }, expected: notFound },
    { what: 'media of an unknown recording', operation: OP.media, request: { method: 'GET', path: `${at}/media`, expectMiss: true }, expected: notFound },
    { what: 'url of an unknown recording', operation: OP.url, request: { method: 'GET', path: `${at}/url`, expectMiss: true }, expected: notFound },
    { what: 'DELETE of an unknown recording', operation: OP.delete, request: { method: 'DELETE', path: at, expectMiss: true }, expected: notFound },
    // The stop endpoint's message names the egress id (facts §5.4).
    { what: 'stop of an unknown recording', operation: OP.stop, request: { method: 'POST', path: `${at}/stop`, expectMiss: true }, expected: { status: 404, error: 'Recording Error', message: `Recording '${egress}' not found` } },
    {
      what: 'bulk delete of an unknown recording',
      operation: OP.bulkDelete,
      request: { method: 'DELETE', path: '/recordings', query: { recordingIds: unknown } },
      expected: { status: 400, message: '1 recording(s) could not be deleted', failed: [{ recordingId: unknown, error: `Recording '${unknown}' not found` }] },
    },
    // Malformed ids: the field differs per route.
    { what: 'GET of a malformed id', operation: OP.get, request: { method: 'GET', path: `/recordings/${malformed}` }, expected: invalid({ field: 'params.recordingId', message: BAD_ID }) },
    { what: 'media of a malformed id', operation: OP.media, request: { method: 'GET', path: `/recordings/${malformed}/media` }, expected: invalid({ field: 'params.recordingId', message: BAD_ID }) },
    { what: 'url of a malformed id', operation: OP.url, request: { method: 'GET', path: `/recordings/${malformed}/url` }, expected: invalid({ field: 'params.recordingId', message: BAD_ID }) },
    { what: 'url with privateAccess that is no boolean', operation: OP.url, request: { method: 'GET', path: `${at}/url`, query: { privateAccess: 'maybe' } }, expected: invalid({ field: 'privateAccess', message: 'Expected boolean, received string' }) },
    { what: 'DELETE of a malformed id', operation: OP.delete, request: { method: 'DELETE', path: `/recordings/${malformed}` }, expected: invalid({ field: 'recordingId', message: BAD_ID }) },
    { what: 'stop of a malformed id', operation: OP.stop, request: { method: 'POST', path: `/recordings/${malformed}/stop` }, expected: invalid({ field: 'recordingId', message: BAD_ID }) },
    {
      what: 'bulk delete with two malformed ids among good ones',
      operation: OP.bulkDelete,
      request: { method: 'DELETE', path: '/recordings', query: { recordingIds: `${malformed}, ${unknown},room--EG_--x` } },
      expected: invalid({ field: 'recordingIds.0', message: BAD_ID }, { field: 'recordingIds.2', message: BAD_ID }),
    },
    {
      what: 'bulk delete with an empty id list',
      operation: OP.bulkDelete,
      request: { method: 'DELETE', path: '/recordings', query: { recordingIds: ' , ,' } },
      expected: invalid({ field: 'recordingIds', message: 'recordingIds must contain at least one item' }),
    },
    {
      what: 'ZIP download of a malformed id',
      operation: OP.zip,
      request: { method: 'GET', path: '/recordings/download', query: { recordingIds: `${unknown},${malformed}` } },
      expected: invalid({ field: 'recordingIds.1', message: BAD_ID }),
    },
    {
      what: 'media with a malformed Range',
      operation: OP.media,
      request: { method: 'GET', path: `${at}/media`, headers: { range: 'bytes=abc' } },
      expected: invalid({ field: 'headers.range', message: 'Invalid range header format. Expected: bytes=start-end' }),
    },
    // The listing's query.
    { what: 'listing with maxItems=0', operation: OP.list, request: { method: 'GET', path: '/recordings', query: { maxItems: '0' } }, expected: invalid({ field: 'maxItems', message: 'maxItems must be a positive number' }) },
    { what: 'listing with maxItems=-5', operation: OP.list, request: { method: 'GET', path: '/recordings', query: { maxItems: '-5' } }, expected: invalid({ field: 'maxItems', message: 'maxItems must be a positive number' }) },
    { what: 'listing with maxItems=abc', operation: OP.list, request: { method: 'GET', path: '/recordings', query: { maxItems: 'abc' } }, expected: invalid({ field: 'maxItems', message: 'Expected number, received nan' }) },
    {
      what: 'listing with an unknown sortField, sortOrder and status at once',
      operation: OP.list,
      request: { method: 'GET', path: '/recordings', query: { sortField: 'endDate', sortOrder: 'up', status: 'done' } },
      expected: invalid(
        { field: 'sortField', message: enumOf(SORT_FIELDS, 'endDate') },
        { field: 'sortOrder', message: enumOf(['asc', 'desc'], 'up') },
        { field: 'status', message: enumOf(STATUSES, 'done') },
      ),
    },
    { what: 'listing with roomId=!!!', operation: OP.list, request: { method: 'GET', path: '/recordings', query: { roomId: '!!!' } }, expected: invalid({ field: 'roomId', message: 'roomId cannot be empty after sanitization' }) },
    // The start body.
    ...startBodies(room),
    { what: 'start in a room that does not exist', operation: OP.start, request: { method: 'POST', path: '/recordings', body: { roomId: room }, expectMiss: true }, expected: { status: 404, error: 'Room Error', message: `Room '${room}' does not exist` } },
    // Credentials (facts §5.1): none, a wrong API key, a token that is no JWT, an Authorization that is not Bearer.
    { what: 'listing without credentials', operation: OP.list, request: { method: 'GET', path: '/recordings', auth: 'none' }, expected: { status: 401, error: 'Authentication Error', message: 'Unauthorized' } },
    { what: 'listing with a wrong API key', operation: OP.list, request: { method: 'GET', path: '/recordings', auth: { 'x-api-key': `callrec-wrong-${ctx.seed}` } }, expected: { status: 401, error: 'Authentication Error', message: 'Invalid API key' } },
    // The rooms API.
    { what: 'GET of a room that does not exist', operation: ROOM_OP.get, request: { method: 'GET', path: `/rooms/${room}`, expectMiss: true }, expected: { status: 404, error: 'Room Error', message: `Room '${room}' does not exist` } },
    {
      what: 'DELETE of a room with unknown deletion policies',
      operation: ROOM_OP.delete,
      request: { method: 'DELETE', path: `/rooms/${room}`, query: { withMeeting: 'now', withRecordings: 'keep' } },
      expected: invalid({ field: 'withMeeting', message: enumOf(['force', 'when_meeting_ends', 'fail'], 'now') }, { field: 'withRecordings', message: enumOf(['force', 'close', 'fail'], 'keep') }),
    },
    { what: 'DELETE of a room that does not exist', operation: ROOM_OP.delete, request: { method: 'DELETE', path: `/rooms/${room}`, expectMiss: true }, expected: { status: 404, error: 'Room Error', message: `Room '${room}' does not exist` } },
    { what: 'room listing with an undecodable nextPageToken', operation: ROOM_OP.list, request: { method: 'GET', path: '/rooms', query: { nextPageToken: '!!!' } }, expected: invalid({ field: 'nextPageToken', message: 'Invalid nextPageToken' }) },
    { what: 'room listing with maxItems=0', operation: ROOM_OP.list, request: { method: 'GET', path: '/rooms', query: { maxItems: '0' } }, expected: invalid({ field: 'maxItems', message: 'maxItems must be a positive number' }) },
    ...roomBodies(),
  ];
}

function startBodies(room: string): Case[] {
  const start = (what: string, body: unknown, ...details: Detail[]): Case => ({ what: `start with ${what}`, operation: OP.start, request: { method: 'POST', path: '/recordings', body }, expected: invalid(...details) });
  return [
    start('no roomId', {}, { field: 'roomId', message: 'Required' }),
    start('a body that is no object', [], { field: 'body', message: 'Expected object, received array' }),
    start('a numeric roomId', { roomId: 5 }, { field: 'roomId', message: 'Expected string, received number' }),
    start('a null roomId', { roomId: null }, { field: 'roomId', message: 'Expected string, received null' }),
    start('an array roomId', { roomId: [room] }, { field: 'roomId', message: 'Expected string, received array' }),
    start('an empty roomId', { roomId: '' }, { field: 'roomId', message: 'roomId is required and cannot be empty' }),
    start('a roomId of 101 characters', { roomId: 'r'.repeat(101) }, { field: 'roomId', message: 'roomId cannot exceed 100 characters' }),
    start('a roomId empty after sanitising', { roomId: '!!!' }, { field: 'roomId', message: 'roomId cannot be empty after sanitization' }),
    start('a config that is no object', { roomId: room, config: 5 }, { field: 'config', message: 'Expected object, received number' }),
    start('an unknown layout', { roomId: room, config: { layout: 'mosaic' } }, { field: 'config.layout', message: enumOf(LAYOUTS, 'mosaic') }),
    start('a bad roomId and a bad layout', { roomId: '', config: { layout: 7 } }, { field: 'roomId', message: 'roomId is required and cannot be empty' }, { field: 'config.layout', message: enumOf(LAYOUTS, '7') }),
  ];
}

function roomBodies(): Case[] {
  const create = (what: string, body: unknown, ...details: Detail[]): Case => ({ what: `room creation with ${what}`, operation: ROOM_OP.create, request: { method: 'POST', path: '/rooms', body }, expected: invalid(...details) });
  return [
    create('a body that is no object', [], { field: 'body', message: 'Expected object, received array' }),
    create('a numeric roomName', { roomName: 5 }, { field: 'roomName', message: 'Expected string, received number' }),
    create('a roomName of 51 characters', { roomName: 'n'.repeat(51) }, { field: 'roomName', message: 'roomName cannot exceed 50 characters' }),
    create('an autoDeletionDate that is no number', { autoDeletionDate: 'tomorrow' }, { field: 'autoDeletionDate', message: 'Expected number, received string' }),
    create('an autoDeletionDate in the past', { autoDeletionDate: 1_000_000 }, { field: 'autoDeletionDate', message: 'autoDeletionDate must be at least 1h in the future' }),
    create('a config that is no object', { config: 'x' }, { field: 'config', message: 'Expected object, received string' }),
    create('a null config', { config: null }, { field: 'config', message: 'Expected object, received null' }),
    create('feature switches that are no booleans', { config: { chat: { enabled: 'yes' }, virtualBackground: {}, e2ee: 1 } },
      { field: 'config.chat.enabled', message: 'Expected boolean' }, { field: 'config.virtualBackground.enabled', message: 'Expected boolean' }, { field: 'config.e2ee.enabled', message: 'Expected boolean' }),
    create('recording enabled without allowAccessTo', { config: { recording: { enabled: true } } }, { field: 'config.recording.allowAccessTo', message: 'allowAccessTo is required when recording is enabled' }),
    create('recording.enabled that is no boolean', { config: { recording: { enabled: 'true', allowAccessTo: 'admin' } } }, { field: 'config.recording.enabled', message: 'Expected boolean' }),
    create('an unknown allowAccessTo and layout', { config: { recording: { enabled: false, allowAccessTo: 'everyone', layout: 'mosaic' } } },
      { field: 'config.recording.allowAccessTo', message: enumOf(ACCESS, 'everyone') }, { field: 'config.recording.layout', message: enumOf(LAYOUTS, 'mosaic') }),
  ];
}

/** What differs between the body and the expected one ('' when nothing does). */
function difference(res: TargetResponse, e: Expected): string {
  if (res.status !== e.status) return `HTTP ${res.status}, expected ${e.status}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(res.text()) as Record<string, unknown>;
  } catch {
    return 'a body that is not JSON';
  }
  if (typeof body !== 'object' || body === null) return 'a body that is no object';
  if (e.error !== undefined && body.error !== e.error) return `error ${JSON.stringify(body.error)}, expected ${JSON.stringify(e.error)}`;
  if (body.message !== e.message) return `message ${JSON.stringify(body.message)}, expected ${JSON.stringify(e.message)}`;
  if (e.details) {
    const got = Array.isArray(body.details) ? body.details.map((d: { field?: unknown; message?: unknown }) => ({ field: d?.field, message: d?.message })) : body.details;
    if (JSON.stringify(got) !== JSON.stringify(e.details)) return `details ${JSON.stringify(got)}, expected ${JSON.stringify(e.details)}`;
  }
  if (e.failed) {
    const got = Array.isArray(body.failed) ? body.failed.map((f: { recordingId?: unknown; error?: unknown }) => ({ recordingId: f?.recordingId, error: f?.error })) : body.failed;
    if (JSON.stringify(got) !== JSON.stringify(e.failed) || JSON.stringify(body.deleted) !== '[]') return `deleted ${JSON.stringify(body.deleted)}, failed ${JSON.stringify(got)}, expected deleted [] and failed ${JSON.stringify(e.failed)}`;
  }
  return '';
}

const documentedMessages: Check = {
  id: 'openvidu-meet.errors.documented-messages',
  title: 'refusals carry the error name, message and details the platform gives them (unknown and malformed ids, queries, bodies, credentials, rooms)',
  operations: [...Object.values(OP), ...Object.values(ROOM_OP)],
  specRef: '#/components/schemas/Error',
  needs: ['credentials'],
  decision: 'code-error-messages',
  async run(ctx: CheckContext) {
    // One rule per refusal: an operation the target lacks makes its rules not applicable, not the others.
    const stateful = await conflictCases(ctx);
    for (const c of [...cases(ctx), ...stateful]) {
      const rule = `${c.what}: HTTP ${c.expected.status} ${c.expected.error ? `${c.expected.error}: ` : ''}${c.expected.message}${c.expected.details ? ` (${c.expected.details.map((d) => d.field).join(', ')})` : ''}`;
      await ctx.rule(rule, async () => {
        const res = await meetRequest(ctx, { ...c.request, operation: c.operation });
        const diff = difference(res, c.expected);
        if (diff) ctx.fail({ rule, expected: JSON.stringify({ status: c.expected.status, error: c.expected.error, message: c.expected.message, details: c.expected.details, failed: c.expected.failed }), actual: `${diff} — ${excerpt(res)}`, response: res, operation: c.operation });
      }, { operation: c.operation, decision: 'code-error-messages' });
    }
    if (!ctx.control) ctx.skip('refusals of a room or recording in a given state (no participants, recording disabled, already recording, in progress, already stopped, range past the end, a room with a meeting or recordings)', 'putting rooms and recordings in these states needs the control API', { decision: 'code-error-messages' });
  },
};

/**
 * Refusals that need a room or recording in a given state: on the mock, seeded through the control
 * API (a real server's states cannot be arranged without writes and waiting: those are skipped).
 */
async function conflictCases(ctx: CheckContext): Promise<Case[]> {
  if (!ctx.control) return [];
  const empty = uniqueRoomId(ctx, 'msg-empty');
  const disabled = uniqueRoomId(ctx, 'msg-off');
  const busy = uniqueRoomId(ctx, 'msg-busy');
  const kept = uniqueRoomId(ctx, 'msg-kept');
  const recs = await seedData(ctx, {
    rooms: [
      { roomId: empty, roomName: `Room ${empty}`, participants: 0 },
      { roomId: disabled, roomName: `Room ${disabled}`, participants: 2, recordingEnabled: false },
      { roomId: busy, roomName: `Room ${busy}`, participants: 2 },
      { roomId: kept, roomName: `Room ${kept}`, participants: 0 },
    ],
    recordings: [{ roomId: busy, status: 'active' }, { roomId: kept, status: 'complete' }, { roomId: busy, status: 'starting' }],
  });
  const active = recs.find((r) => r.status === 'active')!;
  const starting = recs.find((r) => r.status === 'starting')!;
  const done = recs.find((r) => r.status === 'complete')!;
  const at = (r: { recordingId: string }) => `/recordings/${encodeURIComponent(r.recordingId)}`;
  const conflict = (message: string): Expected => ({ status: 409, error: 'Recording Error', message });
  const size = done.size ?? 0;
  return [
    { what: 'start in a room without participants', operation: OP.start, request: { method: 'POST', path: '/recordings', body: { roomId: empty } }, expected: conflict(`Room '${empty}' has no participants`) },
    { what: 'start in a room with recording disabled', operation: OP.start, request: { method: 'POST', path: '/recordings', body: { roomId: disabled } }, expected: { status: 403, error: 'Recording Error', message: `Recording is disabled for room '${disabled}'` } },
    { what: 'start in a room already recording', operation: OP.start, request: { method: 'POST', path: '/recordings', body: { roomId: busy } }, expected: conflict(`Room '${busy}' is already being recorded`) },
    { what: 'stop of a complete recording', operation: OP.stop, request: { method: 'POST', path: `${at(done)}/stop` }, expected: conflict(`Recording '${done.recordingId}' is already stopped`) },
    { what: 'stop of a starting recording', operation: OP.stop, request: { method: 'POST', path: `${at(starting)}/stop` }, expected: conflict(`Recording '${starting.recordingId}' cannot be stopped while starting`) },
    { what: 'DELETE of an active recording', operation: OP.delete, request: { method: 'DELETE', path: at(active) }, expected: conflict(`Recording '${active.recordingId}' is not stopped yet`) },
    { what: 'media of an active recording', operation: OP.media, request: { method: 'GET', path: `${at(active)}/media` }, expected: conflict(`Recording '${active.recordingId}' is not stopped yet`) },
    {
      what: 'bulk delete of an active recording',
      operation: OP.bulkDelete,
      request: { method: 'DELETE', path: '/recordings', query: { recordingIds: active.recordingId } },
      expected: { status: 400, message: '1 recording(s) could not be deleted', failed: [{ recordingId: active.recordingId, error: `Recording '${active.recordingId}' is not stopped yet` }] },
    },
    {
      what: 'media with a range past the end',
      operation: OP.media,
      request: { method: 'GET', path: `${at(done)}/media`, headers: { range: `bytes=${size}-` } },
      expected: { status: 416, error: 'Recording Error', message: `Recording '${done.recordingId}' range not satisfiable. File size: ${size}` },
    },
    { what: 'DELETE of a room with a meeting', operation: ROOM_OP.delete, request: { method: 'DELETE', path: `/rooms/${busy}` }, expected: { status: 409, error: 'Room Error', message: `Room '${busy}' has an active meeting` } },
    { what: 'DELETE of a room with recordings', operation: ROOM_OP.delete, request: { method: 'DELETE', path: `/rooms/${kept}` }, expected: { status: 409, error: 'Room Error', message: `Room '${kept}' has recordings` } },
  ];
}

export const errorChecks: Check[] = [documentedMessages];
