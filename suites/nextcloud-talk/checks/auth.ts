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
    if (!cfg.appPassword) ctx.notApplicable('no app password: set appPassword (an app password of `user`) in the target config');
    if (!cfg.browserSession) ctx.notApplicable('no browser session: set browserSession {cookie, requesttoken} in the target config');
    const api = { authorization: basicAuth(c.owner.user, c.owner.password), 'ocs-apirequest': 'true' };
    expectStatus(ctx, await rooms(ctx, api), 200, 'Basic auth with the password and OCS-APIRequest: true is an API client');
    const app = await rooms(ctx, { authorization: basicAuth(c.owner.user, cfg.appPassword), 'ocs-apirequest': 'true' });
    expectStatus(ctx, app, 200, 'Basic auth with an app password works like the password');
    const browser = await rooms(ctx, { cookie: cfg.browserSession.cookie, requesttoken: cfg.browserSession.requesttoken });
    expectStatus(ctx, browser, 200, 'a browser session (cookie + requesttoken, no OCS-APIRequest) is a logged-in client');
    const mine = (res: TargetResponse) => JSON.stringify(res.json<{ ocs: { data: { token: string }[] } }>().ocs.data.map((r) => r.token).sort());
    if (mine(browser) !== mine(app)) ctx.fail({ rule: 'the browser session acts as its user', expected: `the same rooms as ${c.owner.user} over Basic auth`, actual: excerpt(browser, 200), response: browser, operation: OP.getRooms });

    const noHeader = await rooms(ctx, { authorization: basicAuth(c.owner.user, c.owner.password) });
    expectStatus(ctx, noHeader, 412, 'Basic auth without OCS-APIRequest and without requesttoken fails the CSRF check');
    const cookieOnly = await rooms(ctx, { cookie: cfg.browserSession.cookie });
    expectStatus(ctx, cookieOnly, 412, 'a session cookie without requesttoken fails the CSRF check');
    const wrongToken = await rooms(ctx, { cookie: cfg.browserSession.cookie, requesttoken: `${cfg.browserSession.requesttoken}x` });
    expectStatus(ctx, wrongToken, 412, 'a session cookie with a wrong requesttoken fails the CSRF check');
    const wrongPassword = await rooms(ctx, { authorization: basicAuth(c.owner.user, `${c.owner.password}-wrong`), 'ocs-apirequest': 'true' });
    expectStatus(ctx, wrongPassword, 401, 'a wrong password is 401');
  },
};

export const authChecks: Check[] = [browserAndApiClients];
