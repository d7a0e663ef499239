// The consumer-driven contract of an app's recording screens with Horn (api-facts §1.4), as
// Pact V4 interactions. Each interaction is exercised with the real client (client.ts) against
// Pact's mock server, which records it into the pact.
//
// Strict with requests (exact paths, query, Authorization), loose with responses (types and
// patterns, never exact values): the pact says what the app *relies on*; schema-level rules
// belong to the OpenAPI checks. Ids that only exist once a provider state is set up come from
// that state (`fromProviderState`), so verification works on any server that can set it up.
import assert from 'node:assert/strict';
import { MatchersV3 } from '@pact-foundation/pact';
import { HornApiError, createHornClient, type HornClient } from './client.ts';
import { jsonContentType, pactFileName, requestWith, respondJson, writeConsumerPact, type PactFlow } from '../../engine/pact-consumer.ts';

const { like, eachLike, regex, integer, boolean, fromProviderState } = MatchersV3;

export const CONSUMER = 'callrec-horn-client';
export const PROVIDER = 'horn';
export const PACT_FILE = pactFileName(CONSUMER, PROVIDER);

/** The mock's seeded users have fixed tokens; a real provider's state setup hands out its own users'. */
export const TOKENS = { owner: 'horn-owner-token', operator: 'horn-operator-token' } as const;

/** The provider states this contract needs (the mock's control API knows them). */
export const STATES = {
  recordable: 'a recordable channel',
  conference: 'a channel in conference mode',
  ready: 'a ready recording exists',
  credentials: 'download credentials for a ready recording',
} as const;
export type ProviderStateName = (typeof STATES)[keyof typeof STATES];

// Example values. Only the consumer test sees them; a verifier injects the provider's own ids.
const CHANNEL = '6f1c2a9e-5b7d-4c1e-9a30-000000000001';
const CONFERENCE = '6f1c2a9e-5b7d-4c1e-9a30-000000000002';
const RECORDING = '3f6d2c1b-8a9e-4b7c-9d2e-1a2b3c4d5e6f';
const SESSION = '0c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5';
const JWT = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIzZjZkMmMxYiJ9.c2lnbmF0dXJlLWV4YW1wbGUtb25seQ';
const T0 = 1767225600000;
/** An id no provider state creates. */
const UNKNOWN_RECORDING = '00000000-0000-4000-8000-00000000dead';

const UUID = regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.source, RECORDING);
const channelPath = (suffix: string, example = CHANNEL) => fromProviderState(`/api/v1_0/channels/\${channelId}${suffix}`, `/api/v1_0/channels/${example}${suffix}`);
const recordingPath = (suffix = '') =>
  fromProviderState(`/api/v1_0/channels/\${channelId}/recordings/\${recordingId}${suffix}`, `/api/v1_0/channels/${CHANNEL}/recordings/${RECORDING}${suffix}`);
const jsonHeaders = jsonContentType('application/json');
const as = (token: string) => ({ Authorization: `Bearer ${token}` });

const runningRecording = { id: UUID, channel: like(CHANNEL), session: like(SESSION), startTime: integer(T0) };
const readyRecording = { ...runningRecording, endTime: integer(T0 + 45 * 60_000), readyTime: integer(T0 + 46 * 60_000) };
const errorBody = (code: string, message: string) => ({ error: regex(/^[A-Z][A-Z0-9_]*$/.source, code), message: like(message) });

/** One interaction, and what the app does with it (the assertions the consumer test makes). */
export interface Flow extends PactFlow<HornClient, ProviderStateName> {
  state: { name: ProviderStateName; params: Record<string, string> };
  /** The user the client signs in as. */
  token: string;
}

const readyState = { name: STATES.ready, params: { channelId: CHANNEL, recordingId: RECORDING } };

export const flows: Flow[] = [
  {
    description: 'a request whether a recordable channel can be recorded',
    state: { name: STATES.recordable, params: { channelId: CHANNEL } },
    token: TOKENS.operator,
    request: (i) => i.withRequest('GET', channelPath('/record/possible'), (b) => b.headers(as(TOKENS.operator))),
    response: respondJson(200, jsonHeaders, { possible: boolean(true) }),
    exercise: async (client) => {
      assert.equal(await client.recordingPossible(CHANNEL), true);
    },
  },
  {
    description: 'a request to start recording a recordable channel',
    state: { name: STATES.recordable, params: { channelId: CHANNEL } },
    token: TOKENS.operator,
    request: (i) => i.withRequest('POST', channelPath('/record'), (b) => b.headers(as(TOKENS.operator))),
    response: respondJson(200, jsonHeaders, runningRecording),
    exercise: async (client) => {
      const rec = await client.startRecording(CHANNEL);
      assert.equal(typeof rec.id, 'string');
      assert.equal(rec.endTime, undefined);
      assert.equal(rec.readyTime, undefined);
    },
  },
  {
    description: 'a request to start recording a channel in conference mode',
    state: { name: STATES.conference, params: { channelId: CONFERENCE } },
    token: TOKENS.operator,
    request: (i) => i.withRequest('POST', channelPath('/record', CONFERENCE), (b) => b.headers(as(TOKENS.operator))),
    response: respondJson(400, jsonHeaders, { error: 'RECORDING_NOT_PERMITTED', message: like('Recording is not supported in conference mode') }),
    exercise: async (client) => {
      await assert.rejects(client.startRecording(CONFERENCE), (e) => e instanceof HornApiError && e.status === 400 && e.error === 'RECORDING_NOT_PERMITTED');
    },
  },
  {
    description: 'a request for the first page of a channel\'s recordings',
    state: readyState,
    token: TOKENS.operator,
    request: requestWith('GET', channelPath('/recordings'), as(TOKENS.operator), { query: { limit: '10', offset: '0', sort: 'started', order: 'desc' } }),
    // Any recording of the channel may come first: only the always-present fields are relied on.
    response: respondJson(200, jsonHeaders, { total: integer(1), results: eachLike(runningRecording) }),
    exercise: async (client) => {
      const page = await client.listRecordings(CHANNEL, { limit: 10, offset: 0, sort: 'started', order: 'desc' });
      assert.ok(page.total >= page.results.length);
      assert.ok(page.results.length >= 1);
    },
  },
  {
    description: 'a request for a ready recording',
    state: readyState,
    token: TOKENS.operator,
    request: (i) => i.withRequest('GET', recordingPath(), (b) => b.headers(as(TOKENS.operator))),
    response: respondJson(200, jsonHeaders, { ...readyRecording, id: fromProviderState('${recordingId}', RECORDING) }),
    exercise: async (client) => {
      const rec = await client.getRecording(CHANNEL, RECORDING);
      assert.equal(rec.id, RECORDING);
      assert.ok(rec.readyTime! >= rec.endTime! && rec.endTime! >= rec.startTime);
    },
  },
  {
    description: 'a request for the assets of a ready recording',
    state: readyState,
    token: TOKENS.operator,
    request: (i) => i.withRequest('GET', recordingPath('/assets'), (b) => b.headers(as(TOKENS.operator))),
    response: respondJson(
      200,
      jsonHeaders,
      eachLike({
        id: like(`${RECORDING}-s1`),
        recordingId: fromProviderState('${recordingId}', RECORDING),
        format: like('MP4'),
        kind: like('video'),
        state: like('uploaded'),
        label: like('Segment 1 of 2'),
        startTime: integer(T0),
        endTime: integer(T0 + 30 * 60_000),
        isIndividual: boolean(false),
      }),
    ),
    exercise: async (client) => {
      const assets = await client.listAssets(CHANNEL, RECORDING);
      assert.ok(assets.length >= 1);
      assert.equal(assets[0]!.recordingId, RECORDING);
    },
  },
  {
    // ttl 1d: a documented form ("1m", "1d"); hours are only our reading of "etc.".
    description: 'a request for a download URL of a ready recording',
    state: readyState,
    token: TOKENS.owner,
    request: requestWith('GET', recordingPath('/download'), as(TOKENS.owner), { query: { ttl: '1d' } }),
    response: respondJson(200, jsonHeaders, { url: regex(/^https?:\/\/\S+$/.source, `http://127.0.0.1:6080/api/v1_0/channels/recording/downloads/${RECORDING}?kind=combined_video&expires=${T0 + 86_400_000}&signature=c2ln`) }),
    exercise: async (client) => {
      assert.match(await client.downloadUrl(CHANNEL, RECORDING, '1d'), /^https?:\/\//);
    },
  },
  {
    description: 'a request for download credentials of a ready recording',
    state: readyState,
    token: TOKENS.owner,
    request: requestWith('GET', recordingPath('/credentials'), as(TOKENS.owner), { query: { ttl: '1d' } }),
    response: respondJson(200, jsonHeaders, { jwt: regex(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.source, JWT) }),
    exercise: async (client) => {
      assert.equal((await client.downloadCredentials(CHANNEL, RECORDING, '1d')).split('.').length, 3);
    },
  },
  {
    description: 'a request for the assets a download JWT reaches',
    state: { name: STATES.credentials, params: { jwt: JWT } },
    token: TOKENS.owner,
    request: (i) => i.withRequest('GET', fromProviderState('/api/v1_0/channels/recording/assets/${jwt}', `/api/v1_0/channels/recording/assets/${JWT}`)),
    response: respondJson(
      200,
      jsonHeaders,
      eachLike({
        id: like(`${RECORDING}-s1`),
        format: like('MP4'),
        kind: regex(/^(archive|combined_video|captions|other)$/.source, 'combined_video'),
        label: like('Segment 1 of 2'),
      }),
    ),
    exercise: async (client) => {
      const assets = await client.assetsForJwt(JWT);
      assert.ok(assets.length >= 1);
    },
  },
  {
    // The app tells "no such recording" from "no such route" by Horn's error body: a route-level
    // 404 (a proxy's, a framework's "Not Found") must not satisfy this interaction.
    description: 'a request for a recording that does not exist',
    state: readyState,
    token: TOKENS.operator,
    request: (i) => i.withRequest('GET', channelPath(`/recordings/${UNKNOWN_RECORDING}`), (b) => b.headers(as(TOKENS.operator))),
    response: respondJson(404, jsonHeaders, errorBody('RECORDING_NOT_FOUND', 'Recording does not exist')),
    exercise: async (client) => {
      await assert.rejects(client.getRecording(CHANNEL, UNKNOWN_RECORDING), (e) => e instanceof HornApiError && e.status === 404 && /^[A-Z][A-Z0-9_]*$/.test(e.error) && e.message.length > 0);
    },
  },
  {
    description: 'a request for a recording without credentials',
    state: readyState,
    token: '',
    request: (i) => i.withRequest('GET', recordingPath()),
    response: respondJson(401, jsonHeaders, errorBody('UNAUTHORIZED', 'A valid Bearer token is required')),
    exercise: async (client) => {
      await assert.rejects(client.getRecording(CHANNEL, RECORDING), (e) => e instanceof HornApiError && e.status === 401 && e.message.length > 0);
    },
  },
];

/**
 * Runs every flow against Pact's mock server and writes `<dir>/callrec-horn-client-horn.json`
 * (Pact V4; interactions are merged into an existing file, so callers start from a clean file).
 * Rejects when the client and the expectations disagree.
 */
export async function writeHornContract(dir: string): Promise<void> {
  await writeConsumerPact({ consumer: CONSUMER, provider: PROVIDER, dir, flows, client: (origin, flow) => createHornClient({ origin, ...(flow.token ? { token: flow.token } : {}) }) });
}
