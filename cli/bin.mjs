#!/usr/bin/env node
// Installed entry point: registers tsx (TypeScript at runtime, no build step), then runs the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('./main.ts');
process.exitCode = await main(process.argv.slice(2));
