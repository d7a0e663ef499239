// The OCS envelope Nextcloud wraps every API answer in (facts §2.4), for /ocs/v2.php:
// `{ocs:{meta:{status,statuscode,message},data}}` as JSON when `format=json` or
// `Accept: application/json`, XML otherwise. Handlers return an OcsResult; the router
// renders it for the request, so negotiation lives in one place.
import type { Headers, MockRequest, MockResponse } from '../../core/http.ts';

export interface OcsResult {
  kind: 'ocs';
  /** The controller status = `meta.statuscode`; the HTTP status is derived by v2Status. */
  statuscode: number;
  message: string;
  data: unknown;
  headers: Headers;
  totalitems?: number;
  itemsperpage?: number;
}

export const isOcsResult = (v: unknown): v is OcsResult => typeof v === 'object' && v !== null && (v as OcsResult).kind === 'ocs';

/** A success: data plus the controller status (200 unless told). */
export function ok(data: unknown, o: { status?: number; headers?: Headers } = {}): OcsResult {
  return { kind: 'ocs', statuscode: o.status ?? 200, message: '', data, headers: o.headers ?? {} };
}

/**
 * A failure: the controller status (also OCS codes 996–999), its message and data.
 * Talk's middleware answers with empty data, which PHP serialises as `[]`.
 */
export function failure(statuscode: number, message = '', data: unknown = [], headers: Headers = {}): OcsResult {
  return { kind: 'ocs', statuscode, message, data, headers };
}

/** OCS v2: the HTTP status that goes with a controller/OCS status code. */
export function v2Status(statuscode: number): number {
  if (statuscode === 997) return 401;
  if (statuscode === 998) return 404;
  if (statuscode === 996 || statuscode === 999) return 500;
  // OCS v2's mapping of codes that are no HTTP status; no Talk controller answers one (the mock's
  // statuses are 200–500 or 996–998), so only the unit test of v2Status reaches it.
  if (statuscode < 200 || statuscode > 600) return 400;
  return statuscode;
}

export type OcsFormat = 'json' | 'xml';

/** `format` query parameter first, then an Accept header mentioning application/json. */
export function negotiate(req: MockRequest): OcsFormat {
  const f = req.query.get('format');
  if (f === 'json') return 'json';
  if (f === 'xml') return 'xml';
  return /application\/json/i.test(req.headers['accept'] ?? '') ? 'json' : 'xml';
}

export interface RenderOptions {
  /** Fault switches that bend the envelope (see faults-talk.ts). */
  faults?: ReadonlySet<string>;
}

/**
 * 304 Not Modified (the chat long-poll that saw nothing new) carries no body, as HTTP says and
 * Nextcloud sends; it is the only bodiless status a Talk controller answers (no 204, and v2Status
 * maps anything below 200 to 400).
 */
const NOT_MODIFIED = 304;

export function render(req: MockRequest, r: OcsResult, o: RenderOptions = {}): MockResponse {
  const faults = o.faults ?? new Set<string>();
  let status = v2Status(r.statuscode);
  if (faults.has('ocs-http-status-always-200') && status >= 400) status = 200;
  if (status === NOT_MODIFIED) return { status, headers: { ...r.headers }, body: undefined };
  const okay = r.statuscode >= 200 && r.statuscode < 300;
  const meta: Record<string, unknown> = {
    status: okay ? 'ok' : 'failure',
    statuscode: faults.has('ocs-statuscode-is-http') ? status : r.statuscode,
    message: okay ? 'OK' : r.message,
  };
  if (faults.has('ocs-meta-status-wrong') && !okay) meta.status = 'ok';
  if (faults.has('ocs-refusal-message-set') && !okay && r.message === '') meta.message = 'Bad Request';
  if (r.totalitems !== undefined) meta.totalitems = r.totalitems;
  if (r.itemsperpage !== undefined) meta.itemsperpage = r.itemsperpage;
  let format = negotiate(req);
  if (faults.has('ocs-accept-json-ignored') && req.query.get('format') !== 'json') format = 'xml';
  if (faults.has('ocs-accept-beats-format') && /application\/json/i.test(req.headers['accept'] ?? '')) format = 'json';
  if (faults.has('ocs-accept-case-sensitive') && req.query.get('format') === null && !/application\/json/.test(req.headers['accept'] ?? '')) format = 'xml';
  if (format === 'json') {
    const envelope = faults.has('ocs-envelope-missing') && okay ? r.data : { ocs: { meta, data: r.data } };
    const body = phpJson(envelope);
    // The faults bend the bytes only (any JSON parser reads the same value).
    const bent = faults.has('json-unicode-escapes-uppercase') ? body.replace(/\\u([0-9a-f]{4})/g, (_m, h: string) => `\\u${h.toUpperCase()}`) : body;
    return { status, headers: { 'content-type': 'application/json; charset=utf-8', ...r.headers }, body: faults.has('json-slashes-unescaped') ? bent.replaceAll('\\/', '/') : bent };
  }
  const listTag = faults.has('ocs-xml-list-items-misnamed') ? 'item' : 'element';
  // The fault writes true/false as the words instead of PHP's "1" and "" (a JSON round trip with a
  // replacer: the data is JSON-shaped, and the fault's code stays inside its has() branch).
  const wordData = faults.has('ocs-xml-booleans-as-words') ? JSON.parse(JSON.stringify(r.data, (_k, x: unknown) => (typeof x === 'boolean' ? String(x) : x))) : r.data;
  // The fault writes null as the word instead of PHP's "" (an empty element).
  const plainData = faults.has('ocs-xml-null-as-text') ? JSON.parse(JSON.stringify(wordData, (_k, x: unknown) => (x === null ? 'null' : x))) : wordData;
  // The fault keeps the C0 controls XML cannot carry: parked on private-use characters through the
  // writer (which drops them), put back in the text after it.
  const data = faults.has('ocs-xml-control-chars-kept') ? JSON.parse(JSON.stringify(plainData, (_k, x: unknown) => (typeof x === 'string' ? x.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, (ch) => String.fromCharCode(0xe000 + ch.charCodeAt(0))) : x))) : plainData;
  const written = ocsXml(meta, data, listTag);
  const kept = faults.has('ocs-xml-control-chars-kept') ? written.replace(/[\ue000-\ue01f]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xe000)) : written;
  // The fault writes an empty element open and closed instead of XMLWriter's short <x/>.
  const xml = faults.has('ocs-xml-empty-open-close') ? kept.replace(/<([A-Za-z_][\w.-]*)\/>/g, '<$1></$1>') : kept;
  const body = faults.has('ocs-xml-no-declaration') ? xml.slice(xml.indexOf('\n') + 1) : xml;
  return { status, headers: { 'content-type': 'application/xml; charset=utf-8', ...r.headers }, body };
}

/**
 * JSON as PHP's json_encode(…, JSON_HEX_TAG) writes it: `<` `>` as \u003C/\u003E (upper case,
 * fixed strings in PHP's encoder), `/` as `\/`, non-ASCII as \uxxxx in lower-case hex (its digit
 * table; astral characters as their surrogate pair). Equivalent JSON for any parser; the escapes
 * keep it byte-faithful.
 */
export function phpJson(value: unknown): string {
  // '/' is common (URLs, dates) and needs no callback; the rare rest goes through one.
  const plain = JSON.stringify(value);
  const json = plain.includes('/') ? plain.replaceAll('/', '\\/') : plain;
  return PHP_HEX_ESCAPED.test(json) ? json.replace(PHP_HEX_ESCAPED_ALL, hexEscape) : json;
}

const PHP_HEX_ESCAPED = /[<>\u0080-\uffff]/;
const PHP_HEX_ESCAPED_ALL = /[<>\u0080-\uffff]/g;
const hexEscape = (ch: string): string => (ch === '<' ? '\\u003C' : ch === '>' ? '\\u003E' : `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

// ---- XML ----

const escapeXml = (s: string) =>
  s.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;')).replace(
    // Characters XML 1.0 cannot carry at all are dropped (XMLWriter would fail on them).
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g,
    '',
  );

/** Names XML accepts as element names; anything else (and numeric keys) becomes `<element>`. */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;
const tagFor = (key: string) => (XML_NAME.test(key) && !/^xml/i.test(key) ? key : 'element');

/** PHP's string cast of a scalar: true → "1", false/null → "". */
function scalarText(v: unknown): string {
  if (v === true) return '1';
  if (v === false || v === null || v === undefined) return '';
  return String(v);
}

function writeValue(out: string[], tag: string, v: unknown, indent: string, listTag: string): void {
  if (Array.isArray(v) || (typeof v === 'object' && v !== null)) {
    const entries: [string, unknown][] = Array.isArray(v) ? v.map((x) => [listTag, x]) : Object.entries(v as Record<string, unknown>);
    if (entries.length === 0) {
      out.push(`${indent}<${tag}/>`);
      return;
    }
    out.push(`${indent}<${tag}>`);
    for (const [k, x] of entries) writeValue(out, Array.isArray(v) ? listTag : tagFor(k), x, `${indent} `, listTag);
    out.push(`${indent}</${tag}>`);
    return;
  }
  const text = scalarText(v);
  out.push(text === '' ? `${indent}<${tag}/>` : `${indent}<${tag}>${escapeXml(text)}</${tag}>`);
}

/** The XML envelope, indented one space per level as PHP's XMLWriter does. */
export function ocsXml(meta: Record<string, unknown>, data: unknown, listTag = 'element'): string {
  const out: string[] = ['<?xml version="1.0"?>', '<ocs>'];
  writeValue(out, 'meta', meta, ' ', listTag);
  writeValue(out, 'data', data, ' ', listTag);
  out.push('</ocs>');
  return `${out.join('\n')}\n`;
}
