import type { UserRef } from '../domain/user-ref.js';
import type { EnvelopeStatus, SignatureProviderName, SignerStatus } from './signature-provider.js';

interface SignatureRequestSigner {
  name: string;
  email: string;
  /** The provider's recipient id. */
  recipientId?: string;
  status: SignerStatus;
  signedAt?: Date;
}

/** One envelope sent for one contract: who it went to, who signed, where it is. */
export interface SignatureRequest {
  /** `<provider>:<envelopeId>`. */
  id: string;
  contractId: string;
  contractRef: string;
  provider: SignatureProviderName;
  envelopeId: string;
  url?: string;
  status: EnvelopeStatus;
  signers: SignatureRequestSigner[];
  sentAt: Date;
  sentBy: UserRef;
  updatedAt: Date;
  completedAt?: Date;
  /** Why it was declined or cancelled. */
  reason?: string;
  resentAt?: Date;
}

export type ClaimResult = 'claimed' | 'done' | 'retry';

export interface SignatureRequests {
  /** Claims a send for this key (contract and revision): false when another click has it. */
  claimSend(key: string, at: Date): Promise<boolean>;
  releaseSend(key: string): Promise<void>;
  insert(request: SignatureRequest): Promise<void>;
  find(provider: SignatureProviderName, envelopeId: string): Promise<SignatureRequest | null>;
  /** The latest envelope of a contract. */
  latestFor(contractId: string): Promise<SignatureRequest | null>;
  /** Records a signer's state (by index); idempotent. */
  setSigner(id: string, index: number, status: SignerStatus, signedAt?: Date): Promise<void>;
  /** Moves the envelope on (only forward: sent -> completed | rejected | cancelled); false when it was already final. */
  finish(id: string, status: Exclude<EnvelopeStatus, 'sent'>, at: Date, reason?: string): Promise<boolean>;
  markResent(id: string, at: Date): Promise<void>;
  /**
   * Claims an inbound event by the provider's event id (an insert with that `_id`): `claimed` the
   * first time, `done` when it was already handled, `retry` when an earlier attempt did not finish
   * (its follow-up writes are idempotent, so it runs again).
   */
  claimEvent(provider: SignatureProviderName, eventId: string, at: Date): Promise<ClaimResult>;
  completeEvent(provider: SignatureProviderName, eventId: string, at: Date, outcome: string): Promise<void>;
}
