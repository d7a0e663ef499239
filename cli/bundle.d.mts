// Types for bundle.mjs (plain JS so that bin.mjs runs without a transpiler).
export interface BundleTarget {
  /** Entry module, relative to the repo root. */
  entry: string;
  /** File name inside dist/. */
  name: string;
  /** Files and folders (relative to the root) whose changes call for a rebuild. */
  sources: string[];
}
export function build(target?: BundleTarget): Promise<void>;
export function freshBundle(target?: BundleTarget): Promise<string>;
