// What every API's Pact consumer contract shares: the shape of one flow (an interaction and what
// the client does with it), the JSON Content-Type matcher, and the loop that runs each flow with
// the real client against Pact's mock server and so writes the pact (Pact V4), the builders of
// the common request and response shapes, and what each generate.ts needs to write pacts afresh.
import { MatchersV3, PactV4, type TemplateHeaders, type TemplateQuery, type V3MockServer } from '@pact-foundation/pact';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repoPath } from '../../core/repo-root.ts';
import { settlePactMockServer } from './pact-settle.ts';

export type Unconfigured = ReturnType<PactV4['addInteraction']>;
export type WithRequest = ReturnType<Unconfigured['withRequest']>;
export type WithResponse = ReturnType<WithRequest['willRespondWith']>;

/** One interaction, and what the client does with it (the assertions the consumer test makes). */
export interface PactFlow<Client, State extends string = string> {
  description: string;
  state?: { name: State; params: Record<string, string> };
  request(i: Unconfigured): WithRequest;
  response(i: WithRequest): WithResponse;
  exercise(client: Client, origin: string): Promise<void>;
}

/** Pact compares the whole Content-Type value, parameters included: allow `; charset=…`. */
export const jsonContentType = (example: string) => ({ 'Content-Type': MatchersV3.regex(/^application\/json(;.*)?$/.source, example) });

/**
 * Runs every flow against Pact's mock server, with the client `client()` makes for it, and writes
 * `<dir>/<consumer>-<provider>.json` (interactions merge into an existing file, so callers start
 * from a clean one). Rejects when the client and the expectations disagree.
 */
export async function writeConsumerPact<Client, F extends PactFlow<Client>>(o: {
  consumer: string;
  provider: string;
  dir: string;
  flows: readonly F[];
  client: (origin: string, flow: F) => Client;
  logLevel?: 'debug' | 'warn';
}): Promise<void> {
  process.env.PACT_DO_NOT_TRACK ??= 'true';
  const pact = new PactV4({ consumer: o.consumer, provider: o.provider, dir: o.dir, logLevel: o.logLevel ?? 'warn' });
  for (const flow of o.flows) {
    let interaction = pact.addInteraction();
    if (flow.state) interaction = interaction.given(flow.state.name, flow.state.params);
    interaction = interaction.uponReceiving(flow.description);
    await flow.response(flow.request(interaction)).executeTest(async (server: V3MockServer) => {
      await flow.exercise(o.client(server.url, flow), server.url);
      await settlePactMockServer();
    });
  }
}

/** A response of `status` with `headers` and a JSON body: the shape most interactions answer with. */
export const respondJson =
  (status: number, headers: TemplateHeaders, body: unknown) =>
  (i: WithRequest): WithResponse =>
    i.willRespondWith(status, (b) => {
      b.headers(headers);
      b.jsonBody(body);
    });

/** A request with `headers` and, where given, a query or a JSON body: the shape most interactions send. */
export const requestWith =
  (method: string, path: Parameters<Unconfigured['withRequest']>[1], headers: TemplateHeaders, o: { query?: TemplateQuery; json?: unknown } = {}) =>
  (i: Unconfigured): WithRequest =>
    i.withRequest(method, path, (b) => {
      b.headers(headers);
      if (o.query !== undefined) b.query(o.query);
      if (o.json !== undefined) b.jsonBody(o.json);
    });

/** Where the committed pacts live (a generator's default DIR). */
export const PACTS_DIR = repoPath('fixtures/pacts/');

/** The file Pact writes for a consumer and provider. */
export const pactFileName = (consumer: string, provider: string) => `${consumer}-${provider}.json`;

/**
 * Writes pacts afresh into `dir`: removes `files` there first (Pact merges into an existing file),
 * then runs `write`. Returns the files' paths.
 */
export async function regeneratePacts(dir: string, files: readonly string[], write: (dir: string) => Promise<void>): Promise<string[]> {
  const paths = files.map((f) => join(dir, f));
  for (const p of paths) rmSync(p, { force: true });
  await write(dir);
  return paths;
}

/** A generator of one pact: writes it afresh into `dir` (fixtures/pacts by default) and returns its path. */
export const pactGenerator =
  (file: string, write: (dir: string) => Promise<void>) =>
  async (dir: string = PACTS_DIR): Promise<string> =>
    (await regeneratePacts(dir, [file], write))[0]!;

/**
 * When the module at `moduleUrl` is the script node runs (`node --import tsx <generate.ts> [DIR]`):
 * generates into DIR (fixtures/pacts by default) and says what it wrote. Imported, it does nothing.
 */
export async function runGeneratorIfMain(moduleUrl: string, generate: (dir: string) => Promise<string | string[]>): Promise<void> {
  if (!process.argv[1] || fileURLToPath(moduleUrl) !== process.argv[1]) return;
  for (const file of [await generate(process.argv[2] ?? PACTS_DIR)].flat()) console.log(`wrote ${file}`);
}
