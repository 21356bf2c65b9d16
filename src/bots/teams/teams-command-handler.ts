import type { TurnContext } from 'botbuilder';
import { FORM_IDS } from '../../core/interactions/forms.js';
import { ACTION_IDS, handleAction, isActionId } from '../../core/interactions/handle-action.js';
import { runCommandText } from '../../core/interactions/run-command.js';
import { submitForm } from '../../core/interactions/submit-form.js';
import type { ApprovalRefresh } from './approval-actions.js';
import { respondWithMessage } from './invoke-response.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';
import { commandTextOf } from './teams-commands.js';
import { mentionedPeople } from './teams-identity.js';
import { cardInputs, respondToInvoke, sendResult, teamsActor, teamsInteractionDeps, TEAMS_SURFACE } from './teams-interactions.js';

/** Every Action.Execute verb Clause answers: the core's card actions and form ids. */
export const CARD_VERBS: readonly string[] = [...new Set<string>([...ACTION_IDS, ...Object.values(FORM_IDS)])];

/** A text command, in a personal chat, a group chat or a channel (after the @mention is removed). */
export async function runTeamsCommand(context: TurnContext, deps: TeamsBotDeps, text: string): Promise<void> {
  const actor = await teamsActor(context, deps);
  if (!actor) return void (await context.sendActivity('I could not tell who you are, so I cannot answer about your contracts.'));
  // The first person @mentioned other than Clause: an obligation's owner.
  const [mentioned] = mentionedPeople(context.activity);
  const result = await runCommandText(
    teamsInteractionDeps(deps),
    actor,
    TEAMS_SURFACE,
    commandTextOf(text),
    mentioned ? { mentionedId: mentioned.id, ...(mentioned.name ? { mentionedName: mentioned.name } : {}) } : {},
  );
  await sendResult(context, result);
}

/**
 * An Action.Execute: a card button (its data is the button's value plus any inline input) or a
 * form's submit (its data is the form's context plus the inputs), as the neutral call.
 */
export async function handleCardVerb(context: TurnContext, deps: TeamsBotDeps, refresh: ApprovalRefresh, data: unknown): Promise<void> {
  const verb = (context.activity.value as { action?: { verb?: string } } | undefined)?.action?.verb ?? '';
  const actor = await teamsActor(context, deps);
  if (!actor) return respondWithMessage(context, 'I could not tell who you are; nothing was changed.');
  const value = typeof data === 'object' && data !== null ? (data as Record<string, unknown>) : {};
  const inputs = cardInputs(data);
  const ideps = teamsInteractionDeps(deps);
  const result = isActionId(verb)
    ? await handleAction(ideps, actor, { actionId: verb, value, inputs })
    : await submitForm(ideps, actor, { formId: verb, context: value, inputs });
  await respondToInvoke(context, result, refresh);
}
