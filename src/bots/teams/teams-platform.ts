import type { Env } from '../../config/env.js';
import type { ConversationReferences } from '../../core/ports/conversation-references.js';
import type { Logger } from '../../core/ports/logger.js';
import type { ApprovalDeps } from '../../core/services/approval-deps.js';
import { approvalRefresh, refreshForMessage, type ApprovalRefresh } from './approval-actions.js';
import { ClauseTeamsAdapter } from './clause-teams-adapter.js';
import { botFrameworkAuthConfig, tokenEndpointCredentials } from './teams-auth.js';
import { TeamsChatNotifier } from './teams-chat-notifier.js';

/**
 * The Bot Framework adapter (app credentials; the surface also runs incoming turns through it),
 * the notifier that sends proactive messages through the stored conversation references, and the
 * refresh of approval cards (Action.Execute).
 */
export interface TeamsPlatform {
  adapter: ClauseTeamsAdapter;
  notifier: TeamsChatNotifier;
  refresh: ApprovalRefresh;
}

export function teamsPlatform(env: Env, logger: Logger, approvals: ApprovalDeps, references: ConversationReferences): TeamsPlatform {
  const adapter = new ClauseTeamsAdapter(botFrameworkAuthConfig(env), tokenEndpointCredentials(env));
  const refresh = approvalRefresh(approvals, references);
  const notifier = new TeamsChatNotifier(adapter, env.MICROSOFT_APP_ID ?? '', references, logger, refreshForMessage(refresh));
  return { adapter, notifier, refresh };
}
