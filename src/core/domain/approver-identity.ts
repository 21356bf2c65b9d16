import type { ApprovalSlot, ApprovalStage, ApproverPerson } from './approval-round.js';
import { isSameUser, type UserRef } from './user-ref.js';

interface PersonEntry {
  name: string;
  email?: string;
  slack?: string;
  teams?: string;
  tenantId?: string;
  web?: string;
}

/** The chat identities of a policy person: a Slack user, a Teams (AAD) user and/or a playground persona. */
export function personUserRefs(person: PersonEntry): UserRef[] {
  const common = { displayName: person.name, ...(person.email ? { email: person.email } : {}) };
  const refs: UserRef[] = [];
  if (person.slack) refs.push({ platform: 'slack', id: person.slack, ...common });
  if (person.teams) refs.push({ platform: 'teams', id: person.teams, ...(person.tenantId ? { tenantId: person.tenantId } : {}), ...common });
  if (person.web) refs.push({ platform: 'web', id: person.web, ...common });
  return refs;
}

/** A policy person by id, as a round snapshots it. The policy schema guarantees the id exists. */
export function policyApproverPerson(policy: { people: Record<string, PersonEntry> }, personId: string): ApproverPerson {
  const person = policy.people[personId];
  if (!person) throw new Error(`approval policy has no person "${personId}"`);
  return { personId, name: person.name, ...(person.email ? { email: person.email } : {}), users: personUserRefs(person) };
}

/**
 * Whether the user who clicked is this person: the same Slack/Teams id, or the same e-mail on any
 * platform (so someone known only by e-mail in the policy can act from either).
 */
export function isApproverPerson(person: ApproverPerson, user: UserRef): boolean {
  if (person.users.some((u) => isSameUser(u, user))) return true;
  return Boolean(person.email && user.email && person.email.toLowerCase() === user.email.toLowerCase());
}

/** The slots of a stage this user may fill (as one of its candidates), in slot order. */
export function fillableSlots(stage: Pick<ApprovalStage, 'slots'>, user: UserRef): number[] {
  return stage.slots.flatMap((slot, i) => (slot.candidates.some((c) => isApproverPerson(c, user)) ? [i] : []));
}

/** The candidate of a slot this user is, if any. */
export function candidateFor(slot: ApprovalSlot, user: UserRef): ApproverPerson | undefined {
  return slot.candidates.find((c) => isApproverPerson(c, user));
}
