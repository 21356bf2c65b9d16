import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import { isAppError } from '../../core/errors.js';
import { requestContract } from '../../core/services/request-contract.js';
import { stageHeading } from '../../core/views/approval-card.js';
import { renderAdaptiveCard } from './adaptive-card.js';
import { respondWithCard } from './invoke-response.js';
import { formErrorsFromCore, parseRequestForm, requestFormCard } from './request-form.js';
import { actingUser } from './acting-user.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';
import { requestConfirmationMessage } from './teams-views.js';

/** What a filed form remembers, so a repeated submit shows the same confirmation. */
const ZFiled = z.object({ ref: z.string(), title: z.string(), counterparty: z.string(), next: z.string() });

/**
 * `contract.request`: the request form was submitted. Invalid → the form again, with what is
 * wrong shown and every value kept (nothing stored). Valid → requestContract, and the form is
 * replaced by a confirmation with the reference. A second submit of the same form files nothing.
 */
export async function handleRequestSubmit(context: TurnContext, deps: TeamsBotDeps, data: unknown): Promise<void> {
  const parsed = parseRequestForm(data);
  if (!parsed.ok) return respondWithCard(context, requestFormCard(parsed.values, parsed.errors));
  const { request } = parsed;

  if (!deps.approvals) {
    return respondWithCard(context, requestFormCard(valuesOf(data), { _: 'Approvals are not configured (no approval policy), so nothing can be submitted yet.' }));
  }
  const user = await actingUser(context, deps);
  if (!user) return respondWithCard(context, requestFormCard({}, { _: 'I could not tell who you are; please submit from Teams.' }));

  if (!(await deps.forms.claim(request.formId))) {
    const filed = ZFiled.safeParse(JSON.parse((await deps.forms.result(request.formId)) ?? 'null'));
    if (filed.success) return respondWithCard(context, renderAdaptiveCard(requestConfirmationMessage(filed.data, filed.data.next)));
    return respondWithCard(context, renderAdaptiveCard({ text: 'This request is already being filed; you will get its reference in a moment.' }));
  }

  try {
    const { contract, round } = await requestContract(
      { ...deps.approvals, companyName: deps.env.COMPANY_NAME },
      { terms: request.terms, templateId: request.templateId, owner: user, requester: user, ...(request.notes ? { notes: request.notes } : {}) },
    );
    const next = round.status === 'pending' ? `Waiting on ${stageHeading(round, round.currentStage)}. I will tell you when it moves.` : `Approval: ${round.status}.`;
    await deps.forms.complete(request.formId, JSON.stringify({ ref: contract.ref, title: contract.title, counterparty: contract.counterparty, next }));
    return respondWithCard(context, renderAdaptiveCard(requestConfirmationMessage(contract, next)));
  } catch (error) {
    await deps.forms.release(request.formId);
    if (!isAppError(error)) throw error;
    return respondWithCard(context, requestFormCard(valuesOf(data), formErrorsFromCore(error.details, error.message)));
  }
}

function valuesOf(data: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (typeof data === 'object' && data !== null) for (const [k, v] of Object.entries(data)) if (typeof v === 'string') out[k] = v;
  return out;
}
