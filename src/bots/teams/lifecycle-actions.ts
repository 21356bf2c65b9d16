import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isAppError } from '../../core/errors.js';
import { markSentForSignature } from '../../core/services/mark-sent-for-signature.js';
import { markSigned } from '../../core/services/mark-signed.js';
import { cancelSignatureRequest } from '../../core/services/cancel-signature-request.js';
import { resendSignatureRequest } from '../../core/services/resend-signature-request.js';
import { resubmitContract } from '../../core/services/resubmit-contract.js';
import { stageHeading } from '../../core/views/approval-card.js';
import { actingUser } from './acting-user.js';
import { renderAdaptiveCard } from './adaptive-card.js';
import { respondWithCard, respondWithMessage } from './invoke-response.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';
import { LIFECYCLE_VERBS, nextStepMessage } from './teams-views.js';

const ZLifecycleData = z.object({ contractId: z.string().min(1), signedDate: z.string().trim().optional(), reason: z.string().trim().max(500).optional() });

/**
 * `contract.mark_sent`, `contract.mark_signed` (with the signed date), `contract.resubmit`: the
 * owner or requester moves the contract on; the card is replaced by the next step. The core
 * refuses anyone else, or a contract that has moved on, and the card says why.
 */
export async function handleLifecycleAction(context: TurnContext, deps: TeamsBotDeps, verb: string, data: unknown): Promise<void> {
  const parsed = ZLifecycleData.safeParse(data);
  if (!parsed.success) return respondWithMessage(context, 'This card is out of date or damaged; nothing was changed.');
  const actor = await actingUser(context, deps);
  if (!actor) return respondWithMessage(context, 'I could not tell who you are; nothing was changed.');
  const { contractId, signedDate, reason } = parsed.data;
  try {
    if (verb === LIFECYCLE_VERBS.resendSignature) {
      const { contract, resentTo } = await resendSignatureRequest(deps.store, { contractId, actor });
      return respondWithCard(context, renderAdaptiveCard(nextStepMessage(contract, actor, `Signature request sent again to ${resentTo.join(', ')}.`)));
    }
    if (verb === LIFECYCLE_VERBS.cancelSignature) {
      const contract = await cancelSignatureRequest(deps.store, { contractId, actor, reason: reason ?? '' });
      return respondWithCard(context, renderAdaptiveCard(nextStepMessage(contract, actor, 'Signature request cancelled.')));
    }
    if (verb === LIFECYCLE_VERBS.markSent) {
      const contract = await markSentForSignature(deps.store, { contractId, actor });
      const signature = await deps.store.signatures?.requests.latestFor(contract.id);
      return respondWithCard(context, renderAdaptiveCard(nextStepMessage(contract, actor, undefined, signature)));
    }
    if (verb === LIFECYCLE_VERBS.markSigned) {
      const contract = await markSigned(deps.store, { contractId, actor, signedDate: signedDate ?? '' });
      return respondWithCard(context, renderAdaptiveCard(nextStepMessage(contract, actor, `Signed on ${contract.signedDate}.`)));
    }
    if (verb !== LIFECYCLE_VERBS.resubmit) return respondWithMessage(context, 'This card is out of date; nothing was changed.');
    if (!deps.approvals) return respondWithMessage(context, 'Approvals are not configured; nothing was changed.');
    const { contract, round } = await resubmitContract(deps.approvals, { contractId, actor });
    return respondWithCard(
      context,
      renderAdaptiveCard(nextStepMessage(contract, actor, `Resubmitted as version ${round.contractVersion}: approval round ${round.round}, waiting on ${stageHeading(round, round.currentStage)}.`)),
    );
  } catch (error) {
    if (!isAppError(error)) throw error;
    const current = await deps.store.contracts.findById(contractId);
    if (!current) return respondWithMessage(context, error.message);
    return respondWithCard(context, renderAdaptiveCard(nextStepMessage(current, actor, `⚠ ${error.message}`)));
  }
}
