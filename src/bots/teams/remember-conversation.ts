import type { Activity } from 'botbuilder';
import type { MongoConversationReferences } from '../../infra/mongo/mongo-conversation-references.js';
import { activityTenantId, conversationReferenceOf } from './teams-identity.js';

/**
 * Stores what proactive messages need, from any incoming activity (install, message, click): the
 * conversation, the user's 1:1 chat and Teams id, and the tenant's service URL. A channel post
 * arrives in a thread (`…;messageid=…`); the channel itself is stored under its own id so the
 * bot can post new messages there.
 */
export async function rememberConversation(references: MongoConversationReferences, activity: Activity): Promise<void> {
  if (!activity.serviceUrl || !activity.conversation?.id) return;
  const tenantId = activityTenantId(activity);
  const serviceUrl = activity.serviceUrl;
  const bot = activity.recipient ? { id: activity.recipient.id, name: activity.recipient.name } : undefined;
  const reference = conversationReferenceOf(activity) as unknown as Record<string, unknown> & { conversation: Record<string, unknown> };
  const common = { ...(tenantId ? { tenantId } : {}), serviceUrl, ...(bot ? { bot } : {}) };
  const writes: Promise<void>[] = [];

  const channelId = (activity.channelData as { channel?: { id?: unknown } } | undefined)?.channel?.id;
  if (activity.conversation.conversationType === 'channel' && typeof channelId === 'string') {
    const channelReference = { ...reference, conversation: { ...reference.conversation, id: channelId } };
    writes.push(references.saveConversation(channelId, { ...common, reference: channelReference }));
  } else {
    writes.push(references.saveConversation(activity.conversation.id, { ...common, reference }));
  }
  if (tenantId) writes.push(references.saveTenant(tenantId, common));
  const aad = activity.from?.aadObjectId;
  if (aad) {
    const personal = activity.conversation.conversationType === 'personal';
    writes.push(references.saveUser(aad, { ...common, userId: activity.from.id, ...(personal ? { reference } : {}) }));
  }
  await Promise.all(writes);
}
