#!/usr/bin/env node
// Installed entry point: runs the CLI from its bundle (see bundle.mjs), rebuilt when sources change.
import { freshBundle } from './bundle.mjs';

const { main } = await import(await freshBundle());
process.exitCode = await main(process.argv.slice(2));
