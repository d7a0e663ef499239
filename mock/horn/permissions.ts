// What recording on a channel depends on (facts §1.4): at least one owner with a valid,
// confirmed e-mail (Horn mails owners when a recording is ready), and a service mode that
// supports recording. Decision `panel-only-recording`: `panel` records, `conference` does not.
// Decision `unconfirmed-email-blocks-start`: without such an owner, start is refused too.
import { has } from './context.ts';
import type { HornContext } from './context.ts';
import type { Channel, ServiceMode } from './types.ts';

export const RECORDABLE_MODES: readonly ServiceMode[] = ['panel'];

const VALID_EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function recordingPossible(ctx: HornContext, channel: Channel): boolean {
  return channel.owners.some((id) => {
    const u = ctx.users.get(id);
    return u !== undefined && (VALID_EMAIL.test(u.email) || has(ctx, 'possible-accepts-invalid-email')) && (u.emailConfirmed || has(ctx, 'possible-counts-unconfirmed-email'));
  });
}

/** Why start must be refused on this channel, or undefined when it may record. */
export function whyNotPermitted(ctx: HornContext, channel: Channel): string | undefined {
  if (!RECORDABLE_MODES.includes(channel.serviceMode) && !has(ctx, 'unsupported-mode-recorded'))
    return `Recording is not supported in ${channel.serviceMode} mode`;
  if (!recordingPossible(ctx, channel)) return 'No channel owner has a confirmed e-mail address to notify';
  if (!channel.active) return 'The channel is not active';
  return undefined;
}
