// The router every mock uses: documented paths compiled once into tables by segment count, so a
// request is matched against the few routes of its length, never against every template.
// Semantics (Express, Rails and Symfony agree on them for these APIs):
// - one trailing slash is ignored; a parameter segment must not be empty;
// - literal segments beat parameters (`/recordings/download` is not a recording id), but a
//   literal route that lacks the method lets a parameter route take the request;
// - a path that matches with another method is 405, with every method of the matching routes
//   in Allow (HEAD wherever GET is, as HEAD is answered wherever GET is).
// Platform-neutral.

/** Paths below the base path, `{name}` marking a parameter: `recordings/{recordingId}/media`. */
export interface RouteDef<Op> {
  path: string;
  methods: Readonly<Partial<Record<string, Op>>>;
}

export type RouteMatch<Op> =
  | { kind: 'found'; operation: Op; params: Record<string, string>; head: boolean }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export interface RouterOptions {
  /** Prefix of every route on the wire, e.g. `/api/v1` ('' for routes at the root). */
  basePath: string;
  /**
   * Percent-decode parameters while matching (a segment that does not decode matches nothing);
   * otherwise parameters come raw and the handlers decode them.
   */
  decodeParams: boolean;
}

interface Compiled<Op> {
  segments: string[];
  /** Per segment: the parameter's name, or undefined for a literal. */
  names: (string | undefined)[];
  methods: Readonly<Partial<Record<string, Op>>>;
  allow: string[];
}

const NOT_FOUND = { kind: 'not-found' } as const;

export function compileRouter<Op>(routes: readonly RouteDef<Op>[], opts: RouterOptions): (method: string, path: string) => RouteMatch<Op> {
  const byLength = new Map<number, Compiled<Op>[]>();
  const literals = (c: Compiled<Op>) => c.names.filter((n) => n === undefined).length;
  const seen = new Set<string>();
  for (const route of routes) {
    if (seen.has(route.path)) throw new Error(`route ${route.path} is listed twice: give it one entry with all its methods`);
    seen.add(route.path);
    const segments = route.path.split('/').filter(Boolean);
    const names = segments.map((s) => (s.startsWith('{') && s.endsWith('}') ? s.slice(1, -1) : undefined));
    const methods = Object.keys(route.methods);
    const c: Compiled<Op> = { segments, names, methods: route.methods, allow: methods.includes('GET') ? [...methods, 'HEAD'] : methods };
    byLength.set(segments.length, [...(byLength.get(segments.length) ?? []), c]);
  }
  for (const list of byLength.values()) list.sort((a, b) => literals(b) - literals(a)); // stable: ties keep table order
  // Routes without parameters, by their exact path: a lookup instead of a walk over every route
  // of the same length (Talk has dozens of those).
  const exact = new Map<string, Compiled<Op>>();
  for (const list of byLength.values()) for (const c of list) if (c.names.every((n) => n === undefined)) exact.set(c.segments.join('/'), c);

  const prefix = `${opts.basePath}/`;
  const paramsOf = (c: Compiled<Op>, parts: string[]): Record<string, string> | undefined => {
    // Literals first, without allocating: most candidates fail there.
    for (let i = 0; i < c.segments.length; i++) {
      if (c.names[i] === undefined ? parts[i] !== c.segments[i] : parts[i]!.length === 0) return undefined;
    }
    const params: Record<string, string> = {};
    for (let i = 0; i < c.segments.length; i++) {
      const name = c.names[i];
      if (name !== undefined) params[name] = parts[i]!;
    }
    return opts.decodeParams ? decodeParams(params) : params;
  };

  return (method, path) => {
    if (!path.startsWith(prefix)) return NOT_FOUND;
    let rest = path.slice(prefix.length);
    if (rest.endsWith('/')) rest = rest.slice(0, -1);
    const lookup = method === 'HEAD' ? 'GET' : method;
    const operation = exact.get(rest)?.methods[lookup];
    if (operation !== undefined) return { kind: 'found', operation, params: {}, head: method === 'HEAD' };
    const parts = rest.split('/');
    const candidates = byLength.get(parts.length);
    if (!candidates) return NOT_FOUND;
    let allow: string[] | undefined;
    for (const c of candidates) {
      const params = paramsOf(c, parts);
      if (!params) continue;
      const operation = c.methods[lookup];
      if (operation !== undefined) return { kind: 'found', operation, params, head: method === 'HEAD' };
      allow = allow ? [...allow, ...c.allow.filter((m) => !allow!.includes(m))] : c.allow;
    }
    return allow ? { kind: 'method-not-allowed', allow: [...allow] } : NOT_FOUND;
  };
}

/** Percent-decoded parameters, or undefined when one does not decode (it then names nothing). */
export function decodeParams(raw: Record<string, string>): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  try {
    for (const [k, v] of Object.entries(raw)) params[k] = decodeURIComponent(v);
  } catch {
    return undefined;
  }
  return params;
}
