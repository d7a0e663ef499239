// The OCS layer every answer goes through (facts §2.4): the envelope, JSON/XML negotiation, and
// how controller statuses map to HTTP and meta.statuscode on /ocs/v2.php.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { spend, throttledAway } from '../brute-force.ts';
import { asConfig } from '../config.ts';
import { samples, secretReady, signedBackend, stopped, storeCall } from '../support-recording.ts';
import { parseXml, childrenNamed, textOf, type XmlNode } from '../xml.ts';
import {
  ANONYMOUS,
  OP,
  REC,
  V1,
  cast,
  createRoom,
  envelope,
  excerpt,
  expectStatus,
  headersFor,
  ocs,
  requireWrites,
  type OperationId,
  type Principal,
} from '../support.ts';

const TALK_SPEC = '#/components/schemas/OcsMeta';
/** A token of the documented shape that names no room. */
const UNKNOWN_ROOM = 'nosuchroom0';

interface TourStep {
  operation: OperationId;
  method: string;
  path: string;
  as: Principal;
  query?: Record<string, string | number>;
  body?: unknown;
  /** Sends the step itself (the recording server's signed calls). */
  send?: () => Promise<TargetResponse>;
}

/**
 * The recording server's calls: signed with the configured secret (they pass authentication, so
 * they spend nothing of the brute-force budget); without a secret sent unsigned, which costs one
 * failed authentication each (not applicable once the budget is spent).
 */
function recordingServerStep(ctx: CheckContext, operation: OperationId, path: string, body: unknown, signed: () => Promise<TargetResponse>): TourStep {
  const hasSecret = Boolean(asConfig(ctx.config).recordingSecret);
  return {
    operation,
    method: 'POST',
    path,
    as: ANONYMOUS,
    body,
    send: async () => {
      if (hasSecret) return signed();
      spend(ctx, 'talkRecordingSecret');
      const res = await ocs(ctx, { method: 'POST', path, as: ANONYMOUS, body, operation });
      throttledAway(ctx, res);
      return res;
    },
  };
}

/** One request per documented operation (successes and failures alike), over a fresh public room. */
async function tour(ctx: CheckContext): Promise<TourStep[]> {
  const c = cast(ctx);
  if (asConfig(ctx.config).recordingSecret) await secretReady(ctx);
  const t = await createRoom(ctx, c.owner, 3, [c.member, c.other]);
  const room = `${V1}/room/${t}`;
  const o = c.owner;
  return [
    { operation: OP.getRooms, method: 'GET', path: `${V1}/room`, as: o },
    { operation: OP.createRoom, method: 'POST', path: `${V1}/room`, as: o, body: { roomType: 9 } },
    { operation: OP.getRoom, method: 'GET', path: room, as: o },
    { operation: OP.getRoom, method: 'GET', path: `${V1}/room/${UNKNOWN_ROOM}`, as: o },
    { operation: OP.renameRoom, method: 'PUT', path: room, as: o, body: { roomName: 'Renamed by callrec' } },
    { operation: OP.renameRoom, method: 'PUT', path: room, as: c.member, body: { roomName: 'Not allowed' } },
    { operation: OP.setPassword, method: 'PUT', path: `${room}/password`, as: o, body: { password: '' } },
    { operation: OP.makePublic, method: 'POST', path: `${room}/public`, as: o },
    { operation: OP.addFavorite, method: 'POST', path: `${room}/favorite`, as: o },
    { operation: OP.removeFavorite, method: 'DELETE', path: `${room}/favorite`, as: o },
    { operation: OP.setNotificationLevel, method: 'POST', path: `${room}/notify`, as: o, body: { level: 2 } },
    { operation: OP.setNotificationLevel, method: 'POST', path: `${room}/notify`, as: o, body: { level: 9 } },
    { operation: OP.setReadOnly, method: 'PUT', path: `${room}/read-only`, as: o, body: { state: 0 } },
    { operation: OP.setLobby, method: 'PUT', path: `${room}/webinary/lobby`, as: o, body: { state: 0 } },
    { operation: OP.getParticipants, method: 'GET', path: `${room}/participants`, as: o },
    { operation: OP.addParticipant, method: 'POST', path: `${room}/participants`, as: o, body: { newParticipant: 'callrec-no-such-user' } },
    { operation: OP.promoteModerator, method: 'POST', path: `${room}/moderators`, as: o, body: { participant: c.member.user } },
    { operation: OP.demoteModerator, method: 'DELETE', path: `${room}/moderators`, as: o, body: { participant: c.member.user } },
    { operation: OP.joinRoom, method: 'POST', path: `${room}/participants/active`, as: o },
    { operation: OP.getPeers, method: 'GET', path: `${V1}/call/${t}`, as: o },
    { operation: OP.joinCall, method: 'POST', path: `${V1}/call/${t}`, as: o },
    { operation: OP.leaveCall, method: 'DELETE', path: `${V1}/call/${t}`, as: o },
    { operation: OP.sendMessage, method: 'POST', path: `${V1}/chat/${t}`, as: o, body: { message: 'hello from callrec' } },
    { operation: OP.receiveMessages, method: 'GET', path: `${V1}/chat/${t}`, as: o, query: { lookIntoFuture: 0, limit: 5 } },
    { operation: OP.getMentionSuggestions, method: 'GET', path: `${V1}/chat/${t}/mentions`, as: o, query: { search: c.member.user.slice(0, 1) } },
    { operation: OP.setGuestName, method: 'POST', path: `${V1}/guest/${t}/name`, as: o, body: { displayName: 'Not a guest' } },
    { operation: OP.getSignalingSettings, method: 'GET', path: `${V1}/signaling/settings`, as: o },
    { operation: OP.sendSignalingMessages, method: 'POST', path: `${V1}/signaling/${t}`, as: o, body: { messages: '[]' } },
    { operation: OP.pullSignalingMessages, method: 'GET', path: `${V1}/signaling/${t}`, as: o },
    { operation: OP.removeGuest, method: 'DELETE', path: `${room}/participants/guests`, as: o, body: { participant: 'callrec-no-such-session' } },
    { operation: OP.removeParticipant, method: 'DELETE', path: `${room}/participants`, as: o, body: { participant: c.other.user } },
    { operation: OP.removeSelf, method: 'DELETE', path: `${room}/participants/self`, as: c.member },
    { operation: OP.leaveRoom, method: 'DELETE', path: `${room}/participants/active`, as: o },
    { operation: OP.startRecording, method: 'POST', path: `${REC}/${t}`, as: o, body: { status: 9 } },
    { operation: OP.stopRecording, method: 'DELETE', path: `${REC}/${t}`, as: o },
    recordingServerStep(ctx, OP.recordingBackend, `${REC}/backend`, { type: 'stopped', stopped: { token: t } }, () => signedBackend(ctx, stopped(t))),
    recordingServerStep(ctx, OP.storeRecording, `${REC}/${t}/store`, { owner: o.user }, () =>
      storeCall(ctx, t, { owner: o.user, fileName: 'callrec-envelope.ogg', bytes: samples().ogg, contentType: 'audio/ogg' }),
    ),
    { operation: OP.dismissStoreNotification, method: 'DELETE', path: `${REC}/${t}/notification`, as: o, query: { timestamp: 1 } },
    { operation: OP.shareRecordingToChat, method: 'POST', path: `${REC}/${t}/share-chat`, as: o, body: { fileId: 0, timestamp: 1 } },
    { operation: OP.getNotifications, method: 'GET', path: '/apps/notifications/api/v2/notifications', as: o },
    { operation: OP.makePrivate, method: 'DELETE', path: `${room}/public`, as: o },
    { operation: OP.deleteRoom, method: 'DELETE', path: room, as: c.member },
    { operation: OP.deleteRoom, method: 'DELETE', path: room, as: o },
  ];
}

/** Answers without an OCS body: 304, and the CSRF refusal (a plain JSON message; facts §2.4). */
const bodiless = (res: TargetResponse) => res.status === 304 || res.status === 204 || (res.status === 412 && /CSRF check failed/.test(res.text()));

function checkMeta(ctx: CheckContext, res: TargetResponse, operation: string): void {
  const env = envelope(ctx, res, `${operation}: every JSON answer is an OCS envelope`);
  const { status, statuscode, message } = env.meta;
  const okCode = statuscode >= 200 && statuscode < 300;
  if (status !== (okCode ? 'ok' : 'failure')) {
    ctx.fail({
      rule: 'meta.status is "ok" for a 2xx statuscode and "failure" otherwise',
      specRef: TALK_SPEC,
      expected: `meta.status ${okCode ? 'ok' : 'failure'} for statuscode ${statuscode}`,
      actual: `meta.status ${JSON.stringify(status)} (${excerpt(res, 160)})`,
      response: res,
      operation,
    });
  }
  if (okCode && message !== 'OK') {
    ctx.fail({ rule: 'meta.message is "OK" on success', specRef: TALK_SPEC, expected: 'meta.message "OK"', actual: JSON.stringify(message), response: res, operation });
  }
  const type = res.headers['content-type'] ?? '';
  if (!/^application\/json/i.test(type)) {
    ctx.fail({ rule: 'a JSON envelope is served as application/json', expected: 'Content-Type: application/json', actual: `Content-Type: ${type}`, response: res, operation });
  }
}

const envelopeCheck: Check = {
  id: 'nextcloud-talk.ocs.envelope',
  title: 'every operation answers {ocs:{meta:{status,statuscode,message},data}}, meta.status matching the statuscode',
  operations: Object.values(OP),
  specRef: TALK_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    for (const step of await tour(ctx)) {
      const who = step.as.kind === 'user' ? step.as.user : step.as.kind;
      await ctx.rule(`${step.operation}: ${step.method} ${step.path.replace(/^\/apps\/spreed\/api\/v1/, '')} as ${who} answers an OCS envelope (no 5xx)`, async () => {
        if (step.path.includes(UNKNOWN_ROOM)) spend(ctx, 'talkRoomToken');
        const res = step.send ? await step.send() : await ocs(ctx, { method: step.method, path: step.path, as: step.as, query: step.query, body: step.body, operation: step.operation });
        if (res.status >= 500) ctx.fail({ rule: 'documented operations do not fail with 5xx', expected: 'a 2xx/4xx answer', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: step.operation });
        if (bodiless(res)) return;
        checkMeta(ctx, res, step.operation);
      }, { operation: step.operation });
    }
  },
};

// ---------------------------------------------------------------- format negotiation

function xmlEnvelope(ctx: CheckContext, res: TargetResponse, why: string): XmlNode {
  const type = res.headers['content-type'] ?? '';
  if (!/^(application|text)\/xml/i.test(type)) {
    ctx.fail({ rule: `${why}: the answer is XML`, specRef: '#/components/parameters/format', expected: 'Content-Type: application/xml', actual: `Content-Type: ${type || '(none)'}: ${excerpt(res, 120)}`, response: res });
  }
  const root = parseXml(res.text());
  const meta = root && root.name === 'ocs' ? childrenNamed(root, 'meta')[0] : undefined;
  const data = root ? childrenNamed(root, 'data')[0] : undefined;
  if (!root || !meta || !data || !childrenNamed(meta, 'status')[0] || !childrenNamed(meta, 'statuscode')[0]) {
    ctx.fail({ rule: `${why}: the XML is an OCS envelope`, specRef: '#/components/parameters/format', expected: '<ocs><meta><status/><statuscode/>…</meta><data>…</data></ocs>', actual: excerpt(res), response: res });
  }
  return root;
}

function expectJson(ctx: CheckContext, res: TargetResponse, why: string): void {
  const type = res.headers['content-type'] ?? '';
  if (!/^application\/json/i.test(type)) {
    ctx.fail({ rule: `${why}: the answer is JSON`, specRef: '#/components/parameters/format', expected: 'Content-Type: application/json', actual: `Content-Type: ${type || '(none)'}: ${excerpt(res, 120)}`, response: res });
  }
  envelope(ctx, res, `${why}: the JSON is an OCS envelope`);
}

const formatNegotiation: Check = {
  id: 'nextcloud-talk.ocs.format-negotiation',
  title: 'JSON for format=json or Accept: application/json, XML (<ocs>, list items as <element>) otherwise',
  operations: [OP.getRooms, OP.getRoom],
  specRef: '#/components/parameters/format',
  needs: ['credentials', 'writes'],
  decision: 'ocs-format-negotiation',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    await createRoom(ctx, c.owner, 2, [c.member]); // the owner has at least one room to list
    const plain = headersFor(c.owner); // no Accept header: only the query or our Accept decides
    let rooms: number | undefined;
    await ctx.rule('format=json answers a JSON envelope', async () => {
      const byQuery = await ctx.target.request({ method: 'GET', path: `${V1}/room`, query: { format: 'json' }, auth: plain, operation: OP.getRooms });
      expectStatus(ctx, byQuery, 200, 'listing rooms answers 200');
      expectJson(ctx, byQuery, 'format=json');
      rooms = (byQuery.json<{ ocs: { data: unknown[] } }>().ocs.data ?? []).length;
    }, { operation: OP.getRooms });
    await ctx.rule('Accept: application/json answers a JSON envelope', async () => {
      const byAccept = await ctx.target.request({ method: 'GET', path: `${V1}/room`, auth: { ...plain, accept: 'application/json' }, operation: OP.getRooms });
      expectStatus(ctx, byAccept, 200, 'listing rooms answers 200');
      expectJson(ctx, byAccept, 'Accept: application/json');
    }, { operation: OP.getRooms });
    await ctx.rule('no format and no Accept answers an XML envelope, list entries as <element>', async () => {
      const asXml = await ctx.target.request({ method: 'GET', path: `${V1}/room`, auth: plain, operation: OP.getRooms });
      expectStatus(ctx, asXml, 200, 'listing rooms answers 200');
      const root = xmlEnvelope(ctx, asXml, 'no format and no Accept');
      const status = textOf(childrenNamed(childrenNamed(root, 'meta')[0]!, 'status')[0]!);
      if (status !== 'ok') ctx.fail({ rule: 'the XML meta says ok on success', expected: '<status>ok</status>', actual: `<status>${status}</status>`, response: asXml });
      const items = childrenNamed(root, 'data')[0]!.children;
      // nextcloud/server OCS BaseResponse::toXML names list entries (numeric keys) `element`.
      if ((rooms !== undefined && items.length !== rooms) || items.length === 0 || items.some((i) => i.name !== 'element')) {
        ctx.fail({
          rule: 'XML lists carry their entries as <element>',
          specRef: '#/components/parameters/format',
          expected: `${rooms ?? 'one or more'} <element> children of <data>`,
          actual: `children ${JSON.stringify(items.slice(0, 5).map((i) => i.name))} (${items.length})`,
          response: asXml,
        });
      }
    }, { operation: OP.getRooms });
    await ctx.rule('format=xml answers an XML envelope', async () => {
      xmlEnvelope(ctx, await ctx.target.request({ method: 'GET', path: `${V1}/room`, query: { format: 'xml' }, auth: plain, operation: OP.getRooms }), 'format=xml');
    }, { operation: OP.getRooms });
    await ctx.rule('a failure negotiates the same way (404 in JSON for Accept: application/json)', async () => {
      spend(ctx, 'talkRoomToken');
      const missing = await ctx.target.request({ method: 'GET', path: `${V1}/room/${UNKNOWN_ROOM}`, auth: { ...plain, accept: 'application/json' }, operation: OP.getRoom });
      expectStatus(ctx, missing, 404, 'an unknown room is 404');
      expectJson(ctx, missing, 'a failure with Accept: application/json');
    }, { operation: OP.getRoom });
  },
};

// ---------------------------------------------------------------- status mapping

const statusMapping: Check = {
  id: 'nextcloud-talk.ocs.status-mapping',
  title: 'on /ocs/v2.php the HTTP status is the controller status; not logged in is HTTP 401 with statuscode 997',
  operations: [OP.getRooms, OP.getRoom, OP.renameRoom],
  specRef: '#/components/responses/Unauthorized',
  needs: ['credentials', 'writes'],
  decision: 'ocs-status-mapping',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const expectMapping = (res: TargetResponse, http: number, code: number, what: string) => {
      const env = envelope(ctx, res, `${what}: an OCS envelope`);
      if (res.status !== http || env.meta.statuscode !== code) {
        ctx.fail({
          rule: `${what}: HTTP ${http} with meta.statuscode ${code}`,
          expected: `HTTP ${http}, statuscode ${code}`,
          actual: `HTTP ${res.status}, statuscode ${env.meta.statuscode}`,
          response: res,
          operation: res.exchange.operation,
        });
      }
    };
    await ctx.rule('not logged in: HTTP 401 with meta.statuscode 997', async () => {
      expectMapping(await ocs(ctx, { method: 'GET', path: `${V1}/room`, as: ANONYMOUS, operation: OP.getRooms }), 401, 997, 'not logged in');
    }, { operation: OP.getRooms });
    await ctx.rule('an unknown room: HTTP 404 with meta.statuscode 404', async () => {
      spend(ctx, 'talkRoomToken');
      expectMapping(await ocs(ctx, { method: 'GET', path: `${V1}/room/${UNKNOWN_ROOM}`, as: c.owner, operation: OP.getRoom }), 404, 404, 'an unknown room');
    }, { operation: OP.getRoom });
    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    await ctx.rule('a plain user renaming: HTTP 403 with meta.statuscode 403', async () => {
      expectMapping(await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}`, as: c.member, body: { roomName: 'nope' }, operation: OP.renameRoom }), 403, 403, 'a plain user renaming');
    }, { operation: OP.renameRoom });
    await ctx.rule('a successful read: HTTP 200 with meta.statuscode 200', async () => {
      expectMapping(await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: c.owner, operation: OP.getRoom }), 200, 200, 'a successful read');
    }, { operation: OP.getRoom });
  },
};

export const ocsChecks: Check[] = [envelopeCheck, formatNegotiation, statusMapping];
