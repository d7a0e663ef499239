// The client under contract: the calls an app makes to show, start and hand out Horn channel
// recordings, as plain fetch calls. The consumer contract (consumer.pact.ts) runs it against
// Pact's mock server, so every request it sends is what the pact records.

/** The Recording fields the app reads (facts §1.5); unset times are omitted. */
export interface Recording {
  id: string;
  channel: string;
  session: string;
  startTime: number;
  endTime?: number;
  readyTime?: number;
}

export interface RecordingPage {
  total: number;
  results: Recording[];
}

export interface Asset {
  id: string;
  recordingId: string;
  format: string;
  kind: string;
  state: string;
  label: string;
  startTime: number;
  endTime?: number;
  size?: number;
  isIndividual: boolean;
}

export interface AvailableAsset {
  id: string;
  format: string;
  kind: string;
  label: string;
  size?: number;
}

export interface ListOptions {
  limit: number;
  offset: number;
  sort: 'started' | 'ended';
  order: 'asc' | 'desc';
}

/** A documented error answer (`{error, message}`), raised so the app can branch on `error`. */
export class HornApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'HornApiError';
  }
}

export interface HornClientOptions {
  /** Server origin, e.g. http://127.0.0.1:4010 (the client adds /api/v1_0). */
  origin: string;
  /** Bearer token of the signed-in user. */
  token?: string;
  fetch?: typeof fetch;
}

export interface HornClient {
  recordingPossible(channelId: string): Promise<boolean>;
  startRecording(channelId: string): Promise<Recording>;
  listRecordings(channelId: string, opts: ListOptions): Promise<RecordingPage>;
  getRecording(channelId: string, recordingId: string): Promise<Recording>;
  listAssets(channelId: string, recordingId: string): Promise<Asset[]>;
  downloadUrl(channelId: string, recordingId: string, ttl: string): Promise<string>;
  downloadCredentials(channelId: string, recordingId: string, ttl: string): Promise<string>;
  assetsForJwt(jwt: string): Promise<AvailableAsset[]>;
}

export function createHornClient(opts: HornClientOptions): HornClient {
  const base = `${opts.origin.replace(/\/+$/, '')}/api/v1_0`;
  const doFetch = opts.fetch ?? fetch;
  const enc = encodeURIComponent;
  const recording = (c: string, r: string, suffix = '') => `/channels/${enc(c)}/recordings/${enc(r)}${suffix}`;

  async function send<T>(method: string, path: string, authenticated = true): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (authenticated && opts.token !== undefined) headers.Authorization = `Bearer ${opts.token}`;
    const res = await doFetch(`${base}${path}`, { method, headers });
    if (res.status >= 400) throw await toError(res);
    return (await res.json()) as T;
  }

  return {
    async recordingPossible(channelId) {
      return (await send<{ possible: boolean }>('GET', `/channels/${enc(channelId)}/record/possible`)).possible;
    },
    startRecording: (channelId) => send('POST', `/channels/${enc(channelId)}/record`),
    listRecordings(channelId, o) {
      const query = new URLSearchParams({ limit: String(o.limit), offset: String(o.offset), sort: o.sort, order: o.order });
      return send('GET', `/channels/${enc(channelId)}/recordings?${query}`);
    },
    getRecording: (c, r) => send('GET', recording(c, r)),
    listAssets: (c, r) => send('GET', recording(c, r, '/assets')),
    async downloadUrl(c, r, ttl) {
      return (await send<{ url: string }>('GET', `${recording(c, r, '/download')}?${new URLSearchParams({ ttl })}`)).url;
    },
    async downloadCredentials(c, r, ttl) {
      return (await send<{ jwt: string }>('GET', `${recording(c, r, '/credentials')}?${new URLSearchParams({ ttl })}`)).jwt;
    },
    // The JWT is the credential on this route: no Bearer token.
    assetsForJwt: (jwt) => send('GET', `/channels/recording/assets/${enc(jwt)}`, false),
  };
}

async function toError(res: Response): Promise<HornApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    return new HornApiError(res.status, String(body.error ?? ''), String(body.message ?? text));
  } catch {
    return new HornApiError(res.status, '', text);
  }
}
