// The few OpenVidu Meet REST calls this page makes (API v1, `X-API-KEY`), as a real frontend
// would make them against a Meet server. Nothing here knows about callrec.

export type RecordingStatus = 'starting' | 'active' | 'ending' | 'complete' | 'failed' | 'aborted' | 'limit_reached';

export interface Recording {
  recordingId: string;
  roomId: string;
  status: RecordingStatus;
  startDate?: number;
  duration?: number;
  size?: number;
}

export interface Room {
  roomId: string;
  roomName?: string;
}

export class MeetError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export function meetClient(apiBase: string, apiKey: string) {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${apiBase}${path}`, {
      method,
      headers: { 'x-api-key': apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) throw new MeetError(res.status, `${method} ${path}: ${res.status} ${json.message ?? json.error ?? ''}`.trim());
    return json as T;
  };
  return {
    rooms: () => call<{ rooms: Room[] }>('GET', '/rooms?maxItems=100').then((r) => r.rooms),
    /** The room's recordings, newest first (one page is enough for a room). */
    recordings: (roomId: string) => call<{ recordings: Recording[] }>('GET', `/recordings?roomId=${encodeURIComponent(roomId)}&maxItems=100`).then((r) => r.recordings),
    start: (roomId: string) => call<Recording>('POST', '/recordings', { roomId }),
    stop: (recordingId: string) => call<Recording>('POST', `/recordings/${encodeURIComponent(recordingId)}/stop`),
    /**
     * Where a <video> can fetch the recording's file: the media endpoint with the recording's public
     * secret, which needs no header (a media element cannot send X-API-KEY), taken from its share URL.
     */
    async mediaUrl(recordingId: string): Promise<string> {
      const { url } = await call<{ url: string }>('GET', `/recordings/${encodeURIComponent(recordingId)}/url?privateAccess=false`);
      const secret = new URL(url).searchParams.get('secret') ?? '';
      return `${apiBase}/recordings/${encodeURIComponent(recordingId)}/media?secret=${encodeURIComponent(secret)}`;
    },
  };
}

export type MeetClient = ReturnType<typeof meetClient>;
