// Mimetype detection from a file's CONTENT (its magic bytes), as Nextcloud's detectContent does
// with libmagic. The file name and the declared part type are deliberately not looked at: a
// recording server (or an attacker) cannot pass off a PNG as a recording by renaming it.

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

/** EBML (Matroska family): the DocType element (id 0x4282) near the start says webm or matroska. */
function ebmlDocType(bytes: Uint8Array): string | undefined {
  for (let i = 4; i < Math.min(bytes.byteLength - 2, 64); i++) {
    if (bytes[i] !== 0x42 || bytes[i + 1] !== 0x82) continue;
    const sizeByte = bytes[i + 2]!;
    if ((sizeByte & 0x80) === 0) return undefined; // only the 1-byte size form occurs for a DocType
    return ascii(bytes, i + 3, sizeByte & 0x7f);
  }
  return undefined;
}

/** Ogg: the codec of the first logical streams decides audio vs video. */
function oggType(bytes: Uint8Array): string {
  if (indexOf(bytes, '\x80theora', 4096) >= 0) return 'video/ogg';
  for (const codec of ['\x01vorbis', 'OpusHead', 'Speex   ', '\x7fFLAC']) {
    if (indexOf(bytes, codec, 4096) >= 0) return 'audio/ogg';
  }
  return 'application/ogg';
}

/** ISO base media: the major brand of the `ftyp` box. */
function isoType(bytes: Uint8Array): string {
  const brand = ascii(bytes, 8, 4);
  if (brand === 'M4A ' || brand === 'M4B ') return 'audio/mp4';
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand.startsWith('3g')) return 'video/3gpp';
  return 'video/mp4';
}

export function detectMimeType(bytes: Uint8Array): string {
  if (bytes.byteLength === 0) return 'application/x-empty';
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    const docType = ebmlDocType(bytes);
    if (docType === 'webm') return 'video/webm';
    if (docType === 'matroska') return 'video/x-matroska';
    return 'application/octet-stream';
  }
  if (ascii(bytes, 0, 4) === 'OggS') return oggType(bytes);
  if (bytes.byteLength >= 12 && ascii(bytes, 4, 4) === 'ftyp') return isoType(bytes);
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (ascii(bytes, 0, 4) === 'GIF8') return 'image/gif';
  if (ascii(bytes, 0, 5) === '%PDF-') return 'application/pdf';
  if (ascii(bytes, 0, 2) === 'PK') return 'application/zip';
  return 'application/octet-stream';
}
