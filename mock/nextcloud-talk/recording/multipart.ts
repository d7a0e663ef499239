// The store upload is multipart/form-data with fields `owner` and `file`. Parsed with the
// platform's own FormData parser (Response.formData works in Node 20 and in browsers), so the
// mock needs no multipart code of its own.
import type { MockRequest } from '../../../core/http.ts';

export interface StoreUpload {
  /**
   * The `owner` part as sent: a form field (a string), a part with a filename (a File: PHP files
   * it under $_FILES, so it is no owner), or null when there is none.
   */
  owner: FormDataEntryValue | null;
  /** The `file` part as sent: an uploaded file (a File), a plain form field (a string: no upload), or null. */
  file: FormDataEntryValue | null;
}

/** Undefined when the body is not parseable multipart at all (wrong content type, broken boundary). */
export async function parseStoreUpload(req: MockRequest): Promise<StoreUpload | undefined> {
  const ct = req.headers['content-type'] ?? '';
  if (!/^multipart\/form-data\s*;/i.test(ct)) return undefined;
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(req.body), { headers: { 'content-type': ct } }).formData();
  } catch {
    return undefined;
  }
  return { owner: form.get('owner'), file: form.get('file') };
}
