// The same answer in both OCS formats (spec decision ocs-format-negotiation): the XML envelope
// must carry exactly the data of the JSON one, written as Nextcloud's XMLWriter writes PHP values
// (maps as named elements, lists as <element>, true as "1", false and null as empty elements,
// text escaped). A room name and a message full of characters that need escaping, a mention
// (nested rich parameters) and the room's lastMessage give every branch of that mapping work.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { OP, V1, cast, createRoom, excerpt, ocs, postMessage, requireWrites, type OperationId } from '../support.ts';
import { parseXml, type XmlNode } from '../xml.ts';

const SPEC = '#/components/parameters/format';
const DECISION = 'ocs-format-negotiation';
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** PHP's string cast of a scalar, as XMLWriter writes it. */
const scalarText = (v: unknown): string => (v === true ? '1' : v === false || v === null || v === undefined ? '' : String(v));
/** Characters XML 1.0 cannot carry: left out of the XML text (spec decision ocs-format-negotiation). */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** Where the XML node differs from the JSON value (empty when they agree). */
export function xmlDiff(node: XmlNode | undefined, value: unknown, path: string, out: string[] = []): string[] {
  if (out.length >= 5) return out;
  if (!node) {
    out.push(`${path}: missing`);
    return out;
  }
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    const entries: [string, unknown][] = Array.isArray(value) ? value.map((x) => ['element', x]) : Object.entries(value as Record<string, unknown>);
    if (node.children.length !== entries.length) {
      out.push(`${path}: ${node.children.length} child element(s), JSON has ${entries.length}`);
      return out;
    }
    entries.forEach(([k, x], i) => {
      const want = Array.isArray(value) || !XML_NAME.test(k) || /^xml/i.test(k) ? 'element' : k;
      const child = node.children[i]!;
      if (child.name !== want) out.push(`${path}: element ${i} is <${child.name}>, JSON key ${JSON.stringify(k)}`);
      else xmlDiff(child, x, `${path}/${want}`, out);
    });
    return out;
  }
  if (node.children.length > 0) out.push(`${path}: has child elements, JSON has ${JSON.stringify(value)}`);
  else if (node.text !== scalarText(value).replace(NOT_XML, '')) out.push(`${path}: ${JSON.stringify(node.text)}, JSON ${JSON.stringify(value)}`);
  return out;
}

const sameData: Check = {
  id: 'nextcloud-talk.ocs.xml-same-data',
  title: 'format=xml answers carry exactly the JSON data and meta (rooms, participants, chat with rich parameters), written as XMLWriter writes PHP values and escaped',
  operations: [OP.getRoom, OP.getParticipants, OP.receiveMessages, OP.getRooms],
  specRef: SPEC,
  needs: ['credentials', 'writes'],
  decision: DECISION,
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 3, [c.member]);
    const rename = await ocs(ctx, { method: 'PUT', path: `${V1}/room/${token}`, as: c.owner, body: { roomName: `Tom & Jerry <"quoted"> 'single' café ☕ \u0001bell\u001f ${ctx.seed}` }, operation: OP.renameRoom });
    if (rename.status !== 200) ctx.fail({ rule: 'the owner renames the room', expected: 'HTTP 200', actual: `HTTP ${rename.status}`, response: rename, operation: OP.renameRoom });
    await postMessage(ctx, c.owner, token, `x < y & "z" > 'w' — @${c.member.user} café ☕`);
    // A favorite gives the room a true (isFavorite) for the "1" of PHP's string cast.
    await ocs(ctx, { method: 'POST', path: `${V1}/room/${token}/favorite`, as: c.owner, operation: OP.addFavorite });
    const probes: [OperationId, string, Record<string, string | number>][] = [
      [OP.getRoom, `${V1}/room/${token}`, {}],
      [OP.getParticipants, `${V1}/room/${token}/participants`, {}],
      [OP.receiveMessages, `${V1}/chat/${token}`, { lookIntoFuture: 0, limit: 20 }],
    ];
    for (const [operation, path, query] of probes) {
      await ctx.rule(`${operation}: the XML answer carries the JSON answer's data`, async () => {
        const json = await ocs(ctx, { method: 'GET', path, as: c.owner, query, operation });
        const xml = await ocs(ctx, { method: 'GET', path, as: c.owner, query: { ...query, format: 'xml' }, format: 'none', operation });
        const fail = (actual: string, response: TargetResponse) => ctx.fail({ rule: 'the XML envelope carries the JSON data', specRef: SPEC, expected: 'the same data in both formats', actual, response, operation, decision: DECISION });
        if (json.status !== 200 || xml.status !== 200) fail(`HTTP ${json.status} (JSON) / ${xml.status} (XML)`, xml);
        const data = json.json<{ ocs?: { data?: unknown } }>().ocs?.data;
        const root = parseXml(xml.text());
        const dataNode = root?.name === 'ocs' ? root.children.find((n) => n.name === 'data') : undefined;
        if (!dataNode) fail(`no <ocs><data> in ${excerpt(xml, 120)}`, xml);
        const diff = xmlDiff(dataNode, data, 'data');
        if (diff.length) fail(diff.join('; '), xml);
        // PHP's XMLWriter::startDocument, which OC_API's XML answers begin with.
        if (!xml.text().startsWith('<?xml version="1.0"?>')) fail(`no XML declaration first: ${excerpt(xml, 60)}`, xml);

      }, { operation, decision: DECISION });
    }
    // The meta of either format (facts §2.4): status, statuscode, message; totalitems and
    // itemsperpage only when set, which no Talk v1 answer does.
    await ctx.rule('the meta is status, statuscode and message in either format (no paging fields on an answer that is no page)', async () => {
      const path = `${V1}/room/${token}`;
      const json = await ocs(ctx, { method: 'GET', path, as: c.owner, operation: OP.getRoom });
      const xml = await ocs(ctx, { method: 'GET', path, as: c.owner, query: { format: 'xml' }, format: 'none', operation: OP.getRoom });
      const meta = json.json<{ ocs?: { meta?: unknown } }>().ocs?.meta;
      const root = parseXml(xml.text());
      const diff = root?.name === 'ocs' ? xmlDiff(root.children.find((n) => n.name === 'meta'), meta, 'meta') : ['no <ocs> root'];
      const keys = Object.keys(typeof meta === 'object' && meta !== null ? meta : {}).sort().join(',');
      if (keys !== 'message,status,statuscode') diff.push(`JSON meta keys ${keys}`);
      if (json.status !== 200 || xml.status !== 200 || diff.length) ctx.fail({ rule: 'the XML meta is the JSON meta', specRef: SPEC, expected: 'HTTP 200 in both formats, the same meta (status, statuscode, message)', actual: `HTTP ${json.status}/${xml.status}; ${diff.join('; ')}`, response: xml, operation: OP.getRoom });
    }, { operation: OP.getRoom });
  },
};

export const ocsXmlChecks: Check[] = [sameData];
