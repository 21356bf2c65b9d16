import { createHash } from 'node:crypto';
import { ZObligationInput, type Obligation, type ObligationInput } from '../domain/obligation.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import type { ObligationDeps } from './obligation-deps.js';

/**
 * The same obligation (contract, kind, due date, title) has one id, so a repeated command or a
 * double submission records it once.
 */
function obligationId(contractId: string, kind: string, dueDate: string, title: string): string {
  const digest = createHash('sha256').update(title.trim().toLowerCase().replace(/\s+/g, ' ')).digest('hex').slice(0, 16);
  return `${contractId}:${kind}:${dueDate}:${digest}`;
}

/**
 * Adds an obligation (payment milestone, deliverable, review) to a contract; audited on the
 * contract. Idempotent: recording the same obligation again returns it with `created: false`.
 */
export async function addObligation(deps: ObligationDeps, input: ObligationInput & { actor: UserRef }): Promise<{ obligation: Obligation; created: boolean }> {
  const parsed = parseOrThrow(ZObligationInput, input, 'obligation');
  const contract = await deps.contracts.findById(parsed.contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
  const { obligation, created } = await deps.obligations.insert({
    id: obligationId(contract.id, parsed.kind, parsed.dueDate, parsed.title),
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
  if (!created) return { obligation, created };
  await deps.audit.append(contract, {
    actor: input.actor,
    action: 'obligation_added',
    details: { obligationId: obligation.id, kind: obligation.kind, title: obligation.title, dueDate: obligation.dueDate },
  });
  return { obligation, created };
}
