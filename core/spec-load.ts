// Node-only: reads an API's OpenAPI YAML from the repo and builds its validator, once per file.
// (The browser build passes the parsed document to createSpecValidator directly.)

import { readSpecDocument as readDoc } from './spec-document.ts';
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
