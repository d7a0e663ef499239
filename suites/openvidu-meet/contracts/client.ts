// The "frontend client" under contract: the few calls a Meet frontend makes for its
// recording screens, as plain fetch calls. The consumer contract (consumer.pact.ts) runs
// it against Pact's mock server, so every request it sends is what the pact records.

export type RecordingStatus = 'starting' | 'active' | 'ending' | 'complete' | 'failed' | 'aborted' | 'limit_reached';

/** The fields the frontend reads; the server may send more (and omits unset ones). */
export interface Recording {
  recordingId: string;
  roomId: string;
  roomName: string;
  status: RecordingStatus;
  filename?: string;
  startDate?: number;
  endDate?: number;
  duration?: number;
  size?: number;
}

export interface RecordingPage {
  recordings: Recording[];
  pagination: { isTruncated: boolean; nextPageToken?: string; maxItems: number };
}

export interface MediaChunk {
  status: number;
  /** Parsed `Content-Range: bytes start-end/size`. */
  range: { start: number; end: number; size: number };
  contentType: string;
  bytes: Uint8Array;
}

/** A documented error answer (`{error, message}`), raised so the UI can show `message`. */
export class MeetApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    message: string,
  ) {
    super(message);
    this.name = 'MeetApiError';
  }
}

export interface MeetClientOptions {
  /** Server origin, e.g. http://127.0.0.1:4010 (the client adds /api/v1). */
  origin: string;
  /** Sent as X-API-KEY; omitted when undefined (the unauthenticated case). */
  apiKey?: string;
  fetch?: typeof fetch;
}

export interface MeetClient {
  startRecording(roomId: string): Promise<{ recording: Recording; location: string }>;
  listRecordings(filter: { roomId: string; maxItems: number }): Promise<RecordingPage>;
  getRecording(recordingId: string): Promise<Recording>;
  stopRecording(recordingId: string): Promise<Recording>;
  getMediaRange(recordingId: string, start: number, end: number): Promise<MediaChunk>;
  getShareUrl(recordingId: string): Promise<string>;
  deleteRecording(recordingId: string): Promise<string>;
}

const CONTENT_RANGE = /^bytes (\d+)-(\d+)\/(\d+)$/;

export function createMeetClient(opts: MeetClientOptions): MeetClient {
  const base = `${opts.origin.replace(/\/+$/, '')}/api/v1`;
  const doFetch = opts.fetch ?? fetch;
  const auth: Record<string, string> = opts.apiKey === undefined ? {} : { 'X-API-KEY': opts.apiKey };
  const recordingPath = (id: string) => `/recordings/${encodeURIComponent(id)}`;

  async function send(method: string, path: string, init: { json?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...auth, ...init.headers };
    if (init.json !== undefined) headers['Content-Type'] = 'application/json';
    const res = await doFetch(`${base}${path}`, {
      method,
      headers,
      body: init.json === undefined ? undefined : JSON.stringify(init.json),
    });
    if (res.status >= 400) throw await toError(res);
    return res;
  }

  return {
    async startRecording(roomId) {
      const res = await send('POST', '/recordings', { json: { roomId } });
      const location = res.headers.get('location');
      // The frontend navigates to the new recording through Location; without it the flow breaks.
      if (!location) throw new MeetApiError(res.status, 'Client Error', 'start answered without a Location header');
      return { recording: (await res.json()) as Recording, location };
    },
    async listRecordings({ roomId, maxItems }) {
      const query = new URLSearchParams({ roomId, maxItems: String(maxItems) });
      return (await (await send('GET', `/recordings?${query}`)).json()) as RecordingPage;
    },
    async getRecording(recordingId) {
      return (await (await send('GET', recordingPath(recordingId))).json()) as Recording;
    },
    async stopRecording(recordingId) {
      return (await (await send('POST', `${recordingPath(recordingId)}/stop`)).json()) as Recording;
    },
    async getMediaRange(recordingId, start, end) {
      const res = await send('GET', `${recordingPath(recordingId)}/media`, { headers: { Range: `bytes=${start}-${end}` } });
      const m = CONTENT_RANGE.exec(res.headers.get('content-range') ?? '');
      if (res.status !== 206 || !m) throw new MeetApiError(res.status, 'Client Error', 'expected a 206 with Content-Range');
      return {
        status: res.status,
        range: { start: Number(m[1]), end: Number(m[2]), size: Number(m[3]) },
        contentType: res.headers.get('content-type') ?? '',
        bytes: new Uint8Array(await res.arrayBuffer()),
      };
    },
    async getShareUrl(recordingId) {
      return ((await (await send('GET', `${recordingPath(recordingId)}/url`)).json()) as { url: string }).url;
    },
    async deleteRecording(recordingId) {
      return ((await (await send('DELETE', recordingPath(recordingId))).json()) as { message: string }).message;
    },
  };
}

async function toError(res: Response): Promise<MeetApiError> {
  const text = await res.text();
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    return new MeetApiError(res.status, String(body.error ?? ''), String(body.message ?? text));
  } catch {
    return new MeetApiError(res.status, '', text);
  }
}
