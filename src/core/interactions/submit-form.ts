import { z } from 'zod';
import { personUserRefs } from '../domain/approver-identity.js';
import { latestVersion } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { isAppError } from '../errors.js';
import type { ApprovalDeps } from '../services/approval-deps.js';
import { confirmProposedTerms } from '../services/confirm-proposed-terms.js';
import { decideApproval } from '../services/decide-approval.js';
import { markSigned } from '../services/mark-signed.js';
import { reassignRenewal } from '../services/reassign-renewal.js';
import { assertMayDecideRenewal } from '../services/may-decide-renewal.js';
import { requestContract } from '../services/request-contract.js';
import { resubmitContract } from '../services/resubmit-contract.js';
import { approvalCardMessage } from '../views/approval-card.js';
import type { ChatMessage } from '../views/chat-message.js';
import { nextStepMessage, submittedMessage } from '../views/contract-views.js';
import { termsConfirmedMessage } from '../views/proposed-terms-message.js';
import { PROPOSED_FIELDS } from '../domain/term-proposal.js';
import type { FieldErrors, FormInputs, FormView } from './form.js';
import { cancelSignatureRequest } from '../services/cancel-signature-request.js';
import {
  cancelSignatureForm,
  FORM_IDS,
  isFormId,
  markSignedForm,
  NEW_OWNER_FIELD,
  parseForm,
  rejectReasonForm,
  renewalReassignForm,
  resubmitForm,
  termsEditForm,
  type FormId,
} from './forms.js';
import { reply, type Actor, type FormSubmission, type InteractionDeps, type InteractionResult } from './interaction.js';
import { requestErrorsFromCore, requestForm, REQUEST_FIELDS } from './request-form.js';
import { calendarDateIn } from '../domain/calendar-date.js';

const OUT_OF_DATE = 'That form is out of date; nothing was changed.';

/** What each form's `context` must hold (it travelled through the platform, so it is checked). */
const CONTEXTS = {
  [FORM_IDS.request]: z.object({ formId: z.string().min(1).max(80).optional() }).loose(),
  [FORM_IDS.rejectReason]: z.object({ roundId: z.string().min(1), stage: z.coerce.number().int().nonnegative() }).loose(),
  [FORM_IDS.resubmit]: z.object({ contractId: z.string().min(1) }).loose(),
  [FORM_IDS.markSigned]: z.object({ contractId: z.string().min(1) }).loose(),
  [FORM_IDS.cancelSignature]: z.object({ contractId: z.string().min(1) }).loose(),
  [FORM_IDS.termsEdit]: z.object({ proposalId: z.string().min(1).max(100) }).loose(),
  [FORM_IDS.renewalReassign]: z.object({ contractId: z.string().min(1), termEnd: z.string().min(1) }).loose(),
} as const;

/** The approval card of a round as stored now. */
export async function currentApprovalCard(approvals: Pick<ApprovalDeps, 'approvals' | 'contracts'>, roundId: string): Promise<ChatMessage | undefined> {
  const round = await approvals.approvals.findRound(roundId);
  const contract = round ? await approvals.contracts.findById(round.contractId) : null;
  if (!round || !contract) return undefined;
  return approvalCardMessage(contract, round, await approvals.approvals.listDecisions(roundId));
}

/** The next-step card of a contract as it is now, with a note. */
export async function currentNextStep(deps: InteractionDeps, contractId: string, user: UserRef, note: string): Promise<ChatMessage | undefined> {
  const contract = await deps.store.contracts.findById(contractId);
  return contract ? nextStepMessage(contract, user, note, await deps.store.signatures?.requests.latestFor(contract.id)) : undefined;
}

/** The form again (after a refused submit): same spec and context, with the values typed and the errors. */
async function formAgain(
  deps: InteractionDeps,
  formId: FormId,
  context: Record<string, unknown>,
  inputs: FormInputs,
  errors: FieldErrors,
): Promise<InteractionResult> {
  const str = (k: string) => String(context[k] ?? '');
  let form: FormView | undefined;
  switch (formId) {
    case FORM_IDS.request:
      form = { ...requestForm({}), context: { formId: str('formId') } };
      break;
    case FORM_IDS.rejectReason:
      form = rejectReasonForm({ roundId: str('roundId'), stage: Number(context.stage ?? 0) });
      break;
    case FORM_IDS.resubmit:
      form = resubmitForm({ contractId: str('contractId') });
      break;
    case FORM_IDS.cancelSignature:
      form = cancelSignatureForm({ contractId: str('contractId') });
      break;
    case FORM_IDS.markSigned:
      form = markSignedForm({ contractId: str('contractId') }, calendarDateIn(deps.clock.now()));
      break;
    case FORM_IDS.renewalReassign:
      form = renewalReassignForm({ contractId: str('contractId'), termEnd: str('termEnd') });
      break;
    case FORM_IDS.termsEdit: {
      const proposal = deps.ask ? await (await deps.ask()).terms.proposals.find(str('proposalId')) : undefined;
      if (!proposal) return reply(OUT_OF_DATE);
      form = termsEditForm(proposal);
      break;
    }
  }
  const values = Object.fromEntries(Object.entries(inputs).filter((e): e is [string, string] => typeof e[1] === 'string'));
  return { kind: 'errors', form: { ...form, values, errors }, errors };
}

/** Someone the approval policy knows by e-mail or name (what a person can type where no picker exists). */
function policyPerson(deps: InteractionDeps, typed: string): UserRef | undefined {
  const wanted = typed.trim().replace(/^@/, '').toLowerCase();
  if (!wanted || !deps.approvals) return undefined;
  const person = Object.values(deps.approvals.policy.people).find((p) => p.email?.toLowerCase() === wanted || p.name.toLowerCase() === wanted);
  return person ? personUserRefs(person)[0] : undefined;
}

async function resolvePerson(deps: InteractionDeps, actor: Actor, id: string): Promise<UserRef | undefined> {
  return (await actor.person(id)) ?? policyPerson(deps, id);
}

/**
 * A form submitted on any platform: checked with the form's schema (errors per field, nothing
 * stored), then handed to the core. What the core refuses about a field is shown on that field.
 */
export async function submitForm(deps: InteractionDeps, actor: Actor, submission: FormSubmission): Promise<InteractionResult> {
  const { formId, inputs } = submission;
  if (!isFormId(formId)) return reply(OUT_OF_DATE);
  const context = CONTEXTS[formId].safeParse(submission.context);
  if (!context.success) return reply(OUT_OF_DATE);
  const ctx = context.data as Record<string, unknown>;
  const user = actor.user;
  const again = (errors: FieldErrors) => formAgain(deps, formId, ctx, inputs, errors);
  try {
    switch (formId) {
      case FORM_IDS.request: {
        const parsed = parseForm(FORM_IDS.request, inputs, deps.clock.now());
        if (!parsed.ok) return await again(parsed.errors);
        if (!deps.approvals) return await again({ _: 'Approvals are not configured (no approval policy), so nothing can be submitted yet.' });
        const request = parsed.value;
        let owner = user;
        if (request.ownerId && request.ownerId !== user.id) {
          const picked = await resolvePerson(deps, actor, request.ownerId);
          if (!picked)
            return await again({
              [REQUEST_FIELDS.owner]: `I don't know "${request.ownerId}": pick someone Clause knows, or leave it empty to own it yourself.`,
            });
          owner = picked;
        }
        const key = submission.submissionKey ?? (typeof ctx.formId === 'string' ? ctx.formId : undefined);
        if (key && !(await deps.forms.claim(key))) {
          const stored = z
            .object({ text: z.string() })
            .loose()
            .safeParse(JSON.parse((await deps.forms.result(key)) ?? 'null'));
          return {
            kind: 'filed',
            message: stored.success
              ? (stored.data as unknown as ChatMessage)
              : { text: 'This request is already being filed; you will get its reference in a moment.' },
            repeat: true,
          };
        }
        try {
          const { contract, round } = await requestContract(
            { ...deps.approvals, companyName: deps.companyName },
            { terms: request.terms, templateId: request.templateId, owner, requester: user, ...(request.notes ? { notes: request.notes } : {}) },
          );
          const message = submittedMessage(contract, round);
          if (key) await deps.forms.complete(key, JSON.stringify(message));
          const version = latestVersion(contract);
          return {
            kind: 'filed',
            message,
            ...(version ? { draft: { ref: contract.ref, title: contract.title, text: version.text, version: version.number } } : {}),
          };
        } catch (error) {
          if (key) await deps.forms.release(key);
          if (!isAppError(error)) throw error;
          return await again(requestErrorsFromCore(error.details, error.message));
        }
      }
      case FORM_IDS.rejectReason: {
        const parsed = parseForm(FORM_IDS.rejectReason, inputs, deps.clock.now());
        if (!parsed.ok) return await again(parsed.errors);
        if (!deps.approvals) return reply('Approvals are not configured; nothing was changed.');
        const approvals = deps.approvals;
        const roundId = String(ctx.roundId);
        const cardNow = () => currentApprovalCard(approvals, roundId);
        try {
          const outcome = await decideApproval(approvals, {
            roundId,
            stageIndex: Number(ctx.stage),
            approver: user,
            decision: 'reject',
            reason: parsed.value.reason,
          });
          return { kind: 'reply', message: { text: outcome.message }, roundId, cardNow };
        } catch (error) {
          if (!isAppError(error)) throw error;
          return { kind: 'reply', message: { text: `⚠ ${error.message}` }, roundId, cardNow };
        }
      }
      case FORM_IDS.resubmit:
      case FORM_IDS.markSigned: {
        const contractId = String(ctx.contractId);
        const parsed =
          formId === FORM_IDS.resubmit ? parseForm(FORM_IDS.resubmit, inputs, deps.clock.now()) : parseForm(FORM_IDS.markSigned, inputs, deps.clock.now());
        if (!parsed.ok) return await again(parsed.errors);
        try {
          if ('signedDate' in parsed.value) {
            const contract = await markSigned(deps.store, { contractId, actor: user, signedDate: parsed.value.signedDate });
            return { kind: 'update', message: nextStepMessage(contract, user, `Signed ${parsed.value.signedDate}.`) };
          }
          if (!deps.approvals) return reply('Approvals are not configured; nothing was changed.');
          const { contract, round } = await resubmitContract(deps.approvals, { contractId, actor: user, note: parsed.value.note });
          return {
            kind: 'update',
            message: nextStepMessage(contract, user, `Resubmitted as version ${round.contractVersion}: approval round ${round.round} has started.`),
          };
        } catch (error) {
          if (!isAppError(error)) throw error;
          return { kind: 'reply', message: { text: error.message }, cardNow: () => currentNextStep(deps, contractId, user, `⚠ ${error.message}`) };
        }
      }
      case FORM_IDS.cancelSignature: {
        const contractId = String(ctx.contractId);
        const parsed = parseForm(FORM_IDS.cancelSignature, inputs, deps.clock.now());
        if (!parsed.ok) return await again(parsed.errors);
        try {
          const contract = await cancelSignatureRequest(deps.store, { contractId, actor: user, reason: parsed.value.reason });
          return { kind: 'update', message: nextStepMessage(contract, user, 'Signature request cancelled.') };
        } catch (error) {
          if (!isAppError(error)) throw error;
          return { kind: 'reply', message: { text: error.message }, cardNow: () => currentNextStep(deps, contractId, user, `⚠ ${error.message}`) };
        }
      }
      case FORM_IDS.renewalReassign: {
        const parsed = parseForm(FORM_IDS.renewalReassign, inputs, deps.clock.now());
        if (!parsed.ok) return await again(parsed.errors);
        const newOwner = await resolvePerson(deps, actor, parsed.value.newOwner);
        if (!newOwner)
          return await again({
            [NEW_OWNER_FIELD]: `I don't know "${parsed.value.newOwner}": pick someone Clause knows (in Teams, the e-mail or name of someone in the approval policy).`,
          });
        if (!deps.renewals) return reply('Renewals are not available here; nothing was changed.');
        await assertMayDecideRenewal(
          { contracts: deps.store.contracts, admins: deps.admins, policy: deps.approvals?.policy },
          { contractId: String(ctx.contractId), actor: user },
        );
        const { renewals } = await deps.renewals();
        const { message } = await reassignRenewal(renewals, { contractId: String(ctx.contractId), termEnd: String(ctx.termEnd), newOwner, actor: user });
        return { kind: 'update', message: { text: message } };
      }
      case FORM_IDS.termsEdit: {
        const parsed = parseForm(FORM_IDS.termsEdit, inputs, deps.clock.now());
        if (!parsed.ok) return await again(parsed.errors);
        if (!deps.ask) return reply('Questions and contract uploads are not available on this server.');
        const { terms } = await deps.ask();
        try {
          const { contract, confirmedNow } = await confirmProposedTerms(terms, {
            proposalId: String(ctx.proposalId),
            user,
            corrections: parsed.value.corrections,
          });
          return { kind: 'update', message: termsConfirmedMessage(contract, confirmedNow) };
        } catch (error) {
          if (!isAppError(error)) throw error;
          const fields = (error.details?.fields ?? {}) as Record<string, string>;
          const errors: FieldErrors = {};
          for (const [k, v] of Object.entries(fields)) {
            const head = k.split('.')[0]!;
            if ((PROPOSED_FIELDS as readonly string[]).includes(head)) errors[head] ??= v;
          }
          return await again(Object.keys(errors).length > 0 ? errors : { _: error.message });
        }
      }
    }
  } catch (error) {
    if (isAppError(error)) return reply(error.message);
    throw error;
  }
}
