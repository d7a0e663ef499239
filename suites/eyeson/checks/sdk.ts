// The requests the official clients actually send must work (api-facts §6; read from their public
// sources): eyeson-go and eyeson-php/-ruby send application/x-www-form-urlencoded bodies with
// nested keys in brackets (`user[name]`, `options[recording_available]`), eyeson-go even on
// bodiless POSTs; eyeson-node sends JSON bodies and an application/json Content-Type on every
// request, bodiless ones included. Each client's way of joining a meeting, starting/stopping its
// recording and registering a webhook must succeed with the same meaning.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
  excerpt,
  expectStatus,
  jsonOf,
  requireWrites,
  runningRecordingId,
  uniqueId,
  type RoomResponse,
} from '../support.ts';

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

interface Client {
  name: 'eyeson-go' | 'eyeson-php' | 'eyeson-node';
  /** Headers the client puts on every request (besides Authorization). */
  headers: Record<string, string>;
  /** How it encodes a body (nested objects included). */
  encode(fields: Record<string, unknown>): string;
  /** Content-Type on a POST without parameters (undefined: none). */
  emptyPostType?: string;
}

/**
 * PHP http_build_query / Go url.Values style: nested keys in brackets. Booleans as "true"/"false"
 * (what a Go caller writes), or as 1/0 with `digits` (http_build_query, so eyeson-php).
 */
function formEncode(fields: Record<string, unknown>, prefix = '', digits = false): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    const key = prefix ? `${prefix}[${k}]` : k;
    if (v !== null && typeof v === 'object') out.push(...formEncode(v as Record<string, unknown>, key, digits));
    else out.push(`${encodeURIComponent(key)}=${encodeURIComponent(typeof v === 'boolean' && digits ? (v ? '1' : '0') : String(v))}`);
  }
  return out;
}

const CLIENTS: Client[] = [
  { name: 'eyeson-go', headers: { 'content-type': FORM, accept: JSON_TYPE, 'user-agent': 'eyeson-go' }, encode: (f) => formEncode(f).join('&'), emptyPostType: FORM },
  { name: 'eyeson-php', headers: { 'content-type': FORM, 'user-agent': 'eyeson-php' }, encode: (f) => formEncode(f, '', true).join('&') },
  { name: 'eyeson-node', headers: { 'content-type': JSON_TYPE }, encode: (f) => JSON.stringify(f), emptyPostType: JSON_TYPE },
];

function fail(ctx: CheckContext, client: Client, what: string, expected: string, res: TargetResponse, operation: string): never {
  ctx.fail({ rule: `${what} as ${client.name} sends it must work`, specRef: '#/components/requestBodies/CreateRoom', expected, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation });
}

async function joinAs(ctx: CheckContext, client: Client): Promise<RoomResponse> {
  const roomId = uniqueId(ctx, `sdk-${client.name}`);
  const userName = `${client.name} user ${ctx.seed}`;
  const fields = { id: roomId, name: `Room of ${client.name}`, user: { name: userName }, options: { recording_available: false } };
  const res = await ctx.target.request({ method: 'POST', path: '/rooms', headers: client.headers, body: client.encode(fields), operation: OP.createRoom });
  if (res.status !== 201) fail(ctx, client, 'POST /rooms', 'HTTP 201', res, OP.createRoom);
  const room = jsonOf<RoomResponse>(ctx, res, 'POST /rooms answers the room response');
  const seen = { roomId: room?.room?.id, userName: room?.user?.name, recordingAvailable: room?.options?.recording_available };
  const want = { roomId, userName, recordingAvailable: false };
  if (JSON.stringify(seen) !== JSON.stringify(want)) {
    ctx.fail({
      rule: `the fields ${client.name} sends (nested ones included) are understood`,
      specRef: '#/components/schemas/CreateRoom',
      expected: JSON.stringify(want),
      actual: JSON.stringify(seen),
      response: res,
      operation: OP.createRoom,
    });
  }
  return room;
}

/** A recordable meeting joined the client's way, then start and stop the client's way. */
async function recordAs(ctx: CheckContext, client: Client): Promise<void> {
  const roomId = uniqueId(ctx, `sdk-rec-${client.name}`);
  const joined = await ctx.target.request({ method: 'POST', path: '/rooms', headers: client.headers, body: client.encode({ id: roomId, user: { name: client.name } }), operation: OP.createRoom });
  if (joined.status !== 201) fail(ctx, client, 'POST /rooms', 'HTTP 201', joined, OP.createRoom);
  const room = jsonOf<RoomResponse>(ctx, joined, 'POST /rooms answers the room response');
  const path = `/rooms/${encodeURIComponent(room.access_key)}/recording`;
  const headers: Record<string, string> = { ...client.headers };
  delete headers['content-type'];
  if (client.emptyPostType) headers['content-type'] = client.emptyPostType;
  const start = await ctx.target.request({ method: 'POST', path, headers, auth: 'none', operation: OP.start });
  if (start.status !== 201) fail(ctx, client, 'a bodiless start', 'HTTP 201', start, OP.start);
  await runningRecordingId(ctx, { accessKey: room.access_key });
  const stop = await ctx.target.request({ method: 'DELETE', path, headers, auth: 'none', operation: OP.stop });
  if (stop.status !== 200) fail(ctx, client, 'a bodiless stop', 'HTTP 200', stop, OP.stop);
}

interface WebhookWire {
  id: string;
  url: string;
  types: string[];
}

async function registerAs(ctx: CheckContext, client: Client): Promise<void> {
  const url = `https://callrec.invalid/hooks/${client.name}/${ctx.seed}`;
  const res = await ctx.target.request({ method: 'POST', path: '/webhooks', headers: client.headers, body: client.encode({ url, types: 'recording_update' }), operation: OP.registerWebhook });
  if (res.status !== 201) fail(ctx, client, 'POST /webhooks', 'HTTP 201', res, OP.registerWebhook);
  const got = await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook });
  expectStatus(ctx, got, 200, 'GET /webhooks answers 200', OP.getWebhook);
  const hook = jsonOf<WebhookWire | null>(ctx, got, 'GET /webhooks answers JSON');
  if (hook?.url !== url || JSON.stringify(hook.types) !== '["recording_update"]') {
    ctx.fail({ rule: `the webhook ${client.name} registers is the one GET /webhooks shows`, specRef: '#/components/schemas/Webhook', expected: `url ${url}, types ["recording_update"]`, actual: excerpt(got), response: got, operation: OP.getWebhook });
  }
}

const bodyEncodings: Check = {
  id: 'eyeson.sdk.body-encodings',
  title: 'the bodies the official clients send work: form-urlencoded with bracketed keys (go, php) and JSON (node)',
  operations: [OP.createRoom, OP.start, OP.stop, OP.registerWebhook, OP.getWebhook],
  specRef: '#/components/requestBodies/CreateRoom',
  needs: ['credentials', 'writes'],
  decision: 'body-encodings',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    // One rule per client and call: a client whose encoding fails does not hide the others.
    for (const client of CLIENTS) {
      await ctx.rule(`${client.name}: joining a meeting (POST /rooms) works and its fields are understood`, async () => void (await joinAs(ctx, client)), { operation: OP.createRoom });
      await ctx.rule(`${client.name}: starting and stopping a recording its way works`, () => recordAs(ctx, client), { operation: OP.start });
    }
    // Registering replaces the key's webhook: keep the one that was there and put it back.
    const before = jsonOf<WebhookWire | null>(ctx, await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook }), 'GET /webhooks answers JSON');
    try {
      for (const client of CLIENTS) {
        await ctx.rule(`${client.name}: registering the webhook its way works`, () => registerAs(ctx, client), { operation: OP.registerWebhook });
      }
    } finally {
      const now = jsonOf<WebhookWire | null>(ctx, await ctx.target.request({ method: 'GET', path: '/webhooks', operation: OP.getWebhook }), 'GET /webhooks answers JSON');
      if (now?.id) await ctx.target.request({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(now.id)}`, operation: OP.deleteWebhook });
      if (before?.url) {
        await ctx.target.request({ method: 'POST', path: '/webhooks', headers: { 'content-type': FORM }, body: `url=${encodeURIComponent(before.url)}&types=${encodeURIComponent(before.types.join(','))}`, operation: OP.registerWebhook });
      }
    }
  },
};

export const sdkChecks: Check[] = [bodyEncodings];
