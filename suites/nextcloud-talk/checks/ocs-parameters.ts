// Where OCS parameters may come from and how they are typed (spec decisions ocs-params-anywhere,
// missing-param-400): form and JSON bodies, the query string, integers in any encoding.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import {
  OP,
  V1,
  cast,
  createRoom,
  excerpt,
  getRoom,
  ocs,
  requireWrites,
} from '../support.ts';

const parametersAnywhere: Check = {
  id: 'nextcloud-talk.ocs.parameters-anywhere',
  title: 'parameters arrive as a form body, a JSON body or the query string (the body wins); integers as numbers, digit strings or JSON booleans; a body that does not parse, or an integer that is not one, is 400',
  operations: [OP.renameRoom, OP.setNotificationLevel, OP.getRoom],
  specRef: '#/paths/~1apps~1spreed~1api~1v1~1room~1{token}/put/requestBody',
  needs: ['credentials', 'writes'],
  decision: 'ocs-params-anywhere',
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2);
    const room = `${V1}/room/${token}`;
    const rename = (o: { body?: string | Record<string, unknown>; query?: Record<string, string>; type?: string }) =>
      ocs(ctx, { method: 'PUT', path: room, as: c.owner, ...(o.body !== undefined ? { body: o.body } : {}), ...(o.query ? { query: o.query } : {}), ...(o.type ? { headers: { 'content-type': o.type } } : {}), operation: OP.renameRoom });
    const expectName = async (rule: string, res: TargetResponse, name: string, decision?: string) => {
      const after = await getRoom(ctx, c.owner, token);
      if (res.status !== 200 || after.name !== name) ctx.fail({ rule, expected: `HTTP 200 and name ${JSON.stringify(name)}`, actual: `HTTP ${res.status}, name ${JSON.stringify(after.name)}`, response: res, operation: OP.renameRoom, ...(decision ? { decision } : {}) });
    };
    const FORM = 'application/x-www-form-urlencoded';
    await ctx.rule('a form-urlencoded body is read', async () => {
      await expectName('a form body is read', await rename({ body: 'roomName=From%20a%20form', type: FORM }), 'From a form');
    }, { operation: OP.renameRoom });
    await ctx.rule('a JSON body is read', async () => {
      await expectName('a JSON body is read', await rename({ body: { roomName: 'From JSON' } }), 'From JSON');
    }, { operation: OP.renameRoom });
    await ctx.rule('a parameter in the query string is read', async () => {
      await expectName('a query parameter is read', await rename({ query: { roomName: 'From the query' } }), 'From the query', 'ocs-params-anywhere');
    }, { operation: OP.renameRoom, decision: 'ocs-params-anywhere' });
    await ctx.rule('the body wins over the query string', async () => {
      await expectName('the body wins over the query', await rename({ query: { roomName: 'Query loses' }, body: 'roomName=Body%20wins', type: FORM }), 'Body wins', 'ocs-params-anywhere');
    }, { operation: OP.renameRoom, decision: 'ocs-params-anywhere' });
    await ctx.rule('a JSON body that does not parse is 400 and changes nothing', async () => {
      const before = (await getRoom(ctx, c.owner, token)).name;
      const res = await rename({ body: '{"roomName": "broken', type: 'application/json' });
      const after = (await getRoom(ctx, c.owner, token)).name;
      if (res.status !== 400 || after !== before) ctx.fail({ rule: 'a JSON body that does not parse is 400', expected: `HTTP 400, name still ${JSON.stringify(before)}`, actual: `HTTP ${res.status}, name ${JSON.stringify(after)}`, response: res, operation: OP.renameRoom, decision: 'missing-param-400' });
    }, { operation: OP.renameRoom, decision: 'missing-param-400' });
    await ctx.rule('an integer arrives as a JSON number, a JSON boolean (1/0), a digit string or a form field; anything else is 400', async () => {
      const level = (body: string | Record<string, unknown>, type?: string) => ocs(ctx, { method: 'POST', path: `${room}/notify`, as: c.owner, body, ...(type ? { headers: { 'content-type': type } } : {}), operation: OP.setNotificationLevel });
      // A JSON true is 1: Nextcloud's Dispatcher casts a parameter typed int with PHP's settype.
      for (const [body, want, type] of [[{ level: 3 }, 3], [{ level: true }, 1], [{ level: '3' }, 3], [{ level: '1' }, 1], ['level=2', 2, FORM]] as const) {
        const res = await level(body, type);
        const got = (await getRoom(ctx, c.owner, token)).notificationLevel;
        if (res.status !== 200 || got !== want) ctx.fail({ rule: 'an integer parameter is read from any encoding', expected: `HTTP 200 and notificationLevel ${want}`, actual: `HTTP ${res.status}, notificationLevel ${String(got)}`, response: res, operation: OP.setNotificationLevel });
      }
      const wrong: string[] = [];
      for (const bad of [{ level: 'two' }, { level: '2x' }, { level: '1x2' }, { level: [2] }]) {
        const r = await level(bad);
        if (r.status !== 400) wrong.push(`${JSON.stringify(bad)}: HTTP ${r.status}`);
      }
      const res = await level({ level: 'two' });
      if (wrong.length) ctx.fail({ rule: 'a parameter that is not an integer is 400', expected: 'HTTP 400 for "two", "2x", "1x2" and [2]', actual: wrong.join('; '), response: res, operation: OP.setNotificationLevel, decision: 'missing-param-400' });
      if (res.status !== 400) ctx.fail({ rule: 'a parameter that is not an integer is 400', expected: 'HTTP 400', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.setNotificationLevel, decision: 'missing-param-400' });
    }, { operation: OP.setNotificationLevel, decision: 'missing-param-400' });
  },
};

export const ocsParameterChecks: Check[] = [parametersAnywhere];
