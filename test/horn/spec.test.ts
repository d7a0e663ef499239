// The Horn spec is valid OpenAPI 3.1, names every seed operation, records its decisions where
// they apply, and its own examples pass its validator.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Validator } from '@seriousme/openapi-schema-validator';
import { loadSpec } from '../../core/spec-load.ts';
import { resolvePointer } from '../../core/spec-pointer.ts';
import { JSON_HEADERS, assertDecisionsWellFormed, assertRefsResolve, assertResponseExamplesPass, bytes } from '../support/spec-assertions.ts';

const SPEC = 'specs/horn/openapi.yaml';
const { doc, validator } = loadSpec(SPEC);

// The seed's ten operations, plus callrec's two extensions (stop, the download URL's target).
const SEED_OPERATIONS = [
  'checkRecordingPossible', 'startRecording', 'listRecordings', 'getRecording', 'listRecordingAssets', 'getRecordingAsset',
  'getRecordingDownloadUrl', 'getRecordingDownloadCredentials', 'listAssetsByJwt', 'downloadAssetByJwt',
];
const EXTENSIONS = ['stopRecording', 'downloadRecordingArchive'];

test('the spec is valid OpenAPI 3.1 on base /api/v1_0 with Bearer auth', async () => {
  const result = await new Validator().validate(structuredClone(doc));
  assert.equal(result.valid, true, `spec errors:\n${JSON.stringify(result.errors, null, 2)}`);
  assert.equal(doc.openapi, '3.1.0');
  assert.equal((doc.servers as { url: string }[])[0]!.url, '/api/v1_0');
  assert.deepEqual(doc.security, [{ bearerAuth: [] }]);
  assert.deepEqual(resolvePointer(doc, '#/components/securitySchemes/bearerAuth/scheme'), 'bearer');
});

test('every seed operation and extension is present, extensions flagged as decisions', () => {
  assert.deepEqual([...validator.operationIds()].sort(), [...SEED_OPERATIONS, ...EXTENSIONS].sort());
  assert.equal((resolvePointer(doc, '#/paths/~1channels~1{uuid}~1record/delete/x-callrec-decision') as { id: string }).id, 'stop-endpoint');
  assert.equal((resolvePointer(doc, '#/paths/~1channels~1recording~1downloads~1{recordingId}/get/x-callrec-decision') as { id: string }).id, 'download-url-form');
});

test('every $ref resolves', () => {
  assertRefsResolve(doc, { localOnly: false });
});

test('the gaps of the sources are decided, listed once and noted where they apply', () => {
  const ids = assertDecisionsWellFormed(doc);
  for (const id of ['stop-endpoint', 'recording-not-permitted-400', 'asset-states', 'jwt-claims', 'time-epoch-ms', 'unconfirmed-email-blocks-start', 'panel-only-recording', 'event-secret-per-registration']) {
    assert.ok(ids.has(id), `decision ${id}`);
  }
});

test('the error envelope is exactly {error, message} with an UPPER_SNAKE code', () => {
  const ok = validator.validateResponse('getRecording', 404, JSON_HEADERS, bytes({ error: 'RECORDING_NOT_FOUND', message: 'gone' }));
  assert.deepEqual(ok, []);
  assert.ok(validator.validateResponse('getRecording', 404, JSON_HEADERS, bytes({ error: 'recording_not_found', message: 'gone' })).length > 0);
  assert.ok(validator.validateResponse('getRecording', 404, JSON_HEADERS, bytes({ error: 'RECORDING_NOT_FOUND' })).length > 0);
  assert.ok(validator.validateResponse('getRecording', 404, JSON_HEADERS, bytes({ error: 'X', message: 'm', extra: 1 })).length > 0);
});

test('recordings need integer epoch times; asset states come from the decided enum', () => {
  const rec = { id: 'r', channel: 'c', session: 's', startTime: 1 };
  assert.deepEqual(validator.validateResponse('getRecording', 200, JSON_HEADERS, bytes(rec)), []);
  assert.ok(validator.validateResponse('getRecording', 200, JSON_HEADERS, bytes({ ...rec, startTime: '2026-01-01T00:00:00Z' })).length > 0);
  assert.ok(validator.validateResponse('getRecording', 200, JSON_HEADERS, bytes({ ...rec, endTime: null })).length > 0);
  const asset = { id: 'r-s1', recordingId: 'r', format: 'MP4', kind: 'video', state: 'uploaded', label: 'l', startTime: 1, isIndividual: false };
  assert.deepEqual(validator.validateResponse('getRecordingAsset', 200, JSON_HEADERS, bytes(asset)), []);
  assert.ok(validator.validateResponse('getRecordingAsset', 200, JSON_HEADERS, bytes({ ...asset, state: 'in_flight' })).length > 0);
});

test('findOperation tells the JWT routes from the channel routes', () => {
  assert.equal(validator.findOperation('GET', '/channels/recording/assets/eyJ.x.y')?.operationId, 'listAssetsByJwt');
  assert.equal(validator.findOperation('GET', '/channels/recording/assets/a-s1/eyJ.x.y')?.operationId, 'downloadAssetByJwt');
  assert.equal(validator.findOperation('GET', '/channels/c1/recordings/r1/assets')?.operationId, 'listRecordingAssets');
  assert.equal(validator.findOperation('GET', '/channels/c1/record/possible')?.operationId, 'checkRecordingPossible');
  assert.equal(validator.findOperation('DELETE', '/channels/c1/record')?.operationId, 'stopRecording');
});

test('webhook events can be validated against their schema', () => {
  const schema = '#/webhooks/recordingEvent/post/requestBody/content/application~1json/schema';
  const data = { id: 'r', channel: 'c', session: 's', startTime: 1, endTime: 2 };
  assert.deepEqual(validator.validateValue(schema, { version: '1.0', type: 'recording.ended', timestamp: 2, data }), []);
  assert.ok(validator.validateValue(schema, { version: '1.0', type: 'recording.stopped', timestamp: 2, data }).length > 0);
});

test("the spec's own JSON examples pass its validator", () => {
  const checked = assertResponseExamplesPass({ doc, validator }, { 'content-range': 'bytes */100' });
  assert.ok(checked > 40, `checked ${checked} examples`);
});
