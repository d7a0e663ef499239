// Types for pack.mjs (plain JS so that scripts/test.mjs runs it without a transpiler).
export const PACK_DIR_ENV: 'CALLREC_PACK_DIR';
export function npmEnv(extra?: Record<string, string>): NodeJS.ProcessEnv;
/** `dir` gets the tarball, then `.done` (its file name) or `.failed` (npm's output); `done` resolves to `dir` then. */
export function startPack(root: string): { dir: string; done: Promise<string> };
