import type { TurnContext } from 'botbuilder';
import type { Actor, InteractionDeps, InteractionResult } from '../../core/interactions/interaction.js';
import type { FormInputs } from '../../core/interactions/form.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import type { ChatMessage } from '../../core/views/chat-message.js';
import { actingUser } from './acting-user.js';
import { cardAttachment, renderAdaptiveCard } from './adaptive-card.js';
import { adaptiveForm } from './adaptive-form.js';
import type { ApprovalRefresh } from './approval-actions.js';
import { respondWithCard, respondWithMessage } from './invoke-response.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';
import { mentionedPeople } from './teams-identity.js';

/** Teams' command word and name in help and error texts. */
export const TEAMS_SURFACE = { prefix: 'contract', name: 'Teams' } as const;

/** The interaction handlers' dependencies, from what the Teams handlers are built with (cheap: built per call). */
export function teamsInteractionDeps(deps: TeamsBotDeps): InteractionDeps {
  return {
    store: deps.store,
    approvals: deps.approvals,
    companyName: deps.env.COMPANY_NAME,
    admins: deps.env.CLAUSE_ADMINS,
    clock: deps.store.clock,
    forms: deps.forms,
    logger: deps.logger,
    ...(deps.renewals ? { renewals: deps.renewals } : {}),
    ...(deps.ask ? { ask: deps.ask } : {}),
  };
}

/**
 * The Teams user acting. A person they mention is known by the Teams id their own activities
 * stored; anything typed is left to the core (someone the approval policy knows).
 */
export async function teamsActor(context: TurnContext, deps: TeamsBotDeps): Promise<Actor | undefined> {
  const user = await actingUser(context, deps);
  if (!user) return undefined;
  const mentioned = mentionedPeople(context.activity);
  return {
    user,
    person: async (id): Promise<UserRef | undefined> => {
      if (!id.startsWith('29:')) return undefined;
      const aad = await deps.references.aadIdOfTeamsUser(id);
      if (!aad) return undefined;
      const name = mentioned.find((m) => m.id === id)?.name;
      return { platform: 'teams', id: aad, ...(user.tenantId ? { tenantId: user.tenantId } : {}), ...(name ? { displayName: name } : {}) };
    },
  };
}

/** The typed values of a card action (Action.Execute sends every input as a string). */
export function cardInputs(data: unknown): FormInputs {
  const out: FormInputs = {};
  if (typeof data !== 'object' || data === null) return out;
  for (const [k, v] of Object.entries(data)) {
    if (typeof v === 'string') out[k] = v;
    else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
  }
  return out;
}

function withNote(message: ChatMessage, note: string): ChatMessage {
  if (!message.card) return message;
  return { ...message, card: { ...message.card, sections: [...message.card.sections, { kind: 'context', text: note }] } };
}

/** A result as the answer to a card action (Action.Execute): the clicker's card is replaced. */
export async function respondToInvoke(context: TurnContext, result: InteractionResult, refresh: ApprovalRefresh): Promise<void> {
  switch (result.kind) {
    case 'reply': {
      const card = result.cardNow ? await result.cardNow() : undefined;
      if (card) {
        const refreshBlock = result.roundId ? await refresh(result.roundId) : undefined;
        return respondWithCard(context, renderAdaptiveCard(withNote(card, result.message.text), refreshBlock ? { refresh: refreshBlock } : {}));
      }
      if (result.message.card) return respondWithCard(context, renderAdaptiveCard(result.message));
      return respondWithMessage(context, result.message.text);
    }
    case 'update':
    case 'filed':
      return respondWithCard(context, renderAdaptiveCard(result.message));
    case 'form':
    case 'errors':
      return respondWithCard(context, adaptiveForm(result.form));
  }
}

/** A result as the answer to a message (a typed command): sent into the conversation. */
export async function sendResult(context: TurnContext, result: InteractionResult): Promise<void> {
  const send = async (message: ChatMessage) => {
    // A picture (the renewal timeline) is an Image in the card.
    if (message.card || message.image) await context.sendActivity({ summary: message.text, attachments: [cardAttachment(renderAdaptiveCard(message))] });
    else await context.sendActivity(message.text);
  };
  switch (result.kind) {
    case 'reply':
    case 'update':
    case 'filed':
      return send(result.message);
    case 'form':
    case 'errors':
      await context.sendActivity({ attachments: [cardAttachment(adaptiveForm(result.form))] });
      if (result.kind === 'form' && result.note) await context.sendActivity(result.note);
      return;
  }
}
