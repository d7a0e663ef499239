// Request bodies as the official clients send them: form-urlencoded (eyeson-go, eyeson-php,
// eyeson-ruby; nested keys in brackets like `user[name]`, lists as `users[]`), JSON (eyeson-node)
// or multipart. All become one plain object, so handlers never care about the encoding.
import { has } from './context.ts';
import type { EyesonContext } from './context.ts';
import { decodeUtf8Strict, type MockRequest } from '../../core/http.ts';
import { AUDIO_INSERTS, BOOLEAN_OPTIONS, SFU_MODES, type AudioInsert, type MeetingOptions, type SfuMode } from './types.ts';

/** Bodies larger than this are refused with 413 (a callrec decision; the sources are silent). */
export const BODY_LIMIT_BYTES = 64 * 1024;

export type Fields = Record<string, unknown>;
export type ParsedBody =
  | { ok: true; fields: Fields }
  | { ok: false; status: 400 | 413 | 415 | 500; message: string };

const isObject = (v: unknown): v is Fields => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Puts `value` under a bracketed key: `user[name]` → {user: {name}}, `users[]` → {users: [..]}.
 * A key that does not parse as brackets is kept literally. Later values of a plain key win.
 */
export function assignBracketed(target: Fields, key: string, value: string): void {
  const m = /^([^[\]]+)((?:\[[^[\]]*\])+)$/.exec(key);
  if (!m) {
    target[key] = value;
    return;
  }
  const path = [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)];
  let node: Fields = target;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i]!;
    const nextIsList = path[i + 1] === '';
    if (nextIsList) {
      const list = Array.isArray(node[seg]) ? (node[seg] as unknown[]) : [];
      node[seg] = list;
      if (i + 1 === path.length - 1) {
        list.push(value);
        return;
      }
      const child: Fields = {};
      list.push(child);
      node = child;
      i++; // the `[]` segment is consumed
      continue;
    }
    if (!isObject(node[seg])) node[seg] = {};
    node = node[seg] as Fields;
  }
  node[path[path.length - 1]!] = value;
}

function fromPairs(ctx: EyesonContext, pairs: Iterable<[string, string]>): Fields {
  const fields: Fields = {};
  for (const [k, v] of pairs) {
    if (k.includes('[') && has(ctx, 'bracketed-keys-ignored')) continue;
    assignBracketed(fields, k, v);
  }
  return fields;
}

export async function parseBody(ctx: EyesonContext, req: MockRequest): Promise<ParsedBody> {
  if (req.body.byteLength > BODY_LIMIT_BYTES) return { ok: false, status: 413, message: `body over ${BODY_LIMIT_BYTES} bytes` };
  if (req.body.byteLength === 0) return { ok: true, fields: {} };
  const type = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  // curl (eyeson-php) and most form clients send form-urlencoded; a body without a type is read as a form.
  if (type === '' || type === 'application/x-www-form-urlencoded') {
    if (has(ctx, 'form-body-rejected')) return { ok: false, status: 400, message: 'form-encoded bodies are not accepted' };
    const text = new TextDecoder().decode(req.body);
    return { ok: true, fields: fromPairs(ctx, new URLSearchParams(text)) };
  }
  if (type === 'application/json' || type.endsWith('+json')) {
    if (has(ctx, 'json-body-rejected')) return { ok: false, status: 400, message: 'JSON bodies are not accepted' };
    let value: unknown;
    try {
      value = JSON.parse(decodeUtf8Strict(req.body));
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      return has(ctx, 'malformed-json-500')
        ? { ok: false, status: 500, message: `unexpected error: ${detail}` }
        : { ok: false, status: 400, message: `malformed JSON body: ${detail}` };
    }
    if (!isObject(value)) return { ok: false, status: 400, message: 'the JSON body must be an object' };
    return { ok: true, fields: value };
  }
  if (type === 'multipart/form-data') {
    try {
      const form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': req.headers['content-type']! } }).formData();
      const pairs: [string, string][] = [];
      // A file part is an upload, not a field: no documented field of these bodies is a file.
      for (const [k, v] of form.entries()) {
        if (typeof v === 'string') pairs.push([k, v]);
        else if (has(ctx, 'multipart-file-parts-read')) pairs.push([k, await v.text()]);
      }
      return { ok: true, fields: fromPairs(ctx, pairs) };
    } catch (e) {
      return { ok: false, status: 400, message: `malformed multipart body: ${e instanceof Error ? e.message : String(e)}` };
    }
  }
  return { ok: false, status: 415, message: type };
}

/** "true"/"false"/"1"/"0" (forms) and booleans (JSON); undefined when absent, null when neither. */
export function booleanField(v: unknown): boolean | undefined | null {
  if (v === undefined) return undefined;
  if (v === true || v === 'true' || v === '1') return true;
  if (v === false || v === 'false' || v === '0') return false;
  return null;
}

export const stringField = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export type ParsedOptions = { ok: true; recordingAvailable?: boolean; options: MeetingOptions } | { ok: false; message: string };

/** custom_fields entries eyeson-node documents as booleans; the rest are kept as sent. */
const CUSTOM_BOOLEANS = new Set(['hide_chat', 'virtual_background', 'virtual_background_allow_guest']);

const integerField = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (typeof v === 'string' && /^-?\d{1,9}$/.test(v)) return Number(v);
  return undefined;
};

/**
 * The `options` of POST /rooms (decision room-options): documented options become typed values,
 * a value that is not one of the option's spellings is a 400 naming it, other keys are ignored.
 */
export function parseRoomOptions(raw: unknown): ParsedOptions {
  if (raw === undefined || raw === null || raw === '') return { ok: true, options: {} };
  if (!isObject(raw)) return { ok: false, message: 'options must be an object (options[name]=value)' };
  const out: MeetingOptions = {};
  let recordingAvailable: boolean | undefined;
  for (const name of BOOLEAN_OPTIONS) {
    const v = booleanField(raw[name]);
    if (v === null) return { ok: false, message: `options[${name}] must be true or false` };
    if (v === undefined) continue;
    if (name === 'recording_available') recordingAvailable = v;
    else out[name] = v;
  }
  if (raw.exit_url !== undefined) {
    const url = stringField(raw.exit_url);
    if (url === undefined) return { ok: false, message: 'options[exit_url] must be a string' };
    out.exit_url = url;
  }
  if (raw.sfu_mode !== undefined) {
    if (!SFU_MODES.includes(raw.sfu_mode as SfuMode)) return { ok: false, message: `options[sfu_mode] must be one of ${SFU_MODES.join(', ')}` };
    out.sfu_mode = raw.sfu_mode as SfuMode;
  }
  if (raw.background_color !== undefined) {
    if (typeof raw.background_color !== 'string' || !/^#[0-9A-Fa-f]{6}$/.test(raw.background_color)) return { ok: false, message: 'options[background_color] must be #RRGGBB' };
    out.background_color = raw.background_color;
  }
  if (raw.audio_insert !== undefined) {
    if (!AUDIO_INSERTS.includes(raw.audio_insert as AudioInsert)) return { ok: false, message: `options[audio_insert] must be one of ${AUDIO_INSERTS.join(', ')}` };
    out.audio_insert = raw.audio_insert as AudioInsert;
  }
  if (raw.audio_insert_position !== undefined) {
    const pos = raw.audio_insert_position;
    const x = isObject(pos) ? integerField(pos.x) : undefined;
    const y = isObject(pos) ? integerField(pos.y) : undefined;
    if (x === undefined || y === undefined) return { ok: false, message: 'options[audio_insert_position] needs integer x and y' };
    out.audio_insert_position = { x, y };
  }
  if (raw.custom_fields !== undefined) {
    if (!isObject(raw.custom_fields)) return { ok: false, message: 'options[custom_fields] must be an object' };
    const fields: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(raw.custom_fields)) {
      if (!CUSTOM_BOOLEANS.has(k)) {
        fields[k] = v;
        continue;
      }
      const b = booleanField(v);
      if (b === null) return { ok: false, message: `options[custom_fields][${k}] must be true or false` };
      fields[k] = b;
    }
    out.custom_fields = fields;
  }
  return { ok: true, ...(recordingAvailable !== undefined ? { recordingAvailable } : {}), options: out };
}
