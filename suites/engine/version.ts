// callrec's version as reports print it (kept in step with package.json by a test).
export const TOOL_VERSION = '0.1.0';
