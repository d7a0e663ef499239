// Node-only: absolute paths of files shipped in the repo (specs, fixtures, pacts).
// This module sits one folder below the root, like the CLI bundle in dist/, so the same
// relative URL works from the sources and from the bundle.
import { fileURLToPath } from 'node:url';

const ROOT = new URL('../', import.meta.url);

export function repoPath(relative: string): string {
  return fileURLToPath(new URL(relative, ROOT));
}
