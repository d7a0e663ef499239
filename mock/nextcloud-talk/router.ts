// The documented routes below /ocs/v2.php, compiled once into a table keyed by segment count.
// A literal segment beats a parameter (`/room/{token}/participants/self` is not a token).
// A known path with an unknown method answers 405 with Allow (as ocs/v2.php does).
import type { MockRequest, MockResponse } from '../../core/http.ts';
import type { TalkContext } from './context.ts';
import type { Input } from './input.ts';
import type { OcsResult } from './ocs.ts';
import type { Actor } from './types.ts';
import { recordingRoutes } from './recording/routes.ts';
import { talkRoutes } from './routes-talk.ts';

export const BASE_PATH = '/ocs/v2.php';

/** A request as handlers see it: who is calling and the merged OCS parameters. */
export interface TalkRequest extends MockRequest {
  actor: Actor;
  input: Input;
}

export type Handler = (
  ctx: TalkContext,
  req: TalkRequest,
  params: Record<string, string>,
) => OcsResult | MockResponse | Promise<OcsResult | MockResponse>;

export interface Route {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Below BASE_PATH, with `{name}` parameters, e.g. `/apps/spreed/api/v1/room/{token}`. */
  pattern: string;
  handler: Handler;
  /**
   * 'user' (default): logged-in users only, others get 401 (OCS 997);
   * 'public': guests and anonymous callers reach the handler (#[PublicPage]).
   */
  access?: 'user' | 'public';
  /** The route skips the CSRF check (#[NoCSRFRequired]; e.g. the recording backend callbacks). */
  noCsrf?: boolean;
  /**
   * A body that is not parseable as parameters is not an error for this route: the handler gets
   * no parameters (as Nextcloud does) or reads the raw body itself (the recording backend
   * verifies a signature over its exact bytes).
   */
  rawBody?: boolean;
}

interface Compiled {
  route: Route;
  segments: string[]; // '{x}' marks a parameter
  /** Per segment: the parameter's name, or undefined for a literal. */
  names: (string | undefined)[];
  literals: number;
}

export type RouteMatch =
  | { kind: 'found'; route: Route; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allow: string[] }
  | { kind: 'not-found' };

export function compileRoutes(routes: readonly Route[]) {
  const byLength = new Map<number, Compiled[]>();
  for (const route of routes) {
    const segments = route.pattern.split('/').filter(Boolean);
    const names = segments.map((s) => (s.startsWith('{') ? s.slice(1, -1) : undefined));
    const c: Compiled = { route, segments, names, literals: names.filter((n) => n === undefined).length };
    const list = byLength.get(segments.length) ?? [];
    list.push(c);
    byLength.set(segments.length, list);
  }
  // Most literal segments first, so a literal route wins over a parameter one.
  for (const list of byLength.values()) list.sort((a, b) => b.literals - a.literals);

  return function match(method: string, path: string): RouteMatch {
    if (!path.startsWith(`${BASE_PATH}/`)) return { kind: 'not-found' };
    const parts = path.slice(BASE_PATH.length + 1).split('/');
    if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop(); // trailing slash
    const candidates = byLength.get(parts.length) ?? [];
    const lookup = method === 'HEAD' ? 'GET' : method;
    const allow = new Set<string>();
    // Like Symfony routing: the first route whose path and method match wins; a literal route
    // lacking the method lets a parameter route take the request.
    for (const c of candidates) {
      const params: Record<string, string> = {};
      let matched = true;
      for (let i = 0; i < c.segments.length; i++) {
        const name = c.names[i];
        const p = parts[i]!;
        if (name !== undefined) {
          if (p.length === 0) {
            matched = false;
            break;
          }
          try {
            params[name] = decodeURIComponent(p);
          } catch {
            matched = false;
            break;
          }
        } else if (c.segments[i] !== p) {
          matched = false;
          break;
        }
      }
      if (!matched) continue;
      if (c.route.method === lookup) return { kind: 'found', route: c.route, params };
      allow.add(c.route.method);
      if (c.route.method === 'GET') allow.add('HEAD');
    }
    return allow.size > 0 ? { kind: 'method-not-allowed', allow: [...allow].sort() } : { kind: 'not-found' };
  };
}

export const ROUTES: readonly Route[] = [...talkRoutes, ...recordingRoutes];
export const matchRoute = compileRoutes(ROUTES);

export type { MockResponse };
