// Node-only: an API's OpenAPI document, parsed, from the YAML file in the repo. The package
// build (scripts/build.mjs) replaces this module with the parsed documents inlined, so an
// installed callrec neither parses YAML at start-up nor writes a cache into node_modules.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'yaml';
import { repoPath } from './repo-root.ts';

/**
 * Parsing the YAML costs ~150 ms, most of `callrec mock`'s start-up; JSON.parse of the same
 * document costs ~2 ms. So the parsed document is cached as JSON under dist/ and reused while
 * it is newer than the YAML.
 */
export function readSpecDocument(relativeFile: string): Record<string, unknown> {
  const yamlPath = repoPath(relativeFile);
  const cachePath = repoPath(`dist/${relativeFile}.json`);
  const mtime = (p: string) => {
    try {
      return statSync(p).mtimeMs;
    } catch {
      return -1;
    }
  };
  if (mtime(cachePath) >= mtime(yamlPath)) return JSON.parse(readFileSync(cachePath, 'utf8')) as Record<string, unknown>;
  const doc = parse(readFileSync(yamlPath, 'utf8')) as Record<string, unknown>;
  try {
    mkdirSync(dirname(cachePath), { recursive: true });
    const tmp = `${cachePath}.${process.pid}.tmp`; // write then rename: parallel readers never see half a file
    writeFileSync(tmp, JSON.stringify(doc));
    renameSync(tmp, cachePath);
  } catch {
    // a read-only checkout just parses the YAML every time
  }
  return doc;
}
