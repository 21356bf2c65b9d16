import type { webApi } from '@slack/bolt';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { UserDirectory } from '../../core/ports/user-directory.js';
import type { Logger } from '../../core/ports/logger.js';
import { slackErrorSummary } from './slack-notifier.js';

const TTL_MS = 60 * 60_000;

/**
 * Slack users' time zones (users.info `tz`, e.g. Europe/Berlin), so "days left" in a reminder
 * counts from the reader's today. Cached for an hour; unknown (UTC) when Slack cannot answer.
 */
export class SlackTimeZones implements UserDirectory {
  private readonly cache = new Map<string, { tz: string | undefined; at: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  async timeZoneOf(user: UserRef): Promise<string | undefined> {
    if (user.platform !== 'slack') return undefined;
    const hit = this.cache.get(user.id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.tz;
    try {
      const info = (await this.client.users.info({ user: user.id })) as { user?: { tz?: string } };
      const tz = typeof info.user?.tz === 'string' && info.user.tz ? info.user.tz : undefined;
      this.cache.set(user.id, { tz, at: Date.now() });
      return tz;
    } catch (error) {
      this.logger.warn({ err: slackErrorSummary(error), user: user.id }, 'Slack users.info failed; using UTC for this reader');
      return undefined;
    }
  }
}
