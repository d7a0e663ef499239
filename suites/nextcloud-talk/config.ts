// What a real Nextcloud (Talk) server must tell the suites (`--config FILE`, JSON).
// Against the built-in mock every field is filled in through the control API.
import { configFile, object, text } from '../../core/config-schema.ts';

export interface TalkUserCredentials {
  user: string;
  /** Login password or app password (both work with Basic auth). */
  password: string;
}

export interface NextcloudTalkTargetConfig {
  /** The default credentials: a user who owns/moderates the rooms below (Basic auth). */
  user?: string;
  password?: string;
  users?: {
    /** A plain participant (type 3) of `rooms.group`. */
    member?: TalkUserCredentials;
    /** Another plain participant of `rooms.group` (and of `rooms.lobby`). */
    other?: TalkUserCredentials;
    /** A user who is in none of the rooms below. */
    outsider?: TalkUserCredentials;
  };
  /** A group `users.member` and `users.other` belong to (createRoom's group invitation). */
  inviteGroup?: string;
  /** An app password of `user` (Basic auth must accept it like the password). */
  appPassword?: string;
  /** A logged-in browser session of `user`: cookie `name=value` and its request token. */
  browserSession?: { cookie: string; requesttoken: string };
  rooms?: {
    /** Group room: `user` owner, `users.member` and `users.other` plain users, with chat history. */
    group?: string;
    /** Public room without password, `user` owner. */
    public?: string;
    /** Public room with password `roomPassword`. */
    protected?: string;
    /** Read-only room with `users.member` as plain user. */
    readOnly?: string;
    /** Room whose lobby is on, `users.other` as plain user. */
    lobby?: string;
    /** One-to-one room of `user` and `users.member`. */
    oneToOne?: string;
  };
  roomPassword?: string;
  /** Shared secret of the recording server registered with the target (recording checks). */
  recordingSecret?: string;
  /**
   * Failed attempts the run may provoke per brute-force action (recording-server signatures, a
   * `started` nobody asked for, unknown room tokens) and 30 minutes. Default 4: Nextcloud delays
   * every later request to the endpoint by 0.1 s · 2^n and answers 429 after 10. Up to 9 for a
   * target that does not delay this client (bypass list, or callrec's mock); more only where its
   * brute-force protection ignores this client entirely. 0 turns every such rule not applicable.
   */
  bruteForceBudget?: number;
  /** A webhook receiver the target delivers to (it plays the recording server). */
  receiver?: { port?: number; publicUrl?: string };
  /** Set true to allow checks that create rooms, post messages and change settings. */
  writes?: boolean;
  /** Built-in mock only: the control API is available. */
  control?: boolean;
}

const userCredentials = object({ user: text, password: { type: 'string' } }, ['user', 'password']);

/** The keys of NextcloudTalkTargetConfig, for the CLI's check of a config file. */
export const configSchema = configFile({
  user: text,
  password: { type: 'string' },
  users: object({ member: userCredentials, other: userCredentials, outsider: userCredentials }),
  appPassword: text,
  inviteGroup: text,
  browserSession: object({ cookie: text, requesttoken: text }, ['cookie', 'requesttoken']),
  rooms: object({ group: text, public: text, protected: text, readOnly: text, lobby: text, oneToOne: text }),
  roomPassword: { type: 'string' },
  recordingSecret: { type: 'string' },
  bruteForceBudget: { type: 'integer', minimum: 0 },
});

export const asConfig = (c: Record<string, unknown>) => c as NextcloudTalkTargetConfig;
