// What a real Horn server must tell the suites (`--config FILE`, JSON). Against the built-in
// mock every field is filled in through the control API.
import { configFile, object, text } from '../../core/config-schema.ts';

export interface HornTargetConfig {
  /** Default Bearer token (also `--token`); the owner's token is the natural choice. */
  token?: string;
  /** Bearer tokens per role on `channels.recordable` (an owner, a non-owner operator, a user with no role). */
  tokens?: { owner?: string; operator?: string; stranger?: string };
  channels?: {
    /** panel-mode channel with an owner whose e-mail is confirmed; not recording now. */
    recordable?: string;
    /** channel whose serviceMode does not support recording (conference). */
    conference?: string;
    /** channel whose owners have no confirmed e-mail (record/possible is false). */
    unconfirmed?: string;
    /** panel-mode channel whose only owner confirmed an address that is not a valid e-mail (record/possible is false). */
    invalidEmail?: string;
  };
  recordings?: {
    /** A ready recording on `channels.recordable` (assets, download URL, JWT checks read it). */
    ready?: string;
    /** A ready recording of the same channel longer than 30 minutes (several segments). */
    long?: string;
    /** A recording of another channel than `channels.recordable` (it must not be reachable through that channel's paths). */
    foreign?: string;
  };
  /** Secret the target signs X-Horn-Signature with for our receiver registration. */
  webhookSecret?: string;
  /** A webhook receiver the target delivers to (the suite listens on `port`). */
  receiver?: { port?: number; publicUrl?: string };
  /** Set true to allow checks that start and stop recordings on the target. */
  writes?: boolean;
  /** Built-in mock only: the control API is available. */
  control?: boolean;
}

/** The keys of HornTargetConfig, for the CLI's check of a config file. */
export const configSchema = configFile({
  token: text,
  tokens: object({ owner: text, operator: text, stranger: text }),
  channels: object({ recordable: text, conference: text, unconfirmed: text, invalidEmail: text }),
  recordings: object({ ready: text, long: text, foreign: text }),
  webhookSecret: text,
});

export const asConfig = (c: Record<string, unknown>) => c as HornTargetConfig;
