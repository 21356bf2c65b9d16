import type { Activity, ConversationReference } from 'botbuilder';
import { TurnContext } from 'botbuilder';
import { ZTimeZone } from '../../core/domain/calendar-date.js';
import type { UserRef } from '../../core/domain/user-ref.js';

/** The tenant an activity came from (Teams puts it in channelData, and on the conversation). */
export function activityTenantId(activity: Partial<Activity>): string | undefined {
  const fromChannelData = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  if (typeof fromChannelData === 'string' && fromChannelData) return fromChannelData;
  return activity.conversation?.tenantId || undefined;
}

/**
 * The person who acted, as the core knows Teams users: their AAD object id (stable across chats
 * and the id the approval policy lists) and tenant. Undefined for an activity without one.
 */
export function teamsUserRef(activity: Partial<Activity>, extra: { email?: string } = {}): UserRef | undefined {
  const aad = activity.from?.aadObjectId;
  if (!aad) return undefined;
  const tenantId = activityTenantId(activity);
  return {
    platform: 'teams',
    id: aad,
    ...(tenantId ? { tenantId } : {}),
    ...(activity.from?.name ? { displayName: activity.from.name } : {}),
    ...(extra.email ? { email: extra.email } : {}),
  };
}

/** The reference to answer in this conversation later, without the per-activity id. */
export function conversationReferenceOf(activity: Partial<Activity>): Partial<ConversationReference> {
  const reference = TurnContext.getConversationReference(activity);
  delete reference.activityId;
  return reference;
}

/**
 * The sender's IANA time zone: Teams clients send it as `localTimezone` on the activity and as
 * `timezone` in the clientInfo entity. Anything that is not a known zone is ignored (UTC then).
 */
export function activityTimeZone(activity: Partial<Activity>): string | undefined {
  const fromEntity = activity.entities?.find((e) => e.type === 'clientInfo') as { timezone?: unknown } | undefined;
  for (const candidate of [activity.localTimezone, fromEntity?.timezone]) {
    const parsed = ZTimeZone.safeParse(candidate);
    if (parsed.success) return parsed.data;
  }
  return undefined;
}

/** The people @mentioned in a message, other than the bot: Teams ids (`29:…`) and names. */
export function mentionedPeople(activity: Partial<Activity>): Array<{ id: string; name?: string }> {
  const botId = activity.recipient?.id;
  return (activity.entities ?? []).flatMap((e) => {
    if (e.type !== 'mention') return [];
    const m = (e as { mentioned?: { id?: unknown; name?: unknown } }).mentioned;
    if (typeof m?.id !== 'string' || !m.id || m.id === botId) return [];
    return [{ id: m.id, ...(typeof m.name === 'string' ? { name: m.name } : {}) }];
  });
}
