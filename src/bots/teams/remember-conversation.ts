import type { Activity } from 'botbuilder';
import type { ConversationReferences } from '../../core/ports/conversation-references.js';
import { activityTenantId, activityTimeZone, conversationReferenceOf } from './teams-identity.js';

/**
 * Stores what proactive messages need, from any incoming activity (install, message, click): the
 * conversation, the user's 1:1 chat, Teams id and time zone, and the tenant's service URL. A channel post
 * arrives in a thread (`…;messageid=…`); the channel itself is stored under its own id so the
 * bot can post new messages there.
 */
export async function rememberConversation(references: ConversationReferences, activity: Activity): Promise<void> {
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
    const timeZone = activityTimeZone(activity);
    writes.push(references.saveUser(aad, { ...common, userId: activity.from.id, ...(personal ? { reference } : {}), ...(timeZone ? { timeZone } : {}) }));
  }
  await Promise.all(writes);
}

/**
 * When the bot joins a team it learns every channel of it (the Connector's channel list), so an
 * approvals channel can be posted to even if nobody ever wrote there. Best effort: a failed
 * lookup leaves the channels unknown until someone mentions the bot in them.
 */
export async function rememberTeamChannels(
  references: ConversationReferences,
  activity: Activity,
  listChannels: (teamId: string) => Promise<Array<{ id?: string }>>,
): Promise<number> {
  const teamId = (activity.channelData as { team?: { id?: unknown } } | undefined)?.team?.id;
  if (typeof teamId !== 'string' || !activity.serviceUrl) return 0;
  const channels = await listChannels(teamId);
  const tenantId = activityTenantId(activity);
  const reference = conversationReferenceOf(activity) as unknown as Record<string, unknown> & { conversation: Record<string, unknown> };
  const bot = activity.recipient ? { id: activity.recipient.id, name: activity.recipient.name } : undefined;
  const ids = new Set([teamId, ...channels.map((c) => c.id).filter((id): id is string => typeof id === 'string' && id.length > 0)]);
  await Promise.all(
    [...ids].map((id) =>
      references.saveConversation(id, {
        reference: { ...reference, conversation: { ...reference.conversation, id, conversationType: 'channel' } },
        ...(tenantId ? { tenantId } : {}),
        serviceUrl: activity.serviceUrl,
        ...(bot ? { bot } : {}),
      }),
    ),
  );
  return ids.size;
}
