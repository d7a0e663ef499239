// Types for readme-snippets.mjs (plain JS, runnable without a transpiler).
export function snippetsIn(readme: string): { file: string; text: string }[];
export function withSnippets(readme: string, read: (file: string) => string): string;
