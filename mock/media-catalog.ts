// The committed fixtures' manifest, typed, for code that cannot read the disk (the browser,
// bundled with the JSON). Node code should use NodeMediaStore, which reads the same file.
import manifest from '../fixtures/media/manifest.json' with { type: 'json' };
import { parseManifest, type MediaInfo } from './media-store.ts';

/** Every fixture in fixtures/media, in manifest order. */
export const MEDIA_CATALOG: readonly MediaInfo[] = Object.freeze(parseManifest(manifest));

export const mediaInfo = (name: string): MediaInfo | undefined => MEDIA_CATALOG.find((m) => m.name === name);
