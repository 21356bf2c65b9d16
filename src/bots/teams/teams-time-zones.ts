import type { UserRef } from '../../core/domain/user-ref.js';
import type { UserDirectory } from '../../core/ports/user-directory.js';
import type { ConversationReferences } from '../../core/ports/conversation-references.js';

/**
 * Teams users' time zones, as their clients report them on every activity (stored with the
 * user's conversation reference). Someone who never wrote to the bot is unknown (UTC).
 */
export class TeamsTimeZones implements UserDirectory {
  constructor(private readonly references: Pick<ConversationReferences, 'timeZoneOfUser'>) {}

  async timeZoneOf(user: UserRef): Promise<string | undefined> {
    if (user.platform !== 'teams') return undefined;
    return this.references.timeZoneOfUser(user.id);
  }
}
