// GET /apps/spreed/api/v1/recording/welcome/{serverId} — an admin asks Nextcloud whether a
// configured recording server answers (nextcloud/spreed RecordingController::getWelcomeMessage).
// Admins only; an unknown server index is 404 with data null; the recording server's own
// `GET <server>/api/v1/welcome` JSON is passed through as data; not reaching it is 500
// {error: CAN_NOT_CONNECT}, an HTTP error from it 500 {error: "<status>"}, a body that is not a
// JSON object or array 500 {error: JSON_INVALID}, a signaling server 500 {error: IS_SIGNALING_SERVER}.
import { has, type TalkContext } from '../../context.ts';
import { failure, ok, type OcsResult } from '../../ocs.ts';
import type { TalkRequest } from '../../router.ts';
import { notLoggedIn } from '../guard.ts';
import { runtimeOf } from '../runtime.ts';
import { isSimulated } from '../server-config.ts';
import { SIMULATED_RECORDING_SERVER_VERSION } from '../sim-server.ts';

/** How long Nextcloud waits for the welcome (its HTTP client's default timeout is longer; the mock does not wait that long). */
const WELCOME_TIMEOUT_MS = 10_000;
/** The header a signaling server answers with (OCA\Talk\Signaling\Manager::FEATURE_HEADER). */
const SIGNALING_FEATURE_HEADER = 'x-spreed-signaling-features';

const serverError = (ctx: TalkContext, error: string): OcsResult => failure(500, '', { error: has(ctx, 'welcome-errors-as-connect') ? 'CAN_NOT_CONNECT' : error });

export async function recordingWelcome(ctx: TalkContext, req: TalkRequest, params: Record<string, string>): Promise<OcsResult> {
  if (req.actor.kind !== 'user') return notLoggedIn();
  // Nextcloud's admin check (no #[NoAdminRequired]): 403 with its message, before the controller.
  if (!req.actor.user.isAdmin && !has(ctx, 'welcome-non-admin-allowed')) return failure(403, 'Logged in account must be an admin');
  const id = params.serverId ?? '';
  // Indexes are digits only; anything else names no server either (spec: welcome-server-id).
  if (!(has(ctx, 'welcome-id-digits-at-end') ? /\d+$/ : /^\d+$/).test(id)) return failure(404);
  const server = ctx.config.recordingServers[Number(id)];
  if (!server) return failure(404, '', null);
  if (isSimulated(server)) return ok({ version: SIMULATED_RECORDING_SERVER_VERSION });

  const url = `${server.server.replace(/\/+$/, '').toLowerCase()}/api/v1/welcome`;
  const rt = runtimeOf(ctx);
  const abort = new AbortController();
  rt.inFlight.add(abort);
  const timer = setTimeout(() => abort.abort(new Error('timeout')), WELCOME_TIMEOUT_MS);
  let res: Response;
  let text: string;
  try {
    res = await ctx.fetch(url, { method: 'GET', signal: abort.signal });
    text = await res.text();
  } catch {
    return serverError(ctx, 'CAN_NOT_CONNECT');
  } finally {
    clearTimeout(timer);
    rt.inFlight.delete(abort);
  }
  // Guzzle throws for 4xx/5xx; the controller answers the exception's code, the HTTP status.
  if (res.status >= (has(ctx, 'welcome-400-passed-through') ? 401 : 400)) return serverError(ctx, String(res.status));
  if (res.headers.get(SIGNALING_FEATURE_HEADER)) return serverError(ctx, 'IS_SIGNALING_SERVER');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON: data stays undefined (JSON_INVALID below).
  }
  // PHP's json_decode(…, true) gives an array for JSON objects and arrays only.
  if (typeof data !== 'object' || (data === null && !has(ctx, 'welcome-null-passed-through'))) return serverError(ctx, 'JSON_INVALID');
  return ok(data);
}
