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

// How Nextcloud's Request and Dispatcher type what they read (nextcloud/server
// lib/private/AppFramework/Http/Request.php decodeContent, Dispatcher executeController): a JSON
// body counts only when it decodes to a non-empty array (an object here), a JSON null leaves the
// parameter at its default, and each value is cast to the parameter's declared type with PHP's
// settype (2.9 → 2, false → 0, " 3 " → 3, 42 → "42"); bodies of other types are not read.
const parameterTypes: Check = {
  id: 'nextcloud-talk.ocs.parameter-types',
  title: 'JSON null is an absent parameter; a JSON body that is no object, an empty JSON body or a text/plain body carries no parameters; integers are cast as PHP does (2.9 → 2, false → 0, " 3 " → 3) and a number given for a string is its decimal text',
  operations: [OP.renameRoom, OP.setNotificationLevel, OP.setReadOnly, OP.setLobby, OP.addFavorite, OP.getRoom],
  specRef: '#/components/responses/BadRequest',
  needs: ['credentials', 'writes'],
  async run(ctx: CheckContext) {
    requireWrites(ctx);
    const c = cast(ctx);
    const token = await createRoom(ctx, c.owner, 2);
    const room = `${V1}/room/${token}`;
    const JSON_TYPE = { 'content-type': 'application/json' };
    const send = (method: string, path: string, operation: OperationIdOf, o: { body?: unknown; query?: Record<string, string>; headers?: Record<string, string> } = {}) =>
      ocs(ctx, { method, path, as: c.owner, operation, ...(o.body !== undefined ? { body: o.body } : {}), ...(o.query ? { query: o.query } : {}), ...(o.headers ? { headers: o.headers } : {}) });
    const seen = () => getRoom(ctx, c.owner, token);
    const problems: string[] = [];
    let shown: TargetResponse | undefined;
    const note = (ok: boolean, what: string, res: TargetResponse) => {
      if (ok) return;
      problems.push(what);
      shown ??= res;
    };
    const report = (rule: string, expected: string, o: { decision?: string; operation: OperationIdOf }) => {
      if (problems.length) ctx.fail({ rule, expected, actual: problems.join('; '), ...(shown ? { response: shown } : {}), operation: o.operation, ...(o.decision ? { decision: o.decision } : {}) });
      problems.length = 0;
      shown = undefined;
    };

    await ctx.rule('a JSON null is an absent parameter: the lobby without a timer (200, lobbyTimer 0)', async () => {
      const res = await send('PUT', `${room}/webinary/lobby`, OP.setLobby, { body: { state: 1, timer: null } });
      const r = await seen();
      note(res.status === 200 && r.lobbyState === 1 && r.lobbyTimer === 0, `state 1 with timer null: HTTP ${res.status}, lobbyState ${String(r.lobbyState)}, lobbyTimer ${String(r.lobbyTimer)}`, res);
      await send('PUT', `${room}/webinary/lobby`, OP.setLobby, { body: { state: 0 } });
      report('a JSON null leaves the parameter at its default', 'HTTP 200, lobbyState 1, lobbyTimer 0', { operation: OP.setLobby });
    }, { operation: OP.setLobby });

    await ctx.rule('a JSON body that is not an object (null, [], [1], "text", 42) or is empty carries no parameters: the query\'s still count (200), never a 5xx', async () => {
      let n = 0;
      for (const body of ['null', '[]', '[1]', '"text"', '42', '']) {
        const name = `From the query ${++n}`;
        const res = await send('PUT', room, OP.renameRoom, { body, query: { roomName: name }, headers: JSON_TYPE });
        const after = (await seen()).name;
        note(res.status === 200 && after === name, `body ${JSON.stringify(body)}: HTTP ${res.status}, name ${JSON.stringify(after)}`, res);
      }
      const json = await send('PUT', room, OP.renameRoom, { body: { roomName: 'From the JSON body' }, query: { roomName: 'Query loses' } });
      const after = (await seen()).name;
      note(json.status === 200 && after === 'From the JSON body', `JSON body against the query: HTTP ${json.status}, name ${JSON.stringify(after)}`, json);
      report('a JSON body that is no object adds no parameters', 'HTTP 200 and the query\'s name each time; a JSON object\'s name wins over the query', { operation: OP.renameRoom, decision: 'ocs-params-anywhere' });
    }, { operation: OP.renameRoom, decision: 'ocs-params-anywhere' });

    await ctx.rule('an empty body sent as JSON carries no parameters (addFavorite 200)', async () => {
      const res = await send('POST', `${room}/favorite`, OP.addFavorite, { body: '', headers: JSON_TYPE });
      const r = await seen();
      note(res.status === 200 && r.isFavorite === true, `HTTP ${res.status}, isFavorite ${String(r.isFavorite)}`, res);
      report('an empty JSON body is no parameters', 'HTTP 200 and isFavorite true', { operation: OP.addFavorite });
    }, { operation: OP.addFavorite });

    await ctx.rule('a text/plain body, or one without a Content-Type, is not read as parameters: the query\'s value counts', async () => {
      for (const [headers, what] of [[{ 'content-type': 'text/plain' }, 'text/plain'], [{}, 'no Content-Type']] as const) {
        const res = await send('POST', `${room}/notify`, OP.setNotificationLevel, { body: 'level=1', query: { level: '3' }, headers });
        const got = (await seen()).notificationLevel;
        note(res.status === 200 && got === 3, `${what}: HTTP ${res.status}, notificationLevel ${String(got)}`, res);
        await send('POST', `${room}/notify`, OP.setNotificationLevel, { body: { level: 2 } });
      }
      report('a body of another content type, or of none, is not read', 'HTTP 200 and notificationLevel 3 (the query\'s) each time', { operation: OP.setNotificationLevel, decision: 'ocs-params-anywhere' });
    }, { operation: OP.setNotificationLevel, decision: 'ocs-params-anywhere' });

    await ctx.rule('an integer parameter is cast as PHP does: 2.9 is 2, false is 0, true is 1, " 3 " is 3', async () => {
      const level = async (value: unknown, want: number) => {
        const res = await send('POST', `${room}/notify`, OP.setNotificationLevel, { body: { level: value } });
        const got = (await seen()).notificationLevel;
        note(res.status === 200 && got === want, `level ${JSON.stringify(value)}: HTTP ${res.status}, notificationLevel ${String(got)} (want ${want})`, res);
      };
      await level(2.9, 2);
      await level(' 3 ', 3);
      for (const [value, want] of [[true, 1], [false, 0]] as const) {
        const res = await send('PUT', `${room}/read-only`, OP.setReadOnly, { body: { state: value } });
        const got = (await seen()).readOnly;
        note(res.status === 200 && got === want, `read-only state ${String(value)}: HTTP ${res.status}, readOnly ${String(got)} (want ${want})`, res);
      }
      report('integers are cast with PHP\'s settype', 'HTTP 200 and the cast value each time', { operation: OP.setNotificationLevel });
    }, { operation: OP.setNotificationLevel });

    await ctx.rule('a string parameter given as a JSON number is its decimal text; an array or object is no string (400, name kept)', async () => {
      const res = await send('PUT', room, OP.renameRoom, { body: { roomName: 42 } });
      const after = (await seen()).name;
      note(res.status === 200 && after === '42', `roomName 42: HTTP ${res.status}, name ${JSON.stringify(after)}`, res);
      report('a number is cast to its decimal text', 'HTTP 200 and name "42"', { operation: OP.renameRoom });
      for (const bad of [['x'], { a: 1 }, null]) {
        const r = await send('PUT', room, OP.renameRoom, { body: { roomName: bad } });
        const kept = (await seen()).name;
        note(r.status === 400 && kept === '42', `roomName ${JSON.stringify(bad)}: HTTP ${r.status}, name ${JSON.stringify(kept)}`, r);
      }
      report('a value that is no string is a missing roomName', 'HTTP 400 and the name kept for an array, an object and null', { operation: OP.renameRoom, decision: 'missing-param-400' });
    }, { operation: OP.renameRoom });
  },
};

type OperationIdOf = (typeof OP)[keyof typeof OP];

export const ocsParameterChecks: Check[] = [parametersAnywhere, parameterTypes];
