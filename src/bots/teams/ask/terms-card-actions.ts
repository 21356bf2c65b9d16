import type { TurnContext } from 'botbuilder';
import { PROPOSED_FIELDS } from '../../../core/domain/term-proposal.js';
import { AppError, AppErrorCode, isAppError } from '../../../core/errors.js';
import { confirmProposedTerms } from '../../../core/services/confirm-proposed-terms.js';
import { termsConfirmedMessage, TERMS_ACTIONS, ZTermsActionValue } from '../../../core/views/proposed-terms-message.js';
import { actingUser } from '../acting-user.js';
import { renderAdaptiveCard } from '../adaptive-card.js';
import { respondWithCard, respondWithMessage } from '../invoke-response.js';
import type { TeamsBotDeps } from '../teams-bot-deps.js';
import { termsEditCard, TERMS_SUBMIT_VERB } from './terms-edit-card.js';

export const TERMS_VERBS = [TERMS_ACTIONS.confirm, TERMS_ACTIONS.edit, TERMS_SUBMIT_VERB] as const;

/** Confirm / Edit on a proposed-terms card, and the correction form's submit. The card is replaced for the clicker. */
export async function handleTermsAction(context: TurnContext, deps: TeamsBotDeps, verb: string, data: unknown): Promise<void> {
  const value = ZTermsActionValue.safeParse(data);
  if (!value.success || !deps.ask) return respondWithMessage(context, 'This card is out of date; send the contract file again.');
  const user = await actingUser(context, deps);
  if (!user) return respondWithMessage(context, 'I could not tell who you are; nothing was saved.');
  const { terms } = await deps.ask();
  const proposal = await terms.proposals.find(value.data.proposalId);
  if (!proposal) throw new AppError(AppErrorCode.NotFound, 'These proposed terms are no longer available; send the file again.');

  if (verb === TERMS_ACTIONS.edit) return respondWithCard(context, termsEditCard(proposal));
  const raw = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const corrections =
    verb === TERMS_SUBMIT_VERB ? Object.fromEntries(PROPOSED_FIELDS.map((f) => [f, typeof raw[f] === 'string' ? (raw[f] as string) : ''])) : undefined;
  try {
    const { contract, confirmedNow } = await confirmProposedTerms(terms, { proposalId: proposal.id, user, ...(corrections ? { corrections } : {}) });
    await respondWithCard(context, renderAdaptiveCard(termsConfirmedMessage(contract, confirmedNow)));
  } catch (error) {
    if (!isAppError(error) || verb !== TERMS_SUBMIT_VERB) throw error;
    const fields = (error.details?.fields ?? {}) as Record<string, string>;
    const errors: Record<string, string> = { _: error.message };
    for (const [k, v] of Object.entries(fields)) errors[k.split('.')[0]!] = v;
    await respondWithCard(context, termsEditCard(proposal, errors, corrections));
  }
}
