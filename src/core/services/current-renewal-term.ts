import type { CalendarDate } from '../domain/calendar-date.js';
import { effectiveEndDate, STATUS_LABELS, type Contract } from '../domain/contract.js';
import { noticeDeadline } from '../domain/renewal-schedule.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { RenewalDeps } from './renewal-deps.js';

export interface RenewalTerm {
  contract: Contract;
  termEnd: CalendarDate;
  deadline: CalendarDate;
}

/**
 * The active contract and the term a renewal action is about. A click on an old nudge (the
 * contract has rolled over, ended or changed its dates since) is refused with the reason.
 */
export async function currentRenewalTerm(deps: Pick<RenewalDeps, 'contracts'>, contractId: string, termEnd?: CalendarDate): Promise<RenewalTerm> {
  const contract = await deps.contracts.findById(contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
  if (contract.status !== 'active') {
    throw new AppError(
      AppErrorCode.IllegalTransition,
      `${contract.ref} is ${STATUS_LABELS[contract.status].toLowerCase()}, so there is no renewal to decide.`,
      {
        status: contract.status,
      },
    );
  }
  const end = effectiveEndDate(contract);
  if (!end) throw new AppError(AppErrorCode.InvalidInput, `${contract.ref} has no end date, so it has no renewal to decide.`);
  if (termEnd && termEnd !== end) {
    throw new AppError(AppErrorCode.Conflict, `This was about the term ending ${termEnd}; ${contract.ref} now ends on ${end}. Nothing was changed.`, {
      termEnd: end,
    });
  }
  return { contract, termEnd: end, deadline: noticeDeadline(end, contract.noticePeriodDays) };
}
