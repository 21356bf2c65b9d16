import type { Collection, Connection } from 'mongoose';
import type { EnvelopeStatus, SignatureProviderName, SignerStatus } from '../../core/ports/signature-provider.js';
import type { ClaimResult, SignatureRequest, SignatureRequests } from '../../core/ports/signature-requests.js';
import { insertClaim } from './insert-claim.js';

type RequestDoc = Omit<SignatureRequest, 'id'> & { _id: string };
interface EventDoc {
  _id: string;
  claimedAt: Date;
  doneAt?: Date;
  outcome?: string;
}
interface SendClaimDoc {
  _id: string;
  claimedAt: Date;
}

const fromDoc = ({ _id, ...rest }: RequestDoc): SignatureRequest => ({ id: _id, ...rest });

/**
 * Envelopes (`signature_requests`), inbound-callback claims (`signature_events`, `_id` =
 * provider:eventId) and send claims (`signature_sends`). Claims are inserts with deterministic
 * ids, so they hold on FerretDB v1 too; every follow-up write is idempotent.
 */
export class MongoSignatureRequests implements SignatureRequests {
  constructor(private readonly connection: Connection) {}

  private get requests(): Collection<RequestDoc> {
    return this.connection.collection<RequestDoc>('signature_requests');
  }
  private get events(): Collection<EventDoc> {
    return this.connection.collection<EventDoc>('signature_events');
  }
  private get sends(): Collection<SendClaimDoc> {
    return this.connection.collection<SendClaimDoc>('signature_sends');
  }

  async init(): Promise<this> {
    await this.requests.createIndex({ contractId: 1, sentAt: -1 }, { name: 'contract_sent' });
    return this;
  }

  claimSend(key: string, at: Date): Promise<boolean> {
    return insertClaim(() => this.sends.insertOne({ _id: key, claimedAt: at }));
  }

  async releaseSend(key: string): Promise<void> {
    await this.sends.deleteOne({ _id: key });
  }

  async insert(request: SignatureRequest): Promise<void> {
    const { id, ...rest } = request;
    await insertClaim(() => this.requests.insertOne({ _id: id, ...rest }));
  }

  async find(provider: SignatureProviderName, envelopeId: string): Promise<SignatureRequest | null> {
    const doc = await this.requests.findOne({ _id: `${provider}:${envelopeId}` });
    return doc ? fromDoc(doc) : null;
  }

  async latestFor(contractId: string): Promise<SignatureRequest | null> {
    const [doc] = await this.requests.find({ contractId }).sort({ sentAt: -1 }).limit(1).toArray();
    return doc ? fromDoc(doc) : null;
  }

  async setSigner(id: string, index: number, status: SignerStatus, signedAt?: Date): Promise<void> {
    await this.requests.updateOne(
      { _id: id },
      { $set: { [`signers.${index}.status`]: status, ...(signedAt ? { [`signers.${index}.signedAt`]: signedAt } : {}) } },
    );
  }

  async finish(id: string, status: Exclude<EnvelopeStatus, 'sent'>, at: Date, reason?: string): Promise<boolean> {
    // Final states do not change (the first to arrive wins); on FerretDB v1 two different final
    // callbacks racing is not isolated, but the contract's own transition (revision-checked) is.
    const result = await this.requests.updateOne(
      { _id: id, status: 'sent' },
      { $set: { status, updatedAt: at, ...(status === 'completed' ? { completedAt: at } : {}), ...(reason ? { reason } : {}) } },
    );
    return result.modifiedCount > 0;
  }

  async markResent(id: string, at: Date): Promise<void> {
    await this.requests.updateOne({ _id: id }, { $set: { resentAt: at, updatedAt: at } });
  }

  async claimEvent(provider: SignatureProviderName, eventId: string, at: Date): Promise<ClaimResult> {
    const _id = `${provider}:${eventId}`;
    if (await insertClaim(() => this.events.insertOne({ _id, claimedAt: at }))) return 'claimed';
    const existing = await this.events.findOne({ _id });
    return existing?.doneAt ? 'done' : 'retry';
  }

  async completeEvent(provider: SignatureProviderName, eventId: string, at: Date, outcome: string): Promise<void> {
    await this.events.updateOne({ _id: `${provider}:${eventId}` }, { $set: { doneAt: at, outcome } });
  }
}
