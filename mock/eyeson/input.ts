// Request bodies as the official clients send them: form-urlencoded (eyeson-go, eyeson-php,
// eyeson-ruby; nested keys in brackets like `user[name]`, lists as `users[]`), JSON (eyeson-node)
// or multipart. All become one plain object, so handlers never care about the encoding.
import { has } from './context.ts';
import type { EyesonContext } from './context.ts';
import { decodeUtf8Strict, type MockRequest } from '../../core/http.ts';

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
      form.forEach((v, k) => {
        if (typeof v === 'string') pairs.push([k, v]);
      });
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
