// Where the mocks get the real media they serve. Handlers only see this interface; Node uses
// NodeMediaStore (media-store-node.ts: files on disk, streamed), the browser and tests use
// BytesMediaStore (bytes in memory). Both describe their files with the same manifest format
// as fixtures/media/manifest.json.
import type { Body } from '../core/http.ts';

export interface MediaInfo {
  name: string; // file name, e.g. "clip-2s.mp4"
  contentType: string; // e.g. "video/mp4"
  size: number; // bytes
  duration: number; // seconds, fractional
}

export interface MediaStore {
  /** Every file, in manifest order. */
  list(): MediaInfo[];
  info(name: string): MediaInfo | undefined;
  /** Bytes start..end (inclusive, 0 ≤ start ≤ end < size) as a response body. Throws for an unknown name. */
  body(name: string, start: number, end: number): Body;
  /** The whole file (e.g. to put in a ZIP). Shared: callers must not write to it. */
  bytes(name: string): Promise<Uint8Array>;
}

/** Reads a manifest ({files: MediaInfo[]}), refusing anything that does not look like one. */
export function parseManifest(json: unknown): MediaInfo[] {
  const files = (json as { files?: unknown } | null)?.files;
  if (!Array.isArray(files)) throw new Error('media manifest: expected {"files": [...]}');
  return files.map((f: Partial<MediaInfo>, i) => {
    const ok =
      typeof f?.name === 'string' &&
      f.name !== '' &&
      !/[\\/]/.test(f.name) && // a bare file name: it is joined to a folder
      typeof f.contentType === 'string' &&
      Number.isSafeInteger(f.size) &&
      f.size! >= 0 &&
      typeof f.duration === 'number' &&
      f.duration >= 0;
    if (!ok) throw new Error(`media manifest: entry ${i} is not {name, contentType, size, duration}`);
    return { name: f.name!, contentType: f.contentType!, size: f.size!, duration: f.duration! };
  });
}

/** Checks a body() request against the file's size: a bad range here is the caller's bug. */
export function checkSlice(info: MediaInfo, start: number, end: number): void {
  if (!(Number.isSafeInteger(start) && Number.isSafeInteger(end) && start >= 0 && start <= end && end < info.size)) {
    throw new RangeError(`media ${info.name}: bytes ${start}-${end} outside 0-${info.size - 1}`);
  }
}

/** Media held in memory: for the browser (msw setupWorker) and for tests. */
export class BytesMediaStore implements MediaStore {
  private readonly files = new Map<string, { info: MediaInfo; bytes: Uint8Array }>();

  /** `size` is taken from the bytes themselves, so it cannot disagree with what is served. */
  constructor(files: Iterable<{ name: string; contentType: string; duration: number; bytes: Uint8Array }>) {
    for (const { name, contentType, duration, bytes } of files) {
      if (this.files.has(name)) throw new Error(`media ${name} given twice`);
      this.files.set(name, { info: { name, contentType, size: bytes.byteLength, duration }, bytes });
    }
  }

  /**
   * Loads a folder laid out like fixtures/media (manifest.json beside the files) over HTTP,
   * e.g. `await BytesMediaStore.fetchFixtures('/fixtures/media')` in a page. `only` limits
   * which files are fetched (the 6 MiB one is rarely wanted in a browser).
   */
  static async fetchFixtures(baseUrl: string, opts: { only?: string[]; fetch?: typeof fetch } = {}): Promise<BytesMediaStore> {
    const get = opts.fetch ?? globalThis.fetch;
    const base = baseUrl.endsWith('/') ? baseUrl : `${baseUrl}/`;
    const load = async (name: string) => {
      const res = await get(`${base}${name}`);
      if (!res.ok) throw new Error(`media fixture ${base}${name}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    };
    const manifest = parseManifest(JSON.parse(new TextDecoder().decode(await load('manifest.json'))));
    const wanted = opts.only ? manifest.filter((m) => opts.only!.includes(m.name)) : manifest;
    return new BytesMediaStore(await Promise.all(wanted.map(async (m) => ({ ...m, bytes: await load(m.name) }))));
  }

  list(): MediaInfo[] {
    return [...this.files.values()].map((f) => ({ ...f.info }));
  }

  info(name: string): MediaInfo | undefined {
    const f = this.files.get(name);
    return f && { ...f.info };
  }

  body(name: string, start: number, end: number): Body {
    const f = this.file(name);
    checkSlice(f.info, start, end);
    return f.bytes.subarray(start, end + 1);
  }

  async bytes(name: string): Promise<Uint8Array> {
    return this.file(name).bytes;
  }

  private file(name: string) {
    const f = this.files.get(name);
    if (!f) throw new Error(`unknown media ${name}`);
    return f;
  }
}
