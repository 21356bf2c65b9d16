/** Shapes the emulator answers with, trimmed to the fields Slack documents and Clause reads. */

export interface SlackUserInput {
  id: string;
  name?: string;
  realName?: string;
  email?: string;
  /** IANA zone, e.g. 'Europe/Berlin'. */
  tz?: string;
  tzLabel?: string;
  /** Seconds east of UTC, as Slack reports it. */
  tzOffset?: number;
  isBot?: boolean;
  deleted?: boolean;
  isAdmin?: boolean;
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  real_name: string;
  deleted: boolean;
  is_bot: boolean;
  is_admin: boolean;
  tz: string;
  tz_label: string;
  tz_offset: number;
  profile: { email?: string; real_name: string; display_name: string; image_72: string };
}

export function toSlackUser(input: SlackUserInput, teamId: string): SlackUser {
  const name = input.name ?? input.id.toLowerCase();
  const realName = input.realName ?? name;
  return {
    id: input.id,
    team_id: teamId,
    name,
    real_name: realName,
    deleted: input.deleted ?? false,
    is_bot: input.isBot ?? false,
    is_admin: input.isAdmin ?? false,
    tz: input.tz ?? 'America/New_York',
    tz_label: input.tzLabel ?? 'Eastern Standard Time',
    tz_offset: input.tzOffset ?? -18000,
    profile: {
      ...(input.email !== undefined ? { email: input.email } : {}),
      real_name: realName,
      display_name: name,
      image_72: `https://avatars.example/${input.id}.png`,
    },
  };
}

export interface SlackChannel {
  id: string;
  name?: string;
  is_channel: boolean;
  is_group: boolean;
  is_im: boolean;
  is_mpim: boolean;
  is_private: boolean;
  is_archived: boolean;
  is_member: boolean;
  created: number;
  /** Set for a DM: the other party. */
  user?: string;
}

export function toSlackChannel(input: Partial<SlackChannel> & { id: string }): SlackChannel {
  const isIm = input.id.startsWith('D');
  return {
    is_channel: input.id.startsWith('C'),
    is_group: false,
    is_im: isIm,
    is_mpim: false,
    is_private: isIm || input.id.startsWith('G'),
    is_archived: false,
    is_member: true,
    created: 1_700_000_000,
    ...(isIm ? {} : { name: input.id.toLowerCase() }),
    ...input,
  };
}

export interface SlackMessage {
  type: 'message';
  ts: string;
  channel: string;
  user: string;
  bot_id: string;
  app_id: string;
  team: string;
  text: string;
  blocks?: unknown;
  attachments?: unknown;
  metadata?: unknown;
  thread_ts?: string;
  files?: { id: string; name: string }[];
  edited?: { user: string; ts: string };
}

export interface SlackEphemeral {
  channel: string;
  user: string;
  message_ts: string;
  text?: string;
  blocks?: unknown;
  thread_ts?: string;
}

export interface SlackView {
  id: string;
  team_id: string;
  type: string;
  title?: unknown;
  submit?: unknown;
  close?: unknown;
  blocks: unknown[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, unknown> };
  hash: string;
  root_view_id: string;
  previous_view_id: string | null;
  app_id: string;
  bot_id: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
}

export interface SlackFile {
  id: string;
  name: string;
  title: string;
  mimetype: string;
  filetype: string;
  size: number;
  user: string;
  created: number;
  url_private: string;
  url_private_download: string;
  channels: string[];
  initial_comment?: string;
  thread_ts?: string;
  /** Not part of Slack's answer; the stored content, stripped before serialising. */
  bytes?: Buffer;
}

const MIME_BY_EXT: Record<string, [mimetype: string, filetype: string]> = {
  docx: ['application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'docx'],
  pdf: ['application/pdf', 'pdf'],
  txt: ['text/plain', 'text'],
  md: ['text/markdown', 'markdown'],
  csv: ['text/csv', 'csv'],
  json: ['application/json', 'json'],
  png: ['image/png', 'png'],
};

export function mimeFor(name: string): [mimetype: string, filetype: string] {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return MIME_BY_EXT[ext] ?? ['application/octet-stream', 'binary'];
}

/** A file as Slack serialises it (no bytes). */
export function publicFile(file: SlackFile): Omit<SlackFile, 'bytes'> {
  const { bytes: _bytes, ...rest } = file;
  return rest;
}
