import type { ChatPlatform, ChatTarget } from '../core/ports/chat-notifier.js';
import type { Env } from './env.js';
import { playgroundSettings } from './playground.js';

type PlaygroundEnv = Pick<Env, 'PLAYGROUND' | 'NODE_ENV' | 'SLACK_BOT_TOKEN' | 'MICROSOFT_APP_ID' | 'TEAMS_ALLOW_UNAUTHENTICATED'>;

/** Whether the web playground is on (PLAYGROUND; src/config/playground.ts). */
export function playgroundOn(env: PlaygroundEnv): boolean {
  return playgroundSettings(env, () => true).on;
}

/** The playground's channels (conversations every persona sees). */
const WEB_CHANNELS = { approvals: 'approvals', renewals: 'renewals' } as const;

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
 * commas, and the playground's #approvals when the playground is on. The same in every process
 * (web and worker): a platform that is off there leaves the card waiting in the outbox.
 */
export function approvalChannels(env: Pick<Env, 'SLACK_APPROVALS_CHANNEL' | 'TEAMS_APPROVALS_CHANNEL'> & PlaygroundEnv): ChatTarget[] {
  return [
    ...channelList(env.SLACK_APPROVALS_CHANNEL, 'slack'),
    ...channelList(env.TEAMS_APPROVALS_CHANNEL, 'teams'),
    ...(playgroundOn(env) ? channelList(WEB_CHANNELS.approvals, 'web') : []),
  ];
}

/**
 * A channel setting (SLACK_RENEWALS_CHANNEL, DIGEST_CHANNEL), or the playground's #renewals when it
 * is unset and the playground is on.
 */
export function channelSettingOrPlayground(value: string | undefined, env: PlaygroundEnv): ChatTarget | undefined {
  return parseChannelSetting(value) ?? (playgroundOn(env) ? { kind: 'channel', platform: 'web', channelId: WEB_CHANNELS.renewals } : undefined);
}

/**
 * One channel on any platform (SLACK_RENEWALS_CHANNEL, DIGEST_CHANNEL): `slack:C0123` /
 * `teams:19:abc@thread.tacv2` / `web:renewals`; a bare id is taken as Slack.
 */
export function parseChannelSetting(value: string | undefined): ChatTarget | undefined {
  if (!value?.trim()) return undefined;
  const m = /^(slack|teams|web):(.+)$/.exec(value.trim());
  return m ? { kind: 'channel', platform: m[1] as ChatPlatform, channelId: m[2]! } : { kind: 'channel', platform: 'slack', channelId: value.trim() };
}

/** The admins (CLAUSE_ADMINS) known by a Slack user id, as DM targets, when Slack is on. */
export function slackAdminTargets(env: Pick<Env, 'CLAUSE_ADMINS' | 'SLACK_BOT_TOKEN'>): ChatTarget[] {
  return env.SLACK_BOT_TOKEN
    ? env.CLAUSE_ADMINS.filter((a) => /^[UW][A-Z0-9]{5,}$/.test(a)).map((id) => ({ kind: 'user', user: { platform: 'slack', id } }))
    : [];
}
