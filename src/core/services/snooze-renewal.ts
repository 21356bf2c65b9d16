import { addDays, calendarDateIn, type CalendarDate } from '../domain/calendar-date.js';
import type { UserRef } from '../domain/user-ref.js';
import { alreadyDecidedError } from './already-decided-error.js';
import { currentRenewalTerm } from './current-renewal-term.js';
import type { RenewalDeps } from './renewal-deps.js';

const SNOOZE_DAYS = 7;

/**
 * No renewal nudge for this contract for 7 days; then one follow-up nudge (or the next ladder nudge
 * if one came due meanwhile). Recorded on the audit trail.
 */
export async function snoozeRenewal(
  deps: RenewalDeps,
  input: { contractId: string; termEnd?: CalendarDate; actor: UserRef; days?: number },
): Promise<{ until: CalendarDate; message: string }> {
  const { contract, termEnd, deadline } = await currentRenewalTerm(deps, input.contractId, input.termEnd);
  const decided = await deps.renewals.findDecision(contract.id, termEnd);
  if (decided) throw alreadyDecidedError(contract.ref, decided);
  const now = deps.clock.now();
  const until = addDays(calendarDateIn(now, 'UTC'), input.days ?? SNOOZE_DAYS);
  await deps.renewals.addSnooze({ contractId: contract.id, termEnd, until, by: input.actor, at: now });
  await deps.audit.append(contract, { actor: input.actor, action: 'renewal_snoozed', details: { termEnd, until } });
  const late = until > deadline ? ` Note: the notice deadline ${deadline} falls before then.` : '';
  return { until, message: `Snoozed: no renewal reminders for ${contract.ref} until ${until}.${late}` };
}
