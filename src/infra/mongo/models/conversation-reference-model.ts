import { Schema, type Connection, type Model } from 'mongoose';

/**
 * What Teams needs to message someone later (proactive messages). One document per key:
 * `conv:<conversation id>` (a channel, group chat or 1:1 chat), `user:<AAD object id>` (the
 * person's Teams id, their 1:1 chat when known) and `tenant:<tenant id>` (a service URL to
 * create a 1:1 chat with someone who never wrote to the bot).
 */
export interface ConversationReferenceDoc {
  _id: string;
  /** A botbuilder ConversationReference, stored as Teams sent it. */
  reference?: Record<string, unknown>;
  /** The user's Teams id (`29:…`), needed to address them in a new 1:1 chat. */
  userId?: string;
  tenantId?: string;
  serviceUrl?: string;
  /** The bot's account in this tenant (`28:…`). */
  bot?: Record<string, unknown>;
  /** The user's IANA time zone as their Teams client last reported it (`user:` documents). */
  timeZone?: string;
  updatedAt: Date;
}

const conversationReferenceSchema = new Schema<ConversationReferenceDoc>(
  {
    _id: { type: String, required: true },
    reference: { type: Schema.Types.Mixed },
    userId: { type: String },
    tenantId: { type: String },
    serviceUrl: { type: String },
    bot: { type: Schema.Types.Mixed },
    timeZone: { type: String },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'teams_conversation_references', versionKey: false, minimize: false },
);

// A mention names a person by Teams id (`29:…`): finding their AAD id reads the user documents by it.
conversationReferenceSchema.index({ userId: 1 });

export type ConversationReferenceModel = Model<ConversationReferenceDoc>;

export function conversationReferenceModel(connection: Connection): ConversationReferenceModel {
  return (
    (connection.models.TeamsConversationReference as ConversationReferenceModel | undefined) ??
    connection.model<ConversationReferenceDoc>('TeamsConversationReference', conversationReferenceSchema)
  );
}
