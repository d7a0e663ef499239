// One-line curl commands that reproduce a request. Values are shell-quoted; a secret the user
// supplied through the config or a flag is written as "${CALLREC_API_KEY}" instead of its value,
// so reports can be shared without leaking it (braced: a key followed by letters, as in
// `Bearer ${CALLREC_API_KEY}x`, must not turn into another, empty variable).

import type { Headers } from '../../core/http.ts';

export const API_KEY_VARIABLE = 'CALLREC_API_KEY';
/** How a curl line refers to the variable. */
export const API_KEY_REFERENCE = `\${${API_KEY_VARIABLE}}`;
export const API_KEY_NOTE = `the curl lines read the API key from $${API_KEY_VARIABLE}: export ${API_KEY_VARIABLE}='<your key>' first`;

/** Bodies longer than this are cut in the curl line (and say how much was left out). */
const MAX_BODY_CHARS = 2048;

/** POSIX single quoting: the only character that needs care is the quote itself. */
export const shellQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Double quoting that still lets the shell expand our one variable. */
const doubleQuote = (s: string) => `"${s.replace(/[\\"`$]/g, (c) => `\\${c}`)}"`;

export interface CurlInput {
  method: string;
  url: string;
  headers: Headers;
  body?: Uint8Array;
  /** Values to replace with ${CALLREC_API_KEY} (the user's own API key). */
  secrets?: string[];
  /** Context a reader needs to replay the line (e.g. the mock's reset), appended as a shell comment. */
  note?: string;
}

export function toCurl(req: CurlInput): string {
  const parts = ['curl -sS -i', '-X', req.method, shellQuote(req.url)];
  for (const [name, value] of Object.entries(req.headers)) {
    const secret = req.secrets?.find((s) => s.length > 0 && value.includes(s));
    if (secret) {
      const masked = doubleQuote(`${name}: ${value.split(secret).join('\u0000')}`).split('\u0000').join(API_KEY_REFERENCE);
      parts.push('-H', masked);
    } else {
      parts.push('-H', shellQuote(`${name}: ${value}`));
    }
  }
  if (req.body && req.body.byteLength > 0) parts.push('--data-binary', bodyArgument(req.body));
  if (req.note) parts.push('#', req.note.replace(/[\r\n]+/g, ' '));
  return parts.join(' ');
}

function bodyArgument(body: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    // Binary bodies cannot be pasted on a command line; say what would be sent.
    return shellQuote(`<${body.byteLength} bytes of binary data>`);
  }
  if (text.length <= MAX_BODY_CHARS) return shellQuote(text);
  return shellQuote(`${text.slice(0, MAX_BODY_CHARS)}…[${text.length - MAX_BODY_CHARS} more characters cut]`);
}
