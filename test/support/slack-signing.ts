import { createHmac } from 'node:crypto';

/**
 * Builds requests the way Slack sends them to an app: signed with the signing secret
 * (`v0=` HMAC-SHA256 of `v0:{timestamp}:{raw body}`), form-encoded for commands and
 * interactions, JSON for the Events API.
 */

export interface SlackSignatureHeaders {
  'x-slack-signature': string;
  'x-slack-request-timestamp': string;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

export function signSlackRequest(secret: string, body: string, timestamp: number = nowSeconds()): SlackSignatureHeaders {
  const digest = createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex');
  return { 'x-slack-signature': `v0=${digest}`, 'x-slack-request-timestamp': String(timestamp) };
}

interface SlackTeamContext {
  teamId?: string;
  teamDomain?: string;
  userId?: string;
  userName?: string;
  channelId?: string;
  channelName?: string;
}

const defaults = {
  teamId: 'T0CLAUSE',
  teamDomain: 'clause-test',
  userId: 'U0REP',
  userName: 'rita',
  channelId: 'C0DEALS',
  channelName: 'deals',
} satisfies Required<SlackTeamContext>;

export interface SlashCommandInput extends SlackTeamContext {
  command?: string;
  text?: string;
  triggerId?: string;
  /** Where `respond()` posts; use SlackApiEmulator.responseUrl(id). */
  responseUrl?: string;
  apiAppId?: string;
}

/** The form-encoded body of a slash command invocation. */
export function slashCommandBody(input: SlashCommandInput = {}): string {
  const c = { ...defaults, ...input };
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: c.teamId,
    team_domain: c.teamDomain,
    channel_id: c.channelId,
    channel_name: c.channelName,
    user_id: c.userId,
    user_name: c.userName,
    command: input.command ?? '/contract',
    text: input.text ?? '',
    api_app_id: input.apiAppId ?? 'ACLAUSE',
    is_enterprise_install: 'false',
    response_url: input.responseUrl ?? 'https://hooks.slack.com/commands/T0CLAUSE/1/abc',
    trigger_id: input.triggerId ?? `${Date.now()}.1.trigger`,
  }).toString();
}

function interactionBody(payload: Record<string, unknown>): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

function userAndTeam(c: Required<SlackTeamContext>) {
  return {
    user: { id: c.userId, username: c.userName, name: c.userName, team_id: c.teamId },
    team: { id: c.teamId, domain: c.teamDomain },
    api_app_id: 'ACLAUSE',
    token: 'deprecated-verification-token',
    is_enterprise_install: false,
  };
}

export interface BlockActionInput extends SlackTeamContext {
  actionId: string;
  value?: string;
  blockId?: string;
  /** The message the button sits on; omit for an action inside a view. */
  messageTs?: string;
  /** The view the action sits in (home tab or modal). */
  view?: Record<string, unknown>;
  triggerId?: string;
  responseUrl?: string;
  /** Extra fields for the action, e.g. `selected_option` for a select. */
  action?: Record<string, unknown>;
}

/** A block_actions interaction (button click, select) as the form field `payload`. */
export function blockActionsBody(input: BlockActionInput): string {
  const c = { ...defaults, ...input };
  const actionTs = `${nowSeconds()}.000100`;
  return interactionBody({
    type: 'block_actions',
    ...userAndTeam(c),
    trigger_id: input.triggerId ?? `${Date.now()}.2.trigger`,
    container: input.messageTs
      ? { type: 'message', message_ts: input.messageTs, channel_id: c.channelId, is_ephemeral: false }
      : { type: 'view', view_id: (input.view?.id as string | undefined) ?? 'V0HOME' },
    ...(input.messageTs
      ? {
          channel: { id: c.channelId, name: c.channelName },
          message: { type: 'message', ts: input.messageTs, text: '' },
          response_url: input.responseUrl ?? 'https://hooks.slack.com/actions/T0CLAUSE/1/abc',
        }
      : { view: input.view ?? { id: 'V0HOME', type: 'home' } }),
    actions: [
      {
        type: 'button',
        action_id: input.actionId,
        block_id: input.blockId ?? 'actions',
        ...(input.value !== undefined ? { value: input.value } : {}),
        action_ts: actionTs,
        ...input.action,
      },
    ],
  });
}

export interface ViewSubmissionInput extends SlackTeamContext {
  callbackId: string;
  /** `state.values` keyed by block id then action id, e.g. `{ title: { value: { type: 'plain_text_input', value: 'NDA' } } }`. */
  values: Record<string, Record<string, unknown>>;
  privateMetadata?: string;
  viewId?: string;
  hash?: string;
  triggerId?: string;
}

let viewSeq = 0;

/** A view_submission interaction (modal submitted). Each call is a new modal (a new view id) unless `viewId` is given. */
export function viewSubmissionBody(input: ViewSubmissionInput): string {
  const c = { ...defaults, ...input };
  viewSeq += 1;
  return interactionBody({
    type: 'view_submission',
    ...userAndTeam(c),
    trigger_id: input.triggerId ?? `${Date.now()}.3.trigger`,
    view: {
      id: input.viewId ?? `V0MODAL${Date.now().toString(36).toUpperCase()}${viewSeq}`,
      team_id: c.teamId,
      type: 'modal',
      callback_id: input.callbackId,
      private_metadata: input.privateMetadata ?? '',
      hash: input.hash ?? '1.abc',
      blocks: [],
      state: { values: input.values },
    },
    response_urls: [],
  });
}

export interface EventCallbackInput {
  teamId?: string;
  eventId?: string;
  eventTime?: number;
}

/** An Events API `event_callback` envelope around `event`, as JSON. */
export function eventCallbackBody(event: Record<string, unknown>, input: EventCallbackInput = {}): string {
  const teamId = input.teamId ?? defaults.teamId;
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: teamId,
    api_app_id: 'ACLAUSE',
    event: { event_ts: `${nowSeconds()}.000200`, ...event },
    type: 'event_callback',
    event_id: input.eventId ?? `Ev${Date.now()}`,
    event_time: input.eventTime ?? nowSeconds(),
    authorizations: [{ team_id: teamId, user_id: 'UBOTCLAUSE', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  });
}

export function appHomeOpenedEvent(userId = defaults.userId): Record<string, unknown> {
  return { type: 'app_home_opened', user: userId, channel: `D${userId}`, tab: 'home' };
}

export interface SharedFileRef {
  id: string;
  name: string;
  mimetype?: string;
  url_private_download?: string;
  url_private?: string;
  size?: number;
}

/** A direct message to the bot (message.im), optionally carrying shared files. */
export function directMessageEvent(input: { userId?: string; text?: string; files?: SharedFileRef[] } = {}): Record<string, unknown> {
  const userId = input.userId ?? defaults.userId;
  return {
    type: 'message',
    channel_type: 'im',
    channel: `D${userId}`,
    user: userId,
    text: input.text ?? '',
    ts: `${nowSeconds()}.000300`,
    ...(input.files ? { subtype: 'file_share', files: input.files } : {}),
  };
}

export interface PostToSlackOptions {
  secret: string;
  /** Defaults from the body: JSON for `{...}`, form-encoded otherwise. */
  contentType?: string;
  timestamp?: number;
  /** Override the computed signature (to prove it is checked). */
  signature?: string;
  /** Path on baseUrl; Bolt's default endpoint. */
  path?: string;
}

/** POSTs a signed body to an app the way Slack would. */
export function postToSlack(baseUrl: string, body: string, options: PostToSlackOptions): Promise<Response> {
  const headers = signSlackRequest(options.secret, body, options.timestamp);
  if (options.signature) headers['x-slack-signature'] = options.signature;
  const contentType = options.contentType ?? (body.trimStart().startsWith('{') ? 'application/json' : 'application/x-www-form-urlencoded');
  return fetch(`${baseUrl.replace(/\/$/, '')}${options.path ?? '/slack/events'}`, {
    method: 'POST',
    headers: { ...headers, 'content-type': contentType },
    body,
  });
}
