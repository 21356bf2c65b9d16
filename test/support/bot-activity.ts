import type { Activity, ChannelAccount, ConversationAccount } from 'botbuilder';

/**
 * Bot Framework activities as Teams posts them to the bot's `/api/messages`: channelId
 * 'msteams', the tenant in channelData, AAD ids on `from`. `serviceUrl` is where the bot
 * answers, normally BotConnectorEmulator.url.
 */

export interface TeamsUser {
  id: string;
  aadObjectId: string;
  name: string;
}

export interface TeamsTestContext {
  serviceUrl: string;
  tenantId?: string;
  user?: TeamsUser;
  /** The IANA time zone the user's Teams client reports (`localTimezone` and the clientInfo entity). */
  timeZone?: string;
  bot?: { id: string; name: string };
}

export interface TeamsChannelRef {
  teamId: string;
  teamName?: string;
  channelId: string;
  channelName?: string;
}

export type TestActivity = Partial<Activity> & { type: string; serviceUrl: string };

export const DEFAULT_TENANT = 'tenant-clause';
export const DEFAULT_USER: TeamsUser = { id: '29:user-rita', aadObjectId: 'aad-rita', name: 'Rita Rep' };
const DEFAULT_BOT = { id: '28:bot-clause', name: 'Clause' };

let counter = 0;
const nextId = () => `act-${Date.now()}-${++counter}`;

function base(ctx: TeamsTestContext, type: string, conversation: Partial<ConversationAccount>, channelData: Record<string, unknown> = {}): TestActivity {
  const tenantId = ctx.tenantId ?? DEFAULT_TENANT;
  const user = ctx.user ?? DEFAULT_USER;
  const bot = ctx.bot ?? DEFAULT_BOT;
  return {
    type,
    id: nextId(),
    timestamp: new Date(),
    serviceUrl: ctx.serviceUrl,
    channelId: 'msteams',
    from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId } as ChannelAccount,
    recipient: { id: bot.id, name: bot.name } as ChannelAccount,
    conversation: { tenantId, ...conversation } as ConversationAccount,
    locale: 'en-US',
    channelData: { tenant: { id: tenantId }, ...channelData },
    ...(ctx.timeZone ? { localTimezone: ctx.timeZone, entities: [{ type: 'clientInfo', locale: 'en-US', timezone: ctx.timeZone }] } : {}),
  };
}

function teamChannelData(ref: TeamsChannelRef): Record<string, unknown> {
  return {
    teamsTeamId: ref.teamId,
    teamsChannelId: ref.channelId,
    team: { id: ref.teamId, name: ref.teamName ?? 'Deals', aadGroupId: `aad-${ref.teamId}` },
    channel: { id: ref.channelId, name: ref.channelName ?? 'General' },
  };
}

/** The conversation id of a personal chat between `user` and the bot. */
export function personalConversationId(user: TeamsUser = DEFAULT_USER): string {
  return `a:personal-${user.id}`;
}

export function personalMessage(ctx: TeamsTestContext, text: string): TestActivity {
  return {
    ...base(ctx, 'message', { id: personalConversationId(ctx.user), conversationType: 'personal' }),
    text,
    textFormat: 'plain',
  };
}

/** A channel post that @mentions the bot: Teams puts `<at>Name</at>` in the text plus a mention entity. */
export function channelMention(ctx: TeamsTestContext, text: string, ref: TeamsChannelRef): TestActivity {
  const bot = ctx.bot ?? DEFAULT_BOT;
  const at = `<at>${bot.name}</at>`;
  const activity = base(ctx, 'message', { id: `${ref.channelId};messageid=${Date.now()}`, conversationType: 'channel', isGroup: true }, teamChannelData(ref));
  return {
    ...activity,
    text: `${at} ${text}`,
    textFormat: 'plain',
    entities: [...(activity.entities ?? []), { type: 'mention', text: at, mentioned: { id: bot.id, name: bot.name } }],
  };
}

export function groupChatMessage(ctx: TeamsTestContext, text: string, chatId = '19:group-chat@thread.v2'): TestActivity {
  return {
    ...base(ctx, 'message', { id: chatId, conversationType: 'groupChat', isGroup: true }),
    text,
    textFormat: 'plain',
  };
}

export interface CardActionInput {
  verb: string;
  data?: Record<string, unknown>;
  /** The activity id of the card the button is on. */
  replyToId?: string;
  /** Where the card lives; a personal chat if omitted. */
  channel?: TeamsChannelRef;
}

/** A Universal Action (Action.Execute) press on an Adaptive Card: an `adaptiveCard/action` invoke. */
export function cardAction(ctx: TeamsTestContext, input: CardActionInput): TestActivity {
  const activity = input.channel
    ? base(ctx, 'invoke', { id: input.channel.channelId, conversationType: 'channel', isGroup: true }, teamChannelData(input.channel))
    : base(ctx, 'invoke', { id: personalConversationId(ctx.user), conversationType: 'personal' });
  return {
    ...activity,
    name: 'adaptiveCard/action',
    ...(input.replyToId ? { replyToId: input.replyToId } : {}),
    value: { action: { type: 'Action.Execute', verb: input.verb, data: input.data ?? {} }, trigger: 'manual' },
  };
}

/** The bot was added: to a team channel when `channel` is given, else to a personal chat. */
export function botInstalled(ctx: TeamsTestContext, channel?: TeamsChannelRef): TestActivity {
  const bot = ctx.bot ?? DEFAULT_BOT;
  const activity = channel
    ? base(
        ctx,
        'conversationUpdate',
        { id: channel.channelId, conversationType: 'channel', isGroup: true },
        {
          ...teamChannelData(channel),
          eventType: 'teamMemberAdded',
        },
      )
    : base(ctx, 'conversationUpdate', { id: personalConversationId(ctx.user), conversationType: 'personal' });
  return { ...activity, membersAdded: [{ id: bot.id, name: bot.name }] };
}

export function installationUpdate(ctx: TeamsTestContext, action: 'add' | 'remove', channel?: TeamsChannelRef): TestActivity {
  const activity = channel
    ? base(ctx, 'installationUpdate', { id: channel.channelId, conversationType: 'channel', isGroup: true }, teamChannelData(channel))
    : base(ctx, 'installationUpdate', { id: personalConversationId(ctx.user), conversationType: 'personal' });
  return { ...activity, action };
}

/** POSTs an activity to the bot the way the Bot Framework service does. */
export function postActivity(baseUrl: string, activity: TestActivity, options: { authHeader?: string; path?: string } = {}): Promise<Response> {
  return fetch(`${baseUrl.replace(/\/$/, '')}${options.path ?? '/api/messages'}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(options.authHeader ? { authorization: options.authHeader } : {}) },
    body: JSON.stringify(activity),
  });
}
