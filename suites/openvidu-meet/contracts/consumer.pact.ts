// The consumer-driven contract of a Meet frontend's recording screens with OpenVidu Meet
// (api-facts §5.4), as Pact V4 interactions. Each interaction is exercised with the real
// frontend client (client.ts) against Pact's mock server, which records it into the pact.
//
// Strict with requests (exact paths, headers, bodies), loose with responses (types and
// patterns, never exact values): the pact says what the frontend *relies on*, and schema-level
// rules belong to the OpenAPI checks. Ids that only exist once a provider state is set up come
// from that state (`fromProviderState`), so verification works on any server that can set it up.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { MatchersV3 } from '@pact-foundation/pact';
import { createMeetClient, MeetApiError, type MeetClient } from './client.ts';
import { jsonContentType, pactFileName, requestWith, respondJson, writeConsumerPact, type PactFlow } from '../../engine/pact-consumer.ts';

const { like, eachLike, regex, integer, number, boolean, fromProviderState } = MatchersV3;

export const CONSUMER = 'callrec-meet-frontend';
export const PROVIDER = 'openvidu-meet';
export const PACT_FILE = pactFileName(CONSUMER, PROVIDER);
export const API_KEY = 'callrec-dev-key';

/** The provider states this contract needs; `callrec verify` and the mock's control API know them. */
export const STATES = {
  room: 'a room with participants',
  active: 'an active recording exists',
  complete: 'a completed recording exists',
} as const;
export type ProviderStateName = (typeof STATES)[keyof typeof STATES];

// Example values. Only the consumer test sees them; a verifier injects the provider's own ids.
const ROOM = 'room-alpha';
const RECORDING = 'room-alpha--EG_a1B2c3D4e5F6--K7M9Q';
const UNKNOWN_ROOM = 'callrec-no-such-room';
const RANGE = { start: 0, end: 99 };
/** The first bytes of a real MP4 (an `ftyp` box), so the example body looks like what is served. */
const MEDIA_EXAMPLE = readFileSync(fileURLToPath(new URL('../../../fixtures/media/clip-2s.mp4', import.meta.url))).subarray(0, RANGE.end + 1);

const RECORDING_ID = regex(/^.+--EG_.+--.+$/.source, RECORDING);
const recordingIdFromState = (example = RECORDING) => fromProviderState('${recordingId}', example);
const recordingPath = (suffix = '') => fromProviderState(`/api/v1/recordings/\${recordingId}${suffix}`, `/api/v1/recordings/${RECORDING}${suffix}`);
const jsonHeaders = jsonContentType('application/json; charset=utf-8');
const authHeaders = { 'X-API-KEY': API_KEY };

/** The recording fields every screen reads; `extra` adds what a given status guarantees. */
const recordingBody = (status: RegExp, example: string, extra: Record<string, unknown> = {}) => ({
  recordingId: RECORDING_ID,
  roomId: like(ROOM),
  roomName: like('Alpha'),
  status: regex(status.source, example),
  filename: like(`${ROOM}--K7M9Q.mp4`),
  // Milliseconds, but not always whole: the platform converts them from LiveKit's nanoseconds
  // (the spec says `number`), so a fraction must match too.
  startDate: number(1767225600000.25),
  ...extra,
});
const finishedFields = { endDate: number(1767225660000.5), duration: number(60.5), size: integer(99348) };
/**
 * An error answer of the API itself: `error` is the platform's exact error name, so a route-level
 * miss (the platform's catch-all answers 404 {error: "Path Not Found"}, a proxy its own page) does
 * not satisfy an interaction that expects the API to have judged the request.
 */
const errorBody = (error: 'Room Error' | 'Authentication Error', message: string) => ({ error: regex(`^${error}$`, error), message: like(message) });

/** One interaction, and what the frontend does with it (the assertions the consumer test makes). */
export interface Flow extends PactFlow<MeetClient, ProviderStateName> {
  /** Credentials the client sends; the unauthenticated flow sends none. */
  apiKey?: string;
}

const completeState = { name: STATES.complete, params: { recordingId: RECORDING, roomId: ROOM } };

/** The flows, in the order a user meets them. */
export const flows: Flow[] = [
  {
    description: 'a request to start recording a room with participants',
    state: { name: STATES.room, params: { roomId: ROOM } },
    apiKey: API_KEY,
    request: requestWith('POST', '/api/v1/recordings', { ...authHeaders, 'Content-Type': 'application/json' }, { json: { roomId: fromProviderState('${roomId}', ROOM) } }),
    response: (i) =>
      i.willRespondWith(201, (b) => {
        b.headers({
          ...jsonHeaders,
          Location: regex(/^https?:\/\/.+\/api\/v1\/recordings\/.+--EG_.+--.+$/.source, `http://127.0.0.1:6080/api/v1/recordings/${RECORDING}`),
        });
        b.jsonBody(recordingBody(/^(starting|active)$/, 'active'));
      }),
    exercise: async (client) => {
      const { recording, location } = await client.startRecording(ROOM);
      assert.match(recording.recordingId, /--EG_/);
      assert.ok(recording.status === 'starting' || recording.status === 'active');
      assert.ok(location.endsWith(`/api/v1/recordings/${recording.recordingId}`));
    },
  },
  {
    description: 'a request to list the recordings of a room',
    state: completeState,
    apiKey: API_KEY,
    request: requestWith('GET', '/api/v1/recordings', authHeaders, { query: { roomId: fromProviderState('${roomId}', ROOM), maxItems: '10' } }),
    response: respondJson(200, jsonHeaders, {
      // Only what the list screen shows: a room's recordings may be in any status, and a
      // starting one has no startDate yet.
      recordings: eachLike({
        recordingId: RECORDING_ID,
        roomId: like(ROOM),
        roomName: like('Alpha'),
        status: regex(/^(starting|active|ending|complete|failed|aborted|limit_reached)$/.source, 'complete'),
      }),
      pagination: { isTruncated: boolean(false), maxItems: integer(10) },
    }),
    exercise: async (client) => {
      const page = await client.listRecordings({ roomId: ROOM, maxItems: 10 });
      assert.equal(page.recordings.length, 1);
      assert.equal(typeof page.pagination.isTruncated, 'boolean');
      assert.equal(page.pagination.maxItems, 10);
    },
  },
  {
    description: 'a request to get a complete recording',
    state: completeState,
    apiKey: API_KEY,
    request: (i) => i.withRequest('GET', recordingPath(), (b) => b.headers(authHeaders)),
    response: respondJson(200, jsonHeaders, recordingBody(/^complete$/, 'complete', { ...finishedFields, recordingId: recordingIdFromState() })),
    exercise: async (client) => {
      const rec = await client.getRecording(RECORDING);
      assert.equal(rec.recordingId, RECORDING);
      assert.equal(rec.status, 'complete');
      assert.equal(typeof rec.size, 'number');
    },
  },
  {
    description: 'a request to stop an active recording',
    state: { name: STATES.active, params: { recordingId: RECORDING, roomId: ROOM } },
    apiKey: API_KEY,
    request: (i) => i.withRequest('POST', recordingPath('/stop'), (b) => b.headers(authHeaders)),
    response: respondJson(202, jsonHeaders, recordingBody(/^(ending|complete)$/, 'ending', { recordingId: recordingIdFromState(), duration: number(12.5) })),
    exercise: async (client) => {
      const rec = await client.stopRecording(RECORDING);
      assert.ok(rec.status === 'ending' || rec.status === 'complete');
    },
  },
  {
    description: 'a request for the first 100 bytes of a recording',
    state: completeState,
    apiKey: API_KEY,
    request: (i) =>
      i.withRequest('GET', recordingPath('/media'), (b) => b.headers({ ...authHeaders, Range: `bytes=${RANGE.start}-${RANGE.end}` })),
    response: (i) =>
      i.willRespondWith(206, (b) => {
        b.headers({
          'Content-Range': regex(`^bytes ${RANGE.start}-${RANGE.end}/\\d+$`, `bytes ${RANGE.start}-${RANGE.end}/99348`),
          'Content-Type': regex(/^video\/.+/.source, 'video/mp4'),
        });
        // Loose on purpose: a binary body is matched by its detected media type, not byte for byte.
        b.body('video/mp4', MEDIA_EXAMPLE);
      }),
    exercise: async (client) => {
      const chunk = await client.getMediaRange(RECORDING, RANGE.start, RANGE.end);
      assert.equal(chunk.status, 206);
      assert.deepEqual([chunk.range.start, chunk.range.end], [RANGE.start, RANGE.end]);
      assert.ok(chunk.range.size > RANGE.end);
      assert.match(chunk.contentType, /^video\//);
      assert.equal(chunk.bytes.byteLength, RANGE.end - RANGE.start + 1);
    },
  },
  {
    description: 'a request for a shareable URL of a recording',
    state: completeState,
    apiKey: API_KEY,
    request: (i) => i.withRequest('GET', recordingPath('/url'), (b) => b.headers(authHeaders)),
    response: respondJson(200, jsonHeaders, { url: regex(/^https?:\/\/.+\/recording\/.+\?secret=.+$/.source, `http://127.0.0.1:6080/recording/${RECORDING}?secret=Zx8kP2mQ4rT6vW1y`) }),
    exercise: async (client) => {
      const url = new URL(await client.getShareUrl(RECORDING));
      assert.ok(url.searchParams.get('secret'));
    },
  },
  {
    description: 'a request to delete a complete recording',
    state: completeState,
    apiKey: API_KEY,
    request: (i) => i.withRequest('DELETE', recordingPath(), (b) => b.headers(authHeaders)),
    response: respondJson(200, jsonHeaders, { message: like(`Recording '${RECORDING}' deleted successfully`) }),
    exercise: async (client) => {
      assert.match(await client.deleteRecording(RECORDING), /deleted/);
    },
  },
  {
    description: 'a request to start recording a room that does not exist',
    apiKey: API_KEY,
    request: requestWith('POST', '/api/v1/recordings', { ...authHeaders, 'Content-Type': 'application/json' }, { json: { roomId: UNKNOWN_ROOM } }),
    response: respondJson(404, jsonHeaders, errorBody('Room Error', `Room '${UNKNOWN_ROOM}' does not exist`)),
    exercise: async (client) => {
      await assert.rejects(client.startRecording(UNKNOWN_ROOM), (e) => e instanceof MeetApiError && e.status === 404 && e.message.length > 0);
    },
  },
  {
    description: 'a request to list recordings without credentials',
    request: (i) => i.withRequest('GET', '/api/v1/recordings', (b) => b.query({ roomId: ROOM, maxItems: '10' })),
    response: respondJson(401, jsonHeaders, errorBody('Authentication Error', 'Unauthorized')),
    exercise: async (client) => {
      await assert.rejects(client.listRecordings({ roomId: ROOM, maxItems: 10 }), (e) => e instanceof MeetApiError && e.status === 401);
    },
  },
];

/**
 * Runs every flow against Pact's mock server and writes `<dir>/callrec-meet-frontend-openvidu-meet.json`
 * (Pact V4; interactions are merged into an existing file, so callers start from a clean file).
 * Rejects when the client and the expectations disagree.
 */
export async function writeMeetContract(dir: string): Promise<void> {
  await writeConsumerPact({ consumer: CONSUMER, provider: PROVIDER, dir, flows, client: (origin, flow) => createMeetClient({ origin, apiKey: flow.apiKey }) });
}
