// callrec's entry point: picks the command and loads only what that command needs,
// so `callrec mock` is listening within a fraction of a second.

import { MAIN_HELP, HELP } from './help.ts';
import { UsageError } from './usage.ts';

type Command = (argv: string[]) => Promise<number>;

const COMMANDS: Record<string, () => Promise<Command>> = {
  run: async () => (await import('./commands/run.ts')).runCommand,
  mock: async () => (await import('./commands/mock.ts')).mockCommand,
  checks: async () => (await import('./commands/checks.ts')).checksCommand,
  selfcheck: async () => (await import('./commands/selfcheck.ts')).selfcheckCommand,
  verify: async () => (await import('./commands/verify.ts')).verifyCommand,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(MAIN_HELP);
    return name ? 0 : 2;
  }
  const load = COMMANDS[name];
  if (!load) {
    process.stderr.write(`callrec: unknown command '${name}'\n\n${MAIN_HELP}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(HELP[name] ?? MAIN_HELP);
    return 0;
  }
  try {
    return await (await load())(rest);
  } catch (e) {
    // parseArgs reports unknown or malformed options as TypeErrors with an ERR_PARSE_ARGS code.
    const code = (e as { code?: string }).code ?? '';
    if (e instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`callrec ${name}: ${(e as Error).message}\n`);
      return 2;
    }
    // An operating-system error escaping a command (EACCES, EADDRINUSE, ENOSPC, …) is about the
    // machine the run was set up on, not a bug: one line, exit 2, no stack trace.
    if (/^E[A-Z0-9]+$/.test(code)) {
      process.stderr.write(`callrec ${name}: ${(e as Error).message}\n`);
      return 2;
    }
    throw e;
  }
}

const isEntry = process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'));
if (isEntry) process.exitCode = await main(process.argv.slice(2));
