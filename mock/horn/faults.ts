// Named, deliberate bugs the Horn mock can be switched into (control API or `callrec mock --fault`).
// Which checks each must trip is the suites' business (suites/horn/faults.ts).
import type { FaultDef } from '../../core/api.ts';

export const faults = [
  // schema & error envelope
  { name: 'asset-state-outside-enum', description: 'asset objects report state "in_flight", outside the documented enum' },
  { name: 'start-time-as-string', description: 'recordings report startTime as an ISO string instead of epoch milliseconds' },
  { name: 'error-code-lowercase', description: 'error bodies carry lower-case codes ("recording_not_found")' },
  { name: 'error-message-missing', description: 'error bodies carry only `error`, without `message`' },
  // roles
  { name: 'stranger-reads-recordings', description: 'a user who is neither owner nor operator of the channel can list and read its recordings' },
  { name: 'owner-not-operator', description: 'an owner who is not also listed as operator is refused start with 403' },
  { name: 'missing-token-accepted', description: 'requests without an Authorization header are answered as the channel owner' },
  // record/possible and start
  { name: 'possible-counts-unconfirmed-email', description: 'record/possible answers true when the only owner has an unconfirmed e-mail' },
  { name: 'unsupported-mode-recorded', description: 'start in a channel whose serviceMode does not support recording succeeds instead of RECORDING_NOT_PERMITTED' },
  { name: 'not-permitted-as-500', description: 'RECORDING_NOT_PERMITTED is answered with HTTP 500 instead of 400' },
  // lifecycle
  { name: 'ready-before-ended', description: 'readyTime appears while endTime is still absent' },
  { name: 'ready-time-regresses', description: 'a ready recording loses its readyTime on every other read' },
  { name: 'assets-of-active-recording', description: 'assets of a recording still in progress are listed (200) instead of RECORDING_NOT_ENDED' },
  // segments
  { name: 'single-asset-for-long-recording', description: 'a recording longer than 30 minutes is uploaded as one asset' },
  { name: 'segment-times-overlap', description: 'each segment after the first starts one minute before the previous one ends' },
  // pagination
  { name: 'total-counts-deleted', description: '`total` also counts deleted recordings' },
  { name: 'page-repeats-boundary-item', description: 'every page after the first starts with the last item of the previous page' },
  { name: 'order-ignored', description: 'order=asc is answered in descending order' },
  { name: 'sort-ended-ignored', description: 'sort=ended is answered sorted by startTime' },
  { name: 'offset-past-end-400', description: 'an offset past the last recording answers 400 instead of an empty page' },
  // download URL
  { name: 'ttl-ignored', description: 'the ttl parameter is ignored: every URL and JWT lives the default 5 minutes' },
  { name: 'default-ttl-one-minute', description: 'without ttl the URL lives 1 minute instead of 5' },
  { name: 'download-url-never-expires', description: 'a download URL keeps working after its ttl has passed' },
  { name: 'operator-gets-download-url', description: 'a non-owner operator gets a download URL instead of ACCESS_FORBIDDEN' },
  // JWT
  { name: 'jwt-accepted-after-exp', description: 'asset listing and download accept a JWT after its exp' },
  { name: 'jwt-alg-none-accepted', description: 'an unsigned JWT (alg "none") is accepted' },
  { name: 'jwt-signature-unchecked', description: 'a JWT with a tampered payload and the old signature is accepted' },
  { name: 'jwt-recording-unbound', description: 'a JWT for one recording downloads the assets of another' },
  // events
  { name: 'event-signature-hex', description: 'X-Horn-Signature carries the HMAC as hex instead of Base64' },
  { name: 'event-signed-reserialized', description: 'X-Horn-Signature is computed over a re-serialised body, not the bytes sent' },
  // robustness
  { name: 'bad-limit-500', description: 'a non-numeric limit answers 500 instead of BAD_REQUEST' },
  { name: 'bad-ttl-500', description: 'an unparseable ttl answers 500 instead of BAD_REQUEST' },
  { name: 'already-started-409', description: 'a second start while recording answers 409 instead of 400 RECORDING_ALREADY_STARTED' },
  { name: 'event-timestamp-seconds', description: 'event timestamps are Unix seconds, not the epoch milliseconds of the recording times they announce' },
  { name: 'unknown-asset-500', description: 'reading an asset id the recording does not have answers 500 instead of 404 ASSET_NOT_FOUND' },
  { name: 'foreign-recording-readable', description: "a recording of another channel is read (and handed out) through any channel's paths" },
  { name: 'deleted-archive-served', description: 'a download URL handed out before its recording was deleted still serves the archive' },
  { name: 'bearer-scheme-case-sensitive', description: 'the Authorization scheme is matched case-sensitively: "bearer TOKEN" is refused with 401' },
  { name: 'archive-misses-last-segment', description: "the download URL's ZIP leaves out the recording's last segment" },
  { name: 'bad-request-message-bare', description: 'BAD_REQUEST messages lack the documented "Badly formed request from client: " prefix' },
  { name: 'possible-accepts-invalid-email', description: 'record/possible counts an owner whose confirmed e-mail is not a valid address (no "@", spaces)' },
  { name: 'unknown-method-404', description: 'an undefined method on a known path answers 404 without Allow instead of 405' },
  { name: 'accept-ranges-missing', description: 'asset and archive downloads serve byte ranges but do not say so: no `Accept-Ranges: bytes`' },
  { name: 'same-instant-ready-reversed', description: 'recordings that become ready at the same instant are announced in reverse recording id order' },
] as const satisfies readonly FaultDef[];

export type FaultName = (typeof faults)[number]['name'];
