import { latestVersion, type Contract } from '../domain/contract.js';
import { nextStatus } from '../domain/lifecycle.js';
import type { UserRef } from '../domain/user-ref.js';
import { AppError, AppErrorCode } from '../errors.js';
import type { Signer } from '../ports/signature-provider.js';
import type { ContractStoreDeps } from './contract-store-deps.js';
import { providerLabel, type SignatureDeps } from './signature-deps.js';
import { transitionContract } from './transition-contract.js';

export interface SendForSignatureInput {
  contractId: string;
  actor: UserRef;
  /** Who signs, in order; by default the counterparty's signer (key terms signerName/signerEmail) and then the owner. */
  signers?: Signer[];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The default signers: the counterparty's (key terms `signerEmail`, `signerName`), then the owner (by e-mail). */
function defaultSigners(c: Contract): Signer[] {
  const email = c.keyTerms.signerEmail?.trim();
  if (!email || !EMAIL.test(email)) {
    throw new AppError(
      AppErrorCode.InvalidInput,
      `${c.ref} has no counterparty signer: add the key terms signerEmail (and signerName) for ${c.counterparty}, then send it again. Nothing was sent.`,
      { fields: { signerEmail: 'is required to send for e-signature' } },
    );
  }
  const signers: Signer[] = [{ name: c.keyTerms.signerName?.trim() || c.counterparty, email: email.toLowerCase() }];
  if (c.owner.email && c.owner.email.toLowerCase() !== email.toLowerCase())
    signers.push({ name: c.owner.displayName ?? c.owner.email, email: c.owner.email.toLowerCase() });
  return signers;
}

/**
 * Sends the approved contract's current version to its signers through the configured provider,
 * records the envelope, and moves the contract to sent_for_signature. A double click sends once
 * (a claim per contract revision); if the provider fails nothing changes and the claim is released.
 */
export async function sendForSignature(deps: ContractStoreDeps, signatures: SignatureDeps, input: SendForSignatureInput): Promise<Contract> {
  const contract = await deps.contracts.findById(input.contractId);
  if (!contract) throw new AppError(AppErrorCode.NotFound, 'That contract does not exist.');
  nextStatus(contract.status, 'send_for_signature'); // refuses anything but an approved contract, before sending
  const version = latestVersion(contract);
  if (!version) throw new AppError(AppErrorCode.InvalidInput, `${contract.ref} has no text to sign yet. Nothing was sent.`);
  const signers = input.signers ?? defaultSigners(contract);
  const label = providerLabel(signatures.provider.name);
  const claimKey = `${contract.id}:${contract.revision}`;
  const now = deps.clock.now();
  if (!(await signatures.requests.claimSend(claimKey, now))) {
    throw new AppError(AppErrorCode.Conflict, `${contract.ref} is already being sent for signature; nothing else was sent.`);
  }
  let sent;
  try {
    sent = await signatures.provider.send({
      contractId: contract.id,
      document: { ref: contract.ref, title: contract.title, text: version.text, version: version.number },
      signers,
      message: `${contract.title} with ${contract.counterparty}: please review and sign.`,
    });
  } catch (error) {
    await signatures.requests.releaseSend(claimKey);
    throw new AppError(
      AppErrorCode.Unavailable,
      `${label} did not take the envelope for ${contract.ref} (${(error as Error).message}). Nothing was changed; try again in a moment.`,
    );
  }
  await signatures.requests.insert({
    id: `${signatures.provider.name}:${sent.envelopeId}`,
    contractId: contract.id,
    contractRef: contract.ref,
    provider: signatures.provider.name,
    envelopeId: sent.envelopeId,
    ...(sent.url ? { url: sent.url } : {}),
    status: 'sent',
    signers: signers.map((s) => ({
      name: s.name,
      email: s.email.toLowerCase(),
      ...(sent.recipientIds[s.email.toLowerCase()] ? { recipientId: sent.recipientIds[s.email.toLowerCase()] } : {}),
      status: 'pending' as const,
    })),
    sentAt: now,
    sentBy: input.actor,
    updatedAt: now,
  });
  try {
    return await transitionContract(deps, {
      contractId: contract.id,
      action: 'send_for_signature',
      actor: input.actor,
      expectedStatus: 'approved',
      details: { provider: signatures.provider.name, envelopeId: sent.envelopeId, signers: signers.map((s) => s.email) },
    });
  } catch (error) {
    // Someone moved the contract on meanwhile: void the envelope we just sent (best effort).
    await signatures.provider.cancel(sent.envelopeId, 'Sent by mistake: the contract changed meanwhile.').catch(() => undefined);
    await signatures.requests.finish(`${signatures.provider.name}:${sent.envelopeId}`, 'cancelled', deps.clock.now(), 'the contract changed meanwhile');
    throw error;
  }
}
