// The bytes the simulated recording server uploads: the real fixtures (fixtures/media
// sample.webm / sample.ogg) when the mock has a media store, else the smallest headers that
// content sniffing recognises (so the store path is exercised the same way in a bare browser).
import type { MediaStore } from '../../media-store.ts';
import type { RecordingKind } from './status.ts';

export const SAMPLE_FILES: Readonly<Record<RecordingKind, { name: string; extension: string; contentType: string }>> = {
  1: { name: 'sample.webm', extension: 'webm', contentType: 'video/webm' },
  2: { name: 'sample.ogg', extension: 'ogg', contentType: 'audio/ogg' },
};

/** EBML header with DocType "webm". */
const TINY_WEBM = [0x1a, 0x45, 0xdf, 0xa3, 0x8f, 0x42, 0x86, 0x81, 0x01, 0x42, 0x82, 0x84, 0x77, 0x65, 0x62, 0x6d, 0x42, 0x87, 0x81, 0x02];
/** An Ogg page whose packet starts a Vorbis identification header. */
const TINY_OGG = [...'OggS'].map((c) => c.charCodeAt(0)).concat([0, 2, ...new Array(20).fill(0), 1, 30, 1, ...[...'vorbis'].map((c) => c.charCodeAt(0))]);

export async function sampleBytes(media: MediaStore | undefined, kind: RecordingKind): Promise<Uint8Array> {
  const name = SAMPLE_FILES[kind].name;
  if (media?.info(name)) return media.bytes(name);
  return new Uint8Array(kind === 1 ? TINY_WEBM : TINY_OGG);
}
