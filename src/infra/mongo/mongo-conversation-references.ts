import type { Connection } from 'mongoose';
import type { Clock } from '../../core/ports/clock.js';
import type { ConversationReferences, StoredConversationReference } from '../../core/ports/conversation-references.js';
import { isDuplicateKeyError } from './insert-claim.js';
import { conversationReferenceModel, type ConversationReferenceDoc, type ConversationReferenceModel } from './models/conversation-reference-model.js';

export type StoredReference = StoredConversationReference;

/** Teams conversation references, upserted on every incoming activity (see the model). */
export class MongoConversationReferences implements ConversationReferences {
  private readonly model: ConversationReferenceModel;

  constructor(
    connection: Connection,
    private readonly clock: Clock,
  ) {
    this.model = conversationReferenceModel(connection);
  }

  async init(): Promise<void> {
    await this.model.createIndexes();
  }

  saveConversation(conversationId: string, value: StoredReference): Promise<void> {
    return this.upsert(`conv:${conversationId}`, value);
  }

  saveUser(aadObjectId: string, value: StoredReference): Promise<void> {
    return this.upsert(`user:${aadObjectId}`, value);
  }

  saveTenant(tenantId: string, value: StoredReference): Promise<void> {
    return this.upsert(`tenant:${tenantId}`, value);
  }

  findConversation(conversationId: string): Promise<StoredReference | null> {
    return this.find(`conv:${conversationId}`);
  }

  findUser(aadObjectId: string): Promise<StoredReference | null> {
    return this.find(`user:${aadObjectId}`);
  }

  /** The time zone the user's Teams client last reported, if any. */
  async timeZoneOfUser(aadObjectId: string): Promise<string | undefined> {
    const doc = await this.model.findById(`user:${aadObjectId}`, { timeZone: 1 }).lean<Pick<ConversationReferenceDoc, 'timeZone'>>();
    return doc?.timeZone || undefined;
  }

  /** The AAD object id of the user whose Teams id (`29:…`) this is, if they ever wrote to the bot. */
  async aadIdOfTeamsUser(teamsUserId: string): Promise<string | undefined> {
    const doc = await this.model.findOne({ userId: teamsUserId, _id: { $regex: /^user:/ } }, { _id: 1 }).lean<Pick<ConversationReferenceDoc, '_id'>>();
    return doc ? doc._id.slice('user:'.length) : undefined;
  }

  findTenant(tenantId: string): Promise<StoredReference | null> {
    return this.find(`tenant:${tenantId}`);
  }

  private async find(id: string): Promise<StoredReference | null> {
    const doc = await this.model.findById(id).lean<ConversationReferenceDoc>();
    if (!doc) return null;
    const { _id, updatedAt, ...rest } = doc;
    return rest;
  }

  /**
   * Last writer wins, field by field: a later activity carries the newer service URL. Two first
   * upserts of one key can race into a duplicate-key error; the retry then updates.
   */
  private async upsert(id: string, value: StoredReference): Promise<void> {
    const set: Record<string, unknown> = { updatedAt: this.clock.now() };
    for (const [k, v] of Object.entries(value)) if (v !== undefined) set[k] = v;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.model.updateOne({ _id: id }, { $set: set }, { upsert: true });
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error) || attempt > 0) throw error;
      }
    }
  }
}
