// JSON Schema for the target config file of each API (`--config FILE`), built from a few small
// pieces so each API's config.ts states its keys once, next to its TypeScript interface. The
// CLI checks the file against it: a wrong type or a misspelt key is a configuration error
// (exit 2) before any check runs, not a confusing check failure later.

export type ConfigSchema = Record<string, unknown>;

export const text: ConfigSchema = { type: 'string', minLength: 1 };
export const flag: ConfigSchema = { type: 'boolean' };
export const port: ConfigSchema = { type: 'integer', minimum: 0, maximum: 65535 };
export const url: ConfigSchema = { type: 'string', format: 'uri', pattern: '^https?://' };

/** An object with exactly these optional keys (`required` lists the ones it must have). */
export const object = (properties: Record<string, ConfigSchema>, required: string[] = []): ConfigSchema => ({
  type: 'object',
  properties,
  required,
  additionalProperties: false,
});

/** An object of any keys, each holding `value` (e.g. tokens keyed by room id). */
export const mapOf = (value: ConfigSchema): ConfigSchema => ({ type: 'object', additionalProperties: value });

/**
 * Keys every API's config has: the webhook receiver, whether writes are allowed, the control
 * API, the documented operations the target does not have (operationIds, checked against the
 * spec when the config loads; never sent, reported as not implemented), and the largest
 * response body the client reads (bytes; `--max-body` sets it too).
 */
export const commonKeys: Record<string, ConfigSchema> = {
  receiver: object({ port, publicUrl: url, host: text }),
  writes: flag,
  control: flag,
  notImplemented: { type: 'array', items: text, uniqueItems: true },
  maxBodyBytes: { type: 'integer', minimum: 1 },
};

/** A whole config file: the API's own keys plus the common ones, nothing else. */
export const configFile = (keys: Record<string, ConfigSchema>): ConfigSchema => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  ...object({ ...keys, ...commonKeys }),
});
