// Validation of responses against an OpenAPI 3.1 document, for any API. The mock runs it on
// every JSON response it sends and the checks on every response they get, so the work that
// can be done once (route regexes, resolved responses, compiled ajv validators) is done once,
// and a call costs a JSON.parse plus the compiled validator.
// Platform-neutral: the document comes in as an object (see spec-load.ts for reading files in node).

import Ajv2020Module from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ValidateFunction, ErrorObject } from 'ajv/dist/2020.js';
import type { SpecIssue, SpecRequest, SpecValidator } from './check.ts';
import type { Headers } from './http.ts';
import { escapeToken, followRefs, resolvePointer } from './spec-pointer.ts';
import { remember } from './remember.ts';
import { decisions } from './spec-decisions.ts';

export { decisions, decisionProblems, type Decision } from './spec-decisions.ts';

// ajv ships CommonJS; depending on the loader the class is the module or its `default`.
// (TypeScript sees the module object under NodeNext, hence the `.default` types.)
const Ajv2020 = ((Ajv2020Module as { default?: unknown }).default ?? Ajv2020Module) as typeof Ajv2020Module.default;
const addFormats = ((addFormatsModule as { default?: unknown }).default ?? addFormatsModule) as typeof addFormatsModule.default;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
/**
 * Verdicts remembered per response entry and per operation's requests, and the longest text worth
 * remembering. Validation is a pure function of schema and input: a client polling one resource
 * then costs a map lookup instead of a parse and a schema walk.
 */
const MEMO_ENTRIES = 128;
const MEMO_MAX_TEXT = 16 * 1024;

/** Issues reported per response at most; one broken field tends to cascade. */
const MAX_ISSUES = 10;

/** The validator plus what a mock or a report needs beyond the SpecValidator contract. */
export interface OpenApiValidator extends SpecValidator {
  /** Every operationId of the document's paths. */
  operationIds(): string[];
  /** Upper-case methods defined for a concrete path (HEAD included where GET is), or undefined for an unknown path. */
  allowedMethods(path: string): string[] | undefined;
  /** Validates a value against the schema at a pointer (e.g. a webhook body against `#/components/schemas/…`). */
  validateValue(schemaPointer: string, value: unknown): SpecIssue[];
}

interface ResponseEntry {
  /** Where the response is documented for this operation (before following a `$ref`), for issues. */
  pointer: string;
  /** Required headers: lower-case wire name → documented name. */
  requiredHeaders: [string, string][];
  /** Documented media types → pointer of their schema (undefined when the entry has no schema). */
  media: Map<string, string | undefined>;
  /** Verdicts on JSON body texts seen before (see remember()). */
  verdicts: Map<string, SpecIssue[]>;
}

interface OperationEntry {
  operationId: string;
  method: string; // upper-case
  pointer: string;
  template: string;
  request?: RequestEntry;
  /** Documented status keys: '200', '4XX', 'default'… */
  responseKeys: string[];
  /** Responses resolved so far (on first use), by status key. */
  responses: Map<string, ResponseEntry>;
}

/** A documented parameter, resolved once per operation on first use. */
interface ParamEntry {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  /** Pointer of its schema (undefined when it has none). */
  schemaPointer: string | undefined;
  /** How a wire string becomes a value for the schema. */
  coerce: 'string' | 'number' | 'boolean' | 'array';
  explode: boolean;
}

interface RequestEntry {
  params: ParamEntry[];
  pathRegex: RegExp;
  pathNames: string[];
  /** Pointer of the JSON request body schema, if the operation documents one. */
  bodySchema: string | undefined;
  bodyRequired: boolean;
  /** Verdicts on requests seen before, by requestKey(). */
  verdicts: Map<string, SpecIssue[]>;
}

interface Route {
  template: string;
  regex: RegExp;
  params: number;
  /** Upper-case method → operation. */
  ops: Map<string, OperationEntry>;
}

const isJsonMediaType = (mt: string): boolean => mt === 'application/json' || mt.endsWith('+json');

/** `/status must be equal to one of the allowed values`; errors on the whole body read `body must …`. */
/** The decision id a spec lists when it closes its objects (additionalProperties: false) by our choice. */
export const CLOSED_OBJECTS = 'closed-objects';

const formatAjvError = (e: ErrorObject): string => `${e.instancePath || 'body'} ${e.message ?? 'is invalid'}`;

/** The path part of the first server URL (`/api/v1`, or the path of an absolute URL); '' when none. */
export function basePathOf(doc: object): string {
  const url = (doc as { servers?: { url?: string }[] }).servers?.[0]?.url;
  if (!url) return '';
  return new URL(url, 'http://base.invalid').pathname.replace(/\/+$/, '');
}

export function createSpecValidator(doc: object, file: string, basePath: string): OpenApiValidator {
  const base = basePath.replace(/\/+$/, '');
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateSchema: false });
  addFormats(ajv);
  // Refs inside schemas (`#/components/schemas/…`) resolve against the whole document, added under its own id.
  const docId = `https://callrec.invalid/spec/${encodeURI(file)}`;
  ajv.addSchema({ ...(doc as Record<string, unknown>), $id: docId });
  const compiled = new Map<string, ValidateFunction>();
  const compile = (schemaPointer: string): ValidateFunction => {
    let fn = compiled.get(schemaPointer);
    if (!fn) {
      fn = ajv.compile({ $ref: `${docId}${schemaPointer}` });
      compiled.set(schemaPointer, fn);
    }
    return fn;
  };

  // ---- index operations and routes -------------------------------------------------------
  const byId = new Map<string, OperationEntry>();
  const routes: Route[] = [];
  const paths = ((doc as { paths?: Record<string, unknown> }).paths ?? {}) as Record<string, Record<string, unknown>>;
  for (const [template, item] of Object.entries(paths)) {
    if (!template.startsWith('/') || item === null || typeof item !== 'object') continue;
    const ops = new Map<string, OperationEntry>();
    for (const method of METHODS) {
      const op = item[method] as { operationId?: string; responses?: Record<string, unknown> } | undefined;
      if (!op?.operationId) continue;
      const entry: OperationEntry = {
        operationId: op.operationId,
        method: method.toUpperCase(),
        pointer: `#/paths/${escapeToken(template)}/${method}`,
        template,
        responseKeys: Object.keys(op.responses ?? {}),
        responses: new Map(),
      };
      byId.set(op.operationId, entry);
      ops.set(entry.method, entry);
    }
    let params = 0;
    const source = template
      .split('/')
      .map((seg) => {
        if (/^\{[^}]+\}$/.test(seg)) {
          params++;
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    routes.push({ template, regex: new RegExp(`^${source}$`), params, ops });
  }
  // Concrete paths before templated ones (OpenAPI path matching), so /recordings/download is
  // never taken for /recordings/{recordingId}.
  routes.sort((a, b) => a.params - b.params || b.template.length - a.template.length);

  /** Path below the base path, without query string or trailing slash. */
  const normalise = (path: string): string => {
    let p = path;
    const q = p.indexOf('?');
    if (q >= 0) p = p.slice(0, q);
    if (base && (p === base || p.startsWith(`${base}/`))) p = p.slice(base.length) || '/';
    if (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
    return p;
  };

  // A concrete path that lacks the method falls through to a templated one that has it, as a
  // router would: DELETE /recordings/download is deleteRecording (which then rejects the id).
  // A mock finds the operation of every request it answers; clients repeat paths (one room, one
  // recording), so the last few hundred answers are remembered instead of testing every template.
  const found = new Map<string, OperationEntry | null>();
  const findEntry = (method: string, path: string): OperationEntry | undefined => {
    const key = `${method} ${path}`;
    const known = found.get(key);
    if (known !== undefined) return known ?? undefined;
    const m = method.toUpperCase();
    const p = normalise(path);
    let hit: OperationEntry | undefined;
    for (const route of routes) {
      if (!route.regex.test(p)) continue;
      hit = route.ops.get(m) ?? (m === 'HEAD' ? route.ops.get('GET') : undefined);
      if (hit) break;
    }
    if (path.length <= 1024) remember(found, key, hit ?? null, MEMO_ENTRIES);
    return hit;
  };

  // ---- responses --------------------------------------------------------------------------
  const responseEntry = (op: OperationEntry, key: string): ResponseEntry => {
    let entry = op.responses.get(key);
    if (entry) return entry;
    const pointer = `${op.pointer}/responses/${key}`;
    const resolved = followRefs(doc, resolvePointer(doc, pointer), pointer);
    const response = (resolved?.node ?? {}) as { headers?: Record<string, unknown>; content?: Record<string, unknown> };
    const requiredHeaders: [string, string][] = [];
    for (const [name, header] of Object.entries(response.headers ?? {})) {
      const h = followRefs(doc, header, '')?.node as { required?: boolean } | undefined;
      if (h?.required === true) requiredHeaders.push([name.toLowerCase(), name]);
    }
    const media = new Map<string, string | undefined>();
    for (const [type, mediaObj] of Object.entries(response.content ?? {})) {
      const hasSchema = mediaObj !== null && typeof mediaObj === 'object' && 'schema' in mediaObj;
      media.set(type.toLowerCase(), hasSchema && resolved ? `${resolved.pointer}/content/${escapeToken(type)}/schema` : undefined);
    }
    entry = { pointer, requiredHeaders, media, verdicts: new Map() };
    op.responses.set(key, entry);
    return entry;
  };

  /** The documented response key for a status: exact, then `4XX`-style range, then `default`. */
  const responseKey = (op: OperationEntry, status: number): string | undefined => {
    const exact = String(status);
    if (op.responseKeys.includes(exact)) return exact;
    const range = `${exact[0]}XX`;
    const rangeKey = op.responseKeys.find((k) => k.toUpperCase() === range);
    if (rangeKey) return rangeKey;
    return op.responseKeys.includes('default') ? 'default' : undefined;
  };

  const matchMedia = (media: Map<string, string | undefined>, mt: string): [string, string | undefined] | undefined => {
    if (media.has(mt)) return [mt, media.get(mt)];
    const wildcard = `${mt.split('/')[0]}/*`;
    if (media.has(wildcard)) return [wildcard, media.get(wildcard)];
    if (media.has('*/*')) return ['*/*', media.get('*/*')];
    return undefined;
  };

  const decoder = new TextDecoder('utf-8');

  const schemaIssues = (fn: ValidateFunction, value: unknown, specRef: string): SpecIssue[] => {
    if (fn(value)) return [];
    return (fn.errors ?? []).slice(0, MAX_ISSUES).map((e) => {
      const decision = decisionOf(e);
      return { specRef, message: formatAjvError(e), ...(decision ? { decision } : {}) };
    });
  };

  // ---- decision-only schema rules ----------------------------------------------------------
  // Notes on schema nodes describe one aspect of a field (its unit, its null handling), not every
  // keyword under them, so only a rule the keyword itself names is marked here: an extra property
  // where the spec lists the `closed-objects` decision. Checks mark the finer ones themselves.
  const closedObjects = decisions(doc).some((d) => d.id === CLOSED_OBJECTS) ? CLOSED_OBJECTS : undefined;
  const decisionOf = (e: ErrorObject): string | undefined => (e.keyword === 'additionalProperties' ? closedObjects : undefined);

  // ---- requests ---------------------------------------------------------------------------
  const coercionOf = (schema: unknown): ParamEntry['coerce'] => {
    const t = (schema as { type?: unknown } | undefined)?.type;
    const types = Array.isArray(t) ? t : [t];
    if (types.includes('array')) return 'array';
    if (types.includes('integer') || types.includes('number')) return 'number';
    if (types.includes('boolean')) return 'boolean';
    return 'string';
  };

  const requestEntry = (op: OperationEntry): RequestEntry => {
    if (op.request) return op.request;
    const itemPointer = `#/paths/${escapeToken(op.template)}`;
    const item = resolvePointer(doc, itemPointer) as { parameters?: unknown[] } | undefined;
    const operation = resolvePointer(doc, op.pointer) as { parameters?: unknown[]; requestBody?: unknown } | undefined;
    const byKey = new Map<string, ParamEntry>();
    const collect = (list: unknown[] | undefined, listPointer: string) =>
      (list ?? []).forEach((raw, i) => {
        const resolved = followRefs(doc, raw, `${listPointer}/${i}`);
        const p = resolved?.node as { name?: string; in?: ParamEntry['in']; required?: boolean; schema?: unknown; explode?: boolean; style?: string } | undefined;
        if (!p?.name || !p.in || !resolved) return;
        const schema = p.schema === undefined ? undefined : followRefs(doc, p.schema, `${resolved.pointer}/schema`);
        byKey.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, {
          name: p.name,
          in: p.in,
          required: p.required === true || p.in === 'path',
          schemaPointer: schema?.pointer,
          coerce: coercionOf(schema?.node),
          explode: p.explode ?? (p.style === undefined || p.style === 'form'),
        });
      });
    collect(item?.parameters, `${itemPointer}/parameters`); // operation-level ones override
    collect(operation?.parameters, `${op.pointer}/parameters`);
    const pathNames: string[] = [];
    const source = op.template
      .split('/')
      .map((seg) => {
        const m = /^\{([^}]+)\}$/.exec(seg);
        if (m) {
          pathNames.push(m[1]!);
          return '([^/]+)';
        }
        return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      })
      .join('/');
    const body = followRefs(doc, operation?.requestBody, `${op.pointer}/requestBody`);
    const bodyNode = body?.node as { required?: boolean; content?: Record<string, { schema?: unknown }> } | undefined;
    const jsonType = Object.keys(bodyNode?.content ?? {}).find((t) => isJsonMediaType(t.toLowerCase()));
    op.request = {
      params: [...byKey.values()],
      pathRegex: new RegExp(`^${source}$`),
      pathNames,
      bodySchema: jsonType && body && bodyNode?.content?.[jsonType]?.schema !== undefined ? `${body.pointer}/content/${escapeToken(jsonType)}/schema` : undefined,
      bodyRequired: bodyNode?.required === true,
      verdicts: new Map(),
    };
    return op.request;
  };

  const coerce = (raw: string, how: ParamEntry['coerce']): unknown => {
    if (how === 'number' && /^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(raw.trim())) return Number(raw);
    if (how === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
    return raw;
  };

  /** What the spec says of a request: its parameters (path, query, header) and JSON body. */
  const judgeRequest = (op: OperationEntry, entry: RequestEntry, req: SpecRequest): SpecIssue[] => {
    const issues: SpecIssue[] = [];
    const pathMatch = entry.pathRegex.exec(normalise(req.path));
    for (const p of entry.params) {
      let raw: string[] = [];
      if (p.in === 'query') raw = req.query.getAll(p.name);
      else if (p.in === 'header') raw = req.headers[p.name.toLowerCase()] === undefined ? [] : [req.headers[p.name.toLowerCase()]!];
      else if (p.in === 'path') {
        const i = entry.pathNames.indexOf(p.name);
        const v = i >= 0 ? pathMatch?.[i + 1] : undefined;
        if (v !== undefined) {
          try {
            raw = [decodeURIComponent(v)];
          } catch {
            raw = [v];
          }
        }
      } else continue; // cookies are not validated
      if (raw.length === 0) {
        if (p.required) issues.push({ specRef: `${op.pointer}/parameters`, message: `required ${p.in} parameter ${p.name} is missing` });
        continue;
      }
      if (p.schemaPointer === undefined) continue;
      const value = p.coerce === 'array' ? (p.explode ? raw : raw.join(',').split(',')) : coerce(raw[0]!, p.coerce);
      for (const issue of schemaIssues(compile(p.schemaPointer), value, p.schemaPointer)) issues.push({ ...issue, message: `${p.in} parameter ${p.name}: ${issue.message.replace(/^body /, '')}` });
    }
    // Only a JSON request body is judged against the JSON schema; a form or multipart body
    // (which some clients send for the same operation) is left to the operation's handler.
    const requestType = (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    const jsonBody = requestType === '' || isJsonMediaType(requestType);
    if (entry.bodySchema !== undefined && jsonBody) {
      if (req.body.byteLength === 0) {
        if (entry.bodyRequired) issues.push({ specRef: `${op.pointer}/requestBody`, message: 'the request body is required' });
      } else {
        let value: unknown;
        try {
          value = JSON.parse(decoder.decode(req.body));
        } catch {
          issues.push({ specRef: `${op.pointer}/requestBody`, message: 'the request body is not valid JSON' });
          return issues;
        }
        issues.push(...schemaIssues(compile(entry.bodySchema), value, entry.bodySchema));
      }
    }
    return issues;
  };

  /**
   * The parts of a request its verdict depends on, or undefined when too big to remember. Header
   * values matter only for documented header parameters; the body only when it is small.
   */
  const requestKey = (entry: RequestEntry, req: SpecRequest): string | undefined => {
    if (req.body.byteLength > MEMO_MAX_TEXT) return undefined;
    let key = req.path + '\u0000' + req.query.toString();
    for (const p of entry.params) if (p.in === 'header') key += '\u0000' + (req.headers[p.name.toLowerCase()] ?? '\u0001');
    if (entry.bodySchema !== undefined) key += '\u0000' + (req.headers['content-type'] ?? '') + '\u0000' + decoder.decode(req.body);
    return key;
  };

  return {
    file,

    validateRequest(operationId, req) {
      const op = byId.get(operationId);
      if (!op) return [{ specRef: '#/paths', message: `operation ${operationId} is not in ${file}` }];
      const entry = requestEntry(op);
      const key = requestKey(entry, req);
      const known = key === undefined ? undefined : entry.verdicts.get(key);
      if (known) return [...known];
      const issues = judgeRequest(op, entry, req);
      if (key !== undefined) remember(entry.verdicts, key, issues, MEMO_ENTRIES);
      return [...issues];
    },

    findOperation(method, path) {
      const op = findEntry(method, path);
      return op && { operationId: op.operationId, pointer: op.pointer };
    },

    pointer(operationId, status) {
      const op = byId.get(operationId);
      if (!op) return '#/paths';
      if (status === undefined) return op.pointer;
      return `${op.pointer}/responses/${responseKey(op, status) ?? String(status)}`;
    },

    // Required headers are looked up in `headers` as given: callers that validate before the
    // transport adds Content-Length must add it themselves.
    validateResponse(operationId: string, status: number, headers: Headers, body: Uint8Array | string): SpecIssue[] {
      const op = byId.get(operationId);
      if (!op) return [{ specRef: '#/paths', message: `operation ${operationId} is not in ${file}` }];
      const statusKey = responseKey(op, status);
      if (statusKey === undefined) {
        return [{
          specRef: `${op.pointer}/responses`,
          message: `status ${status} is not documented for ${operationId} (documented: ${op.responseKeys.join(', ')})`,
        }];
      }
      const response = responseEntry(op, statusKey);
      const issues: SpecIssue[] = [];
      for (const [wire, name] of response.requiredHeaders) {
        if (headers[wire] === undefined) issues.push({ specRef: `${response.pointer}/headers/${escapeToken(name)}`, message: `required header ${name} is missing` });
      }
      if (response.media.size === 0) return issues;
      const contentType = headers['content-type'];
      // No body and no type: nothing to judge (HEAD, or a client that discarded the body).
      if (body.length === 0 && contentType === undefined) return issues;
      const mt = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
      const documented = matchMedia(response.media, mt);
      if (!documented) {
        issues.push({
          specRef: `${response.pointer}/content`,
          message: `Content-Type ${mt || '(none)'} is not documented (documented: ${[...response.media.keys()].join(', ')})`,
        });
        return issues;
      }
      const [, schemaPointer] = documented;
      if (!isJsonMediaType(mt) || schemaPointer === undefined) return issues;
      const text = typeof body === 'string' ? body : decoder.decode(body);
      const remembered = text.length <= MEMO_MAX_TEXT;
      const known = remembered ? response.verdicts.get(text) : undefined;
      if (known) {
        issues.push(...known);
        return issues;
      }
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        issues.push({ specRef: response.pointer, message: `body is not valid JSON: ${e instanceof Error ? e.message : String(e)}` });
        return issues;
      }
      const found = schemaIssues(compile(schemaPointer), value, response.pointer);
      if (remembered) remember(response.verdicts, text, found, MEMO_ENTRIES);
      issues.push(...found);
      return issues;
    },

    operationIds: () => [...byId.keys()],

    allowedMethods(path) {
      const p = normalise(path);
      const methods = new Set<string>();
      let known = false;
      for (const route of routes) {
        if (!route.regex.test(p)) continue;
        known = true;
        for (const m of route.ops.keys()) methods.add(m);
      }
      if (!known) return undefined;
      if (methods.has('GET')) methods.add('HEAD');
      return [...methods];
    },

    validateValue(schemaPointer, value) {
      const pointer = schemaPointer.startsWith('#') ? schemaPointer : `#${schemaPointer}`;
      if (resolvePointer(doc, pointer) === undefined) return [{ specRef: pointer, message: `no schema at ${pointer}` }];
      return schemaIssues(compile(pointer), value, pointer);
    },
  };
}
