import { z } from 'zod';
import { calendarDateIn, compareDates, ZCalendarDate } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import { parseOrThrow } from '../validation.js';
import type { ContractStoreDeps } from './contract-store-deps.js';
import { requireOwner } from './require-owner.js';
import { transitionContract } from './transition-contract.js';

export interface MarkSignedInput {
  contractId: string;
  actor: UserRef;
  /** The day it was signed, `YYYY-MM-DD`; not later than today (UTC). */
  signedDate: string;
}

/** The owner records the signature: sent_for_signature -> active, with the signed date. */
export async function markSigned(deps: ContractStoreDeps, input: MarkSignedInput): Promise<Contract> {
  const { signedDate } = parseOrThrow(z.object({ signedDate: ZCalendarDate }), { signedDate: input.signedDate }, 'signed date');
  const today = calendarDateIn(deps.clock.now());
  if (compareDates(signedDate, today) > 0) {
    throw new AppError(AppErrorCode.InvalidInput, `The signed date ${signedDate} is in the future (today is ${today}).`, {
      fields: { signedDate: 'must not be in the future' },
    });
  }
  await requireOwner(deps, input.contractId, input.actor, 'mark it signed');
  return transitionContract(deps, { contractId: input.contractId, action: 'sign', actor: input.actor, set: { signedDate } });
}
