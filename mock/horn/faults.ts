// Named, deliberate bugs the Horn mock can be switched into (control API or `callrec mock --fault`).
// Each one names the checks that must fail while it is on; `callrec selfcheck --api horn` proves it.
import type { FaultDef } from '../../core/api.ts';

const c = (rule: string) => `horn.${rule}`;

export const faults = [
  // schema & error envelope
  { name: 'asset-state-outside-enum', description: 'asset objects report state "in_flight", outside the documented enum', trips: [c('schema.responses-conform')] },
  { name: 'start-time-as-string', description: 'recordings report startTime as an ISO string instead of epoch milliseconds', trips: [c('schema.responses-conform')] },
  { name: 'error-code-lowercase', description: 'error bodies carry lower-case codes ("recording_not_found")', trips: [c('errors.envelope')] },
  { name: 'error-message-missing', description: 'error bodies carry only `error`, without `message`', trips: [c('errors.envelope')] },
  // roles
  { name: 'stranger-reads-recordings', description: 'a user who is neither owner nor operator of the channel can list and read its recordings', trips: [c('auth.roles')] },
  { name: 'owner-not-operator', description: 'an owner who is not also listed as operator is refused start with 403', trips: [c('auth.roles')] },
  { name: 'missing-token-accepted', description: 'requests without an Authorization header are answered as the channel owner', trips: [c('auth.roles')] },
  // record/possible and start
  { name: 'possible-counts-unconfirmed-email', description: 'record/possible answers true when the only owner has an unconfirmed e-mail', trips: [c('record.possible-and-permitted')] },
  { name: 'unsupported-mode-recorded', description: 'start in a channel whose serviceMode does not support recording succeeds instead of RECORDING_NOT_PERMITTED', trips: [c('record.possible-and-permitted')] },
  { name: 'not-permitted-as-500', description: 'RECORDING_NOT_PERMITTED is answered with HTTP 500 instead of 400', trips: [c('record.possible-and-permitted')] },
  // lifecycle
  { name: 'ready-before-ended', description: 'readyTime appears while endTime is still absent', trips: [c('lifecycle.fields-in-order')] },
  { name: 'ready-time-regresses', description: 'a ready recording loses its readyTime on every other read', trips: [c('lifecycle.fields-in-order')] },
  { name: 'assets-of-active-recording', description: 'assets of a recording still in progress are listed (200) instead of RECORDING_NOT_ENDED', trips: [c('lifecycle.fields-in-order')] },
  // segments
  { name: 'single-asset-for-long-recording', description: 'a recording longer than 30 minutes is uploaded as one asset', trips: [c('assets.segments')] },
  { name: 'segment-times-overlap', description: 'each segment after the first starts one minute before the previous one ends', trips: [c('assets.segments')] },
  // pagination
  { name: 'total-counts-deleted', description: '`total` also counts deleted recordings', trips: [c('pagination.limit-offset')] },
  { name: 'page-repeats-boundary-item', description: 'every page after the first starts with the last item of the previous page', trips: [c('pagination.limit-offset')] },
  { name: 'order-ignored', description: 'order=asc is answered in descending order', trips: [c('pagination.limit-offset')] },
  { name: 'sort-ended-ignored', description: 'sort=ended is answered sorted by startTime', trips: [c('pagination.limit-offset')] },
  { name: 'offset-past-end-400', description: 'an offset past the last recording answers 400 instead of an empty page', trips: [c('pagination.limit-offset')] },
  // download URL
  { name: 'ttl-ignored', description: 'the ttl parameter is ignored: every URL and JWT lives the default 5 minutes', trips: [c('download-url.ttl')] },
  { name: 'default-ttl-one-minute', description: 'without ttl the URL lives 1 minute instead of 5', trips: [c('download-url.ttl')] },
  { name: 'download-url-never-expires', description: 'a download URL keeps working after its ttl has passed', trips: [c('download-url.ttl')] },
  { name: 'operator-gets-download-url', description: 'a non-owner operator gets a download URL instead of ACCESS_FORBIDDEN', trips: [c('download-url.owner-only')] },
  // JWT
  { name: 'jwt-accepted-after-exp', description: 'asset listing and download accept a JWT after its exp', trips: [c('jwt.expiry')] },
  { name: 'jwt-alg-none-accepted', description: 'an unsigned JWT (alg "none") is accepted', trips: [c('jwt.tampering')] },
  { name: 'jwt-signature-unchecked', description: 'a JWT with a tampered payload and the old signature is accepted', trips: [c('jwt.tampering')] },
  { name: 'jwt-recording-unbound', description: 'a JWT for one recording downloads the assets of another', trips: [c('jwt.tampering')] },
  // events
  { name: 'event-signature-hex', description: 'X-Horn-Signature carries the HMAC as hex instead of Base64', trips: [c('events.signature')] },
  { name: 'event-signed-reserialized', description: 'X-Horn-Signature is computed over a re-serialised body, not the bytes sent', trips: [c('events.signature')] },
  // robustness
  { name: 'bad-limit-500', description: 'a non-numeric limit answers 500 instead of BAD_REQUEST', trips: [c('robustness.bad-input')] },
  { name: 'bad-ttl-500', description: 'an unparseable ttl answers 500 instead of BAD_REQUEST', trips: [c('robustness.bad-input')] },
  { name: 'unknown-method-404', description: 'an undefined method on a known path answers 404 without Allow instead of 405', trips: [c('robustness.bad-input')] },
] as const satisfies readonly FaultDef[];

export type FaultName = (typeof faults)[number]['name'];
