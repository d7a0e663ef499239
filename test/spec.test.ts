// The OpenVidu Meet spec is valid OpenAPI 3.1 and complete, and the generic spec validator
// judges responses and maps paths to operations as the mock and the checks rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { loadSpec } from '../core/spec-load.ts';
import { createSpecValidator } from '../core/spec.ts';
import { resolvePointer } from '../core/spec-pointer.ts';
import { JSON_HEADERS, assertDecisionsWellFormed, assertRefsResolve, assertResponseExamplesPass, bytes } from './support/spec-assertions.ts';

const SPEC = 'specs/openvidu-meet/openapi.yaml';
const { doc, validator } = loadSpec(SPEC);

const SEED_OPERATIONS = [
  'startRecording', 'getRecordings', 'bulkDeleteRecordings', 'downloadRecordings', 'getRecording',
  'deleteRecording', 'getRecordingMedia', 'stopRecording', 'getRecordingUrl',
];
/** The rooms operations recording clients call (issue 10: the official recordings tutorial). */
const ROOM_OPERATIONS = ['createRoom', 'getRooms', 'getRoom', 'deleteRoom'];

const recording = {
  recordingId: 'room-123--EG_XYZ--XX445',
  roomId: 'room-123',
  roomName: 'room',
  status: 'complete',
  layout: 'grid',
  filename: 'room-123--XX445.mp4',
  startDate: 1_600_000_000_000,
  endDate: 1_600_000_003_000,
  duration: 3.02,
  size: 1_048_576,
};

test('the spec is valid OpenAPI 3.1', async () => {
  const linter = new Validator();
  const result = await linter.validate(structuredClone(doc));
  assert.equal(result.valid, true, `spec errors:\n${JSON.stringify(result.errors, null, 2)}`);
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(doc.servers, [{ url: '/api/v1', description: (doc.servers as { description: string }[])[0]!.description }]);
});

test('every seed operation is present, and the rooms operations recording clients use', () => {
  assert.deepEqual([...validator.operationIds()].sort(), [...SEED_OPERATIONS, ...ROOM_OPERATIONS].sort());
});

test('every $ref resolves', () => {
  assertRefsResolve(doc, { localOnly: true, atLeast: 50 });
});

test('decisions are listed once and each sits where it applies', () => {
  const ids = assertDecisionsWellFormed(doc);
  assert.ok(ids.size >= 12);
  // The brief's decisions where seed and platform differ are all recorded.
  for (const id of ['omitted-or-null', 'code-error-messages', 'location-public-base', 'bad-page-token-422', 'room-filters-or', 'start-returns-active', 'stop-returns-ending', 'open-ended-range-cap', 'validate-before-auth', 'query-token-fallback', 'body-limit-413']) {
    assert.ok(ids.has(id), `decision ${id}`);
  }
});

test('startRecording links to the operations on the new recording', () => {
  const links = resolvePointer(doc, '#/paths/~1recordings/post/responses/201/links') as Record<string, { operationId: string; parameters: Record<string, string> }>;
  assert.deepEqual(Object.values(links).map((l) => l.operationId).sort(), ['deleteRecording', 'getRecording', 'getRecordingMedia', 'stopRecording']);
  for (const link of Object.values(links)) assert.deepEqual(link.parameters, { recordingId: '$response.body#/recordingId' });
});

test('start and stop accept only the API key and the room-member token', () => {
  for (const pointer of ['#/paths/~1recordings/post/security', '#/paths/~1recordings~1{recordingId}~1stop/post/security']) {
    assert.deepEqual(resolvePointer(doc, pointer), [{ apiKeyHeader: [] }, { roomMemberTokenHeader: [] }]);
  }
});

test('a good MeetRecording passes, also with unset fields omitted or null', () => {
  assert.deepEqual(validator.validateResponse('getRecording', 200, JSON_HEADERS, bytes(recording)), []);
  const { endDate, duration, size, ...running } = recording;
  assert.deepEqual(validator.validateResponse('getRecording', 200, JSON_HEADERS, bytes({ ...running, status: 'active' })), []);
  assert.deepEqual(validator.validateResponse('getRecording', 200, JSON_HEADERS, bytes({ ...running, status: 'active', endDate: null, duration: null, size: null })), []);
});

test('a status outside the enum is reported with the response pointer and the field', () => {
  const issues = validator.validateResponse('getRecording', 200, JSON_HEADERS, bytes({ ...recording, status: 'recording' }));
  assert.deepEqual(issues, [{
    specRef: '#/paths/~1recordings~1{recordingId}/get/responses/200',
    message: '/status must be equal to one of the allowed values',
  }]);
});

test('missing required fields and non-JSON bodies are reported', () => {
  const [missing] = validator.validateResponse('getRecording', 404, JSON_HEADERS, bytes({ error: 'Recording Error' }));
  assert.equal(missing?.message, "body must have required property 'message'");
  const [garbled] = validator.validateResponse('getRecording', 200, JSON_HEADERS, new TextEncoder().encode('{"status":'));
  assert.match(garbled?.message ?? '', /not valid JSON/);
  const [wrongType] = validator.validateResponse('getRecording', 200, { 'content-type': 'text/html' }, new TextEncoder().encode('<p>'));
  assert.match(wrongType?.message ?? '', /Content-Type text\/html is not documented/);
});

test('undocumented statuses are reported', () => {
  const issues = validator.validateResponse('getRecording', 418, JSON_HEADERS, bytes({ error: 'x', message: 'y' }));
  assert.equal(issues.length, 1);
  assert.equal(issues[0]!.specRef, '#/paths/~1recordings~1{recordingId}/get/responses');
  assert.match(issues[0]!.message, /status 418 is not documented for getRecording/);
  // 413 is documented for start only.
  assert.deepEqual(validator.validateResponse('startRecording', 413, JSON_HEADERS, bytes({ error: 'Payload Too Large', message: 'too big' })), []);
  assert.equal(validator.validateResponse('getRecordings', 413, JSON_HEADERS, bytes({ error: 'x', message: 'y' })).length, 1);
});

test('documented required headers must be present', () => {
  const created = validator.validateResponse('startRecording', 201, JSON_HEADERS, bytes({ ...recording, status: 'active' }));
  assert.deepEqual(created, [{ specRef: '#/paths/~1recordings/post/responses/201/headers/Location', message: 'required header Location is missing' }]);
  const withLocation = { ...JSON_HEADERS, location: 'http://127.0.0.1:4010/api/v1/recordings/room-123--EG_XYZ--XX445' };
  assert.deepEqual(validator.validateResponse('startRecording', 201, withLocation, bytes({ ...recording, status: 'active' })), []);
  const partial = { 'content-type': 'video/mp4', 'accept-ranges': 'bytes', 'content-length': '10', 'cache-control': 'public, max-age=3600' };
  const [noRange] = validator.validateResponse('getRecordingMedia', 206, partial, new Uint8Array(10));
  assert.equal(noRange?.specRef, '#/paths/~1recordings~1{recordingId}~1media/get/responses/206/headers/Content-Range');
  assert.deepEqual(validator.validateResponse('getRecordingMedia', 206, { ...partial, 'content-range': 'bytes 0-9/100' }, new Uint8Array(10)), []);
});

test('list, bulk-delete and URL bodies follow their schemas', () => {
  const page = { recordings: [recording, { recordingId: recording.recordingId, status: 'active' }], pagination: { isTruncated: false, maxItems: 10 } };
  assert.deepEqual(validator.validateResponse('getRecordings', 200, JSON_HEADERS, bytes(page)), []);
  const noPagination = validator.validateResponse('getRecordings', 200, JSON_HEADERS, bytes({ recordings: [] }));
  assert.equal(noPagination[0]?.message, "body must have required property 'pagination'");
  const failure = { message: '1 recording(s) could not be deleted', deleted: [], failed: [{ recordingId: 'a--EG_b--c', error: "Recording 'a--EG_b--c' not found" }] };
  assert.deepEqual(validator.validateResponse('bulkDeleteRecordings', 400, JSON_HEADERS, bytes(failure)), []);
  assert.equal(validator.validateResponse('bulkDeleteRecordings', 400, JSON_HEADERS, bytes({ error: 'x', message: 'y' })).length >= 1, true);
  assert.deepEqual(validator.validateResponse('getRecordingUrl', 200, JSON_HEADERS, bytes({ url: 'http://127.0.0.1:4010/recording/a--EG_b--c?secret=s' })), []);
});

test('webhook bodies can be validated against their schema', () => {
  const schema = '#/webhooks/recordingEnded/post/requestBody/content/application~1json/schema';
  assert.deepEqual(validator.validateValue(schema, { creationDate: 1, event: 'recordingEnded', data: recording }), []);
  const issues = validator.validateValue(schema, { creationDate: 1, event: 'recordingEnded', data: { ...recording, status: 'active' } });
  assert.equal(issues[0]?.message, '/data/status must be equal to one of the allowed values');
});

test('findOperation maps concrete paths to their operations', () => {
  assert.equal(validator.findOperation('GET', '/recordings/abc--EG_x--y/media')?.operationId, 'getRecordingMedia');
  assert.deepEqual(validator.findOperation('GET', '/recordings/download'), { operationId: 'downloadRecordings', pointer: '#/paths/~1recordings~1download/get' });
  assert.equal(validator.findOperation('GET', '/recordings/abc--EG_x--y')?.operationId, 'getRecording');
  assert.equal(validator.findOperation('POST', '/recordings/abc--EG_x--y/stop')?.operationId, 'stopRecording');
  assert.equal(validator.findOperation('DELETE', '/recordings')?.operationId, 'bulkDeleteRecordings');
  // The base path and query string are tolerated; HEAD falls back to GET.
  assert.equal(validator.findOperation('get', '/api/v1/recordings?maxItems=3')?.operationId, 'getRecordings');
  assert.equal(validator.findOperation('HEAD', '/recordings/abc--EG_x--y/media')?.operationId, 'getRecordingMedia');
  // A method a path does not define has no operation, but the path is known (→ 405 with Allow).
  assert.equal(validator.findOperation('PUT', '/recordings'), undefined);
  assert.deepEqual(validator.allowedMethods('/recordings')?.sort(), ['DELETE', 'GET', 'HEAD', 'POST']);
  assert.equal(validator.findOperation('GET', '/rooms')?.operationId, 'getRooms');
  assert.deepEqual(validator.allowedMethods('/rooms')?.sort(), ['GET', 'HEAD', 'POST']);
  assert.equal(validator.findOperation('DELETE', '/rooms/weekly_review-a1b2c')?.operationId, 'deleteRoom');
  assert.equal(validator.findOperation('GET', '/rooms/a/recordings'), undefined);
  assert.equal(validator.allowedMethods('/rooms/a/recordings'), undefined);
});

test('pointer names operations and their responses', () => {
  assert.equal(validator.pointer('stopRecording'), '#/paths/~1recordings~1{recordingId}~1stop/post');
  assert.equal(validator.pointer('getRecordingMedia', 416), '#/paths/~1recordings~1{recordingId}~1media/get/responses/416');
  assert.equal(validator.file, SPEC);
});

test('the validator is generic: default and range responses, refs into any document', () => {
  const tiny = {
    openapi: '3.1.0',
    info: { title: 't', version: '1' },
    paths: {
      '/things/{id}': {
        get: {
          operationId: 'getThing',
          responses: {
            '200': { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Thing' } } } },
            '4XX': { description: 'client error' },
            default: { description: 'other', content: { 'application/problem+json': { schema: { type: 'object', required: ['title'] } } } },
          },
        },
      },
    },
    components: { schemas: { Thing: { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } } },
  };
  const v = createSpecValidator(tiny, 'tiny.yaml', '/v2');
  assert.equal(v.findOperation('GET', '/v2/things/7')?.operationId, 'getThing');
  assert.deepEqual(v.validateResponse('getThing', 200, JSON_HEADERS, bytes({ id: 7 })), []);
  assert.equal(v.validateResponse('getThing', 200, JSON_HEADERS, bytes({ id: 'x' }))[0]?.message, '/id must be integer');
  assert.deepEqual(v.validateResponse('getThing', 404, {}, new Uint8Array()), []);
  assert.equal(v.pointer('getThing', 418), '#/paths/~1things~1{id}/get/responses/4XX');
  const problem = v.validateResponse('getThing', 503, { 'content-type': 'application/problem+json' }, bytes({}));
  assert.equal(problem[0]?.specRef, '#/paths/~1things~1{id}/get/responses/default');
});

test("the spec's own JSON examples pass its validator (and every response schema compiles)", () => {
  const checked = assertResponseExamplesPass({ doc, validator }, { location: 'http://127.0.0.1/api/v1/recordings/x' }, true);
  assert.ok(checked > 40, `checked ${checked} examples`);
});

test('requests: parameters and JSON bodies are validated against the operation', () => {
  const req = (path: string, query = '', headers: Record<string, string> = {}, body?: unknown) => ({
    path,
    query: new URLSearchParams(query),
    headers,
    body: body === undefined ? new Uint8Array(0) : bytes(body),
  });
  assert.deepEqual(validator.validateRequest('getRecordings', req('/api/v1/recordings', 'maxItems=5&sortOrder=asc&status=complete')), []);
  const badList = validator.validateRequest('getRecordings', req('/api/v1/recordings', 'maxItems=abc&sortOrder=up'));
  assert.ok(badList.some((i) => i.message.includes('maxItems')), JSON.stringify(badList));
  assert.ok(badList.some((i) => i.message.includes('sortOrder')), JSON.stringify(badList));
  assert.deepEqual(validator.validateRequest('startRecording', req('/api/v1/recordings', '', {}, { roomId: 'room-1' })), []);
  assert.ok(validator.validateRequest('startRecording', req('/api/v1/recordings', '', {}, { roomId: 5 })).length > 0);
  const media = '/api/v1/recordings/room-1--EG_abcd--XY12/media';
  assert.deepEqual(validator.validateRequest('getRecordingMedia', req(media, '', { range: 'bytes=0-9' })), []);
  assert.deepEqual(validator.validateRequest('getRecordingMedia', req(media, '', { range: 'bytes=-9' })), []);
  assert.ok(validator.validateRequest('getRecordingMedia', req(media, '', { range: 'items=0-9' })).length > 0);
  assert.ok(validator.validateRequest('getRecording', req('/api/v1/recordings/not-an-id')).length > 0, 'the path parameter pattern applies');
});
