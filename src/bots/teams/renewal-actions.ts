import type { TurnContext } from 'botbuilder';
import { personUserRefs } from '../../core/domain/approver-identity.js';
import type { UserRef } from '../../core/domain/user-ref.js';
import { isAppError } from '../../core/errors.js';
import { markObligationDone } from '../../core/services/mark-obligation-done.js';
import { renderAdaptiveCard } from './adaptive-card.js';
import { letLapse } from '../../core/services/let-lapse.js';
import { reassignRenewal } from '../../core/services/reassign-renewal.js';
import { snoozeRenewal } from '../../core/services/snooze-renewal.js';
import { startRenewal } from '../../core/services/start-renewal.js';
import { OBLIGATION_ACTIONS, ZObligationActionValue } from '../../core/views/obligation-reminder-card.js';
import { RENEWAL_ACTIONS, ZRenewalActionValue } from '../../core/views/renewal-nudge-card.js';
import { actingUser } from './acting-user.js';
import { respondWithCard, respondWithMessage } from './invoke-response.js';
import type { TeamsBotDeps } from './teams-bot-deps.js';

/** The renewal nudge's and obligation reminder's Action.Execute verbs. */
export const RENEWAL_VERBS = [...Object.values(RENEWAL_ACTIONS), OBLIGATION_ACTIONS.done] as const;

/**
 * The person a Teams user typed for "Reassign": someone the approval policy knows, by e-mail or
 * name (Teams cannot look up an arbitrary colleague without Graph permissions Clause does not ask for).
 */
function knownPerson(deps: TeamsBotDeps, typed: string): UserRef | undefined {
  const wanted = typed.trim().replace(/^@/, '').toLowerCase();
  if (!wanted || !deps.approvals) return undefined;
  const person = Object.values(deps.approvals.policy.people).find((p) => p.email?.toLowerCase() === wanted || p.name.toLowerCase() === wanted);
  if (!person) return undefined;
  const refs = personUserRefs(person);
  return refs.find((r) => r.platform === 'teams') ?? refs[0];
}

/** start / lapse / snooze / reassign a renewal, or mark an obligation done; the answer goes to the clicker. */
export async function handleRenewalAction(context: TurnContext, deps: TeamsBotDeps, verb: string, data: unknown): Promise<void> {
  if (!deps.renewals) return respondWithMessage(context, 'Renewals are not available here; nothing was changed.');
  const actor = await actingUser(context, deps);
  if (!actor) return respondWithMessage(context, 'I could not tell who you are; nothing was changed.');
  const services = await deps.renewals();
  try {
    if (verb === OBLIGATION_ACTIONS.done) {
      const value = ZObligationActionValue.safeParse(data);
      if (!value.success) return respondWithMessage(context, 'This card is out of date; nothing was changed.');
      const fromList = Boolean(value.data.list);
      const answer = await markObligationDone({ ...services.obligations, admins: deps.env.CLAUSE_ADMINS }, { obligationId: value.data.obligationId, actor, fromList });
      // The redrawn list replaces the clicker's card; a reminder's click gets the outcome as a message.
      return fromList ? respondWithCard(context, renderAdaptiveCard(answer)) : respondWithMessage(context, answer.text);
    }
    const value = ZRenewalActionValue.safeParse(data);
    if (!value.success) return respondWithMessage(context, 'This card is out of date; nothing was changed.');
    const input = { ...value.data, actor };
    if (verb === RENEWAL_ACTIONS.start) return respondWithMessage(context, (await startRenewal(services.renewals, input)).message);
    if (verb === RENEWAL_ACTIONS.lapse) return respondWithMessage(context, (await letLapse(services.renewals, input)).message);
    if (verb === RENEWAL_ACTIONS.snooze) return respondWithMessage(context, (await snoozeRenewal(services.renewals, input)).message);
    const typed = String((data as { owner?: unknown }).owner ?? '');
    const newOwner = knownPerson(deps, typed);
    if (!newOwner) {
      return respondWithMessage(context, `I don't know "${typed}". Type the e-mail or name of someone in the approval policy, or reassign from Slack.`);
    }
    return respondWithMessage(context, (await reassignRenewal(services.renewals, { ...input, newOwner })).message);
  } catch (error) {
    if (isAppError(error)) return respondWithMessage(context, error.message);
    throw error;
  }
}
