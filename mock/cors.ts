// CORS for `callrec mock`: a frontend served from another origin (a dev server on :3000) calls
// the mock on :4010 directly. Preflights are answered here, before any API sees them, and every
// answer to a request with an Origin lets that origin read it (cookies included: Nextcloud's
// browser sessions use them). In-process msw needs none of this: it answers on the page's origin.
// The control API (/__callrec/) gets no CORS at all: only the mock's own pages (the dashboard)
// may call it from a browser (control-guard.ts refuses other origins).
import type { Headers, MockRequest, MockResponse } from '../core/http.ts';
import { isControlPath } from './control.ts';

type Dispatch = (req: MockRequest) => Promise<MockResponse>;

/** Response headers a page may read: those the documented APIs use for links, ranges and paging. */
const EXPOSED = 'Location, Content-Range, Content-Length, Accept-Ranges, Content-Disposition, X-Chat-Last-Given, X-Callrec-Spec-Violation';

const allowOrigin = (origin: string): Headers => ({
  'access-control-allow-origin': origin,
  'access-control-allow-credentials': 'true',
  'access-control-expose-headers': EXPOSED,
  vary: 'Origin',
});

export function withCors(dispatch: Dispatch): Dispatch {
  // Not an async function: a request without Origin (API clients, the suites) passes straight
  // through, without one more promise around the mock's.
  return (req) => {
    const origin = req.headers.origin;
    if (origin === undefined || isControlPath(req.path)) return dispatch(req);
    return answerWithCors(dispatch, req, origin);
  };
}

async function answerWithCors(dispatch: Dispatch, req: MockRequest, origin: string): Promise<MockResponse> {
  if (req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined) {
    return {
      status: 204,
      headers: {
        ...allowOrigin(origin),
        'access-control-allow-methods': 'GET, HEAD, POST, PUT, PATCH, DELETE',
        'access-control-allow-headers': req.headers['access-control-request-headers'] ?? '',
        'access-control-max-age': '600',
      },
    };
  }
  const res = await dispatch(req);
  Object.assign(res.headers, allowOrigin(origin));
  return res;
}
