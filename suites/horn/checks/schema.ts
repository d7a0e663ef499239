// Every response the target gives must be one the spec documents: a documented status, a body
// matching its schema, the required headers. Drives every operation with valid input — a whole
// start → stop → ready cycle and the hand-outs of a ready recording — and with typical errors.
import type { Check, CheckContext, TargetRequest, TargetResponse } from '../../../core/check.ts';
import { asConfig } from '../config.ts';
import { OP, expectConforms, expectStatus, freshChannel, paths, readyRecording, roleAuth, stopQuietly, uniqueId } from '../support.ts';
import type { Auth, OperationId } from '../support.ts';

type Call = Omit<TargetRequest, 'operation'>;

async function conforming(ctx: CheckContext, operation: OperationId, req: Call): Promise<TargetResponse> {
  const res = await ctx.target.request({ ...req, operation });
  expectConforms(ctx, res, operation);
  return res;
}

const GET = (path: string, auth: Auth, query?: Call['query'], headers?: Call['headers']): Call => ({ method: 'GET', path, auth, ...(query ? { query } : {}), ...(headers ? { headers } : {}) });

/** Reads and hand-outs of a ready recording, valid and invalid. */
async function readyReads(ctx: CheckContext, channel: string, id: string, owner: Auth, stranger: Auth): Promise<void> {
  await conforming(ctx, OP.get, GET(paths.recording(channel, id), owner));
  await conforming(ctx, OP.list, GET(paths.list(channel), owner));
  await conforming(ctx, OP.list, GET(paths.list(channel), owner, { limit: 5, offset: 1, sort: 'ended', order: 'asc' }));
  await conforming(ctx, OP.list, GET(paths.list(channel), owner, { offset: 100_000 }));
  await conforming(ctx, OP.list, GET(paths.list(channel), owner, { session: uniqueId(ctx, 'no-such-session') }));
  const assets = await conforming(ctx, OP.assets, GET(paths.recording(channel, id, '/assets'), owner));
  expectStatus(ctx, assets, 200, 'the owner lists the assets of a ready recording', OP.assets);
  for (const a of assets.json<{ id: string }[]>()) await conforming(ctx, OP.asset, GET(paths.asset(channel, id, a.id), owner));
  await conforming(ctx, OP.asset, GET(paths.asset(channel, id, uniqueId(ctx, 'no-such-asset')), owner));

  const url = await conforming(ctx, OP.downloadUrl, GET(paths.recording(channel, id, '/download'), owner, { ttl: '1h' }));
  expectStatus(ctx, url, 200, 'the owner gets a download URL', OP.downloadUrl);
  await conforming(ctx, OP.archive, GET(url.json<{ url: string }>().url, 'none', undefined, { range: 'bytes=0-99' }));
  await conforming(ctx, OP.downloadUrl, GET(paths.recording(channel, id, '/download'), stranger));

  const creds = await conforming(ctx, OP.credentials, GET(paths.recording(channel, id, '/credentials'), owner, { ttl: '10m' }));
  expectStatus(ctx, creds, 200, 'the owner gets download credentials', OP.credentials);
  const jwt = creds.json<{ jwt: string }>().jwt;
  const available = await conforming(ctx, OP.assetsByJwt, GET(paths.assetsByJwt(jwt), 'none'));
  const firstId = available.status === 200 ? available.json<{ id: string }[]>()[0]?.id : undefined;
  if (firstId) {
    await conforming(ctx, OP.assetByJwt, GET(paths.assetByJwt(firstId, jwt), 'none', undefined, { range: 'bytes=0-99' }));
    await conforming(ctx, OP.assetByJwt, GET(paths.assetByJwt(firstId, 'not.a.jwt'), 'none'));
  }
  await conforming(ctx, OP.assetsByJwt, GET(paths.assetsByJwt('not.a.jwt'), 'none'));
}

const responsesConform: Check = {
  id: 'horn.schema.responses-conform',
  title: 'every response, to valid and to invalid requests, is one the spec documents',
  operations: Object.values(OP),
  specRef: '#/paths',
  needs: ['credentials', 'recording'],
  async run(ctx) {
    const owner = roleAuth(ctx, 'owner');
    const operator = roleAuth(ctx, 'operator');
    const stranger = roleAuth(ctx, 'stranger');
    const { channel, recording } = await readyRecording(ctx, { durationMs: 45 * 60_000 });

    await conforming(ctx, OP.possible, GET(paths.possible(channel), operator));
    await conforming(ctx, OP.possible, GET(paths.possible(channel), stranger));
    await conforming(ctx, OP.possible, GET(paths.possible(uniqueId(ctx, 'no-such-channel')), owner));
    await conforming(ctx, OP.list, GET(paths.list(channel), 'none'));
    await conforming(ctx, OP.get, GET(paths.recording(channel, uniqueId(ctx, 'no-such-recording')), owner));
    const conference = asConfig(ctx.config).channels?.conference;
    if (conference) await conforming(ctx, OP.start, { method: 'POST', path: paths.record(conference), auth: operator });
    await readyReads(ctx, channel, recording.id, owner, stranger);

    if (!ctx.control && asConfig(ctx.config).writes !== true) {
      ctx.log('writes not allowed: the start → stop cycle was not exercised');
      return;
    }
    // A recording of our own through its life: running, processing, ready.
    const live = await freshChannel(ctx);
    try {
      const started = await conforming(ctx, OP.start, { method: 'POST', path: paths.record(live), auth: operator });
      expectStatus(ctx, started, 200, 'start in a recordable channel answers 200', OP.start);
      const id = started.json<{ id: string }>().id;
      await conforming(ctx, OP.start, { method: 'POST', path: paths.record(live), auth: operator }); // already recording
      await conforming(ctx, OP.get, GET(paths.recording(live, id), operator));
      await conforming(ctx, OP.assets, GET(paths.recording(live, id, '/assets'), operator));
      await conforming(ctx, OP.downloadUrl, GET(paths.recording(live, id, '/download'), owner));
      await conforming(ctx, OP.credentials, GET(paths.recording(live, id, '/credentials'), owner));
      await conforming(ctx, OP.list, GET(paths.list(live), operator, { sort: 'ended', order: 'desc' }));
      if (ctx.control) await ctx.control.advanceClock(35 * 60_000);
      await conforming(ctx, OP.stop, { method: 'DELETE', path: paths.record(live), auth: operator });
      await conforming(ctx, OP.stop, { method: 'DELETE', path: paths.record(live), auth: operator }); // nothing running
      await conforming(ctx, OP.get, GET(paths.recording(live, id), operator));
      await conforming(ctx, OP.assets, GET(paths.recording(live, id, '/assets'), operator));
      if (ctx.control) {
        await ctx.control.advanceClock(10 * 60_000);
        await readyReads(ctx, live, id, owner, stranger);
      }
    } finally {
      await stopQuietly(ctx, live);
    }
  },
};

export const schemaChecks: Check[] = [responsesConform];
