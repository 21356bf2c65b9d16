import type { ChatPlatforms } from '../bots/chat-surface.js';
import { slackPlatform } from '../bots/slack/slack-platform.js';
import { SlackTimeZones } from '../bots/slack/slack-time-zones.js';
import { teamsPlatform } from '../bots/teams/teams-platform.js';
import { TeamsTimeZones } from '../bots/teams/teams-time-zones.js';
import type { Env } from '../config/env.js';
import type { ConversationReferences } from '../core/ports/conversation-references.js';
import type { Logger } from '../core/ports/logger.js';
import { utcUserDirectory, type UserDirectory } from '../core/ports/user-directory.js';
import type { ApprovalDeps } from '../core/services/approval-deps.js';
import type { WebPlatform } from '../bots/web/web-platform.js';
import type { NotifierRouter } from './notifier-router.js';

export type { ChatPlatforms };

/**
 * The chat platforms a process sends to, built the same way in the web process and the worker,
 * and registered on the router: Slack when SLACK_BOT_TOKEN is set, Teams when MICROSOFT_APP_ID
 * (or, for local testing, TEAMS_ALLOW_UNAUTHENTICATED) is set, the playground (`web`) when it is
 * on (opened by openPlayground, src/app/open-playground.ts). Building one opens no route or
 * socket: only the web process mounts the surfaces that receive events (so the worker never
 * handles them twice).
 */
export function openChatPlatforms(
  env: Env,
  logger: Logger,
  deps: { approvals: ApprovalDeps; references: ConversationReferences; web?: WebPlatform | undefined },
  router: NotifierRouter,
): ChatPlatforms {
  const platforms: ChatPlatforms = {};
  if (env.SLACK_BOT_TOKEN) {
    platforms.slack = slackPlatform({ ...env, SLACK_BOT_TOKEN: env.SLACK_BOT_TOKEN }, logger);
    router.register('slack', platforms.slack.notifier);
  }
  if (env.MICROSOFT_APP_ID || env.TEAMS_ALLOW_UNAUTHENTICATED) {
    platforms.teams = teamsPlatform(env, logger, deps.approvals, deps.references);
    router.register('teams', platforms.teams.notifier);
  }
  if (deps.web) {
    platforms.web = deps.web;
    router.register('web', deps.web.notifier);
  }
  return platforms;
}

/**
 * Each user's time zone from their own platform: Slack's users.info, what the Teams client
 * reported, a playground persona's own (config/demo/personas.yaml); UTC otherwise.
 */
export function platformUserDirectory(platforms: ChatPlatforms, references: ConversationReferences, logger: Logger): UserDirectory {
  const slack = platforms.slack ? new SlackTimeZones(platforms.slack.client, logger) : utcUserDirectory;
  const teams = new TeamsTimeZones(references);
  const personas = new Map((platforms.web?.demo.personas ?? []).map((p) => [p.key, p.timeZone]));
  const web: UserDirectory = { timeZoneOf: async (user) => personas.get(user.id) ?? 'UTC' };
  const byPlatform = (platform: string): UserDirectory =>
    platform === 'slack' ? slack : platform === 'teams' ? teams : platform === 'web' ? web : utcUserDirectory;
  return { timeZoneOf: (user) => byPlatform(user.platform).timeZoneOf(user) };
}

/** Which platforms are on, for the start-up log and the health check. */
export function platformStates(platforms: ChatPlatforms): Record<'slack' | 'teams' | 'web', 'on' | 'off'> {
  return { slack: platforms.slack ? 'on' : 'off', teams: platforms.teams ? 'on' : 'off', web: platforms.web ? 'on' : 'off' };
}
