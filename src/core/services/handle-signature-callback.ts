import { calendarDateIn } from '../domain/calendar-date.js';
import type { Contract } from '../domain/contract.js';
import { isSameUser, type UserRef } from '../domain/user-ref.js';
import { isAppError } from '../errors.js';
import { platformOf, type ChatTarget } from '../ports/chat-notifier.js';
import type { SignatureEvent } from '../ports/signature-provider.js';
import type { SignatureRequest } from '../ports/signature-requests.js';
import { signatureNoticeMessage, signerSignedMessage } from '../views/contract-views.js';
import { attachContractDocument } from './attach-contract-document.js';
import type { ContractStoreDeps } from './contract-store-deps.js';
import { sendApprovalMessage } from './post-stage-cards.js';
import type { SignatureCallbackDeps } from './signature-callback-deps.js';
import { providerActor } from './signature-deps.js';
import { transitionContract } from './transition-contract.js';

export type CallbackResult =
  | { status: 'forged'; reason: string }
  | { status: 'malformed'; reason: string; fields?: Array<{ field: string; message: string }> }
  | { status: 'ignored'; reason: string }
  | { status: 'duplicate'; eventId: string }
  /** The send that made this envelope has not finished recording it yet: answer so the provider retries. */
  | { status: 'retry_later'; reason: string }
  /** Authentic, but about a state the envelope has already left (a late or out-of-order event). */
  | { status: 'stale'; eventId: string; reason: string }
  | { status: 'applied'; eventId: string; contractRef: string; kind: SignatureEvent['kind'] };

/** How long after a send a callback about it may arrive before the send has recorded everything. */
const SEND_IN_FLIGHT_MS = 5 * 60_000;

const FINAL_OF: Record<SignatureEvent['kind'], SignatureRequest['status'] | undefined> = {
  completed: 'completed',
  rejected: 'rejected',
  cancelled: 'cancelled',
  signer_signed: undefined,
};

/**
 * An inbound e-signature callback: verified and parsed by the provider (forged: nothing is read
 * further), claimed once by the provider's event id, then applied: signer states recorded; on
 * completion the signed PDF is stored as the contract's document and the contract becomes active;
 * on a decline or cancellation it goes back to approved. The envelope's state only moves forward:
 * a late event about a state it has left changes nothing. Requester and owner hear about the
 * outcome in chat through the outbox. Every write after the claim is idempotent, so a callback
 * whose first handling failed half-way (the provider retries it) is simply applied again.
 */
export async function handleSignatureCallback(
  deps: ContractStoreDeps,
  signatures: SignatureCallbackDeps,
  input: { headers: Readonly<Record<string, string | undefined>>; rawBody: Uint8Array },
): Promise<CallbackResult> {
  const outcome = signatures.provider.parseCallback(input.headers, input.rawBody);
  if (outcome.kind === 'forged') return { status: 'forged', reason: outcome.reason };
  if (outcome.kind === 'malformed') return { status: 'malformed', reason: outcome.reason, ...(outcome.fields ? { fields: outcome.fields } : {}) };
  if (outcome.kind === 'ignored') return { status: 'ignored', reason: outcome.reason };
  const event = outcome.event;
  const { provider } = signatures;
  const now = deps.clock.now();

  const request =
    (await signatures.requests.find(provider.name, event.envelopeId)) ??
    (event.contractId ? await signatures.requests.latestFor(event.contractId).then((r) => (r?.provider === provider.name ? r : null)) : null);
  if (!request) {
    // A callback can overtake the send that caused it (the provider answered, we have not stored the envelope yet).
    const pending = event.contractId ? await deps.contracts.findById(event.contractId) : null;
    if (pending?.status === 'approved' && now.getTime() - pending.updatedAt.getTime() < SEND_IN_FLIGHT_MS) {
      return { status: 'retry_later', reason: `the envelope for ${pending.ref} is still being recorded` };
    }
    return { status: 'ignored', reason: `no envelope ${event.envelopeId} was sent by Clause` };
  }

  const claim = await signatures.requests.claimEvent(provider.name, event.eventId, now);
  if (claim === 'done') return { status: 'duplicate', eventId: event.eventId };

  // Signer states: a signature is a fact whenever it arrives (also after completion).
  for (const [index, signer] of request.signers.entries()) {
    const reported = event.signers.find((s) => s.email.toLowerCase() === signer.email.toLowerCase());
    if (reported && reported.status !== 'pending' && reported.status !== signer.status) {
      await signatures.requests.setSigner(request.id, index, reported.status, reported.signedAt);
      request.signers[index] = { ...signer, status: reported.status, ...(reported.signedAt ? { signedAt: reported.signedAt } : {}) };
    }
  }
  const contract = await deps.contracts.findById(request.contractId);
  if (!contract) {
    await signatures.requests.completeEvent(provider.name, event.eventId, now, 'contract gone');
    return { status: 'ignored', reason: 'the contract no longer exists' };
  }
  if (
    contract.status === 'approved' &&
    request.status === 'sent' &&
    event.kind !== 'signer_signed' &&
    now.getTime() - request.sentAt.getTime() < SEND_IN_FLIGHT_MS
  ) {
    // Stored, but the contract's own move to sent_for_signature is still in flight: retried shortly.
    return { status: 'retry_later', reason: `${contract.ref} is still being marked sent for signature` };
  }
  const actor = providerActor(provider.name);
  const details = {
    provider: provider.name,
    envelopeId: request.envelopeId,
    eventId: event.eventId,
    ...(event.actor ? { signer: event.actor.email } : {}),
    ...(event.reason ? { reason: event.reason } : {}),
  };

  if (event.kind === 'signer_signed') {
    await deps.audit.append(contract, { actor, action: 'signature_signed', details }, { id: `esign:${provider.name}:${event.eventId}`, at: event.at });
    const waiting = request.signers.filter((s) => s.status === 'pending');
    if (request.status === 'sent' && event.actor && waiting.length > 0) {
      // Progress while others still have to sign (the completion notice covers the last signature).
      await notifyRequesterAndOwner(signatures, contract, {
        id: `esign-notice:${provider.name}:${event.eventId}`,
        message: signerSignedMessage(contract, request, event.actor.name),
      });
    }
    await signatures.requests.completeEvent(provider.name, event.eventId, now, 'signer recorded');
    return { status: 'applied', eventId: event.eventId, contractRef: contract.ref, kind: event.kind };
  }

  const final = FINAL_OF[event.kind]!;
  if (request.status === final && claim === 'claimed') {
    // Reached by another path first (our own cancel, a hand-marked signature): nothing to redo.
    await signatures.requests.completeEvent(provider.name, event.eventId, now, `already ${final}`);
    return { status: 'stale', eventId: event.eventId, reason: `the envelope is already ${final}` };
  }
  if (request.status !== 'sent' && request.status !== final) {
    await signatures.requests.completeEvent(provider.name, event.eventId, now, `stale: envelope already ${request.status}`);
    return { status: 'stale', eventId: event.eventId, reason: `the envelope is already ${request.status}` };
  }

  let updated: Contract = contract;
  if (event.kind === 'completed') {
    // The signed PDF first: once the contract is active, its document is the signed one.
    const file = await provider.downloadSigned(request.envelopeId);
    const terms = await signatures.documents();
    await attachContractDocument(terms, { ref: contract.ref, fileName: `${contract.ref}-signed.pdf`, bytes: file.bytes, actor });
    await signatures.requests.finish(request.id, 'completed', event.at);
    updated = await moveIfStill(deps, contract, 'sent_for_signature', () =>
      transitionContract(deps, {
        contractId: contract.id,
        action: 'sign',
        actor,
        expectedStatus: 'sent_for_signature',
        set: { signedDate: calendarDateIn(event.at) },
        details,
      }),
    );
  } else {
    await signatures.requests.finish(
      request.id,
      final as 'rejected' | 'cancelled',
      event.at,
      event.reason ?? (event.actor ? `declined by ${event.actor.name}` : undefined),
    );
    updated = await moveIfStill(deps, contract, 'sent_for_signature', () =>
      transitionContract(deps, { contractId: contract.id, action: 'recall_signature', actor, expectedStatus: 'sent_for_signature', details }),
    );
  }
  const latest = (await signatures.requests.find(provider.name, request.envelopeId)) ?? request;
  const detail = event.kind === 'rejected' ? [event.actor ? `${event.actor.name} declined` : undefined, event.reason].filter(Boolean).join(': ') : event.reason;
  await notifyRequesterAndOwner(signatures, updated, {
    id: `esign-notice:${provider.name}:${event.eventId}`,
    message: signatureNoticeMessage(updated, latest, event.kind as 'completed' | 'rejected' | 'cancelled', detail || undefined),
  });
  await signatures.requests.completeEvent(provider.name, event.eventId, now, `applied ${event.kind}`);
  return { status: 'applied', eventId: event.eventId, contractRef: contract.ref, kind: event.kind };
}

/** Runs the transition unless the contract has already left `from` (a retry, or someone marked it by hand). */
async function moveIfStill(deps: ContractStoreDeps, contract: Contract, from: Contract['status'], move: () => Promise<Contract>): Promise<Contract> {
  if (contract.status !== from) return contract;
  try {
    return await move();
  } catch (error) {
    if (isAppError(error)) return (await deps.contracts.findById(contract.id)) ?? contract;
    throw error;
  }
}

/** One outbox item (deterministic id) to the requester and the owner (once if they are the same person). */
async function notifyRequesterAndOwner(
  signatures: SignatureCallbackDeps,
  contract: Contract,
  item: { id: string; message: import('../views/chat-message.js').ChatMessage },
): Promise<void> {
  const people: UserRef[] = [contract.requester];
  if (!isSameUser(contract.owner, contract.requester)) people.push(contract.owner);
  const targets: ChatTarget[] = people.map((user) => ({ kind: 'user' as const, user })).filter((t) => platformOf(t) !== undefined);
  if (targets.length === 0) return;
  await sendApprovalMessage(signatures.approvals(), {
    id: item.id,
    kind: 'signature_notice',
    subjectId: contract.id,
    deliveries: targets.map((target) => ({ target, message: item.message })),
    details: { contractRef: contract.ref },
  });
}
