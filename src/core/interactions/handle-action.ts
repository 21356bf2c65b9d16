import { calendarDateIn } from '../domain/calendar-date.js';
import { AppError, AppErrorCode, isAppError } from '../errors.js';
import { confirmProposedTerms } from '../services/confirm-proposed-terms.js';
import { decideApproval } from '../services/decide-approval.js';
import { letLapse } from '../services/let-lapse.js';
import { markObligationDone } from '../services/mark-obligation-done.js';
import { markSentForSignature } from '../services/mark-sent-for-signature.js';
import { resendSignatureRequest } from '../services/resend-signature-request.js';
import { snoozeRenewal } from '../services/snooze-renewal.js';
import { assertMayDecideRenewal } from '../services/may-decide-renewal.js';
import { startRenewal } from '../services/start-renewal.js';
import { APPROVAL_ACTIONS, ZApprovalActionValue } from '../views/approval-card.js';
import { CONTRACT_ACTIONS, nextStepMessage } from '../views/contract-views.js';
import { OBLIGATION_ACTIONS, ZObligationActionValue } from '../views/obligation-reminder-card.js';
import { termsConfirmedMessage, TERMS_ACTIONS, ZTermsActionValue } from '../views/proposed-terms-message.js';
import { RENEWAL_ACTIONS, ZRenewalActionValue } from '../views/renewal-nudge-card.js';
import { z } from 'zod';
import type { FormView } from './form.js';
import { resubmitContract } from '../services/resubmit-contract.js';
import { cancelSignatureForm, FORM_IDS, markSignedForm, rejectReasonForm, renewalReassignForm, resubmitForm, termsEditForm, type FormId } from './forms.js';
import { reply, type ActionInput, type Actor, type InteractionDeps, type InteractionResult } from './interaction.js';
import { currentApprovalCard, currentNextStep, submitForm } from './submit-form.js';

/** Every button id a card can carry; each is handled here, once, for every platform. */
export const ACTION_IDS = [
  APPROVAL_ACTIONS.approve,
  APPROVAL_ACTIONS.reject,
  CONTRACT_ACTIONS.resubmit,
  CONTRACT_ACTIONS.markSent,
  CONTRACT_ACTIONS.markSigned,
  CONTRACT_ACTIONS.resendSignature,
  CONTRACT_ACTIONS.cancelSignature,
  RENEWAL_ACTIONS.start,
  RENEWAL_ACTIONS.lapse,
  RENEWAL_ACTIONS.snooze,
  RENEWAL_ACTIONS.reassign,
  OBLIGATION_ACTIONS.done,
  TERMS_ACTIONS.confirm,
  TERMS_ACTIONS.edit,
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export function isActionId(id: string): id is ActionId {
  return (ACTION_IDS as readonly string[]).includes(id);
}

/** The stale-button answer: the value could not be read (an old or foreign card). */
const STALE: Record<string, string> = {
  approval: 'This button is from a message Clause can no longer read. Open the newest approval message, or "contract show <ref>".',
  contract: 'This button is from a message Clause can no longer read; "contract show <ref>" has the current buttons.',
  renewal: 'This button is from a reminder Clause can no longer read; "contract renewals" has the current list.',
  obligation: 'This button is from a reminder Clause can no longer read; "contract obligations <ref>" has the current list.',
  terms: 'This button is from a message Clause can no longer read; share the contract file again.',
};

/**
 * A button whose action needs input first opens its form; when the click already carries the
 * form's inputs (a card with the input inline, as Teams draws it), it is that form's submission.
 */
async function formOrSubmit(deps: InteractionDeps, actor: Actor, click: ActionInput, form: FormView): Promise<InteractionResult> {
  const sent = form.spec.fields.some((f) => click.inputs[f.id] !== undefined);
  if (!sent) return { kind: 'form', form };
  return submitForm(deps, actor, { formId: form.spec.id as FormId, context: { ...click.value, ...form.context }, inputs: click.inputs });
}

/** A click on any card, from any platform. A refusal by the core is told to the clicker; nothing changes. */
export async function handleAction(deps: InteractionDeps, actor: Actor, click: ActionInput): Promise<InteractionResult> {
  const stale = reply(STALE[click.actionId.split('.')[0] ?? ''] ?? 'This card is out of date; nothing was changed.');
  if (!isActionId(click.actionId)) return reply('This card is out of date; nothing was changed.');
  const user = actor.user;
  try {
    switch (click.actionId) {
      case APPROVAL_ACTIONS.approve:
      case APPROVAL_ACTIONS.reject: {
        const value = ZApprovalActionValue.safeParse(click.value);
        if (!value.success) return stale;
        if (!deps.approvals) return reply('Approvals are not configured; nothing was changed.');
        if (click.actionId === APPROVAL_ACTIONS.reject)
          return await formOrSubmit(deps, actor, click, rejectReasonForm({ roundId: value.data.roundId, stage: value.data.stage }));
        const approvals = deps.approvals;
        try {
          const outcome = await decideApproval(approvals, { roundId: value.data.roundId, stageIndex: value.data.stage, approver: user, decision: 'approve' });
          return {
            kind: 'reply',
            message: { text: outcome.message },
            roundId: value.data.roundId,
            cardNow: () => currentApprovalCard(approvals, value.data.roundId),
          };
        } catch (error) {
          if (!isAppError(error)) throw error;
          return {
            kind: 'reply',
            message: { text: `⚠ ${error.message}` },
            roundId: value.data.roundId,
            cardNow: () => currentApprovalCard(approvals, value.data.roundId),
          };
        }
      }
      case CONTRACT_ACTIONS.resubmit:
      case CONTRACT_ACTIONS.markSent:
      case CONTRACT_ACTIONS.markSigned:
      case CONTRACT_ACTIONS.resendSignature:
      case CONTRACT_ACTIONS.cancelSignature: {
        const value = z.object({ contractId: z.string().min(1) }).safeParse(click.value);
        if (!value.success) return stale;
        const { contractId } = value.data;
        if (click.actionId === CONTRACT_ACTIONS.resubmit) {
          // A draft (e.g. one a CRM asked for) is submitted as it stands in one click; a rejected one asks what changed.
          if ((await deps.store.contracts.findById(contractId))?.status !== 'draft')
            return await formOrSubmit(deps, actor, click, resubmitForm({ contractId }));
          if (!deps.approvals) return reply('Approvals are not configured; nothing was changed.');
          try {
            const { contract, round } = await resubmitContract(deps.approvals, { contractId, actor: user });
            return { kind: 'update', message: nextStepMessage(contract, user, `Submitted: approval round ${round.round} has started.`) };
          } catch (error) {
            if (!isAppError(error)) throw error;
            return { kind: 'reply', message: { text: error.message }, cardNow: () => currentNextStep(deps, contractId, user, `⚠ ${error.message}`) };
          }
        }
        if (click.actionId === CONTRACT_ACTIONS.markSigned)
          return await formOrSubmit(deps, actor, click, markSignedForm({ contractId }, calendarDateIn(deps.clock.now())));
        if (click.actionId === CONTRACT_ACTIONS.cancelSignature) return await formOrSubmit(deps, actor, click, cancelSignatureForm({ contractId }));
        try {
          if (click.actionId === CONTRACT_ACTIONS.resendSignature) {
            const { contract, resentTo } = await resendSignatureRequest(deps.store, { contractId, actor: user });
            const envelope = await deps.store.signatures?.requests.latestFor(contract.id);
            return { kind: 'update', message: nextStepMessage(contract, user, `Signature request sent again to ${resentTo.join(', ')}.`, envelope) };
          }
          const contract = await markSentForSignature(deps.store, { contractId, actor: user });
          // With an e-signature provider the card shows the envelope (sent to whom, resend / cancel).
          return { kind: 'update', message: nextStepMessage(contract, user, undefined, await deps.store.signatures?.requests.latestFor(contract.id)) };
        } catch (error) {
          if (!isAppError(error)) throw error;
          return { kind: 'reply', message: { text: error.message }, cardNow: () => currentNextStep(deps, contractId, user, `⚠ ${error.message}`) };
        }
      }
      case RENEWAL_ACTIONS.start:
      case RENEWAL_ACTIONS.lapse:
      case RENEWAL_ACTIONS.snooze:
      case RENEWAL_ACTIONS.reassign: {
        const value = ZRenewalActionValue.safeParse(click.value);
        if (!value.success) return stale;
        if (!deps.renewals) return reply('Renewals are not available here; nothing was changed.');
        await assertMayDecideRenewal(
          { contracts: deps.store.contracts, admins: deps.admins, policy: deps.approvals?.policy },
          { contractId: value.data.contractId, actor: user },
        );
        if (click.actionId === RENEWAL_ACTIONS.reassign) return await formOrSubmit(deps, actor, click, renewalReassignForm(value.data));
        const { renewals } = await deps.renewals();
        const input = { ...value.data, actor: user };
        if (click.actionId === RENEWAL_ACTIONS.start) {
          const result = await startRenewal(renewals, input);
          return { kind: 'update', message: { text: `${result.original.ref}: ${user.displayName ?? 'someone'} started the renewal. ${result.message}` } };
        }
        if (click.actionId === RENEWAL_ACTIONS.lapse) return { kind: 'update', message: { text: (await letLapse(renewals, input)).message } };
        return reply((await snoozeRenewal(renewals, input)).message);
      }
      case OBLIGATION_ACTIONS.done: {
        const value = ZObligationActionValue.safeParse(click.value);
        if (!value.success) return stale;
        if (!deps.renewals) return reply('Obligations are not available here; nothing was changed.');
        const { obligations } = await deps.renewals();
        const answer = await markObligationDone(
          { ...obligations, admins: deps.admins },
          { obligationId: value.data.obligationId, actor: user, fromList: Boolean(value.data.list) },
        );
        return { kind: 'update', message: answer };
      }
      case TERMS_ACTIONS.confirm:
      case TERMS_ACTIONS.edit: {
        const value = ZTermsActionValue.safeParse(click.value);
        if (!value.success) return stale;
        if (!deps.ask) return reply('Questions and contract uploads are not available on this server.');
        const { terms } = await deps.ask();
        if (click.actionId === TERMS_ACTIONS.confirm) {
          const { contract, confirmedNow } = await confirmProposedTerms(terms, { proposalId: value.data.proposalId, user });
          return { kind: 'update', message: termsConfirmedMessage(contract, confirmedNow) };
        }
        const proposal = await terms.proposals.find(value.data.proposalId);
        if (!proposal) throw new AppError(AppErrorCode.NotFound, 'These proposed terms are no longer available; share the file again.');
        return await formOrSubmit(deps, actor, click, termsEditForm(proposal));
      }
    }
  } catch (error) {
    if (isAppError(error)) return reply(error.message);
    throw error;
  }
}

/** Which form an action opens, if any (the conformance test checks each is handled on every platform). */
export const ACTION_FORMS: Partial<Record<ActionId, FormId>> = {
  [APPROVAL_ACTIONS.reject]: FORM_IDS.rejectReason,
  [CONTRACT_ACTIONS.resubmit]: FORM_IDS.resubmit,
  [CONTRACT_ACTIONS.markSigned]: FORM_IDS.markSigned,
  [CONTRACT_ACTIONS.cancelSignature]: FORM_IDS.cancelSignature,
  [RENEWAL_ACTIONS.reassign]: FORM_IDS.renewalReassign,
  [TERMS_ACTIONS.edit]: FORM_IDS.termsEdit,
};
