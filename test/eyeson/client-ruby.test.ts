// Contract of eyeson-ruby (gem eyeson), re-stated from its public source and run against the mock
// over a real port:
//   eyeson-team/eyeson-ruby lib/eyeson/requests.rb — RestClient::Request with headers
//     `authorization: <API key>`, `accept: application/json`, `user_agent: eyeson-ruby` and the
//     params (nils compacted at the top level) as payload: RestClient sends a Hash payload
//     form-urlencoded, nested hashes as `user[id]` keys (brackets escaped), a nil inside as the bare
//     key. response_for never looks at the status: it reads the body of error answers too (rescuing
//     ExceptionWithResponse) and JSON-parses it; an empty body is {}.
//   lib/eyeson/room.rb — Room.join(id:, name:, user: {email, name, avatar}) posts id, name,
//     user[id] (the e-mail), user[name], user[avatar]; raises ValidationFailed with room['error']
//     when present; reads links.gui and access_key (spec/lib/room_spec.rb: and the guest token).
//   lib/eyeson/recording.rb — Recording.find(id): GET /recordings/{id}, raises NotFound when the
//     answer has no `links`, reads links.download; #delete: DELETE /recordings/{id}.
//   lib/eyeson/webhook.rb — create!(url:, types: []) posts url and types.join(','); raises
//     ValidationFailed with webhook['error'] when present.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { DEV_API_KEY, send, startEyeson, type EyesonServer } from './sdk-wire.ts';

let server: EyesonServer;
before(async () => {
  server = await startEyeson();
});
after(() => server.close());

/** RestClient's form encoding (URI.encode_www_form_component): spaces '+', only *-._ and alphanumerics kept. */
const wwwForm = (s: string) => encodeURIComponent(s).replace(/[!'()~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
function flatten(params: Record<string, unknown>, prefix = ''): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(params)) {
    const key = prefix ? `${prefix}[${k}]` : k;
    if (v !== null && typeof v === 'object') out.push(...flatten(v as Record<string, unknown>, key));
    else out.push(v === null || v === undefined ? wwwForm(key) : `${wwwForm(key)}=${wwwForm(String(v))}`);
  }
  return out;
}

/** Eyeson.request(method, path, params) + response_for: the parsed body, whatever the status. */
async function rubyRequest(method: 'GET' | 'POST' | 'DELETE', path: string, params: Record<string, unknown> = {}): Promise<any> {
  const compact = Object.fromEntries(Object.entries(params).filter(([, v]) => v !== null && v !== undefined));
  const body = flatten(compact).join('&');
  const res = await send(server.origin, {
    method,
    path,
    headers: { Authorization: DEV_API_KEY, Accept: 'application/json', 'User-Agent': 'eyeson-ruby', 'Content-Type': 'application/x-www-form-urlencoded' },
    ...(body ? { body } : {}),
  });
  return res.text === '' ? {} : res.json();
}

class ValidationFailed extends Error {}
class NotFound extends Error {}
const present = (v: unknown) => typeof v === 'string' ? v.trim() !== '' : v !== null && v !== undefined;

/** Eyeson::Room.join. */
async function roomJoin(o: { id?: string; name?: string; user: { email?: string | null; name?: string; avatar?: string | null } }) {
  const room = await rubyRequest('POST', '/rooms', { id: o.id, name: o.name, user: { id: o.user.email ?? null, name: o.user.name ?? null, avatar: o.user.avatar ?? null } });
  if (present(room.error)) throw new ValidationFailed(room.error);
  return { url: room.links.gui as string, accessKey: room.access_key as string, guestToken: room.room.guest_token as string };
}

/** Eyeson::Recording.find. */
async function recordingFind(id: string) {
  const response = await rubyRequest('GET', `/recordings/${id}`);
  if (response.links === undefined || response.links === null) throw new NotFound();
  return { id, url: response.links.download as string | null };
}

test('eyeson-ruby Room.join: a nested form body (a nil avatar as a bare key); links.gui, access_key and the guest token', async () => {
  const room = await roomJoin({ id: 'ruby-room', name: 'Ruby standup', user: { email: 'ada@example.test', name: 'Ada Lovelace', avatar: null } });
  assert.match(room.url, /^http/);
  assert.equal(typeof room.accessKey, 'string');
  assert.equal(typeof room.guestToken, 'string');
  const read = await send(server.origin, { method: 'GET', path: `/rooms/${room.accessKey}` });
  assert.deepEqual([read.json().user.id, read.json().user.name, read.json().user.avatar, read.json().room.name], ['ada@example.test', 'Ada Lovelace', null, 'Ruby standup']);
});

test('eyeson-ruby Room.join errors: the error body\'s `error` is the ValidationFailed message', async () => {
  await assert.rejects(roomJoin({ id: 'ruby-bad', user: { email: 'x@example.test' } }), (e: unknown) => e instanceof ValidationFailed && e.message.length > 0);
});

test('eyeson-ruby Recording.find reads links.download; an unknown id (no links) is NotFound; #delete removes it', async () => {
  const room = await roomJoin({ id: 'ruby-rec', user: { name: 'Bob' } });
  await send(server.origin, { method: 'POST', path: `/rooms/${room.accessKey}/recording` });
  const id = (await send(server.origin, { method: 'GET', path: `/rooms/${room.accessKey}` })).json().recording.id as string;
  await server.advance(2_000);
  await send(server.origin, { method: 'DELETE', path: `/rooms/${room.accessKey}/recording` });
  await server.advance(10_000);
  const rec = await recordingFind(id);
  assert.match(rec.url ?? '', /^http/);
  await assert.rejects(recordingFind('no-such-recording'), NotFound);
  assert.deepEqual(await rubyRequest('DELETE', `/recordings/${id}`), {}, 'an empty answer is {}');
  await assert.rejects(recordingFind(id), NotFound);
});

test('eyeson-ruby Webhook.create!: url and the joined types register; a bad url is a ValidationFailed with the error', async () => {
  const create = async (url: string, types: string[]) => {
    const webhook = await rubyRequest('POST', '/webhooks', { url, types: types.join(',') });
    if (present(webhook.error)) throw new ValidationFailed(webhook.error);
  };
  await create('https://ruby-client.invalid/hook', ['recording_update', 'room_update']);
  const hook = await send(server.origin, { method: 'GET', path: '/webhooks', headers: { Authorization: DEV_API_KEY } });
  assert.deepEqual(hook.json().types, ['recording_update', 'room_update']);
  await assert.rejects(create('not a url', ['recording_update']), ValidationFailed);
});
