// JSON pointers (RFC 6901) into an OpenAPI document, in the `#/a/b` fragment form that specRef
// fields and local `$ref`s use. Platform-neutral.

/** Escapes one reference token: `~` → `~0`, `/` → `~1` (so `/recordings/{id}` → `~1recordings~1{id}`). */
export const escapeToken = (token: string): string => token.replace(/~/g, '~0').replace(/\//g, '~1');

const unescapeToken = (token: string): string => token.replace(/~1/g, '/').replace(/~0/g, '~');

/** The value a local pointer (`#/…` or `/…`) designates in `doc`, or `undefined` when it leads nowhere. */
export function resolvePointer(doc: unknown, pointer: string): unknown {
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (body === '') return doc;
  let node: unknown = doc;
  for (const raw of body.slice(1).split('/')) {
    if (node === null || typeof node !== 'object') return undefined;
    const token = unescapeToken(raw);
    if (!Object.prototype.hasOwnProperty.call(node, token)) return undefined;
    node = (node as Record<string, unknown>)[token];
  }
  return node;
}

/**
 * Follows local `$ref`s (Response, Parameter, Header objects…) until a node without one.
 * Returns the node and the pointer where it really lives, or `undefined` for a dangling or cyclic ref.
 */
export function followRefs(doc: unknown, node: unknown, pointer: string): { node: unknown; pointer: string } | undefined {
  const seen = new Set<string>();
  while (node !== null && typeof node === 'object' && typeof (node as { $ref?: unknown }).$ref === 'string') {
    const ref = (node as { $ref: string }).$ref;
    if (!ref.startsWith('#') || seen.has(ref)) return undefined;
    seen.add(ref);
    pointer = ref;
    node = resolvePointer(doc, ref);
    if (node === undefined) return undefined;
  }
  return { node, pointer };
}

/** Every `$ref` string in the document with the pointer of the object holding it (for linting). */
export function collectRefs(doc: unknown): { at: string; ref: string }[] {
  const out: { at: string; ref: string }[] = [];
  const walk = (node: unknown, at: string): void => {
    if (Array.isArray(node)) node.forEach((v, i) => walk(v, `${at}/${i}`));
    else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if (k === '$ref' && typeof v === 'string') out.push({ at, ref: v });
        else walk(v, `${at}/${escapeToken(k)}`);
      }
    }
  };
  walk(doc, '#');
  return out;
}
