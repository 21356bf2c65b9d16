/**
 * What Teams needs to message someone later (proactive messages), stored per key: a conversation
 * (channel, group chat or 1:1 chat), a user (AAD object id) and a tenant (a service URL to start a
 * 1:1 chat with someone who never wrote to the bot).
 */
export interface StoredConversationReference {
  /** A botbuilder ConversationReference, stored as Teams sent it. */
  reference?: Record<string, unknown>;
  /** The user's Teams id (`29:…`), needed to address them in a new 1:1 chat. */
  userId?: string;
  tenantId?: string;
  serviceUrl?: string;
  /** The bot's account in this tenant (`28:…`). */
  bot?: Record<string, unknown>;
  /** The user's IANA time zone as their Teams client last reported it (user references). */
  timeZone?: string;
}

/** The Teams conversation references (upserted on every incoming activity; read to send). */
export interface ConversationReferences {
  saveConversation(conversationId: string, value: StoredConversationReference): Promise<void>;
  saveUser(aadObjectId: string, value: StoredConversationReference): Promise<void>;
  saveTenant(tenantId: string, value: StoredConversationReference): Promise<void>;
  findConversation(conversationId: string): Promise<StoredConversationReference | null>;
  findUser(aadObjectId: string): Promise<StoredConversationReference | null>;
  findTenant(tenantId: string): Promise<StoredConversationReference | null>;
  /** The time zone the user's Teams client last reported, if any. */
  timeZoneOfUser(aadObjectId: string): Promise<string | undefined>;
  /** The AAD object id of the user whose Teams id (`29:…`) this is, if they ever wrote to the bot. */
  aadIdOfTeamsUser(teamsUserId: string): Promise<string | undefined>;
}
