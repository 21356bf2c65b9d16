import type { ChatPlatform, ChatTarget } from '../core/ports/chat-notifier.js';
import type { Env } from './env.js';

/** A list of channel ids on one platform (`C0123,C0456`). */
function channelList(value: string | undefined, platform: ChatPlatform): ChatTarget[] {
  return (value ?? '')
    .split(',')
    .map((c) => c.trim())
    .filter(Boolean)
    .map((channelId) => ({ kind: 'channel', platform, channelId }));
}

/**
 * Where approval cards go besides the approvers' DMs: SLACK_APPROVALS_CHANNEL (Slack channel
 * ids) and TEAMS_APPROVALS_CHANNEL (Teams channel ids), each one id or several separated by
 * commas. The same in every process (web and worker): a platform that is off there leaves the
 * card waiting in the outbox.
 */
export function approvalChannels(env: Pick<Env, 'SLACK_APPROVALS_CHANNEL' | 'TEAMS_APPROVALS_CHANNEL'>): ChatTarget[] {
  return [...channelList(env.SLACK_APPROVALS_CHANNEL, 'slack'), ...channelList(env.TEAMS_APPROVALS_CHANNEL, 'teams')];
}

/** One channel on either platform (SLACK_RENEWALS_CHANNEL, DIGEST_CHANNEL): `slack:C0123` / `teams:19:abc@thread.tacv2`; a bare id is taken as Slack. */
export function parseChannelSetting(value: string | undefined): ChatTarget | undefined {
  if (!value?.trim()) return undefined;
  const m = /^(slack|teams):(.+)$/.exec(value.trim());
  return m ? { kind: 'channel', platform: m[1] as ChatPlatform, channelId: m[2]! } : { kind: 'channel', platform: 'slack', channelId: value.trim() };
}
