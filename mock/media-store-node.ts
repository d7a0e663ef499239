// Node-only: media served from files on disk. body() hands back a FileBody, which the node
// adapter streams with stream.pipeline, so even the 6 MiB fixture is never buffered per request.
import { readFileSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { repoPath } from '../core/repo-root.ts';
import type { Body } from '../core/http.ts';
import { checkSlice, parseManifest, type MediaInfo, type MediaStore } from './media-store.ts';

/** The committed fixtures, found relative to this file so the repo can live anywhere. */
export const FIXTURES_MEDIA_DIR = repoPath('fixtures/media/');

export class NodeMediaStore implements MediaStore {
  readonly dir: string;
  private readonly infos: Map<string, MediaInfo>;
  private readonly cache = new Map<string, Promise<Uint8Array>>();

  /** `dir` holds manifest.json and the files it lists; defaults to fixtures/media. */
  constructor(dir: string = FIXTURES_MEDIA_DIR) {
    this.dir = dir;
    const manifest = parseManifest(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')));
    this.infos = new Map(manifest.map((m) => [m.name, m]));
    // A stale manifest would make Content-Length lie; fail at start-up instead.
    for (const m of manifest) {
      const actual = statSync(this.path(m.name)).size;
      if (actual !== m.size) throw new Error(`media ${m.name}: manifest says ${m.size} bytes, file has ${actual}`);
    }
  }

  list(): MediaInfo[] {
    return [...this.infos.values()].map((m) => ({ ...m }));
  }

  info(name: string): MediaInfo | undefined {
    const m = this.infos.get(name);
    return m && { ...m };
  }

  body(name: string, start: number, end: number): Body {
    checkSlice(this.known(name), start, end);
    return { kind: 'file', path: this.path(name), start, end };
  }

  /** Read once, then shared (ZIP downloads ask for the same files again and again). */
  bytes(name: string): Promise<Uint8Array> {
    this.known(name);
    let p = this.cache.get(name);
    if (!p) {
      p = readFile(this.path(name)).then((b) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
      p.catch(() => this.cache.delete(name)); // a failed read is retried next time
      this.cache.set(name, p);
    }
    return p;
  }

  private path(name: string): string {
    return join(this.dir, name);
  }

  private known(name: string): MediaInfo {
    const m = this.infos.get(name);
    if (!m) throw new Error(`unknown media ${name}`);
    return m;
  }
}
