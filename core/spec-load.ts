// Node-only: reads an API's OpenAPI YAML from the repo and builds its validator, once per file.
// (The browser build passes the parsed document to createSpecValidator directly.)

import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parse } from 'yaml';
import { repoPath } from './repo-root.ts';
import { basePathOf, createSpecValidator, type OpenApiValidator } from './spec.ts';

export interface LoadedSpec {
  doc: Record<string, unknown>;
  validator: OpenApiValidator;
}

const cache = new Map<string, LoadedSpec>();

/**
 * Loads `relativeFile` (relative to the repo root, e.g. `specs/openvidu-meet/openapi.yaml`).
 * The base path defaults to the path of the spec's first server.
 */
export function loadSpec(relativeFile: string, basePath?: string): LoadedSpec {
  const key = `${relativeFile}\n${basePath ?? ''}`;
  let spec = cache.get(key);
  if (!spec) {
    const doc = readDoc(relativeFile);
    spec = { doc, validator: createSpecValidator(doc, relativeFile, basePath ?? basePathOf(doc)) };
    cache.set(key, spec);
  }
  return spec;
}

/**
 * Parsing the YAML costs ~150 ms, most of `callrec mock`'s start-up; JSON.parse of the same
 * document costs ~2 ms. So the parsed document is cached as JSON under dist/ and reused while
 * it is newer than the YAML.
 */
function readDoc(relativeFile: string): Record<string, unknown> {
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
