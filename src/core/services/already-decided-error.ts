import type { RenewalDecision } from '../ports/renewal-repository.js';
import { AppError, AppErrorCode } from '../errors.js';

/** The refusal when a term was decided already (two clicks, or two people). */
export function alreadyDecidedError(contractRef: string, decision: RenewalDecision | null): AppError {
  const who = decision?.by.displayName ?? decision?.by.email ?? 'someone';
  const what = decision?.decision === 'renew' ? 'to renew it' : 'to let it lapse';
  return new AppError(AppErrorCode.AlreadyDecided, `The renewal of ${contractRef} was already decided: ${who} chose ${what}.`, {
    decision: decision?.decision,
  });
}
