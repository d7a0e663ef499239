// The consumer-driven contract of a call-recording backend with Eyeson (api-facts §6, seed 003),
// as Pact V4 interactions: join a meeting, list the running meetings, start and stop its recording,
// shut it down (204), read a recording, list a room's recordings, register the webhook, and the
// documented errors it handles. Each interaction
// is exercised with the real client (client.ts) against Pact's mock server.
//
// Strict with requests (exact paths, headers, bodies), loose with responses (types and patterns):
// the pact says what the backend relies on; schema rules belong to the OpenAPI checks. Ids that
// exist only once a provider state is set up come from that state (`fromProviderState`).
import assert from 'node:assert/strict';
import { MatchersV3 } from '@pact-foundation/pact';
import { createEyesonClient, EyesonApiError, type EyesonClient } from './client.ts';
import { jsonContentType, pactFileName, requestWith, respondJson, writeConsumerPact, type PactFlow } from '../../engine/pact-consumer.ts';

const { like, eachLike, regex, integer, fromProviderState } = MatchersV3;

export const CONSUMER = 'callrec-eyeson-client';
export const PROVIDER = 'eyeson';
export const PACT_FILE = pactFileName(CONSUMER, PROVIDER);
/** The built-in mock's team key; `callrec verify --api-key` swaps in a real one. */
export const API_KEY = 'callrec-eyeson-key';

/** Provider states this contract needs (the mock's control API knows them). */
export const STATES = {
  running: 'a running meeting',
  recording: 'a meeting that is recording',
  shutdown: 'a shut-down meeting',
  finished: 'a finished recording exists',
  paged: 'a room with 30 recordings',
  noWebhook: 'no webhook is registered',
} as const;
export type ProviderStateName = (typeof STATES)[keyof typeof STATES];

// Example values: only the consumer test sees them; a verifier injects the provider's own ids.
const ACCESS_KEY = 'a1B2c3D4e5F6g7H8i9J0k1L2';
const RECORDING = '63ede57ff3e015000fbe1af5';
const ROOM = 'callrec-archive';
const PAGED_ROOM = 'callrec-paged-room';
const NEW_ROOM = 'callrec-contract-room';
const UNKNOWN_RECORDING = 'ffffffffffffffffffffffff';
const UNKNOWN_ACCESS_KEY = 'callrecNoSuchAccessKey';
const WEBHOOK_URL = 'https://backend.example/eyeson/updates';

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.source;
const jsonHeaders = jsonContentType('application/json; charset=utf-8');
const authHeaders = { Authorization: API_KEY };
const accessKeyPath = (suffix: string) => fromProviderState(`/rooms/\${accessKey}${suffix}`, `/rooms/${ACCESS_KEY}${suffix}`);

/** A finished recording as the backend reads it: duration and a .webm download link set. */
const finishedRecording = (id: unknown) => ({
  id,
  created_at: integer(1609491600),
  duration: integer(1800),
  links: {
    self: regex(/^https?:\/\/.+\/recordings\/.+$/.source, `https://api.eyeson.team/recordings/${RECORDING}`),
    download: regex(/^https?:\/\/.+\.webm(\?.*)?$/.source, `https://fs.eyeson.com/meetings/${RECORDING}.webm?expires=1609495200`),
  },
  room: { id: like(ROOM), started_at: regex(ISO, '2021-01-01T09:00:00Z') },
});
/**
 * The API's own error answer, required in every error interaction: a non-blank `error` string.
 * A 404 or 410 from a router, proxy or gateway (an HTML page, `{"message": …}`, an empty body)
 * must not satisfy the contract, or a missing route would pass as "unknown recording".
 */
const errorBody = (message: string) => ({ error: regex(/^[\s\S]*\S[\s\S]*$/.source, message) });
/** The backend tells the API's error apart from any other failure: the message came from the body. */
const apiError = (status: number) => (e: unknown) => e instanceof EyesonApiError && e.status === status && e.fromBody && e.message.length > 0;

/** One interaction, and what the backend does with it (the assertions the consumer test makes). */
export type Flow = PactFlow<EyesonClient, ProviderStateName>;

/** The flows, in the order the backend meets them. */
export const flows: Flow[] = [
  {
    description: 'a request to start or join a meeting',
    request: requestWith('POST', '/rooms', { ...authHeaders, 'Content-Type': 'application/json' }, { json: { id: NEW_ROOM, user: { name: 'Ada' } } }),
    response: respondJson(201, jsonHeaders, {
      access_key: like(ACCESS_KEY),
      room: { id: NEW_ROOM, name: like(NEW_ROOM), started_at: regex(ISO, '2021-01-01T09:00:00Z') },
      user: { id: like('63ede350b20526000f64376d'), name: 'Ada' },
      recording: null,
    }),
    exercise: async (client) => {
      const meeting = await client.createRoom({ roomId: NEW_ROOM, userName: 'Ada' });
      assert.equal(meeting.room.id, NEW_ROOM);
      assert.ok(meeting.access_key.length > 0);
      assert.equal(meeting.recording, null);
    },
  },
  {
    description: 'a request for the meetings currently running',
    state: { name: STATES.running, params: { accessKey: ACCESS_KEY } },
    request: (i) => i.withRequest('GET', '/rooms', (b) => b.headers(authHeaders)),
    response: respondJson(200, jsonHeaders, eachLike({ id: like(NEW_ROOM), name: like(NEW_ROOM), started_at: regex(ISO, '2021-01-01T09:00:00Z'), shutdown: false }, 1)),
    exercise: async (client) => {
      const rooms = await client.listCurrentMeetings();
      assert.ok(rooms.length >= 1);
      assert.equal(rooms[0]!.shutdown, false);
    },
  },
  {
    description: 'a request to start recording a running meeting',
    state: { name: STATES.running, params: { accessKey: ACCESS_KEY } },
    request: (i) => i.withRequest('POST', accessKeyPath('/recording')),
    response: (i) => i.willRespondWith(201),
    exercise: (client) => client.startRecording(ACCESS_KEY),
  },
  {
    description: 'a request to stop the recording of a meeting',
    state: { name: STATES.recording, params: { accessKey: ACCESS_KEY } },
    request: (i) => i.withRequest('DELETE', accessKeyPath('/recording')),
    response: (i) => i.willRespondWith(200),
    exercise: (client) => client.stopRecording(ACCESS_KEY),
  },
  {
    description: 'a request to shut a running meeting down by its access key',
    state: { name: STATES.running, params: { accessKey: ACCESS_KEY } },
    request: (i) => i.withRequest('DELETE', accessKeyPath('')),
    response: (i) => i.willRespondWith(204),
    exercise: (client) => client.shutdownMeeting(ACCESS_KEY),
  },
  {
    description: 'a request to start recording a shut-down meeting',
    state: { name: STATES.shutdown, params: { accessKey: ACCESS_KEY } },
    request: (i) => i.withRequest('POST', accessKeyPath('/recording')),
    response: respondJson(410, jsonHeaders, errorBody('The meeting of this access key has been shut down')),
    exercise: async (client) => {
      await assert.rejects(client.startRecording(ACCESS_KEY), apiError(410));
    },
  },
  {
    description: 'a request to start recording with an access key that does not exist',
    request: (i) => i.withRequest('POST', `/rooms/${UNKNOWN_ACCESS_KEY}/recording`),
    response: respondJson(404, jsonHeaders, errorBody('Meeting not found')),
    exercise: async (client) => {
      await assert.rejects(client.startRecording(UNKNOWN_ACCESS_KEY), apiError(404));
    },
  },
  {
    description: 'a request to get a finished recording',
    state: { name: STATES.finished, params: { recordingId: RECORDING, roomId: ROOM } },
    request: (i) =>
      i.withRequest('GET', fromProviderState('/recordings/${recordingId}', `/recordings/${RECORDING}`), (b) => b.headers(authHeaders)),
    response: respondJson(200, jsonHeaders, finishedRecording(fromProviderState('${recordingId}', RECORDING))),
    exercise: async (client) => {
      const rec = await client.getRecording(RECORDING);
      assert.equal(rec.id, RECORDING);
      assert.equal(typeof rec.duration, 'number');
      assert.match(rec.links.download ?? '', /\.webm/);
    },
  },
  {
    description: 'a request for an unknown recording',
    request: (i) => i.withRequest('GET', `/recordings/${UNKNOWN_RECORDING}`, (b) => b.headers(authHeaders)),
    response: respondJson(404, jsonHeaders, errorBody('Recording not found')),
    exercise: async (client) => {
      await assert.rejects(client.getRecording(UNKNOWN_RECORDING), apiError(404));
    },
  },
  {
    description: 'a request for the first page of a room\'s recordings',
    state: { name: STATES.paged, params: { roomId: PAGED_ROOM } },
    request: requestWith('GET', fromProviderState('/rooms/${roomId}/recordings', `/rooms/${PAGED_ROOM}/recordings`), authHeaders, { query: { page: '1' } }),
    response: respondJson(200, jsonHeaders, eachLike(finishedRecording(like(RECORDING)), 1)),
    exercise: async (client) => {
      const page = await client.listRoomRecordings(PAGED_ROOM, 1);
      assert.ok(page.length >= 1 && page.length <= 25);
      assert.equal(typeof page[0]!.created_at, 'number');
    },
  },
  {
    description: 'a request to register the recording_update webhook',
    state: { name: STATES.noWebhook, params: {} },
    request: requestWith('POST', '/webhooks', { ...authHeaders, 'Content-Type': 'application/json' }, { json: { url: WEBHOOK_URL, types: 'recording_update' } }),
    response: (i) => i.willRespondWith(201),
    exercise: (client) => client.registerWebhook(WEBHOOK_URL, ['recording_update']),
  },
];

/**
 * Runs every flow against Pact's mock server and writes `<dir>/callrec-eyeson-client-eyeson.json`
 * (Pact V4; interactions merge into an existing file, so callers start from a clean one).
 */
export async function writeEyesonContract(dir: string): Promise<void> {
  await writeConsumerPact({
    consumer: CONSUMER,
    provider: PROVIDER,
    dir,
    flows,
    client: (origin) => createEyesonClient({ origin, apiKey: API_KEY }),
    logLevel: (process.env.CALLREC_PACT_LOG as 'debug' | undefined) ?? 'warn',
  });
}
