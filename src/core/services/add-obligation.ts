import { ZObligationInput, type Obligation, type ObligationInput } from '../domain/obligation.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import type { ObligationDeps } from './obligation-deps.js';

/** Adds an obligation (payment milestone, deliverable, review) to a contract; audited on the contract. */
export async function addObligation(deps: ObligationDeps, input: ObligationInput & { actor: UserRef }): Promise<Obligation> {
  const parsed = parseOrThrow(ZObligationInput, input, 'obligation');
  const contract = await deps.contracts.findById(parsed.contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
  const obligation = await deps.obligations.insert({
    contractId: contract.id,
    contractRef: contract.ref,
    kind: parsed.kind,
    title: parsed.title,
    dueDate: parsed.dueDate,
    owner: parsed.owner,
    ...(parsed.amount ? { amount: parsed.amount } : {}),
    createdAt: deps.clock.now(),
    createdBy: input.actor,
  });
  await deps.audit.append(contract, {
    actor: input.actor,
    action: 'obligation_added',
    details: { obligationId: obligation.id, kind: obligation.kind, title: obligation.title, dueDate: obligation.dueDate },
  });
  return obligation;
}
