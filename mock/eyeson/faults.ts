// Named, deliberate bugs the Eyeson mock can be switched into (control API or `callrec mock --fault`).
// Each one names the checks that must fail while it is on; `callrec selfcheck` proves it.
import type { FaultDef } from '../../core/api.ts';

const c = (rule: string) => `eyeson.${rule}`;

export const faults = [
  // schema & statuses
  { name: 'duration-as-string', description: 'GET /recordings/{id} reports `duration` as a string ("12") instead of an integer', trips: [c('schema.responses-conform')] },
  { name: 'list-wrapped-in-object', description: 'GET /rooms/{room_id}/recordings answers `{recordings:[…]}` instead of a JSON array', trips: [c('schema.responses-conform')] },
  { name: 'second-start-201', description: 'starting a recording while one is already running answers 201 instead of 405', trips: [c('recording.start-stop-statuses')] },
  { name: 'shutdown-room-404', description: 'start/stop with the access key of a shut-down meeting answers 404 instead of 410', trips: [c('recording.start-stop-statuses')] },
  { name: 'start-body-returned', description: 'start answers 201 with a JSON body although the documented answer is status only', trips: [c('recording.start-stop-statuses')] },
  // auth
  { name: 'any-api-key-accepted', description: 'any Authorization value (even a wrong API key) is accepted', trips: [c('auth.api-key')] },
  { name: 'missing-api-key-accepted', description: 'requests without Authorization are answered 200', trips: [c('auth.api-key')] },
  { name: 'locked-key-401', description: 'a locked API key answers 401 instead of 423 Locked', trips: [c('auth.api-key')] },
  // lifecycle (started → stopped → finished, told apart by duration and links.download)
  { name: 'download-before-duration', description: 'links.download is set while duration is still null (finished before stopped)', trips: [c('lifecycle.fields-in-order')] },
  { name: 'duration-regresses', description: 'a stopped/finished recording reads back with duration null on every other read', trips: [c('lifecycle.fields-in-order')] },
  // pagination
  { name: 'page-repeats-last-item', description: 'page N+1 starts with the last item of page N', trips: [c('pagination.pages')] },
  { name: 'page-size-24', description: 'pages hold 24 recordings instead of 25, so one is skipped per page', trips: [c('pagination.pages')] },
  { name: 'out-of-range-page-repeats-last', description: 'a page past the end repeats the last page instead of answering []', trips: [c('pagination.pages')] },
  { name: 'since-ignored', description: 'the `since` filter is ignored', trips: [c('pagination.time-filters')] },
  { name: 'until-ignored', description: 'the `until` filter is ignored', trips: [c('pagination.time-filters')] },
  { name: 'started-at-ignored', description: 'the `started_at` filter is ignored (recordings of every room instance are listed)', trips: [c('pagination.time-filters')] },
  // download links
  { name: 'expired-link-served', description: 'a download link is still served more than 1 hour after it was issued', trips: [c('download.link-expiry')] },
  { name: 'link-expires-early', description: 'download links stop working 1 minute after issue instead of 1 hour', trips: [c('download.link-expiry')] },
  { name: 'range-ignored-200', description: 'a satisfiable Range on the download link is answered 200 with the whole file', trips: [c('download.ranges')] },
  { name: 'content-range-end-off-by-one', description: 'Content-Range end is one past the last byte sent', trips: [c('download.ranges')] },
  // retention
  { name: 'recordings-never-expire', description: 'recordings are still served more than 14 days after creation', trips: [c('retention.fourteen-days')] },
  { name: 'recordings-expire-after-7-days', description: 'recordings disappear 7 days after creation instead of 14', trips: [c('retention.fourteen-days')] },
  // webhooks
  { name: 'webhook-signed-wrong-key', description: 'X-Eyeson-Signature is computed with a different key than the API key', trips: [c('webhooks.signature')] },
  { name: 'webhook-signature-base64', description: 'X-Eyeson-Signature is base64 instead of lowercase hex', trips: [c('webhooks.signature')] },
  { name: 'webhook-stop-missing', description: 'no recording_update is sent when a recording stops', trips: [c('webhooks.transitions')] },
  { name: 'webhook-finish-before-stop', description: 'the finished recording_update is delivered before the stopped one', trips: [c('webhooks.transitions')] },
  // delete
  { name: 'deleted-still-readable', description: 'GET /recordings/{id} still answers 200 after the recording was deleted', trips: [c('delete.lifecycle')] },
  { name: 'deleted-still-listed', description: 'a deleted recording still appears in the room listing', trips: [c('delete.lifecycle')] },
  { name: 'delete-twice-200', description: 'deleting an already deleted recording answers 200 instead of 404', trips: [c('delete.lifecycle')] },
  // SDK body encodings
  { name: 'form-body-rejected', description: 'application/x-www-form-urlencoded bodies (eyeson-go, eyeson-php) are rejected with 400', trips: [c('sdk.body-encodings')] },
  { name: 'json-body-rejected', description: 'application/json bodies (eyeson-node) are rejected with 400', trips: [c('sdk.body-encodings')] },
  { name: 'bracketed-keys-ignored', description: 'bracketed form keys like `user[name]` are ignored, so POST /rooms answers 400', trips: [c('sdk.body-encodings')] },
  // robustness
  { name: 'unknown-method-404', description: 'an undefined method on a known path answers 404 without Allow instead of 405', trips: [c('robustness.bad-input')] },
  { name: 'malformed-json-500', description: 'a malformed JSON body answers 500 instead of 400', trips: [c('robustness.bad-input')] },
] as const satisfies readonly FaultDef[];

export type FaultName = (typeof faults)[number]['name'];
