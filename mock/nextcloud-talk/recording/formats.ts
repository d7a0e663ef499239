// Which recordings Nextcloud keeps (facts §2.2 store step 7): the detected mimetype must be one
// of these, and the file's extension (lower-cased) must be one allowed for that mimetype.

/** Keyed by mimetype; a file whose type the sniff cannot name (undefined) finds no entry. */
export const ALLOWED_RECORDING_FORMATS: ReadonlyMap<string | undefined, readonly string[]> = new Map([
  ['audio/ogg', ['ogg']],
  ['video/ogg', ['ogv']],
  ['video/mp4', ['mp4']],
  ['video/webm', ['webm']],
  ['video/x-matroska', ['mkv']],
]);

export type FormatError = 'file_mimetype' | 'file_extension';

/** The extension as PHP's pathinfo sees it: after the last dot, empty when there is none. */
export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

export function checkFormat(fileName: string, mimeType: string | undefined): FormatError | undefined {
  const allowed = ALLOWED_RECORDING_FORMATS.get(mimeType);
  if (!allowed) return 'file_mimetype';
  const ext = extensionOf(fileName);
  if (ext === '' || !allowed.includes(ext)) return 'file_extension';
  return undefined;
}

/** The mimetype a file name suggests; only the `store-mimetype-from-name` fault uses it. */
export function mimeTypeFromName(fileName: string): string | undefined {
  const ext = extensionOf(fileName);
  for (const [mime, exts] of ALLOWED_RECORDING_FORMATS) if (exts.includes(ext)) return mime;
  return undefined;
}

/**
 * The name Nextcloud stores under. PHP's multipart parser registers only what follows the last
 * `/` or `\` of the sent filename (php_ap_basename, after RFC 7578), so `../../x.webm` and
 * `C:\dir\x.webm` become `x.webm` and `x.webm/` becomes ''; spreed's basename() of that
 * finds no slash left.
 */
export function uploadName(fileName: string): string {
  return fileName.slice(Math.max(fileName.lastIndexOf('/'), fileName.lastIndexOf('\\')) + 1);
}
