import { ActivityTypes, TeamsInfo, type TurnContext } from 'botbuilder';
import { Application, type TeamsAdapter } from '@microsoft/teams-ai';
import { helpMessage } from '../../core/interactions/commands.js';
import { isAppError } from '../../core/errors.js';
import { GREETING_CLAIM_PREFIX } from '../../core/ports/form-submissions.js';
import { cardAttachment, renderAdaptiveCard } from './adaptive-card.js';
import { handleApprovalRefresh, APPROVAL_REFRESH_VERB, type ApprovalRefresh } from './approval-actions.js';
import { respondWithMessage } from './invoke-response.js';
import { rememberConversation, rememberTeamChannels } from './remember-conversation.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';
import { CARD_VERBS, handleCardVerb, runTeamsCommand } from './teams-command-handler.js';
import { TEAMS_SURFACE } from './teams-interactions.js';
import { importTeamsFiles } from './ask/teams-ask.js';
import { teamsFileAttachments } from './ask/teams-file-attachments.js';

/** The teams-ai Application with Clause's routes: install, text commands, card actions. */
export function createTeamsBot(adapter: TeamsAdapter, deps: TeamsBotDeps, refresh: ApprovalRefresh): Application {
  const app = new Application({
    adapter,
    ...(deps.env.MICROSOFT_APP_ID ? { botAppId: deps.env.MICROSOFT_APP_ID } : {}),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  // Every activity refreshes the stored references; a failure to store must not lose the turn.
  app.turn('beforeTurn', async (context) => {
    await rememberConversation(deps.references, context.activity).catch((err: unknown) =>
      deps.logger.error({ err }, 'could not store the Teams conversation reference'),
    );
    return true;
  });

  // Teams announces one install twice (installationUpdate and conversationUpdate): the first to
  // claim the conversation's greeting sends it; an uninstall gives the claim back.
  const welcomeId = (context: TurnContext) => `${GREETING_CLAIM_PREFIX}${context.activity.conversation?.id ?? ''}`;
  const welcome = async (context: TurnContext) => {
    await rememberTeamChannels(deps.references, context.activity, (teamId) => TeamsInfo.getTeamChannels(context, teamId)).catch((err: unknown) =>
      deps.logger.warn({ err }, "could not list the team's channels; they become known when the bot is mentioned there"),
    );
    if (!(await deps.forms.claim(welcomeId(context)))) return;
    await context.sendActivity({ attachments: [cardAttachment(renderAdaptiveCard(helpMessage(TEAMS_SURFACE.prefix, TEAMS_SURFACE.name)))] });
  };
  app.conversationUpdate('membersAdded', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersAdded?.some((m) => m.id === botId)) await welcome(context);
  });
  app.conversationUpdate('membersRemoved', async (context) => {
    const botId = context.activity.recipient?.id;
    if (context.activity.membersRemoved?.some((m) => m.id === botId)) await deps.forms.forget(welcomeId(context));
  });
  app.activity(ActivityTypes.InstallationUpdate, async (context) => {
    const action = (context.activity as { action?: string }).action ?? '';
    if (action.startsWith('add')) await welcome(context);
    else if (action.startsWith('remove')) await deps.forms.forget(welcomeId(context));
  });

  app.activity(ActivityTypes.Message, async (context) => {
    if (!context.activity.text && context.activity.value) return; // legacy Action.Submit: this bot only uses Action.Execute
    const files = teamsFileAttachments(context.activity);
    if (files.length > 0) {
      const who = context.activity.from?.aadObjectId ?? context.activity.from?.id ?? '';
      if (deps.uploads && !deps.uploads.take(`teams:${who}`)) {
        deps.logger.warn({ user: who }, 'Teams upload rate-limited');
        await context.sendActivity('You have sent me many contract files in the last hour; please wait a while before sending more. Nothing was imported.');
        return;
      }
      return importTeamsFiles(context, deps, files);
    }
    await runTeamsCommand(context, deps, context.activity.text ?? '');
  });

  // Every card action and form of the core: decoded into the neutral call, answered with the
  // clicker's refreshed card (or the form again, with its errors under the inputs).
  app.adaptiveCards.actionExecute([...CARD_VERBS], async (context, _state, data) => {
    await guarded(context, deps, () => handleCardVerb(context, deps, refresh, data));
    return '';
  });
  app.adaptiveCards.actionExecute(APPROVAL_REFRESH_VERB, async (context, _state, data) => {
    await guarded(context, deps, () => handleApprovalRefresh(context, deps, refresh, data));
    return '';
  });
  // Any other card action (a card from an older version of Clause): answered, never a 501.
  app.activity(
    async (context) => context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action',
    async (context) => {
      await respondWithMessage(context, 'This card is out of date; nothing was changed. Say "help" to see what I can do.');
    },
  );
  return app;
}

/** An unexpected error in a card action: logged, and the user told without details. */
async function guarded(context: TurnContext, deps: TeamsBotDeps, run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (error) {
    deps.logger.error({ err: error, verb: (context.activity.value as { action?: { verb?: string } })?.action?.verb }, 'Teams card action failed');
    await respondWithMessage(context, isAppError(error) ? error.message : 'Something went wrong; nothing was changed. Please try again.');
  }
}
