// Consumer-driven contracts with Nextcloud Talk (Pact V4), one pact per consumer:
//   talk-web-client → nextcloud-talk        start/stop a recording, dismiss its notification, share it
//   talk-recording-server → nextcloud-talk  backend started/stopped/failed callbacks (signed)
// The upload (multipart store) is not under contract: Pact's multipart matching applies the
// body's content type to every part, so a real upload cannot match; the store checks cover it.
// Each interaction is exercised with the client of clients.ts against Pact's mock server.
//
// Web-client paths take the room token, file id and timestamp from the provider state
// (`fromProviderState`). The recording server's requests are signed, so they are fixed bytes: a
// fixed random, the room token of the mock's default data set (`teamroom22`) and the secret the
// mock's provider states configure. Backend bodies are compact JSON with sorted keys, the form
// Pact replays them in, so the recorded checksum still matches the replayed body.
import assert from 'node:assert/strict';
import { MatchersV3, XmlBuilder } from '@pact-foundation/pact';
import { checksum, createRecordingServerClient, createWebClient, TalkApiError } from './clients.ts';
import { jsonContentType, pactFileName, requestWith, respondJson, writeConsumerPact, type PactFlow } from '../../engine/pact-consumer.ts';

const { like, regex, fromProviderState } = MatchersV3;

export const PROVIDER = 'nextcloud-talk';
export const WEB_CONSUMER = 'talk-web-client';
export const SERVER_CONSUMER = 'talk-recording-server';
export const pactFile = (consumer: string) => pactFileName(consumer, PROVIDER);

/** Provider states (mock/nextcloud-talk/control.ts knows them). */
export const STATES = {
  call: 'alice is in a call in a room that can record',
  recording: 'alice is recording the call in her room',
  starting: "a recording is starting in alice's room",
  stored: 'alice has a stored recording of her room',
} as const;

export const TOKEN = 'teamroom22';
export const SECRET = 'the recording secret';
/** 86 URL-safe characters, like the official recording server's token_urlsafe(64). */
export const RANDOM = 'callrecContractRandom0123456789-_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01';
const USER = { user: 'alice', password: 'alice-password' };
const TIMESTAMP = 1767225600;
const FILE_ID = 1;

const V1 = '/ocs/v2.php/apps/spreed/api/v1';
const jsonType = jsonContentType('application/json; charset=utf-8');
const webHeaders = { Authorization: `Basic ${Buffer.from(`${USER.user}:${USER.password}`).toString('base64')}`, 'OCS-APIRequest': 'true', Accept: 'application/json' };
const recordingPath = (suffix = '') => fromProviderState(`${V1}/recording/\${token}${suffix}`, `${V1}/recording/${TOKEN}${suffix}`);
const okEnvelope = { ocs: { meta: { status: 'ok', statuscode: 200, message: 'OK' }, data: null } };
const failureEnvelope = (statuscode: number, error: string) => ({ ocs: { meta: { status: 'failure', statuscode, message: like('') }, data: { error } } });

export interface Flow<C> extends PactFlow<C> {
  state: { name: string; params: Record<string, string> };
}

type Web = ReturnType<typeof createWebClient>;
type Server = ReturnType<typeof createRecordingServerClient>;

export const webFlows: Flow<Web>[] = [
  {
    description: 'a moderator starts a video recording during a call',
    state: { name: STATES.call, params: { token: TOKEN } },
    request: requestWith('POST', recordingPath(), { ...webHeaders, 'Content-Type': 'application/json' }, { json: { status: 1 } }),
    response: respondJson(200, jsonType, okEnvelope),
    exercise: (client) => client.startRecording(TOKEN, 1),
  },
  {
    description: 'a moderator starts a recording while one is running',
    state: { name: STATES.recording, params: { token: TOKEN } },
    request: requestWith('POST', recordingPath(), { ...webHeaders, 'Content-Type': 'application/json' }, { json: { status: 2 } }),
    response: respondJson(400, jsonType, failureEnvelope(400, 'recording')),
    exercise: async (client) => {
      await assert.rejects(client.startRecording(TOKEN, 2), (e) => e instanceof TalkApiError && e.status === 400 && e.error === 'recording');
    },
  },
  {
    description: 'a moderator stops the running recording',
    state: { name: STATES.recording, params: { token: TOKEN } },
    request: (i) => i.withRequest('DELETE', recordingPath(), (b) => b.headers(webHeaders)),
    response: respondJson(200, jsonType, okEnvelope),
    exercise: (client) => client.stopRecording(TOKEN),
  },
  {
    description: 'the owner dismisses the stored-recording notification',
    state: { name: STATES.stored, params: { token: TOKEN, timestamp: String(TIMESTAMP) } },
    request: requestWith('DELETE', recordingPath('/notification'), webHeaders, { query: { timestamp: fromProviderState('${timestamp}', String(TIMESTAMP)) } }),
    response: respondJson(200, jsonType, okEnvelope),
    exercise: (client) => client.dismissNotification(TOKEN, TIMESTAMP),
  },
  {
    description: 'the owner shares the stored recording to the chat',
    state: { name: STATES.stored, params: { token: TOKEN, fileId: String(FILE_ID), timestamp: String(TIMESTAMP) } },
    request: requestWith('POST', recordingPath('/share-chat'), { ...webHeaders, 'Content-Type': 'application/json' }, { json: { fileId: fromProviderState('${fileId}', FILE_ID), timestamp: fromProviderState('${timestamp}', TIMESTAMP) } }),
    response: respondJson(200, jsonType, okEnvelope),
    exercise: (client) => client.shareToChat(TOKEN, FILE_ID, TIMESTAMP),
  },
];

/** Compact JSON with sorted keys: what Pact replays a JSON body as. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(value);
}

/**
 * The API's own refusal of a recording-server request, as Nextcloud renders it for a client that
 * asks for no format (the recording server sends no Accept and no format=json, so XML; facts §3):
 * the OCS envelope with the `{type: error, error: {code, message}}` data. Requiring it keeps a
 * route-level 403 (a proxy, a web server rule) from passing for the API's answer.
 */
const recordingServerError = (statuscode: number, code: string) =>
  new XmlBuilder('1.0', 'UTF-8', 'ocs').build((ocs) => {
    ocs.appendElement('meta', new Map(), (meta) => {
      meta.appendElement('status', new Map(), 'failure');
      meta.appendElement('statuscode', new Map(), String(statuscode));
    });
    ocs.appendElement('data', new Map(), (data) => {
      data.appendElement('type', new Map(), 'error');
      data.appendElement('error', new Map(), (error) => {
        error.appendElement('code', new Map(), code);
        error.appendElement('message', new Map(), like('The request could not be authenticated.'));
      });
    });
  });
const xmlType = { 'Content-Type': regex(/^(application|text)\/xml(;.*)?$/.source, 'application/xml; charset=utf-8') };

const backendFlow = (description: string, state: string, message: unknown, status = 200, random = RANDOM): Flow<Server> => {
  const body = canonical(message);
  const refused = status === 403;
  return {
    description,
    state: { name: state, params: { token: TOKEN } },
    request: requestWith('POST', `${V1}/recording/backend`, { 'Content-Type': 'application/json', 'OCS-APIRequest': 'true', 'Talk-Recording-Random': random, 'Talk-Recording-Checksum': checksum(SECRET, RANDOM, body) }, { json: JSON.parse(body) }),
    response: (i) => (refused ? i.willRespondWith(status, (b) => b.headers(xmlType).xmlBody(recordingServerError(403, 'invalid_request'))) : i.willRespondWith(status)),
    exercise: async (client, origin) => {
      if (random === RANDOM) {
        assert.equal(await client.backend(body), status);
        return;
      }
      // A broken recording server: it signs with one random and sends another.
      const res = await fetch(`${origin}${V1}/recording/backend`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'OCS-APIRequest': 'true', 'Talk-Recording-Random': random, 'Talk-Recording-Checksum': checksum(SECRET, RANDOM, body) },
        body,
      });
      const text = await res.text();
      assert.equal(res.status, status);
      // The recording server tells the API's refusal from any other 403 by its OCS body.
      assert.match(text, /<code>invalid_request<\/code>/);
    },
  };
};

export const serverFlows: Flow<Server>[] = [
  backendFlow('the recording server reports a started video recording', STATES.starting, { type: 'started', started: { token: TOKEN, status: 1, actor: { type: 'users', id: 'alice' } } }),
  backendFlow('the recording server reports the recording stopped', STATES.recording, { type: 'stopped', stopped: { token: TOKEN, actor: { type: 'users', id: 'alice' } } }),
  backendFlow('the recording server reports the recording failed', STATES.recording, { type: 'failed', failed: { token: TOKEN } }),
  // The random the checksum was computed with is not the one sent: authentication must fail.
  backendFlow('a callback whose random does not match its checksum', STATES.recording, { type: 'stopped', stopped: { token: TOKEN } }, 403, `${RANDOM.slice(0, -1)}x`),
];

const write = <C>(dir: string, consumer: string, flows: Flow<C>[], client: (origin: string) => C) => writeConsumerPact({ consumer, provider: PROVIDER, dir, flows, client });

/** Runs every flow of both consumers against Pact's mock server and writes their pacts into `dir`. */
export async function writeTalkContracts(dir: string): Promise<void> {
  await write(dir, WEB_CONSUMER, webFlows, (origin) => createWebClient({ origin, ...USER }));
  await write(dir, SERVER_CONSUMER, serverFlows, (origin) => createRecordingServerClient({ origin, secret: SECRET, random: RANDOM }));
}
