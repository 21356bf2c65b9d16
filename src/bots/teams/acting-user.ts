import { TeamsInfo, type TurnContext } from 'botbuilder';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';
import { teamsUserRef } from './teams-identity.js';

/**
 * The person acting, with their e-mail when Teams will say it (the roster lookup), so someone the
 * policy knows by e-mail is recognised here as on Slack. A failed lookup is not fatal: the AAD id
 * still identifies them.
 */
export async function actingUser(context: TurnContext, deps: TeamsBotDeps): Promise<UserRef | undefined> {
  const base = teamsUserRef(context.activity);
  if (!base) return undefined;
  try {
    const member = await TeamsInfo.getMember(context, context.activity.from.id);
    const email = member.email ?? (member.userPrincipalName?.includes('@') ? member.userPrincipalName : undefined);
    return email ? { ...base, email } : base;
  } catch (error) {
    deps.logger.debug({ err: error, user: base.id }, 'Teams member lookup failed; acting on the AAD id alone');
    return base;
  }
}
