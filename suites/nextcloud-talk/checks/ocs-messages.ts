// What an OCS failure says (facts §2.4; nextcloud/server V2Response: meta.message is "OK" on
// success, else the message the failure carries or ""): the not-logged-in 401 says "Current user is
// not logged in" (OCSMiddleware), a path no route serves is statuscode 998 "Invalid query, please
// check the syntax. …" (ocs/v1.php, which v2.php includes), and a Talk controller's refusal
// (DataResponse([], 400/403/404)) carries no message and empty data. And a JSON null is an empty
// element in XML (BaseResponse::toXml writes PHP's string cast).
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { spend } from '../brute-force.ts';
import { parseXml } from '../xml.ts';
import { ANONYMOUS, OP, REC, V1, cast, createRoom, excerpt, headersFor, ocs, requireWrites } from '../support.ts';

const META_SPEC = '#/components/schemas/OcsMeta';
const UNKNOWN_ROOM = 'nosuchroom1';

interface Meta {
  status?: unknown;
  statuscode?: unknown;
  message?: unknown;
}

const metaOf = (res: TargetResponse): { meta: Meta | undefined; data: unknown } => {
  try {
    const body = JSON.parse(res.text()) as { ocs?: { meta?: Meta; data?: unknown } };
    return { meta: body.ocs?.meta, data: body.ocs?.data };
  } catch {
    return { meta: undefined, data: undefined };
  }
};

const messages: Check = {
  id: 'nextcloud-talk.ocs.failure-messages',
  title: 'not logged in says "Current user is not logged in"; an unknown path is statuscode 998 "Invalid query…"; the CSRF refusal is plain JSON; Talk refusals (400/403/404) carry an empty message and data; a null is an empty XML element',
  operations: [OP.getRooms, OP.getRoom, OP.renameRoom, OP.createRoom, OP.stopRecording, OP.addFavorite],
  specRef: META_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);

    const notLoggedIn = 'not logged in: HTTP 401, statuscode 997, message "Current user is not logged in", data []';
    await ctx.rule(notLoggedIn, async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room`, as: ANONYMOUS, operation: OP.getRooms });
      const { meta, data } = metaOf(res);
      if (res.status !== 401 || meta?.statuscode !== 997 || meta.message !== 'Current user is not logged in' || !Array.isArray(data) || data.length !== 0) {
        ctx.fail({ rule: notLoggedIn, specRef: '#/components/responses/Unauthorized', expected: 'HTTP 401, meta {status: failure, statuscode: 997, message: "Current user is not logged in"}, data []', actual: `HTTP ${res.status} ${excerpt(res, 200)}`, response: res, operation: OP.getRooms });
      }
    }, { operation: OP.getRooms });

    const miss = 'a path no route serves: HTTP 404, statuscode 998, a message starting "Invalid query, please check the syntax."';
    await ctx.rule(miss, async () => {
      const res = await ctx.target.request({ method: 'GET', path: `${V1}/callrec-no-such-endpoint`, query: { format: 'json' }, auth: headersFor(c.owner), expectMiss: true });
      const { meta } = metaOf(res);
      if (res.status !== 404 || meta?.statuscode !== 998 || meta.status !== 'failure' || typeof meta.message !== 'string' || !meta.message.startsWith('Invalid query, please check the syntax.')) {
        ctx.fail({ rule: miss, specRef: '#/components/responses/NotFound', expected: 'HTTP 404, meta {status: failure, statuscode: 998, message: "Invalid query, please check the syntax. …"}', actual: `HTTP ${res.status} ${excerpt(res, 200)}`, response: res });
      }
    });

    // SecurityMiddleware's CSRF refusal is not an OCS answer: OCSMiddleware re-wraps only 401/403.
    const csrf = 'the CSRF refusal (no OCS-APIRequest, no requesttoken) is HTTP 412 with the plain JSON {"message":"CSRF check failed"}';
    await ctx.rule(csrf, async () => {
      const { 'ocs-apirequest': _dropped, ...auth } = headersFor(c.owner);
      const res = await ctx.target.request({ method: 'GET', path: `${V1}/room`, query: { format: 'json' }, auth, operation: OP.getRooms });
      let body: unknown;
      try {
        body = JSON.parse(res.text());
      } catch {
        body = undefined;
      }
      if (res.status !== 412 || JSON.stringify(body) !== '{"message":"CSRF check failed"}') ctx.fail({ rule: csrf, specRef: '#/components/responses/LobbyOrCsrf', expected: 'HTTP 412 {"message":"CSRF check failed"}', actual: `HTTP ${res.status} ${excerpt(res, 160)}`, response: res, operation: OP.getRooms });
    }, { operation: OP.getRooms });

    const token = await createRoom(ctx, c.owner, 2, [c.member]);
    const refusal = 'a Talk refusal (400, 403, 404) carries meta.status failure, its status as statuscode, an empty message and empty data';
    await ctx.rule(refusal, async () => {
      spend(ctx, 'talkRoomToken');
      const answers: [TargetResponse, number][] = [
        [await ocs(ctx, { method: 'POST', path: `${V1}/room`, as: c.owner, body: { roomType: 9, roomName: 'callrec bad type' }, operation: OP.createRoom }), 400],
        [await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}`, as: c.member, body: { roomName: 'not mine to rename' }, operation: OP.renameRoom }), 403],
        [await ocs(ctx, { method: 'GET', path: `${V1}/room/${UNKNOWN_ROOM}`, as: c.owner, operation: OP.getRoom }), 404],
      ];
      const wrong = answers.filter(([res, status]) => {
        const { meta, data } = metaOf(res);
        return res.status !== status || meta?.status !== 'failure' || meta.statuscode !== status || meta.message !== '' || !Array.isArray(data) || data.length !== 0;
      });
      const first = wrong[0]?.[0];
      if (first) ctx.fail({ rule: refusal, specRef: META_SPEC, expected: 'HTTP 400 / 403 / 404, each {status: failure, statuscode: <status>, message: ""}, data []', actual: wrong.map(([res]) => `${res.exchange.operation} HTTP ${res.status} ${excerpt(res, 160)}`).join('; '), response: first, operation: first.exchange.operation });
    }, { operation: OP.renameRoom });

    // Stopping a recording when none runs is a 200 whose data is null (decision stop-idempotent).
    const nul = 'a null data (stopping a recording when none runs) is an empty <data/> in XML';
    await ctx.rule(nul, async () => {
      const json = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}`, as: c.owner, operation: OP.stopRecording });
      if (json.status !== 200 || metaOf(json).data !== null) ctx.notApplicable(`stopping an idle recording answered HTTP ${json.status} ${excerpt(json, 120)}, not a 200 with data null`);
      const xml = await ocs(ctx, { method: 'DELETE', path: `${REC}/${token}`, as: c.owner, query: { format: 'xml' }, format: 'none', operation: OP.stopRecording });
      const data = parseXml(xml.text())?.children.find((n) => n.name === 'data');
      if (xml.status !== 200 || !data || data.children.length > 0 || data.text !== '') ctx.fail({ rule: nul, specRef: '#/components/parameters/format', expected: 'HTTP 200 with an empty <data/>', actual: `HTTP ${xml.status} ${excerpt(xml, 200)}`, response: xml, operation: OP.stopRecording, decision: 'ocs-format-negotiation' });
    }, { operation: OP.stopRecording, decision: 'ocs-format-negotiation' });
    // libxml's writer closes an element it wrote nothing into as <x/> (XMLWriter, indenting).
    const empty = 'an empty data ([], a done change) is written <data/> in XML, as XMLWriter closes an empty element';
    await ctx.rule(empty, async () => {
      const xml = await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/favorite`, as: c.owner, query: { format: 'xml' }, format: 'none', operation: OP.addFavorite });
      if (xml.status !== 200 || !/\n <data\/>\n<\/ocs>\n?$/.test(xml.text())) ctx.fail({ rule: empty, specRef: '#/components/parameters/format', expected: 'HTTP 200 ending " <data/>" then "</ocs>"', actual: `HTTP ${xml.status} ${excerpt(xml, 240)}`, response: xml, operation: OP.addFavorite, decision: 'ocs-format-negotiation' });
    }, { operation: OP.addFavorite, decision: 'ocs-format-negotiation' });
  },
};

// nextcloud/server OCSMiddleware::getFormat: the `format` parameter decides; only without it is
// the Accept header read (OCSController::getResponderByHTTPHeader: each comma-separated type,
// trimmed and lower-cased, 'application/json' → json), XML by default.
const precedence: Check = {
  id: 'nextcloud-talk.ocs.format-precedence',
  title: 'format=xml wins over Accept: application/json; Accept is read case-insensitively among several types',
  operations: [OP.getRooms],
  specRef: '#/components/parameters/format',
  needs: ['credentials'],
  decision: 'ocs-format-negotiation',
  async run(ctx: CheckContext) {
    const c = cast(ctx);
    const list = (query: Record<string, string>, accept: string) => ctx.target.request({ method: 'GET', path: `${V1}/room`, query, auth: { ...headersFor(c.owner), accept }, operation: OP.getRooms });
    const isJson = (res: TargetResponse) => /^application\/json/i.test(res.headers['content-type'] ?? '') && metaOf(res).meta !== undefined;
    const isXml = (res: TargetResponse) => /^(application|text)\/xml/i.test(res.headers['content-type'] ?? '') && parseXml(res.text())?.name === 'ocs';
    const wins = 'format=xml is answered in XML even with Accept: application/json';
    await ctx.rule(wins, async () => {
      const res = await list({ format: 'xml' }, 'application/json');
      if (res.status !== 200 || !isXml(res)) ctx.fail({ rule: wins, expected: 'HTTP 200, an XML <ocs> envelope', actual: `HTTP ${res.status} ${res.headers['content-type'] ?? '(no content type)'}: ${excerpt(res, 120)}`, response: res, operation: OP.getRooms, decision: 'ocs-format-negotiation' });
    }, { operation: OP.getRooms, decision: 'ocs-format-negotiation' });
    const anyCase = 'Accept: text/html, Application/JSON (no format) is answered in JSON';
    await ctx.rule(anyCase, async () => {
      const res = await list({}, 'text/html, Application/JSON');
      if (res.status !== 200 || !isJson(res)) ctx.fail({ rule: anyCase, expected: 'HTTP 200, a JSON envelope', actual: `HTTP ${res.status} ${res.headers['content-type'] ?? '(no content type)'}: ${excerpt(res, 120)}`, response: res, operation: OP.getRooms, decision: 'ocs-format-negotiation' });
    }, { operation: OP.getRooms, decision: 'ocs-format-negotiation' });
  },
};

// The OCS JSON responder writes json_encode($response, JSON_HEX_TAG) (facts §2.4). PHP's encoder
// (ext/json json_encoder.c) writes '/' as \/, '<' and '>' as the fixed \u003C and \u003E, and every
// character beyond ASCII as \u plus four lower-case hex digits (its digit table), a character
// beyond the BMP as its surrogate pair. Any parser reads the same value; these are the bytes.
const jsonBytes: Check = {
  id: 'nextcloud-talk.ocs.json-bytes',
  title: 'JSON answers are written as PHP json_encode(…, JSON_HEX_TAG) writes them: \\/, \\u003C/\\u003E, non-ASCII as lower-case \\uxxxx',
  operations: [OP.renameRoom, OP.getRoom],
  specRef: META_SPEC,
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2);
    const tag = ctx.seed.toString(36);
    // Characters of the Basic Multilingual Plane only: a server on MySQL's 3-byte utf8 cannot store
    // an emoji in a room name at all.
    const name = `callrec a/b <c> \u00e9\u20ac \u2615 ${tag}`;
    const written = `"name":"callrec a\\/b \\u003Cc\\u003E \\u00e9\\u20ac \\u2615 ${tag}"`;
    const rule = 'a room name with /, <, >, accents and a symbol is written byte for byte as PHP json_encode(JSON_HEX_TAG) writes it';
    await ctx.rule(rule, async () => {
      const renamed = await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}`, as: c.owner, body: { roomName: name }, operation: OP.renameRoom });
      if (renamed.status !== 200) ctx.fail({ rule: 'the owner renames the room', expected: 'HTTP 200', actual: `HTTP ${renamed.status} ${excerpt(renamed)}`, response: renamed, operation: OP.renameRoom });
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room/${token}`, as: c.owner, operation: OP.getRoom });
      const text = res.text();
      const at = text.indexOf('"name":');
      if (res.status !== 200 || !text.includes(written)) ctx.fail({ rule, specRef: META_SPEC, expected: written, actual: at >= 0 ? text.slice(at, at + written.length + 20) : `HTTP ${res.status} ${excerpt(res, 160)}`, response: res, operation: OP.getRoom });
    }, { operation: OP.getRoom });
  },
};

// Nextcloud hands the raw path to Symfony's UrlMatcher, which matches it rawurldecode()d: a
// token written with percent-escapes names the same room.
const encodedPath: Check = {
  id: 'nextcloud-talk.ocs.path-decoded',
  title: 'a room token written with percent-escapes in the path (%61 for a) names the same room',
  operations: [OP.getRoom],
  specRef: '#/components/parameters/token',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2);
    const escaped = [...token].map((ch) => `%${ch.charCodeAt(0).toString(16).padStart(2, '0')}`).join('');
    const rule = 'GET /room/<the token, every character percent-escaped> answers the room (200, same token)';
    await ctx.rule(rule, async () => {
      const res = await ocs(ctx, { method: 'GET', path: `${V1}/room/${escaped}`, as: c.owner, operation: OP.getRoom });
      const got = res.status === 200 ? metaOf(res).data : undefined;
      const same = typeof got === 'object' && got !== null && (got as { token?: unknown }).token === token;
      if (!same) ctx.fail({ rule, specRef: '#/components/parameters/token', expected: `HTTP 200, data.token ${token}`, actual: `HTTP ${res.status} ${excerpt(res, 160)}`, response: res, operation: OP.getRoom });
    }, { operation: OP.getRoom });
  },
};

export const ocsMessageChecks: Check[] = [messages, precedence, jsonBytes, encodedPath];
