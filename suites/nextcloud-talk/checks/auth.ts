// The two kinds of clients Nextcloud serves (facts §2.4): API clients (Basic auth with a password
// or an app password, plus `OCS-APIRequest: true`) and browsers (session cookie plus the page's
// `requesttoken`). A logged-in request with neither header fails the CSRF check: 412.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, V1, basicAuth, cast, excerpt, expectStatus } from '../support.ts';

const rooms = (ctx: Parameters<Check['run']>[0], headers: Record<string, string>): Promise<TargetResponse> =>
  ctx.target.request({ method: 'GET', path: `${V1}/room`, query: { format: 'json' }, auth: headers, operation: OP.getRooms });

const browserAndApiClients: Check = {
  id: 'nextcloud-talk.auth.browser-and-api-clients',
  title: 'Basic auth (password or app password) with OCS-APIRequest and a session cookie with requesttoken both work; without either header 412',
  operations: [OP.getRooms],
  specRef: '#/components/responses/CsrfFailed',
  needs: ['credentials'],
  decision: 'ocs-api-request',
  async run(ctx: CheckContext) {
    const c = cast(ctx);
    const cfg = asConfig(ctx.config);
    const api = { authorization: basicAuth(c.owner.user, c.owner.password), 'ocs-apirequest': 'true' };
    const tokensOf = (res: TargetResponse) => JSON.stringify(res.json<{ ocs: { data: { token: string }[] } }>().ocs.data.map((r) => r.token).sort());
    let apiRooms: TargetResponse | undefined;
    await ctx.rule('Basic auth with the password and OCS-APIRequest: true is an API client (200)', async () => {
      apiRooms = await rooms(ctx, api);
      expectStatus(ctx, apiRooms, 200, 'Basic auth with the password and OCS-APIRequest: true is an API client');
    });
    const noAppPassword = 'no app password: set appPassword (an app password of `user`) in the target config';
    const noSession = 'no browser session: set browserSession {cookie, requesttoken} in the target config';
    await ctx.rule('Basic auth with an app password works like the password (200)', async () => {
      if (!cfg.appPassword) ctx.notApplicable(noAppPassword);
      expectStatus(ctx, await rooms(ctx, { authorization: basicAuth(c.owner.user, cfg.appPassword), 'ocs-apirequest': 'true' }), 200, 'Basic auth with an app password works like the password');
    });
    await ctx.rule('a browser session (cookie + requesttoken, no OCS-APIRequest) is a logged-in client acting as its user', async () => {
      if (!cfg.browserSession) ctx.notApplicable(noSession);
      const browser = await rooms(ctx, { cookie: cfg.browserSession.cookie, requesttoken: cfg.browserSession.requesttoken });
      expectStatus(ctx, browser, 200, 'a browser session (cookie + requesttoken, no OCS-APIRequest) is a logged-in client');
      if (apiRooms?.status === 200 && tokensOf(browser) !== tokensOf(apiRooms)) {
        ctx.fail({ rule: 'the browser session acts as its user', expected: `the same rooms as ${c.owner.user} over Basic auth`, actual: excerpt(browser, 200), response: browser, operation: OP.getRooms });
      }
    });
    await ctx.rule('Basic auth without OCS-APIRequest and without requesttoken fails the CSRF check (412)', async () => {
      expectStatus(ctx, await rooms(ctx, { authorization: basicAuth(c.owner.user, c.owner.password) }), 412, 'Basic auth without OCS-APIRequest and without requesttoken fails the CSRF check');
    });
    await ctx.rule('a session cookie without requesttoken fails the CSRF check (412)', async () => {
      if (!cfg.browserSession) ctx.notApplicable(noSession);
      expectStatus(ctx, await rooms(ctx, { cookie: cfg.browserSession.cookie }), 412, 'a session cookie without requesttoken fails the CSRF check');
    });
    await ctx.rule('a session cookie with a wrong requesttoken fails the CSRF check (412)', async () => {
      if (!cfg.browserSession) ctx.notApplicable(noSession);
      expectStatus(ctx, await rooms(ctx, { cookie: cfg.browserSession.cookie, requesttoken: `${cfg.browserSession.requesttoken}x` }), 412, 'a session cookie with a wrong requesttoken fails the CSRF check');
    });
    // RFC 7235 §2.1: credentials = auth-scheme [ 1*SP token68 ], the scheme case-insensitive; PHP
    // reads a Basic header by its case-insensitive "Basic " prefix and decodes the rest.
    await ctx.rule('Basic credentials after several spaces, or under a lower-case scheme, are the same credentials (200)', async () => {
      const token = basicAuth(c.owner.user, c.owner.password).replace(/^Basic /, '');
      for (const authorization of [`Basic   ${token}`, `basic ${token}`]) {
        expectStatus(ctx, await rooms(ctx, { authorization, 'ocs-apirequest': 'true' }), 200, `Basic auth written "${authorization.slice(0, 8)}…" is accepted`);
      }
    });
    // Nextcloud's SecurityMiddleware takes a request as an API request (no CSRF token needed) when it
    // sends OCS-APIRequest: true or Bearer credentials; an unknown bearer token then logs nobody in.
    await ctx.rule('Bearer credentials without OCS-APIRequest pass the CSRF check: an unknown bearer token is 401 (not logged in), not 412', async () => {
      expectStatus(ctx, await rooms(ctx, { authorization: `Bearer callrec-unknown-token-${ctx.seed}` }), 401, 'an unknown bearer token without OCS-APIRequest is not logged in');
    });
    // Request::passesCSRFCheck validates the token against the caller's session: without a session
    // cookie no token can be right.
    await ctx.rule('a requesttoken without a session cookie fails the CSRF check (412)', async () => {
      expectStatus(ctx, await rooms(ctx, { authorization: basicAuth(c.owner.user, c.owner.password), requesttoken: cfg.browserSession?.requesttoken ?? 'callrec-request-token' }), 412, 'a requesttoken without a session fails the CSRF check');
    });
    await ctx.rule('a wrong password is 401', async () => {
      expectStatus(ctx, await rooms(ctx, { authorization: basicAuth(c.owner.user, `${c.owner.password}-wrong`), 'ocs-apirequest': 'true' }), 401, 'a wrong password is 401');
    });
  },
};

export const authChecks: Check[] = [browserAndApiClients];
