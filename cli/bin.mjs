#!/usr/bin/env node
// The `callrec` command. Installed from the package, it runs the built CLI (lib/callrec.mjs, made
// by `npm run build` before packing). In a clone (the TypeScript sources beside it), it runs a
// one-file bundle of the sources rebuilt whenever a source is newer (see bundle.mjs).
import { existsSync } from 'node:fs';

const inClone = existsSync(new URL('./main.ts', import.meta.url));
const entry = inClone ? await (await import('./bundle.mjs')).freshBundle() : new URL('../lib/callrec.mjs', import.meta.url).href;
const { main } = await import(entry);
process.exitCode = await main(process.argv.slice(2));
