// Mimetype detection from a file's CONTENT (its magic bytes), as Nextcloud's detectContent does
// with libmagic. The file name and the declared part type are deliberately not looked at: a
// recording server (or an attacker) cannot pass off a PNG as a recording by renaming it.
// Only the recording formats are named: whatever else a file is (an image, text, an Ogg stream of
// no known codec), the store refuses it alike (400 file_mimetype) and never shows its type.

const ascii = (bytes: Uint8Array, start: number, length: number): string =>
  String.fromCharCode(...bytes.subarray(start, start + length));

const startsWith = (bytes: Uint8Array, magic: readonly number[], at = 0): boolean =>
  magic.every((b, i) => bytes[at + i] === b);

/** Index of `needle` (ASCII) within the first `limit` bytes, or -1. */
function indexOf(bytes: Uint8Array, needle: string, limit: number): number {
  const end = Math.min(bytes.byteLength, limit) - needle.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle.charCodeAt(j)) continue outer;
    return i;
  }
  return -1;
}

/** A mimetype the sniff can name: the formats a recording may have (formats.ts). */
export type RecordingMimeType = 'video/webm' | 'video/x-matroska' | 'video/ogg' | 'audio/ogg' | 'audio/mp4' | 'video/quicktime' | 'video/3gpp' | 'video/mp4';

/**
 * How far libmagic's Matroska magic looks for the DocType element id (0x42 0x82): it must start
 * within the 4096 bytes from byte 4 on (`>4 search/4096`). A callrec decision (store-formats).
 */
export const EBML_DOCTYPE_SEARCH = 4096;

/**
 * EBML (Matroska family), read as libmagic's Matroska magic reads it: the first DocType id after
 * the EBML magic, and its value one byte (the element's size) after the id (`>>&1 string`),
 * starting with webm or matroska. Bytes past the end read as undefined, so a short file needs no
 * bound of its own.
 */
function ebmlType(bytes: Uint8Array, search: number): RecordingMimeType | undefined {
  for (let i = 4; i < 4 + search; i++) {
    if (bytes[i] !== 0x42 || bytes[i + 1] !== 0x82) continue;
    const value = ascii(bytes, i + 3, 8);
    if (value.startsWith('webm')) return 'video/webm';
    return value.startsWith('matroska') ? 'video/x-matroska' : undefined;
  }
  return undefined;
}

/** How far into an Ogg stream a codec header counts: it must lie wholly in the first 4 KiB (decision store-formats). */
export const OGG_CODEC_WINDOW = 4096;

/** Ogg: the codec of the first logical streams decides audio vs video (none known: no recording). */
function oggType(bytes: Uint8Array, window: number): RecordingMimeType | undefined {
  if (indexOf(bytes, '\x80theora', window) >= 0) return 'video/ogg';
  for (const codec of ['\x01vorbis', 'OpusHead', 'Speex   ', '\x7fFLAC']) {
    if (indexOf(bytes, codec, window) >= 0) return 'audio/ogg';
  }
  return undefined;
}

/** ISO base media: the major brand of the `ftyp` box. */
function isoType(bytes: Uint8Array): RecordingMimeType {
  const brand = ascii(bytes, 8, 4);
  if (brand === 'M4A ' || brand === 'M4B ') return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand.startsWith('3g')) return 'video/3gpp';
  return 'video/mp4';
}

/** The recording format the content is, or undefined when it is none (an image, text, empty, …). */
export function detectMimeType(bytes: Uint8Array, oggWindow = OGG_CODEC_WINDOW, ebmlSearch = EBML_DOCTYPE_SEARCH): RecordingMimeType | undefined {
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) return ebmlType(bytes, ebmlSearch);
  if (ascii(bytes, 0, 4) === 'OggS') return oggType(bytes, oggWindow);
  if (bytes.byteLength >= 12 && ascii(bytes, 4, 4) === 'ftyp') return isoType(bytes);
  return undefined;
}
