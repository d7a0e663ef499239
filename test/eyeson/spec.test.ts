// The Eyeson spec is valid OpenAPI 3.1, its decisions are consistent, and every operation the
// seed and the clients need is present and judged the way the mock and the checks rely on.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { loadSpec } from '../../core/spec-load.ts';
import { decisionProblems, decisions } from '../../core/spec.ts';
import { resolvePointer } from '../../core/spec-pointer.ts';
import { assertRefsResolve } from '../support/spec-assertions.ts';

const { doc, validator } = loadSpec('specs/eyeson/openapi.yaml');
const OPERATIONS = [
  'createRoom', 'listCurrentMeetings', 'getRoom', 'shutdownRoom', 'startRecording', 'stopRecording', 'getRecording', 'deleteRecording',
  'listRoomRecordings', 'registerWebhook', 'getWebhook', 'deleteWebhook', 'downloadRecordingFile',
];
const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };
const bytes = (v: unknown) => new TextEncoder().encode(JSON.stringify(v));
const room = { id: 'r1', name: 'r1', ready: true, started_at: '2026-01-01T00:00:00Z', shutdown: false, guest_token: 'g' };
const recording = (duration: number | null, download: string | null) => ({
  id: '63ede57ff3e015000fbe1af5', created_at: 1_767_225_600, duration,
  links: { self: 'https://api.eyeson.team/recordings/63ede57ff3e015000fbe1af5', download }, user: null, room,
});

test('the spec is valid OpenAPI 3.1 with consistent decisions', async () => {
  const result = await new Validator().validate(structuredClone(doc));
  assert.equal(result.valid, true, JSON.stringify(result.errors, null, 2));
  assert.equal(doc.openapi, '3.1.0');
  assert.deepEqual(decisionProblems(doc), []);
  assert.ok(decisions(doc).length >= 10);
});

test('every needed operation is present, at the paths of the seed', () => {
  assert.deepEqual([...validator.operationIds()].sort(), [...OPERATIONS].sort());
  const at = (m: string, p: string) => validator.findOperation(m, p)?.operationId;
  assert.equal(at('POST', '/rooms/AK/recording'), 'startRecording');
  assert.equal(at('DELETE', '/rooms/AK/recording'), 'stopRecording');
  assert.equal(at('GET', '/recordings/abc'), 'getRecording');
  assert.equal(at('DELETE', '/recordings/abc'), 'deleteRecording');
  assert.equal(at('GET', '/rooms/abc/recordings'), 'listRoomRecordings');
  assert.equal(at('HEAD', '/downloads/abc.webm'), 'downloadRecordingFile');
});

test('every $ref resolves', () => {
  assertRefsResolve(doc, { localOnly: true });
});

test('the API key is a raw Authorization header, and access-key operations need none', () => {
  const scheme = resolvePointer(doc, '#/components/securitySchemes/apiKey') as Record<string, unknown>;
  assert.deepEqual([scheme.type, scheme.in, scheme.name], ['apiKey', 'header', 'Authorization']);
  for (const id of ['startRecording', 'stopRecording', 'getRoom']) {
    const op = resolvePointer(doc, validator.pointer(id)) as { security?: unknown[] };
    assert.deepEqual(op.security, [], id);
  }
});

test('the three recording states validate; a wrong type does not', () => {
  assert.deepEqual(validator.validateResponse('getRecording', 200, JSON_TYPE, bytes(recording(null, null))), []);
  assert.deepEqual(validator.validateResponse('getRecording', 200, JSON_TYPE, bytes(recording(12, null))), []);
  assert.deepEqual(validator.validateResponse('getRecording', 200, JSON_TYPE, bytes(recording(12, 'https://x.test/a.webm?s=1'))), []);
  assert.notDeepEqual(validator.validateResponse('getRecording', 200, JSON_TYPE, bytes({ ...recording(null, null), duration: '12' })), []);
});

test('the list is a bare JSON array of at most 25', () => {
  assert.deepEqual(validator.validateResponse('listRoomRecordings', 200, JSON_TYPE, bytes([recording(1, null)])), []);
  assert.notDeepEqual(validator.validateResponse('listRoomRecordings', 200, JSON_TYPE, bytes({ recordings: [] })), []);
  assert.notDeepEqual(validator.validateResponse('listRoomRecordings', 200, JSON_TYPE, bytes(Array(26).fill(recording(1, null)))), []);
});

test('documented statuses: start 201/404/405/406/410, stop 200/404/410, locked 423', () => {
  const statuses = (id: string) => Object.keys((resolvePointer(doc, validator.pointer(id)) as { responses: object }).responses).sort();
  assert.deepEqual(statuses('startRecording'), ['201', '404', '405', '406', '410']);
  assert.deepEqual(statuses('stopRecording'), ['200', '404', '410']);
  for (const id of ['getRecording', 'deleteRecording', 'listRoomRecordings', 'createRoom', 'registerWebhook']) assert.ok(statuses(id).includes('423'), id);
  assert.deepEqual(validator.validateResponse('startRecording', 201, {}, new Uint8Array(0)), []);
  assert.notDeepEqual(validator.validateResponse('startRecording', 200, {}, new Uint8Array(0)), []);
});

test('the webhook payload schema is documented with its signature header', () => {
  const hook = resolvePointer(doc, '#/webhooks/recording_update/post') as { parameters: { name: string }[] };
  assert.equal(hook.parameters[0]!.name, 'X-Eyeson-Signature');
  const payload = { timestamp: '2026-01-01T00:00:00Z', type: 'recording_update', recording: recording(null, null) };
  assert.deepEqual(validator.validateValue('#/components/schemas/RecordingUpdate', payload), []);
  assert.notDeepEqual(validator.validateValue('#/components/schemas/RecordingUpdate', { ...payload, type: 'room_update' }), []);
});
