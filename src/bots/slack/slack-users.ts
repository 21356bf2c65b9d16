import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { Logger } from '../../core/ports/logger.js';
import { slackErrorSummary } from './slack-notifier.js';

const ZUsersInfo = z.object({
  user: z
    .object({
      id: z.string(),
      name: z.string().optional(),
      real_name: z.string().optional(),
      team_id: z.string().optional(),
      profile: z.object({ email: z.string().optional(), display_name: z.string().optional(), real_name: z.string().optional() }).loose().optional(),
    })
    .loose(),
});

const TTL_MS = 10 * 60_000;

/**
 * Slack user id -> UserRef with name and e-mail (users.info; the e-mail lets a policy person known
 * only by e-mail approve). Cached for ten minutes; if Slack cannot answer, the bare id is used.
 */
export class SlackUsers {
  private readonly cache = new Map<string, { ref: UserRef; at: number }>();

  constructor(
    private readonly client: webApi.WebClient,
    private readonly logger: Logger,
  ) {}

  async resolve(userId: string, teamId?: string): Promise<UserRef> {
    const hit = this.cache.get(userId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.ref;
    const bare: UserRef = { platform: 'slack', id: userId, ...(teamId ? { tenantId: teamId } : {}) };
    try {
      const info = ZUsersInfo.parse(await this.client.users.info({ user: userId }));
      const u = info.user;
      const email = z.email().safeParse(u.profile?.email);
      const name = u.profile?.display_name || u.real_name || u.profile?.real_name || u.name;
      const ref: UserRef = {
        ...bare,
        ...(u.team_id && !teamId ? { tenantId: u.team_id } : {}),
        ...(name ? { displayName: name } : {}),
        ...(email.success ? { email: email.data } : {}),
      };
      this.cache.set(userId, { ref, at: Date.now() });
      return ref;
    } catch (error) {
      this.logger.warn({ err: slackErrorSummary(error), user: userId }, 'Slack users.info failed; using the bare user id');
      return bare;
    }
  }
}
