// Named, deliberate bugs the Eyeson mock can be switched into (control API or `callrec mock --fault`).
// Which checks each must trip is the suites' business (suites/eyeson/faults.ts).
import type { FaultDef } from '../../core/api.ts';

export const faults = [
  // schema & statuses
  { name: 'duration-as-string', description: 'GET /recordings/{id} reports `duration` as a string ("12") instead of an integer' },
  { name: 'list-wrapped-in-object', description: 'GET /rooms/{room_id}/recordings answers `{recordings:[…]}` instead of a JSON array' },
  { name: 'second-start-201', description: 'starting a recording while one is already running answers 201 instead of 405' },
  { name: 'shutdown-room-404', description: 'start/stop with the access key of a shut-down meeting answers 404 instead of 410' },
  { name: 'shutdown-200', description: 'shutting a meeting down answers 200 instead of 204 No Content (eyeson-php then reports the shutdown as failed)' },
  { name: 'start-body-returned', description: 'start answers 201 with a JSON body although the documented answer is status only' },
  // auth
  { name: 'any-api-key-accepted', description: 'any Authorization value (even a wrong API key) is accepted' },
  { name: 'missing-api-key-accepted', description: 'requests without Authorization are answered 200' },
  { name: 'locked-key-401', description: 'a locked API key answers 401 instead of 423 Locked' },
  // lifecycle (started → stopped → finished, told apart by duration and links.download)
  { name: 'download-before-duration', description: 'links.download is set while duration is still null (from the stop until 10 min after it)' },
  { name: 'duration-regresses', description: 'a stopped/finished recording reads back with duration null on every other read' },
  // pagination
  { name: 'page-repeats-last-item', description: 'page N+1 starts with the last item of page N' },
  { name: 'page-size-24', description: 'pages hold 24 recordings instead of 25, so one is skipped per page' },
  { name: 'out-of-range-page-repeats-last', description: 'a page past the end repeats the last page instead of answering []' },
  { name: 'since-ignored', description: 'the `since` filter is ignored' },
  { name: 'until-ignored', description: 'the `until` filter is ignored' },
  { name: 'started-at-ignored', description: 'the `started_at` filter is ignored (recordings of every room instance are listed)' },
  // download links
  { name: 'expired-link-served', description: 'a download link is still served more than 1 hour after it was issued' },
  { name: 'link-expires-early', description: 'download links stop working 1 minute after issue instead of 1 hour' },
  { name: 'duration-whole-minutes', description: 'a stopped recording reports its duration rounded to whole minutes (95 s → 120)' },
  { name: 'webhook-types-ignored', description: 'recording_update is delivered to a webhook registered only for other types' },
  { name: 'bearer-api-key-accepted', description: 'the API key is also accepted behind a "Bearer " prefix, which no Eyeson client sends' },
  { name: 'unknown-access-key-500', description: 'an access key nobody issued answers 500 instead of 404' },
  { name: 'room-name-ignored', description: 'POST /rooms ignores `name`: every room is named after its id' },
  { name: 'webhook-replace-keeps-id', description: 'registering a webhook again keeps the old id instead of issuing a new one' },
  { name: 'range-ignored-200', description: 'a satisfiable Range on the download link is answered 200 with the whole file' },
  { name: 'content-range-end-off-by-one', description: 'Content-Range end is one past the last byte sent' },
  // retention
  { name: 'recordings-never-expire', description: 'recordings are still served more than 14 days after creation' },
  { name: 'recordings-expire-after-7-days', description: 'recordings disappear 7 days after creation instead of 14' },
  // webhooks
  { name: 'webhook-signed-wrong-key', description: 'X-Eyeson-Signature is computed with a different key than the API key' },
  { name: 'webhook-signature-base64', description: 'X-Eyeson-Signature is base64 instead of lowercase hex' },
  { name: 'webhook-stop-missing', description: 'no recording_update is sent when a recording stops' },
  { name: 'webhook-finish-before-stop', description: 'the finished recording_update is delivered before the stopped one' },
  { name: 'webhook-links-default-origin', description: 'the recording in a webhook body has links built for http://localhost, not for the host the API is served from' },
  // delete
  { name: 'deleted-still-readable', description: 'GET /recordings/{id} still answers 200 after the recording was deleted' },
  { name: 'deleted-still-listed', description: 'a deleted recording still appears in the room listing' },
  { name: 'delete-twice-200', description: 'deleting an already deleted recording answers 200 instead of 404' },
  // SDK body encodings
  { name: 'form-body-rejected', description: 'application/x-www-form-urlencoded bodies (eyeson-go, eyeson-php) are rejected with 400' },
  { name: 'json-body-rejected', description: 'application/json bodies (eyeson-node) are rejected with 400' },
  { name: 'bracketed-keys-ignored', description: 'bracketed form keys like `user[name]` are ignored, so POST /rooms answers 400' },
  // rooms: options and current meetings
  { name: 'room-options-ignored', description: 'the options a client sends (widescreen, show_names, sfu_mode …) are answered with their defaults; only recording_available is kept' },
  { name: 'current-meetings-include-shutdown', description: 'GET /rooms still lists meetings that were shut down' },
  { name: 'current-meetings-all-teams', description: 'GET /rooms lists the running meetings of every team, not only the API key\'s' },
  // robustness
  { name: 'unknown-method-404', description: 'an undefined method on a known path answers 404 without Allow instead of 405' },
  { name: 'malformed-json-500', description: 'a malformed JSON body answers 500 instead of 400' },
  { name: 'recording-room-never-shutdown', description: 'a recording of a shut-down meeting still says room.shutdown false' },
  { name: 'multipart-file-parts-read', description: 'a file part of a multipart/form-data body is read as a field (its contents become the value)' },
] as const satisfies readonly FaultDef[];

export type FaultName = (typeof faults)[number]['name'];
