// What POST /rooms makes of its input, value by value. Documented (eyeson-node MeetingOptions,
// eyeson-php Room.php, the rooms reference): a meeting needs `user[name]`; `id` and `name` name the
// room and come back in `room`; the options come back in `options`. Ours (decision room-options):
// which spellings each option takes, that any other value is a 400 whose message names the option,
// and the room-id limits (1–128 characters, no "/" or control characters). Decision
// current-meetings: GET /rooms lists oldest first, then by room id. Decision time-filters: the
// listing's since/until/started_at are RFC 3339 date-times, anything else a 400.
import type { Check, CheckContext, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, excerpt, freshMeeting, requireWrites, uniqueId } from '../support.ts';

const FORM = 'application/x-www-form-urlencoded';

const form = (fields: [string, string][]) => fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');

async function create(ctx: CheckContext, body: string | Uint8Array | Record<string, unknown>, contentType?: string): Promise<TargetResponse> {
  const headers = contentType ? { 'content-type': contentType } : undefined;
  return ctx.target.request({ method: 'POST', path: '/rooms', body, ...(headers ? { headers } : {}), operation: OP.createRoom });
}

const bodyOf = (res: TargetResponse): Record<string, any> | undefined => {
  try {
    return JSON.parse(res.text());
  } catch {
    return undefined;
  }
};

/** eyeson-node's MeetingOptions defaults (src/eyeson-node.js), as a room without options answers them. */
const OPTION_DEFAULTS: Record<string, unknown> = {
  show_names: true, show_label: true, exit_url: null, recording_available: true, broadcast_available: true, reaction_available: true,
  layout_available: true, guest_token_available: true, lock_available: false, kick_available: true, sfu_mode: 'ptp', widescreen: false,
  background_color: '#121212', audio_insert: 'audio_only', audio_insert_position: null, custom_fields: {},
};

/** Form bodies with one bad option each: the option's name must appear in the 400's message. */
const BAD_FORM_OPTIONS: [string, string, string][] = [
  ['show_names', 'options[show_names]', 'maybe'],
  ['recording_available', 'options[recording_available]', 'yes'],
  ['widescreen', 'options[widescreen]', '2'],
  ['kick_available', 'options[kick_available]', ''],
  ['sfu_mode', 'options[sfu_mode]', 'bogus'],
  ['audio_insert', 'options[audio_insert]', 'always'],
  ['background_color', 'options[background_color]', '#12345'],
  ['background_color', 'options[background_color]', 'red'],
  ['background_color', 'options[background_color]', '#12345G'],
  ['background_color', 'options[background_color]', '#1234567'],
  ['background_color', 'options[background_color]', 'x#123456'],
  ['audio_insert_position', 'options[audio_insert_position][x]', '1.5'],
  ['audio_insert_position', 'options[audio_insert_position][x]', 'left'],
  ['audio_insert_position', 'options[audio_insert_position][x]', 'x15'],
  ['audio_insert_position', 'options[audio_insert_position][x]', '15x'],
  ['custom_fields', 'options[custom_fields][hide_chat]', 'perhaps'],
  ['custom_fields', 'options[custom_fields][virtual_background]', 'on'],
];
/** JSON bodies with one bad `options` value each. */
const BAD_JSON_OPTIONS: [string, unknown][] = [
  ['options', 'all'],
  ['options', ['show_names']],
  ['show_label', 'sometimes'],
  ['audio_insert_position', { x: 1.5, y: 2 }],
  ['audio_insert_position', { x: 1 }],
  ['audio_insert_position', 'top'],
  ['custom_fields', 'none'],
  ['custom_fields', { virtual_background_allow_guest: 'nope' }],
  ['exit_url', { url: 'https://x' }],
  ['background_color', 123456],
];

const inputValidation: Check = {
  id: 'eyeson.rooms.input-validation',
  title: 'POST /rooms: the room id limits, the name, and every option spelling; a bad value is a 400 naming it; GET /rooms is ordered; bad time filters are 400',
  operations: [OP.createRoom, OP.listMeetings, OP.list],
  specRef: '#/components/requestBodies/CreateRoom',
  needs: ['credentials', 'writes'],
  decision: 'room-options',
  async run(ctx) {
    requireWrites(ctx);
    const user: [string, string] = ['user[name]', 'callrec input'];
    const refusedNaming = (res: TargetResponse, rule: string, name: string) => {
      const message = bodyOf(res)?.error;
      if (res.status !== 400 || typeof message !== 'string' || !message.includes(name)) {
        ctx.fail({ rule, expected: `HTTP 400 with {"error": "… ${name} …"}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom, decision: 'room-options' });
      }
    };
    for (const [name, key, value] of BAD_FORM_OPTIONS) {
      const rule = `a form body with ${key}=${JSON.stringify(value)} answers 400 naming ${name}`;
      // A position needs both coordinates: the other one is given valid, so only this value is wrong.
      const other: [string, string][] = name === 'audio_insert_position' ? [['options[audio_insert_position][y]', '12']] : [];
      await ctx.rule(rule, async () => refusedNaming(await create(ctx, form([['id', uniqueId(ctx, 'bad-opt')], user, [key, value], ...other]), FORM), rule, name), { decision: 'room-options', operation: OP.createRoom });
    }
    for (const [name, value] of BAD_JSON_OPTIONS) {
      const rule = `a JSON body with ${name === 'options' ? 'options' : `options.${name}`} = ${JSON.stringify(value)} answers 400 naming ${name}`;
      const options = name === 'options' ? value : { [name]: value };
      await ctx.rule(rule, async () => refusedNaming(await create(ctx, { id: uniqueId(ctx, 'bad-opt'), user: { name: 'callrec input' }, options }), rule, name), { decision: 'room-options', operation: OP.createRoom });
    }

    // Documented defaults (eyeson-node MeetingOptions): a meeting started without options answers each with its default.
    await ctx.rule('a meeting started without options answers every documented option with its default', async () => {
      const res = await create(ctx, form([['id', uniqueId(ctx, 'defaults')], user]), FORM);
      const o = bodyOf(res)?.options as Record<string, unknown> | undefined;
      const wrong = Object.entries(OPTION_DEFAULTS).filter(([k, v]) => JSON.stringify(o?.[k]) !== JSON.stringify(v));
      if (res.status !== 201 || wrong.length) ctx.fail({ rule: 'a meeting started without options answers every documented option with its default', expected: JSON.stringify(OPTION_DEFAULTS), actual: res.status !== 201 ? `HTTP ${res.status} ${excerpt(res)}` : JSON.stringify(Object.fromEntries(wrong.map(([k]) => [k, o?.[k]]))), response: res, operation: OP.createRoom, decision: 'room-options' });
    }, { decision: 'room-options', operation: OP.createRoom });

    // Spellings that work: 1/0 (eyeson-php), true/false, negative integer positions, custom fields kept or read as booleans.
    await ctx.rule('options as eyeson-php and eyeson-go spell them come back typed', async () => {
      const res = await create(ctx, form([
        ['id', uniqueId(ctx, 'spell')], user,
        ['options[show_names]', '0'], ['options[show_label]', 'false'], ['options[widescreen]', '1'], ['options[lock_available]', 'true'],
        ['options[audio_insert_position][x]', '-15'], ['options[audio_insert_position][y]', '270'],
        ['options[custom_fields][hide_chat]', '1'], ['options[custom_fields][virtual_background]', 'false'], ['options[custom_fields][locale]', 'de'],
        ['options[background_color]', '#a0B1c2'], ['options[sfu_mode]', 'ptp'], ['options[audio_insert]', 'audio_only'], ['options[exit_url]', 'https://callrec.invalid/bye'],
      ]), FORM);
      const o = bodyOf(res)?.options;
      const want = { show_names: false, show_label: false, widescreen: true, lock_available: true, audio_insert_position: { x: -15, y: 270 }, custom_fields: { hide_chat: true, virtual_background: false, locale: 'de' }, background_color: '#a0B1c2', sfu_mode: 'ptp', audio_insert: 'audio_only', exit_url: 'https://callrec.invalid/bye' };
      const wrong = Object.entries(want).filter(([k, v]) => JSON.stringify(o?.[k]) !== JSON.stringify(v));
      if (res.status !== 201 || wrong.length) ctx.fail({ rule: 'options as eyeson-php and eyeson-go spell them come back typed', expected: JSON.stringify(want), actual: res.status !== 201 ? `HTTP ${res.status} ${excerpt(res)}` : `options ${JSON.stringify(Object.fromEntries(wrong.map(([k]) => [k, o?.[k]])))}`, response: res, operation: OP.createRoom, decision: 'room-options' });
    }, { decision: 'room-options', operation: OP.createRoom });

    // Body media types: case-insensitive with parameters (RFC 9110 §8.3.1); +json is ours (decision body-encodings).
    for (const [what, type, body, decision] of [
      ['Content-Type in capitals with a charset', 'Application/X-WWW-Form-Urlencoded; charset=UTF-8', 'form', undefined],
      ['a +json Content-Type', 'application/vnd.callrec+json', 'json', 'body-encodings'],
    ] as const) {
      const rule = `a room body with ${what} is read`;
      await ctx.rule(rule, async () => {
        const id = uniqueId(ctx, 'typed');
        const res = await create(ctx, body === 'form' ? form([['id', id], ['user[name]', 'typed user']]) : JSON.stringify({ id, user: { name: 'typed user' } }), type);
        const b = bodyOf(res);
        if (res.status !== 201 || b?.room?.id !== id || b?.user?.name !== 'typed user') ctx.fail({ rule, expected: `201 with room.id ${id} and user.name "typed user"`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom, ...(decision ? { decision } : {}) });
      }, { operation: OP.createRoom, ...(decision ? { decision } : {}) });
    }

    // multipart/form-data (decision body-encodings): the same bracketed fields.
    await ctx.rule('a multipart/form-data room body is read like a form', async () => {
      const id = uniqueId(ctx, 'multipart');
      const fd = new FormData();
      fd.set('id', id);
      fd.set('user[name]', 'multipart user');
      fd.set('options[widescreen]', 'true');
      // A file part is an upload, not a field: it is left out, as it would be of a form.
      fd.set('options[exit_url]', new Blob(['https://callrec.invalid/from-a-file']), 'exit.txt');
      const encoded = new Response(fd);
      const res = await create(ctx, new Uint8Array(await encoded.arrayBuffer()), encoded.headers.get('content-type')!);
      const b = bodyOf(res);
      if (res.status !== 201 || b?.room?.id !== id || b?.user?.name !== 'multipart user' || b?.options?.widescreen !== true || (b?.options?.exit_url ?? null) !== null) ctx.fail({ rule: 'a multipart/form-data room body is read like a form', expected: `201, room.id ${id}, user.name "multipart user", options.widescreen true, no exit_url (sent as a file part, which is no field)`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom, decision: 'body-encodings' });
    }, { operation: OP.createRoom, decision: 'body-encodings' });

    // The room's id and name (documented parameters of POST /rooms); its id limits are ours.
    const named = uniqueId(ctx, 'named');
    await ctx.rule('a room created with id and name answers them in room', async () => {
      const res = await create(ctx, form([['id', named], ['name', 'Weekly standup'], user]), FORM);
      const room = bodyOf(res)?.room;
      if (res.status !== 201 || room?.id !== named || room?.name !== 'Weekly standup') ctx.fail({ rule: 'a room created with id and name answers them in room', expected: `201, room {id: ${named}, name: "Weekly standup"}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom });
    }, { operation: OP.createRoom });
    await ctx.rule('a room created without a name, or with an empty one, is named after its id; user id and avatar come back', async () => {
      for (const name of [undefined, '']) {
        const id = uniqueId(ctx, 'unnamed');
        const fields: [string, string][] = [['id', id], user, ['user[id]', `u-${id}`], ['user[avatar]', 'https://callrec.invalid/a.png']];
        const res = await create(ctx, form(name === undefined ? fields : [...fields, ['name', name]]), FORM);
        const b = bodyOf(res);
        if (res.status !== 201 || b?.room?.name !== id || b?.user?.avatar !== 'https://callrec.invalid/a.png' || b?.user?.id !== `u-${id}`) {
          ctx.fail({ rule: 'a room created without a name is named after its id; user id and avatar come back', expected: `201, room.name ${id}, user {id: u-${id}, avatar}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom, decision: 'room-options' });
        }
      }
    }, { decision: 'room-options', operation: OP.createRoom });
    const spaced = `standup meeting ${ctx.seed}`;
    const edge = `e${uniqueId(ctx, 'x')}`.padEnd(128, 'x');
    for (const [what, id, ok] of [
      ['a room id with spaces (eyeson-php joins "standup meeting")', spaced, true],
      ['a room id of 128 characters', edge, true],
      ['a room id of 129 characters', `${edge}y`, false],
      ['a room id with "/"', 'a/b', false],
      ['a room id with a control character', 'a\u0001b', false],
    ] as const) {
      const rule = `${what} ${ok ? 'is taken' : 'answers 400 naming id'}`;
      await ctx.rule(rule, async () => {
        const res = await create(ctx, form([['id', id], user]), FORM);
        if (ok) {
          if (res.status !== 201 || bodyOf(res)?.room?.id !== id) ctx.fail({ rule, expected: `201 with room.id ${JSON.stringify(id.slice(0, 30))}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.createRoom, decision: 'room-options' });
        } else refusedNaming(res, rule, 'id');
      }, { decision: 'room-options', operation: OP.createRoom });
    }
    for (const [what, body] of [
      ['no user', form([['id', uniqueId(ctx, 'nouser')]])],
      ['an empty user[name]', form([['id', uniqueId(ctx, 'nouser')], ['user[name]', '']])],
      ['a blank user[name]', form([['id', uniqueId(ctx, 'nouser')], ['user[name]', '   ']])],
    ] as const) {
      const rule = `POST /rooms with ${what} answers 400 naming user[name]`;
      await ctx.rule(rule, async () => refusedNaming(await create(ctx, body, FORM), rule, 'user[name]'), { decision: 'room-options', operation: OP.createRoom });
    }

    // GET /rooms: oldest first, then by room id (decision current-meetings). Created in reverse id order.
    await ctx.rule('GET /rooms lists running meetings by started_at, then room id', async () => {
      const stem = uniqueId(ctx, 'order');
      // Eight at once, in scrambled id order, so a wrong tie-break cannot come out sorted by chance.
      for (const suffix of ['h', 'c', 'f', 'a', 'g', 'b', 'e', 'd']) await freshMeeting(ctx, { roomId: `${stem}-${suffix}` });
      const res = await ctx.target.request({ method: 'GET', path: '/rooms', operation: OP.listMeetings });
      const rooms = (bodyOf(res) as unknown as { id: string; started_at: string }[] | undefined) ?? [];
      const keys = Array.isArray(rooms) ? rooms.map((r) => [Date.parse(r.started_at), r.id] as const) : [];
      const at = keys.findIndex((k, i) => i > 0 && (keys[i - 1]![0] > k[0] || (keys[i - 1]![0] === k[0] && keys[i - 1]![1] > k[1])));
      if (res.status !== 200 || at > 0) ctx.fail({ rule: 'GET /rooms lists running meetings by started_at, then room id', expected: 'ascending (started_at, id)', actual: at > 0 ? `${keys[at - 1]![1]} before ${keys[at]![1]}` : `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.listMeetings, decision: 'current-meetings' });
    }, { decision: 'current-meetings', operation: OP.listMeetings });

    // Pages (decision list-pages): numbered from 1, 0 is page 1, past the end []; anything but a non-negative integer is 400.
    const paged = asConfig(ctx.config).rooms?.paged;
    if (!paged) ctx.skip('page 0 is page 1, a page far past the end is [], a malformed page is 400 naming page', 'needs rooms.paged in the target config', { decision: 'list-pages' });
    else {
      await ctx.rule('page 0 is page 1, a page far past the end is [], a malformed page is 400 naming page', async () => {
        const page = (p?: string) => ctx.target.request({ method: 'GET', path: `/rooms/${encodeURIComponent(paged)}/recordings`, ...(p === undefined ? {} : { query: { page: p } }), operation: OP.list });
        const [none, zero, one, far] = [await page(), await page('0'), await page('1'), await page('12345')];
        const ids = (r: TargetResponse) => JSON.stringify(((bodyOf(r) as unknown as { id: string }[] | undefined) ?? []).map?.((x) => x.id));
        if (none.status !== 200 || ids(none) !== ids(one) || ids(zero) !== ids(one) || ids(one) === '[]') ctx.fail({ rule: 'no page and page 0 are page 1', expected: `the ids of page 1: ${ids(one).slice(0, 80)}`, actual: `no page: ${ids(none).slice(0, 80)}; page 0: ${ids(zero).slice(0, 80)}`, response: zero, operation: OP.list, decision: 'list-pages' });
        if (far.status !== 200 || far.text().trim() !== '[]') ctx.fail({ rule: 'a page far past the end is []', expected: 'HTTP 200 []', actual: `HTTP ${far.status} ${excerpt(far)}`, response: far, operation: OP.list, decision: 'list-pages' });
        for (const bad of ['x', '-1', '1.5', '1x', 'x1']) {
          const res = await page(bad);
          const message = bodyOf(res)?.error;
          if (res.status !== 400 || typeof message !== 'string' || !message.includes('page')) ctx.fail({ rule: 'a malformed page is 400 naming page', expected: `HTTP 400 naming page for page=${bad}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.list, decision: 'list-pages' });
        }
      }, { decision: 'list-pages', operation: OP.list });
    }

    // The room response's links (eyeson-go Room.Links, eyeson-node): self reads the room back; gui and guest_join are web pages, websocket a ws(s) URL.
    await ctx.rule("a room response's links: self reads the room back, gui and guest_join are http(s) URLs, websocket a ws(s) URL", async () => {
      const res = await create(ctx, form([['id', uniqueId(ctx, 'links')], user]), FORM);
      const b = bodyOf(res);
      const links = (b?.links ?? {}) as Record<string, unknown>;
      const abs = (v: unknown, scheme: RegExp) => typeof v === 'string' && scheme.test(v) && URL.canParse(v);
      if (!abs(links.self, /^https?:\/\//) || !abs(links.gui, /^https?:\/\//) || !abs(links.guest_join, /^https?:\/\//) || !abs(links.websocket, /^wss?:\/\//)) {
        return ctx.fail({ rule: "a room response's links are absolute URLs", expected: 'self, gui, guest_join http(s); websocket ws(s)', actual: JSON.stringify(links).slice(0, 300), response: res, operation: OP.createRoom });
      }
      const self = await ctx.target.request({ method: 'GET', path: links.self as string, auth: 'none', operation: OP.getRoom });
      if (self.status !== 200 || bodyOf(self)?.access_key !== b?.access_key) ctx.fail({ rule: 'links.self reads the room back', expected: `HTTP 200 with access_key ${String(b?.access_key)}`, actual: `HTTP ${self.status} ${excerpt(self)}`, response: self, operation: OP.getRoom });
    }, { operation: OP.createRoom });

    // Shutdown by room id with the API key (decision shutdown-by-room-id): another team's key 404, the owner's 204, then 410.
    await ctx.rule('DELETE /rooms/{room_id} with the API key: another team 404, the team 204, again 410; the meeting is gone', async () => {
      const m = await freshMeeting(ctx, { roomId: uniqueId(ctx, 'shut') });
      const other = asConfig(ctx.config).otherApiKey;
      const del = (auth: 'default' | Record<string, string>) => ctx.target.request({ method: 'DELETE', path: `/rooms/${encodeURIComponent(m.roomId)}`, auth, operation: OP.shutdown });
      const theirs = other ? await del({ authorization: other }) : undefined;
      const first = await del('default');
      const again = await del('default');
      const room = await ctx.target.request({ method: 'GET', path: `/rooms/${encodeURIComponent(m.accessKey)}`, auth: 'none', operation: OP.getRoom });
      if ((theirs && theirs.status !== 404) || first.status !== 204 || again.status !== 410 || room.status !== 410) {
        ctx.fail({ rule: 'DELETE /rooms/{room_id} with the API key', expected: 'another team 404, 204, then 410; the access key 410', actual: `${theirs ? `other ${theirs.status}, ` : ''}${first.status}, then ${again.status}; access key ${room.status}`, response: again, operation: OP.shutdown, decision: 'shutdown-by-room-id' });
      }
    }, { decision: 'shutdown-by-room-id', operation: OP.shutdown });

    // Time filters (decision time-filters): RFC 3339 in its spellings is taken, anything else is 400.
    const meeting = await freshMeeting(ctx, { roomId: uniqueId(ctx, 'filters') });
    const good = ['2026-01-01T00:00:00Z', '2026-01-01t00:00:00z', '2026-01-01 00:00:00Z', '2026-01-01T00:00:00.123456789Z', '2026-01-01T01:00:00+01:00', '2026-01-01T01:00:00+0100', '2025-12-31T19:00:00-05:00'];
    const bad = ['2026-01-01', 'yesterday', '2026-01-01T00:00:00', '2026-01-01T00:00:00+1:00', '2026-01-01T00:00:00+01:0', 'x2026-01-01T00:00:00Z', '2026-01-01T00:00:00Zx', '2026-01-01T00:00:00.Z', '2026-01-01T00:00:00+ab:cd', '2026-01-01T00:00:00*01:00', '+002026-01-01T00:00:00Z'];
    for (const param of ['since', 'until', 'started_at']) {
      await ctx.rule(`${param} in RFC 3339 spellings is taken`, async () => {
        for (const v of good) {
          const res = await ctx.target.request({ method: 'GET', path: `/rooms/${encodeURIComponent(meeting.roomId)}/recordings`, query: { [param]: v }, operation: OP.list });
          if (res.status !== 200) ctx.fail({ rule: `${param} in RFC 3339 spellings is taken`, expected: `HTTP 200 for ${param}=${v}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.list, decision: 'time-filters' });
        }
      }, { decision: 'time-filters', operation: OP.list });
      await ctx.rule(`${param} that is not an RFC 3339 date-time answers 400`, async () => {
        for (const v of bad) {
          const res = await ctx.target.request({ method: 'GET', path: `/rooms/${encodeURIComponent(meeting.roomId)}/recordings`, query: { [param]: v }, operation: OP.list });
          const message = bodyOf(res)?.error;
          if (res.status !== 400 || typeof message !== 'string' || !message.includes(param)) ctx.fail({ rule: `${param} that is not an RFC 3339 date-time answers 400`, expected: `HTTP 400 naming ${param} for ${param}=${v}`, actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.list, decision: 'time-filters' });
        }
      }, { decision: 'time-filters', operation: OP.list });
    }
  },
};

export const roomInputChecks: Check[] = [inputValidation];

// ---------------------------------------------------------------- webhook registration

const WEBHOOK_DECISION = 'webhook-registration';

/**
 * One webhook per API key (the reference): registering answers 201 and replaces the old one (with
 * a new id); GET answers it as registered, null when none (decision webhook-none-null); DELETE of
 * another key's webhook is 403 and of an unknown one 404 (decision auth-401-403). The spec requires
 * `url` (a URI) and `types` (known types): a body without them is a 400. Ours (decision
 * webhook-registration): the url must be absolute http(s); `types` is a comma list (or a JSON or
 * `types[]` form array) of known types, trimmed, duplicates dropped, anything else a 400.
 */
const webhookRegistration: Check = {
  id: 'eyeson.webhooks.registration',
  title: 'POST /webhooks in every client spelling is answered back by GET as registered; bad url or types are 400; DELETE by id: own 204, stale 404, another team\'s 403',
  operations: [OP.registerWebhook, OP.getWebhook, OP.deleteWebhook],
  specRef: '#/paths/~1webhooks/post',
  needs: ['credentials', 'writes'],
  decision: WEBHOOK_DECISION,
  async run(ctx) {
    requireWrites(ctx);
    const register = (body: string | Record<string, unknown>, auth: 'default' | Record<string, string> = 'default') =>
      ctx.target.request({ method: 'POST', path: '/webhooks', body, auth, ...(typeof body === 'string' ? { headers: { 'content-type': FORM } } : {}), operation: OP.registerWebhook });
    const current = async (auth: 'default' | Record<string, string> = 'default') => {
      const res = await ctx.target.request({ method: 'GET', path: '/webhooks', auth, operation: OP.getWebhook });
      return { res, hook: bodyOf(res) as { id?: string; url?: string; types?: string[]; last_request_sent_at?: unknown; last_response_code?: unknown } | null | undefined };
    };
    const url = (n: string) => `https://hooks.example.com/callrec-${ctx.seed}-${n}`;
    const spellings: [string, string | Record<string, unknown>, string[], string?][] = [
      ['a form comma list (eyeson-go, eyeson-php)', `url=${encodeURIComponent(url('a'))}&types=${encodeURIComponent('recording_update,room_update')}`, ['recording_update', 'room_update']],
      ['a form list (types[])', `url=${encodeURIComponent(url('b'))}&types%5B%5D=room_update&types%5B%5D=participant_update`, ['room_update', 'participant_update'], 'body-encodings'],
      ['a JSON array', { url: url('c'), types: ['snapshot_update'] }, ['snapshot_update']],
      ['a JSON comma list with spaces and a repeat (eyeson-node joins with ",")', { url: url('d'), types: ' recording_update , recording_update,room_update ' }, ['recording_update', 'room_update'], WEBHOOK_DECISION],
    ];
    let lastId: string | undefined;
    let staleId: string | undefined;
    for (const [what, body, types, decision] of spellings) {
      const rule = `a webhook registered as ${what} reads back as registered`;
      await ctx.rule(rule, async () => {
        const res = await register(body);
        if (res.status !== 201) ctx.fail({ rule, expected: 'HTTP 201', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.registerWebhook });
        const { res: got, hook } = await current();
        const sentUrl = typeof body === 'string' ? decodeURIComponent(/url=([^&]*)/.exec(body)![1]!) : (body.url as string);
        if (!hook || hook.url !== sentUrl || JSON.stringify(hook.types) !== JSON.stringify(types) || hook.last_request_sent_at !== null || hook.last_response_code !== null || typeof hook.id !== 'string' || hook.id === lastId) {
          ctx.fail({ rule, expected: `{id: a new id, url: ${sentUrl}, types: ${JSON.stringify(types)}, last_request_sent_at: null, last_response_code: null}`, actual: excerpt(got), response: got, operation: OP.getWebhook });
        }
        staleId = lastId;
        lastId = hook?.id;
      }, { operation: OP.registerWebhook, ...(decision ? { decision } : {}) });
    }
    const bad: [string, string | Record<string, unknown>, string, string?][] = [
      ['no url', { types: 'recording_update' }, 'url'],
      ['a url that is not a URI', { url: 'not a url', types: 'recording_update' }, 'url'],
      ['an ftp url', { url: 'ftp://hooks.example.com/x', types: 'recording_update' }, 'url', WEBHOOK_DECISION],
      ['a url without host', { url: 'https://', types: 'recording_update' }, 'url', WEBHOOK_DECISION],
      ['no types', { url: url('e') }, 'types'],
      ['an unknown type in a JSON array', { url: url('e'), types: ['recording_update', 'meeting_update'] }, 'types'],
      ['a JSON array that is not of strings', { url: url('e'), types: [1] }, 'types'],
      ['an unknown type in a comma list', { url: url('e'), types: 'recording_update,meeting_update' }, 'types', WEBHOOK_DECISION],
      ['an empty type list', { url: url('e'), types: ' , ' }, 'types', WEBHOOK_DECISION],
    ];
    for (const [what, body, names, decision] of bad) {
      const rule = `a webhook with ${what} answers 400 naming ${names}`;
      await ctx.rule(rule, async () => {
        const res = await register(body);
        const message = bodyOf(res)?.error;
        if (res.status !== 400) ctx.fail({ rule, expected: 'HTTP 400', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.registerWebhook, ...(decision ? { decision } : {}) });
        if (typeof message !== 'string' || !message.includes(names)) ctx.fail({ rule, expected: `{"error": "… ${names} …"}`, actual: excerpt(res), response: res, operation: OP.registerWebhook, decision: WEBHOOK_DECISION });
        const { hook } = await current();
        if (hook?.id !== lastId) ctx.fail({ rule: `${rule}, and keeps the registered webhook`, expected: `the webhook ${lastId}`, actual: JSON.stringify(hook), operation: OP.getWebhook });
      }, { operation: OP.registerWebhook, ...(decision ? { decision } : {}) });
    }
    const del = (id: string, auth: 'default' | Record<string, string> = 'default') => ctx.target.request({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}`, auth, operation: OP.deleteWebhook });
    if (staleId) {
      await ctx.rule('deleting a replaced webhook by its old id is 404', async () => {
        const res = await del(staleId!);
        if (res.status !== 404) ctx.fail({ rule: 'deleting a replaced webhook by its old id is 404', expected: 'HTTP 404', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.deleteWebhook });
      }, { operation: OP.deleteWebhook });
    }
    const other = asConfig(ctx.config).otherApiKey;
    if (!other || !lastId) ctx.skip("another team deleting this team's webhook is 403", 'needs otherApiKey in the target config and a registered webhook', { decision: 'auth-401-403' });
    else {
      await ctx.rule("another team deleting this team's webhook is 403, and it stays", async () => {
        const res = await del(lastId!, { authorization: other });
        if (res.status !== 403) ctx.fail({ rule: "another team deleting this team's webhook is 403", expected: 'HTTP 403', actual: `HTTP ${res.status} ${excerpt(res)}`, response: res, operation: OP.deleteWebhook, decision: 'auth-401-403' });
        const { hook } = await current();
        if (hook?.id !== lastId) ctx.fail({ rule: "another team's delete leaves this team's webhook", expected: `the webhook ${lastId}`, actual: JSON.stringify(hook), operation: OP.getWebhook });
        const theirs = await current({ authorization: other });
        if (theirs.hook?.id === lastId) ctx.fail({ rule: "another team never sees this team's webhook", expected: 'their own webhook or null', actual: excerpt(theirs.res), response: theirs.res, operation: OP.getWebhook });
      }, { operation: OP.deleteWebhook, decision: 'auth-401-403' });
    }
    if (lastId) {
      await ctx.rule('deleting the webhook by its id is 204, then GET answers null', async () => {
        const res = await del(lastId!);
        const { res: after, hook } = await current();
        if (res.status !== 204 || hook !== null) ctx.fail({ rule: 'deleting the webhook by its id is 204, then GET answers null', expected: '204, then null', actual: `HTTP ${res.status}, then ${excerpt(after)}`, response: after, operation: OP.deleteWebhook, decision: 'webhook-none-null' });
      }, { operation: OP.deleteWebhook, decision: 'webhook-none-null' });
    }
  },
};

export const webhookRegistrationChecks: Check[] = [webhookRegistration];
