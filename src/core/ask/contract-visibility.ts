import type { Contract } from '../domain/contract.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import type { AdminList, AskDeps } from './ask-deps.js';

/** Whether the user is listed in CLAUSE_ADMINS (by e-mail or by platform id). */
export function isAdmin(admins: AdminList, user: UserRef): boolean {
  const email = user.email?.toLowerCase();
  return admins.some((entry) => {
    const e = entry.trim().toLowerCase();
    return e.length > 0 && (e === email || e === user.id.toLowerCase() || e === `${user.platform}:${user.id}`.toLowerCase());
  });
}

/** The contract's owner or requester, or an admin: who may manage what it commits to (its obligations). */
export function managesContract(contract: Pick<Contract, 'owner' | 'requester'>, user: UserRef, admins: AdminList): boolean {
  return isSameUser(user, contract.owner) || isSameUser(user, contract.requester) || isAdmin(admins, user);
}

/** Upper bound on contracts loaded per question; a portfolio larger than this needs paging here. */
const VISIBLE_LIMIT = 20_000;

/**
 * The contracts this user may ask about: those they own or requested (on any platform, by
 * e-mail), those they were asked to approve, or every contract for an admin. Every answer is computed from this list only, so
 * nothing outside it can reach a reply or the model.
 */
export async function visibleContracts(deps: Pick<AskDeps, 'contracts' | 'approverRounds' | 'byEmail' | 'admins'>, user: UserRef): Promise<Contract[]> {
  if (isAdmin(deps.admins, user)) return deps.contracts.list({ limit: VISIBLE_LIMIT });
  const [involved, approving, sameEmail] = await Promise.all([
    deps.contracts.list({ involving: user, limit: VISIBLE_LIMIT }),
    deps.approverRounds.contractIdsForApprover(user),
    user.email ? deps.byEmail.contractIdsInvolvingEmail(user.email) : Promise.resolve([]),
  ]);
  const byId = new Map(involved.map((c) => [c.id, c]));
  const missing = [...new Set([...approving, ...sameEmail])].filter((id) => !byId.has(id));
  if (missing.length > 0) {
    for (const c of await deps.contracts.list({ ids: missing, limit: VISIBLE_LIMIT })) byId.set(c.id, c);
  }
  return [...byId.values()];
}
