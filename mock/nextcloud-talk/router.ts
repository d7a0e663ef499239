// The documented routes below /ocs/v2.php, matched by core/router.ts: a literal segment beats a
// parameter (`/room/{token}/participants/self` is not a token), and a known path with an unknown
// method answers 405 with Allow (as ocs/v2.php does).
import type { MockRequest, MockResponse } from '../../core/http.ts';
import { compileRouter, type RouteDef, type RouteMatch } from '../../core/router.ts';
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
) => OcsResult | Promise<OcsResult>;

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

/** One table entry per pattern, with the routes of its methods (the shared router's shape). */
function byPattern(routes: readonly Route[]): RouteDef<Route>[] {
  const table = new Map<string, Record<string, Route>>();
  for (const r of routes) {
    const methods = table.get(r.pattern) ?? {};
    if (methods[r.method]) throw new Error(`${r.method} ${r.pattern} is routed twice`);
    methods[r.method] = r;
    table.set(r.pattern, methods);
  }
  return [...table].map(([pattern, methods]) => ({ path: pattern.replace(/^\//, ''), methods }));
}

/** Matches like Symfony: the first route whose path and method match wins; parameters decoded. */
export function compileRoutes(routes: readonly Route[]): (method: string, path: string) => RouteMatch<Route> {
  const match = compileRouter(byPattern(routes), { basePath: BASE_PATH, decodeParams: true });
  return (method, path) => {
    const m = match(method, path);
    // Allow lists the methods alphabetically (decision method-not-allowed-405; ocs/v2.php itself
    // answers a bare 405).
    return m.kind === 'method-not-allowed' ? { kind: 'method-not-allowed', allow: [...m.allow].sort() } : m;
  };
}

export const ROUTES: readonly Route[] = [...talkRoutes, ...recordingRoutes];
export const matchRoute = compileRoutes(ROUTES);

export type { MockResponse };
