// Types for plugins.mjs (plain JavaScript, loaded by Stryker itself), for the tests.
/** A babel NodePath (Stryker's ignorer API types it as an opaque object). */
type NodePath = { node: unknown; parent?: unknown; key?: unknown };

export function isFaultLookup(node: unknown): boolean;
export function requiresFault(node: unknown): boolean;
export function falsyRequiresFault(node: unknown): boolean;
export function faultSwitchReason(path: NodePath): string | undefined;
export const strykerPlugins: unknown[];
