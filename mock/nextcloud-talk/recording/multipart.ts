// The store upload is multipart/form-data with fields `owner` and `file`. Parsed with the
// platform's own FormData parser (Response.formData works in Node 20 and in browsers), so the
// mock needs no multipart code of its own.
import type { MockRequest } from '../../../core/http.ts';

export interface StoreUpload {
  /** Undefined when the field is missing (PHP: post_max_size exceeded drops every field). */
  owner?: string;
  /** Undefined when no `file` part came (or it was a plain field, not a file). */
  file?: { name: string; bytes: Uint8Array };
}

/** Undefined when the body is not parseable multipart at all (wrong content type, broken boundary). */
export async function parseStoreUpload(req: MockRequest, opts: { ownerFromFilePart?: boolean; fileFieldAsFile?: boolean } = {}): Promise<StoreUpload | undefined> {
  const ct = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(ct)) return undefined;
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': ct } }).formData();
  } catch {
    return undefined;
  }
  const owner = form.get('owner');
  const file = form.get('file');
  // A part with a filename is an uploaded file ($_FILES), never a form field: it is no owner.
  const ownerText = typeof owner === 'string' ? owner : owner !== null && opts.ownerFromFilePart ? await owner.text() : undefined;
  // The `store-file-field-taken-as-file` fault takes a plain `file` field for an uploaded file.
  if (typeof file === 'string' && opts.fileFieldAsFile) return { owner: ownerText, file: { name: 'recording.webm', bytes: new TextEncoder().encode(file) } };
  return {
    owner: ownerText,
    file: file !== null && typeof file !== 'string' ? { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) } : undefined,
  };
}
