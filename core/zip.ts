// ZIP archives of recordings, as the platforms hand them out: store-only (media is already
// compressed, so deflating would only burn CPU) and, here, byte-for-byte reproducible.

import { unzipSync, zipSync, type Zippable } from 'fflate';

export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

// DOS timestamps have no time zone and fflate fills them from local-time getters, so a date
// built from local-time parts encodes the same on every machine: 2020-01-01 00:00:00.
const FIXED_MTIME = new Date(2020, 0, 1, 0, 0, 0);

/**
 * A store-only ZIP of the entries with a fixed mtime, in the given order (except that, being
 * object keys inside fflate, all-digit names like "12" would come first; media names never are).
 */
export function buildZip(entries: readonly ZipEntry[]): Uint8Array {
  const files: Zippable = {};
  for (const { name, bytes } of entries) {
    // fflate keys entries by name; a duplicate would silently drop a file.
    if (Object.hasOwn(files, name)) throw new Error(`duplicate ZIP entry name: ${name}`);
    files[name] = [bytes, { level: 0 }];
  }
  return zipSync(files, { level: 0, mtime: FIXED_MTIME });
}

/** Entries of a ZIP archive in archive order (checks use it to look inside downloads). */
export function readZip(bytes: Uint8Array): ZipEntry[] {
  return Object.entries(unzipSync(bytes)).map(([name, data]) => ({ name, bytes: data }));
}
