// The Nextcloud Talk spec is valid OpenAPI 3.1, covers every operation of both seeds, keeps its
// decisions consistent, and its schemas judge OCS envelopes as the mock and the checks rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { loadSpec } from '../../core/spec-load.ts';
import { resolvePointer } from '../../core/spec-pointer.ts';
import { JSON_HEADERS, assertDecisionsWellFormed, assertRefsResolve, assertResponseExamplesPass, bytes } from '../support/spec-assertions.ts';

const SPEC = 'specs/nextcloud-talk/openapi.yaml';
const { doc, validator } = loadSpec(SPEC);

const V1_OPERATIONS = [
  'getRooms', 'createRoom', 'getRoom', 'renameRoom', 'deleteRoom', 'makePublic', 'makePrivate', 'setPassword',
  'addFavorite', 'removeFavorite', 'setNotificationLevel', 'setReadOnly', 'setLobby',
  'getParticipants', 'addParticipant', 'removeParticipant', 'removeGuest', 'removeSelf', 'joinRoom', 'leaveRoom',
  'promoteModerator', 'demoteModerator', 'getPeers', 'joinCall', 'leaveCall',
  'receiveMessages', 'sendMessage', 'getMentionSuggestions', 'setGuestName',
  'getSignalingSettings', 'pullSignalingMessages', 'sendSignalingMessages',
];
const RECORDING_OPERATIONS = ['startRecording', 'stopRecording', 'storeRecording', 'recordingBackend', 'dismissStoreNotification', 'shareRecordingToChat', 'getRecordingWelcome'];
const EXTRA_OPERATIONS = ['getNotifications'];

const XML_HEADERS = { 'content-type': 'application/xml; charset=utf-8' };
const ok = (data: unknown, statuscode = 200) => ({ ocs: { meta: { status: 'ok', statuscode, message: 'OK' }, data } });
const failure = (statuscode: number, data: unknown = [], message = '') => ({ ocs: { meta: { status: 'failure', statuscode, message }, data } });
const SESSION = 'Ab3dEf7hIj1lMn5p'.repeat(32);

const room = {
  token: 'abcd1234', type: 2, name: 'Weekly sync', displayName: 'Weekly sync', objectType: '', objectId: '',
  participantType: 1, participantInCall: false, participantFlags: 0, readOnly: 0, count: 1, numGuests: 0,
  lastPing: 1_700_000_000, sessionId: '0', hasPassword: false, hasCall: false, lastActivity: 1_700_000_000,
  isFavorite: false, notificationLevel: 0, lobbyState: 0, lobbyTimer: 0, callRecording: 0,
  unreadMessages: 0, unreadMention: false, lastMessage: [],
};
const message = {
  id: 1, token: 'abcd1234', actorType: 'users', actorId: 'alice', actorDisplayName: 'Alice', timestamp: 1_700_000_000,
  systemMessage: '', message: 'Hello', messageParameters: [],
};

const v1 = (p: string) => `/ocs/v2.php/apps/spreed/api/v1${p}`;

test('the spec is valid OpenAPI 3.1 with the OCS base path', async () => {
  const result = await new Validator().validate(structuredClone(doc));
  assert.equal(result.valid, true, `spec errors:\n${JSON.stringify(result.errors, null, 2)}`);
  assert.equal(doc.openapi, '3.1.0');
  assert.equal((doc.servers as { url: string }[])[0]!.url, '/ocs/v2.php');
});

test('every operation of both seeds (and the notifications listing) is present', () => {
  const expected = [...V1_OPERATIONS, ...RECORDING_OPERATIONS, ...EXTRA_OPERATIONS].sort();
  assert.deepEqual([...validator.operationIds()].sort(), expected);
  for (const id of validator.operationIds()) assert.match(id, /^[a-z][A-Za-z]+$/, `${id} is camelCase`);
});

test('every $ref resolves', () => {
  assertRefsResolve(doc, { localOnly: true, atLeast: 150 });
});

test('decisions are listed once and each sits where it applies', () => {
  const ids = assertDecisionsWellFormed(doc);
  for (const id of [
    'ocs-format-negotiation', 'ocs-status-mapping', 'ocs-api-request', 'csrf-plain-body', 'guest-session-cookie',
    'ocs-params-anywhere', 'room-type-changelog', 'participant-type-guest-moderator', 'in-call-flags',
    'notification-level-default', 'read-only-endpoint', 'lobby-endpoint', 'lobby-412', 'room-recording-fields',
    'empty-php-array', 'chat-order', 'chat-timeout', 'chat-limit-clamp', 'chat-message-length',
    'recording-header-names', 'recording-random-min-length', 'recording-error-shapes', 'recording-seed-version',
    'stop-idempotent', 'store-formats', 'store-error-codes', 'brute-force-429', 'recording-server-signing',
    'notifications-endpoint', 'external-signaling-not-modelled', 'method-not-allowed-405',
  ]) assert.ok(ids.has(id), `decision ${id}`);
});

test("the spec's own JSON examples pass its validator", () => {
  const checked = assertResponseExamplesPass({ doc, validator }, { 'x-chat-last-given': '41' });
  assert.ok(checked > 150, `checked ${checked} examples`);
});

test('request and webhook examples pass their schemas', () => {
  let checked = 0;
  const check = (mediaPointer: string) => {
    const media = resolvePointer(doc, mediaPointer) as { example?: unknown; examples?: Record<string, { value: unknown }> } | undefined;
    if (!media) return;
    const samples = [...(media.example === undefined ? [] : [media.example]), ...Object.values(media.examples ?? {}).map((e) => e.value)];
    for (const sample of samples) {
      assert.deepEqual(validator.validateValue(`${mediaPointer}/schema`, sample), [], mediaPointer);
      checked++;
    }
  };
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, unknown>>)) {
    for (const method of Object.keys(item)) check(`#/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/requestBody/content/application~1json`);
  }
  for (const name of Object.keys(doc.webhooks as object)) check(`#/webhooks/${name}/post/requestBody/content/application~1json`);
  assert.ok(checked >= 20, `checked ${checked} request examples`);
});

test('findOperation maps concrete OCS paths to their operations', () => {
  const cases: [string, string, string][] = [
    ['GET', v1('/room?format=json'), 'getRooms'],
    ['PUT', v1('/room/abcd1234'), 'renameRoom'],
    ['DELETE', v1('/room/abcd1234/participants/self'), 'removeSelf'],
    ['DELETE', v1('/room/abcd1234/participants/guests?participant=x'), 'removeGuest'],
    ['POST', v1('/room/abcd1234/participants/active'), 'joinRoom'],
    ['PUT', v1('/room/abcd1234/webinary/lobby'), 'setLobby'],
    ['GET', v1('/chat/abcd1234/mentions?search=b'), 'getMentionSuggestions'],
    ['GET', v1('/signaling/settings'), 'getSignalingSettings'],
    ['GET', v1('/signaling/abcd1234'), 'pullSignalingMessages'],
    ['POST', v1('/recording/backend'), 'recordingBackend'],
    ['POST', v1('/recording/abcd1234'), 'startRecording'],
    ['DELETE', v1('/recording/abcd1234'), 'stopRecording'],
    ['POST', v1('/recording/abcd1234/store'), 'storeRecording'],
    ['DELETE', v1('/recording/abcd1234/notification?timestamp=1'), 'dismissStoreNotification'],
    ['POST', v1('/recording/abcd1234/share-chat'), 'shareRecordingToChat'],
    ['GET', '/ocs/v2.php/apps/notifications/api/v2/notifications', 'getNotifications'],
  ];
  for (const [method, path, id] of cases) assert.equal(validator.findOperation(method, path)?.operationId, id, `${method} ${path}`);
  assert.equal(validator.findOperation('PATCH', v1('/room/abcd1234')), undefined);
  assert.deepEqual(validator.allowedMethods(v1('/room/abcd1234'))?.sort(), ['DELETE', 'GET', 'HEAD', 'PUT']);
});

test('OCS envelopes: success and failure meta, empty data, 997 for not logged in', () => {
  assert.deepEqual(validator.validateResponse('deleteRoom', 200, JSON_HEADERS, bytes(ok([]))), []);
  assert.deepEqual(validator.validateResponse('deleteRoom', 403, JSON_HEADERS, bytes(failure(403))), []);
  // A failure meta on a success status, a non-empty data, an extra envelope key: all refused.
  assert.ok(validator.validateResponse('deleteRoom', 200, JSON_HEADERS, bytes(failure(200))).length > 0);
  assert.ok(validator.validateResponse('deleteRoom', 200, JSON_HEADERS, bytes(ok({ done: true }))).length > 0);
  assert.ok(validator.validateResponse('deleteRoom', 200, JSON_HEADERS, bytes({ ...ok([]), extra: 1 })).length > 0);
  // Not logged in is HTTP 401 with statuscode 997.
  assert.deepEqual(validator.validateResponse('getRooms', 401, JSON_HEADERS, bytes(failure(997, [], 'Current user is not logged in'))), []);
  assert.ok(validator.validateResponse('getRooms', 401, JSON_HEADERS, bytes(failure(401))).length > 0);
  // Recording successes carry data null, not [].
  assert.deepEqual(validator.validateResponse('startRecording', 200, JSON_HEADERS, bytes(ok(null))), []);
  assert.ok(validator.validateResponse('startRecording', 200, JSON_HEADERS, bytes(ok([]))).length > 0);
});

test('XML answers and the plain CSRF body are documented', () => {
  const xml = new TextEncoder().encode('<?xml version="1.0"?><ocs><meta><status>ok</status></meta><data/></ocs>');
  assert.deepEqual(validator.validateResponse('getRoom', 200, XML_HEADERS, xml), []);
  const csrf = bytes({ message: 'CSRF check failed' });
  for (const id of ['getRooms', 'startRecording', 'sendMessage', 'storeRecording']) assert.deepEqual(validator.validateResponse(id, 412, JSON_HEADERS, csrf), [], id);
  // The lobby 412 is an OCS failure; only the lobby-guarded operations accept it.
  assert.deepEqual(validator.validateResponse('startRecording', 412, JSON_HEADERS, bytes(failure(412))), []);
  assert.ok(validator.validateResponse('getRooms', 412, JSON_HEADERS, bytes(failure(412))).length > 0);
});

test('rooms: constants are enums and session ids are 512 characters', () => {
  assert.deepEqual(validator.validateResponse('getRoom', 200, JSON_HEADERS, bytes(ok(room))), []);
  assert.deepEqual(validator.validateResponse('getRoom', 200, JSON_HEADERS, bytes(ok({ ...room, sessionId: SESSION, lastMessage: message, callRecording: 3 }))), []);
  const bad: [string, unknown][] = [['type', 5], ['participantType', 7], ['callRecording', 6], ['readOnly', 2], ['notificationLevel', 4], ['participantFlags', 8], ['sessionId', SESSION.slice(1)], ['lastMessage', {}]];
  for (const [field, value] of bad) {
    const issues = validator.validateResponse('getRoom', 200, JSON_HEADERS, bytes(ok({ ...room, [field]: value })));
    assert.ok(issues.some((i) => i.message.includes(`/ocs/data/${field}`)), `${field}=${JSON.stringify(value)}: ${JSON.stringify(issues)}`);
  }
  const { callRecording, ...withoutRecording } = room;
  assert.equal(callRecording, 0);
  assert.equal(validator.validateResponse('getRoom', 200, JSON_HEADERS, bytes(ok(withoutRecording)))[0]?.message, "/ocs/data must have required property 'callRecording'");
});

test('chat: 200 needs X-Chat-Last-Given, 304 has no body, 413 is documented for sending only', () => {
  const page = bytes(ok([message]));
  const [missing] = validator.validateResponse('receiveMessages', 200, JSON_HEADERS, page);
  assert.equal(missing?.message, 'required header X-Chat-Last-Given is missing');
  assert.deepEqual(validator.validateResponse('receiveMessages', 200, { ...JSON_HEADERS, 'x-chat-last-given': '1' }, page), []);
  assert.deepEqual(validator.validateResponse('receiveMessages', 304, {}, new Uint8Array()), []);
  // An empty page is never 200 (it is 304).
  assert.ok(validator.validateResponse('receiveMessages', 200, { ...JSON_HEADERS, 'x-chat-last-given': '1' }, bytes(ok([]))).length > 0);
  assert.deepEqual(validator.validateResponse('sendMessage', 201, JSON_HEADERS, bytes(ok(message, 201))), []);
  assert.deepEqual(validator.validateResponse('sendMessage', 413, JSON_HEADERS, bytes(failure(413))), []);
  assert.match(validator.validateResponse('receiveMessages', 413, JSON_HEADERS, bytes(failure(413)))[0]?.message ?? '', /status 413 is not documented/);
  const params = { ...message, messageParameters: { 'mention-user1': { type: 'user', id: 'bob', name: 'Bob' } } };
  assert.deepEqual(validator.validateResponse('sendMessage', 201, JSON_HEADERS, bytes(ok(params, 201))), []);
  assert.ok(validator.validateResponse('sendMessage', 201, JSON_HEADERS, bytes(ok({ ...message, messageParameters: {} }, 201))).length > 0, '{} is not how PHP encodes an empty map');
});

test('recording errors: the two shapes and the per-operation codes', () => {
  assert.deepEqual(validator.validateResponse('startRecording', 400, JSON_HEADERS, bytes(failure(400, { error: 'recording' }))), []);
  assert.ok(validator.validateResponse('startRecording', 400, JSON_HEADERS, bytes(failure(400, { error: 'file_mimetype' }))).length > 0);
  assert.deepEqual(validator.validateResponse('storeRecording', 400, JSON_HEADERS, bytes(failure(400, { error: 'file_mimetype' }))), []);
  assert.ok(validator.validateResponse('stopRecording', 400, JSON_HEADERS, bytes(failure(400, { error: 'recording' }))).length > 0, 'stop never answers recording');
  const auth = { type: 'error', error: { code: 'invalid_request', message: 'The request could not be authenticated.' } };
  assert.deepEqual(validator.validateResponse('recordingBackend', 403, JSON_HEADERS, bytes(failure(403, auth))), []);
  assert.deepEqual(validator.validateResponse('storeRecording', 401, JSON_HEADERS, bytes(failure(401, auth))), []);
  assert.ok(validator.validateResponse('recordingBackend', 403, JSON_HEADERS, bytes(failure(403, { error: 'invalid_request' }))).length > 0);
  assert.deepEqual(validator.validateResponse('recordingBackend', 404, JSON_HEADERS, bytes(failure(404, { type: 'error', error: { code: 'no_such_room', message: 'Room not found.' } }))), []);
});

test('recording server: security, headers and backend bodies', () => {
  for (const pointer of ['#/paths/~1apps~1spreed~1api~1v1~1recording~1backend/post/security', '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}~1store/post/security']) {
    assert.deepEqual(resolvePointer(doc, pointer), [{ recordingRandom: [], recordingChecksum: [] }]);
  }
  assert.deepEqual(resolvePointer(doc, '#/components/parameters/TalkRecordingRandom/schema/minLength'), 32);
  const body = '#/components/schemas/RecordingBackendRequest';
  assert.deepEqual(validator.validateValue(body, { type: 'stopped', stopped: { token: 'abcd1234' } }), []);
  assert.deepEqual(validator.validateValue(body, { type: 'started', started: { token: 'abcd1234', status: 2, actor: { type: 'users', id: 'alice' } } }), []);
  assert.ok(validator.validateValue(body, { type: 'started', started: { token: 'abcd1234', status: 3, actor: { type: 'users', id: 'alice' } } }).length > 0);
  assert.ok(validator.validateValue(body, { type: 'paused', paused: { token: 'abcd1234' } }).length > 0);
  const store = resolvePointer(doc, '#/paths/~1apps~1spreed~1api~1v1~1recording~1{token}~1store/post/requestBody/content') as Record<string, unknown>;
  assert.deepEqual(Object.keys(store), ['multipart/form-data']);
  assert.deepEqual(resolvePointer(doc, '#/components/schemas/StoreRecordingRequest/required'), ['owner', 'file']);
});

test('outgoing requests to the recording server are documented as webhooks', () => {
  const start = '#/webhooks/recordingServerStart/post/requestBody/content/application~1json/schema';
  const stop = '#/webhooks/recordingServerStop/post/requestBody/content/application~1json/schema';
  assert.deepEqual(validator.validateValue(start, { type: 'start', start: { status: 1, owner: 'alice', actor: { type: 'users', id: 'alice' } } }), []);
  assert.ok(validator.validateValue(start, { type: 'start', start: { status: 1, actor: { type: 'users', id: 'alice' } } }).length > 0);
  assert.deepEqual(validator.validateValue(stop, { type: 'stop', stop: [] }), []);
  assert.deepEqual(validator.validateValue(stop, { type: 'stop', stop: { actor: { type: 'users', id: 'alice' } } }), []);
  assert.ok(validator.validateValue(stop, { type: 'stop', stop: {} }).length > 0, 'an ended call sends [] not {}');
  const names = (op: string) => ((resolvePointer(doc, `#/webhooks/${op}/post/parameters`) as { $ref: string }[]).map((p) => (resolvePointer(doc, p.$ref) as { name: string }).name));
  for (const op of ['recordingServerStart', 'recordingServerStop']) {
    assert.deepEqual(names(op).slice(0, 3), ['Talk-Recording-Backend', 'Talk-Recording-Random', 'Talk-Recording-Checksum']);
  }
});

test('who may call: anonymous guests reach the public operations only', () => {
  const security = (id: string) => {
    const pointer = validator.pointer(id);
    return resolvePointer(doc, `${pointer}/security`) as object[] | undefined ?? (doc.security as object[]);
  };
  const anonymous = (id: string) => security(id).some((s) => Object.keys(s).length === 0);
  for (const id of ['getRoom', 'joinRoom', 'receiveMessages', 'sendMessage', 'joinCall', 'pullSignalingMessages']) assert.ok(anonymous(id), id);
  for (const id of ['getRooms', 'createRoom', 'startRecording', 'stopRecording', 'renameRoom', 'getNotifications']) assert.ok(!anonymous(id), id);
  assert.deepEqual(security('startRecording'), [{ basicAuth: [] }, { session: [] }]);
});
