// msw adapter: the same dispatch function as request handlers for setupServer (Node) and
// setupWorker (browser). Platform-neutral: file bodies are read through an injected reader,
// which only the Node entry provides (in the browser, media stores hold bytes).
import { http, HttpResponse, type HttpHandler } from 'msw';
import { isFileBody, type Body, type FileBody, type Headers, type MockRequest, type MockResponse } from '../../core/http.ts';

export type Dispatch = (req: MockRequest) => Promise<MockResponse>;
export type FileReader = (body: FileBody) => ReadableStream<Uint8Array> | Uint8Array;

export interface MswAdapterOptions {
  /** Origin the app calls, e.g. "https://meet.example.com". Requests to other origins pass through. */
  origin: string;
  /** Path prefixes this mock answers (the API base path and /__callrec/). */
  prefixes: string[];
  readFile?: FileReader;
}

export function toMswHandlers(dispatch: Dispatch, opts: MswAdapterOptions): HttpHandler[] {
  const origin = opts.origin.replace(/\/$/, '');
  return [
    http.all(`${origin}/*`, async ({ request }) => {
      const url = new URL(request.url);
      if (!opts.prefixes.some((p) => url.pathname === p || url.pathname.startsWith(p.endsWith('/') ? p : `${p}/`))) return undefined;
      const headers: Headers = {};
      request.headers.forEach((v, k) => (headers[k] = v));
      const req: MockRequest = {
        method: request.method.toUpperCase(),
        path: url.pathname,
        query: url.searchParams,
        headers,
        body: new Uint8Array(await request.arrayBuffer()),
        origin: url.origin,
      };
      const res = await dispatch(req);
      return toResponse(res, req.method, opts.readFile);
    }),
  ];
}

function toResponse(res: MockResponse, method: string, readFile?: FileReader): Response {
  const body = method === 'HEAD' ? undefined : materialise(res.body, readFile);
  return new HttpResponse(body as BodyInit | undefined, { status: res.status, headers: res.headers });
}

function materialise(body: Body, readFile?: FileReader): BodyInit | undefined {
  if (body === undefined) return undefined;
  if (isFileBody(body)) {
    if (!readFile) throw new Error('file bodies need a file reader (use the Node entry, or a bytes media store in the browser)');
    return readFile(body) as BodyInit;
  }
  return body as BodyInit;
}
