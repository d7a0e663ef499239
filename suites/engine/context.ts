// Builds the CheckContext one check runs with: its client, its seed, its receiver (started
// lazily, at most once) and the two ways to end early (fail, notApplicable).

import type { ApiModule, TargetConfig } from '../../core/suite.ts';
import { CheckFailure, NotApplicable } from '../../core/check.ts';
import type { Check, CheckContext, ControlClient, SpecValidator, TargetClient } from '../../core/check.ts';
import { startReceiver } from './receiver.ts';
import type { RuleLog } from './rules.ts';
import type { RunningReceiver } from './receiver.ts';

export const NO_RECEIVER_REASON = 'no webhook receiver registered with the target: set receiver.publicUrl in the config';

export interface ContextInput {
  module: ApiModule;
  check: Check;
  target: TargetClient;
  control?: ControlClient;
  config: TargetConfig;
  seed: number;
  maxExamples: number;
  spec: SpecValidator;
  /** Where the check's rules are recorded. */
  rules: RuleLog;
}

export interface BuiltContext {
  ctx: CheckContext;
  logs: string[];
  /** Stops the receiver if one was started. */
  dispose(): Promise<void>;
}

export function createCheckContext(input: ContextInput): BuiltContext {
  const logs: string[] = [];
  let receiver: Promise<RunningReceiver> | undefined;

  const ctx: CheckContext = {
    api: input.module.name,
    target: input.target,
    ...(input.control ? { control: input.control } : {}),
    config: input.config,
    seed: input.seed,
    maxExamples: input.maxExamples,
    spec: input.spec,
    receiver() {
      receiver ??= openReceiver(input);
      return receiver;
    },
    rule(name, body, opts) {
      return input.rules.run(name, body, opts);
    },
    skip(name, reason, opts) {
      input.rules.record(name, 'not-applicable', { ...opts, reason });
    },
    notRun(name, reason, opts) {
      input.rules.record(name, 'not-run', { ...opts, reason });
    },
    notApplicable(reason: string): never {
      throw new NotApplicable(reason);
    },
    fail(failure): never {
      throw new CheckFailure(failure);
    },
    log(message: string) {
      logs.push(message);
    },
  };

  return {
    ctx,
    logs,
    async dispose() {
      if (!receiver) return;
      const r = await receiver.catch(() => undefined);
      await r?.close();
    },
  };
}

/** Where the receiver of a config listens: its port (0 = any) and host. */
export function receiverAddress(config: TargetConfig): { port: number; host: string; publicUrl?: string } {
  const settings = (config.receiver ?? {}) as { port?: unknown; publicUrl?: unknown; host?: unknown };
  const publicUrl = typeof settings.publicUrl === 'string' ? settings.publicUrl : undefined;
  // A receiver a real server must reach listens on every interface; one for a local mock on loopback only.
  const host = typeof settings.host === 'string' ? settings.host : publicUrl ? '0.0.0.0' : '127.0.0.1';
  return { port: typeof settings.port === 'number' ? settings.port : 0, host, ...(publicUrl ? { publicUrl } : {}) };
}

async function openReceiver(input: ContextInput): Promise<RunningReceiver> {
  const { port, host, publicUrl } = receiverAddress(input.config);
  let r: RunningReceiver;
  try {
    r = await startReceiver({ host, port, ...(publicUrl ? { publicUrl } : {}) });
  } catch (e) {
    // The run probes the port at start; taken since then, it is still the machine's problem, said in one line.
    const code = (e as NodeJS.ErrnoException).code;
    throw new Error(`the webhook receiver cannot listen on ${host}:${port} (receiver.port in the config): ${code ?? (e as Error).message}`);
  }
  const registered = await input.module.registerReceiver(r.url, input.control, input.config);
  if (!registered) {
    await r.close();
    throw new NotApplicable(NO_RECEIVER_REASON);
  }
  return r;
}
