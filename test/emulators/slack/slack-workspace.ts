import { str, type SlackArgs } from './parse-slack-args.js';
import {
  mimeFor,
  publicFile,
  toSlackChannel,
  toSlackUser,
  type SlackChannel,
  type SlackEphemeral,
  type SlackFile,
  type SlackMessage,
  type SlackUser,
  type SlackUserInput,
  type SlackView,
} from './slack-objects.js';

export type SlackResult = { ok: boolean; error?: string } & Record<string, unknown>;

export interface SlackWorkspaceOptions {
  teamId: string;
  teamName: string;
  botUserId: string;
  botId: string;
  appId: string;
}

const fail = (error: string, extra: Record<string, unknown> = {}): SlackResult => ({ ok: false, error, ...extra });

/** The state behind the emulated Web API: users, channels, messages, views and files. */
export class SlackWorkspace {
  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, SlackChannel>();
  readonly messages = new Map<string, SlackMessage[]>();
  readonly ephemerals: SlackEphemeral[] = [];
  readonly views = new Map<string, SlackView>();
  readonly homeViews = new Map<string, SlackView>();
  readonly files = new Map<string, SlackFile>();
  /** Upload ids handed out by files.getUploadURLExternal and not yet completed. */
  readonly pendingUploads = new Map<string, { filename: string; length: number; bytes?: Buffer }>();
  private seq = 0;
  private readonly epoch = Math.floor(Date.now() / 1000);

  /** Base URL of the emulator, for the file URLs it hands out; set once the server listens. */
  baseUrl = '';

  constructor(readonly opts: SlackWorkspaceOptions) {}

  private nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}${String(this.seq).padStart(9, '0')}`;
  }

  /** Message timestamps are unique and increase, as Slack's do. */
  private nextTs(): string {
    this.seq += 1;
    return `${this.epoch}.${String(this.seq).padStart(6, '0')}`;
  }

  addUser(input: SlackUserInput): SlackUser {
    const user = toSlackUser(input, this.opts.teamId);
    this.users.set(user.id, user);
    return user;
  }

  addChannel(input: Partial<SlackChannel> & { id: string }): SlackChannel {
    const channel = toSlackChannel(input);
    this.channels.set(channel.id, channel);
    return channel;
  }

  addFile(input: { name: string; bytes: Buffer | string; title?: string; user?: string; mimetype?: string }): SlackFile {
    const id = this.nextId('F');
    const bytes = Buffer.isBuffer(input.bytes) ? input.bytes : Buffer.from(input.bytes);
    return this.storeFile(id, input.name, bytes, { title: input.title, user: input.user, mimetype: input.mimetype });
  }

  private storeFile(
    id: string,
    name: string,
    bytes: Buffer,
    extra: { title?: string | undefined; user?: string | undefined; mimetype?: string | undefined },
  ): SlackFile {
    const [mimetype, filetype] = mimeFor(name);
    const path = `/files-pri/${this.opts.teamId}-${id}`;
    const file: SlackFile = {
      id,
      name,
      title: extra.title ?? name,
      mimetype: extra.mimetype ?? mimetype,
      filetype,
      size: bytes.length,
      user: extra.user ?? this.opts.botUserId,
      created: this.epoch,
      url_private: `${this.baseUrl}${path}/${encodeURIComponent(name)}`,
      url_private_download: `${this.baseUrl}${path}/download/${encodeURIComponent(name)}`,
      channels: [],
      bytes,
    };
    this.files.set(id, file);
    return file;
  }

  /** Slack posts to a user id by opening (or reusing) the DM with them. */
  private resolveChannel(channel: string): string {
    if (/^[UW]/.test(channel)) return this.openDm(channel).id;
    return channel;
  }

  private openDm(userId: string): SlackChannel {
    const id = `D${userId}`;
    return this.channels.get(id) ?? this.addChannel({ id, user: userId });
  }

  private addMessage(channel: string, fields: Partial<SlackMessage>): SlackMessage {
    const message: SlackMessage = {
      type: 'message',
      ts: this.nextTs(),
      channel,
      user: this.opts.botUserId,
      bot_id: this.opts.botId,
      app_id: this.opts.appId,
      team: this.opts.teamId,
      text: '',
      ...fields,
    };
    const list = this.messages.get(channel) ?? [];
    list.push(message);
    this.messages.set(channel, list);
    return message;
  }

  findMessage(channel: string, ts: string): SlackMessage | undefined {
    return this.messages.get(channel)?.find((m) => m.ts === ts);
  }

  readonly methods: Record<string, (args: SlackArgs) => SlackResult> = {
    'api.test': (args) => ({ ok: true, args }),

    'auth.test': () => ({
      ok: true,
      url: `https://${this.opts.teamName}.slack.com/`,
      team: this.opts.teamName,
      user: 'clause',
      team_id: this.opts.teamId,
      user_id: this.opts.botUserId,
      bot_id: this.opts.botId,
      is_enterprise_install: false,
    }),

    'chat.postMessage': (args) => {
      const channel = str(args, 'channel');
      if (!channel) return fail('channel_not_found');
      if (!str(args, 'text') && !args.blocks && !args.attachments) return fail('no_text');
      const message = this.addMessage(this.resolveChannel(channel), {
        text: str(args, 'text') ?? '',
        ...pick(args, ['blocks', 'attachments', 'metadata', 'thread_ts']),
      });
      const { channel: ch, ...shown } = message;
      return { ok: true, channel: ch, ts: message.ts, message: shown };
    },

    'chat.update': (args) => {
      const channel = str(args, 'channel');
      const ts = str(args, 'ts');
      if (!channel || !ts) return fail('invalid_arguments');
      const message = this.findMessage(channel, ts);
      if (!message) return fail('message_not_found');
      if (args.text !== undefined) message.text = String(args.text);
      Object.assign(message, pick(args, ['blocks', 'attachments', 'metadata']));
      message.edited = { user: this.opts.botUserId, ts: this.nextTs() };
      const { channel: ch, ...shown } = message;
      return { ok: true, channel: ch, ts, text: message.text, message: shown };
    },

    'chat.postEphemeral': (args) => {
      const channel = str(args, 'channel');
      const user = str(args, 'user');
      if (!channel) return fail('channel_not_found');
      if (!user) return fail('user_not_found');
      const ephemeral: SlackEphemeral = {
        channel,
        user,
        message_ts: this.nextTs(),
        ...(pick(args, ['text', 'blocks', 'thread_ts']) as Partial<SlackEphemeral>),
      };
      this.ephemerals.push(ephemeral);
      return { ok: true, message_ts: ephemeral.message_ts };
    },

    'chat.getPermalink': (args) => {
      const channel = str(args, 'channel');
      const ts = str(args, 'message_ts');
      if (!channel || !ts) return fail('invalid_arguments');
      if (!this.findMessage(channel, ts)) return fail('message_not_found');
      return {
        ok: true,
        channel,
        permalink: `https://${this.opts.teamName}.slack.com/archives/${channel}/p${ts.replace('.', '')}`,
      };
    },

    'conversations.open': (args) => {
      const users =
        str(args, 'users')
          ?.split(',')
          .map((u) => u.trim())
          .filter(Boolean) ?? [];
      const channelArg = str(args, 'channel');
      if (channelArg) {
        const existing = this.channels.get(channelArg);
        return existing ? { ok: true, channel: { id: existing.id } } : fail('channel_not_found');
      }
      if (users.length === 0) return fail('users_list_not_supplied');
      if (users.length === 1) {
        const alreadyOpen = this.channels.has(`D${users[0]}`);
        const dm = this.openDm(users[0]!);
        return { ok: true, no_op: alreadyOpen, already_open: alreadyOpen, channel: { id: dm.id } };
      }
      const mpim = this.addChannel({ id: `G${users.join('_')}`, is_mpim: true, is_private: true });
      return { ok: true, channel: { id: mpim.id } };
    },

    // Newest first, like Slack; metadata only with include_all_metadata (as Slack does).
    'conversations.history': (args) => {
      const channel = str(args, 'channel');
      if (!channel) return fail('channel_not_found');
      const id = this.resolveChannel(channel);
      if (!this.channels.has(id) && !this.messages.has(id)) return fail('channel_not_found');
      const limit = Math.min(Number(str(args, 'limit') ?? 100) || 100, 1000);
      const withMetadata = ['true', '1'].includes(str(args, 'include_all_metadata') ?? '');
      const oldest = str(args, 'oldest');
      const all = [...(this.messages.get(id) ?? [])].reverse().filter((m) => !oldest || Number(m.ts) > Number(oldest));
      const page = all.slice(0, limit).map(({ channel: _c, metadata, ...m }) => ({ ...m, ...(withMetadata && metadata ? { metadata } : {}) }));
      return { ok: true, messages: page, has_more: all.length > limit };
    },

    'conversations.info': (args) => {
      const channel = this.channels.get(str(args, 'channel') ?? '');
      return channel ? { ok: true, channel } : fail('channel_not_found');
    },

    'users.info': (args) => {
      const user = this.users.get(str(args, 'user') ?? '');
      return user ? { ok: true, user } : fail('user_not_found');
    },

    'users.lookupByEmail': (args) => {
      const email = str(args, 'email')?.toLowerCase();
      const user = [...this.users.values()].find((u) => u.profile.email?.toLowerCase() === email);
      return user ? { ok: true, user } : fail('users_not_found');
    },

    'views.open': (args) => (str(args, 'trigger_id') ? this.storeView(args, null) : fail('invalid_arguments')),

    'views.push': (args) => (str(args, 'trigger_id') ? this.storeView(args, null) : fail('invalid_arguments')),

    'views.update': (args) => {
      const viewId = str(args, 'view_id');
      const externalId = str(args, 'external_id');
      const current = viewId ? this.views.get(viewId) : [...this.views.values()].find((v) => externalId && v.external_id === externalId);
      if (!current) return fail('not_found');
      const hash = str(args, 'hash');
      if (hash && hash !== current.hash) return fail('hash_conflict');
      return this.storeView(args, current);
    },

    'views.publish': (args) => {
      const userId = str(args, 'user_id');
      if (!userId) return fail('invalid_arguments');
      const view = args.view as { type?: string } | undefined;
      if (view?.type !== 'home') return fail('invalid_arguments');
      const result = this.storeView(args, this.homeViews.get(userId) ?? null);
      this.homeViews.set(userId, result.view as SlackView);
      return result;
    },

    'files.getUploadURLExternal': (args) => {
      const filename = str(args, 'filename');
      const length = Number(str(args, 'length'));
      if (!filename || !Number.isFinite(length) || length <= 0) return fail('invalid_arguments');
      const fileId = this.nextId('F');
      this.pendingUploads.set(fileId, { filename, length });
      return { ok: true, upload_url: `${this.baseUrl}/upload/v1/${fileId}`, file_id: fileId };
    },

    'files.completeUploadExternal': (args) => {
      const requested = Array.isArray(args.files) ? (args.files as { id: string; title?: string }[]) : [];
      if (requested.length === 0) return fail('invalid_arguments');
      const channel = str(args, 'channel_id') ?? str(args, 'channels')?.split(',')[0];
      // Sharing is checked before anything is completed, as Slack does: nothing is shared on an error.
      if (channel) {
        const known = this.channels.get(/^[UW]/.test(channel) ? `D${channel}` : channel);
        if (!/^[CGDUW][A-Z0-9_]+$/i.test(channel)) return fail('channel_not_found');
        if (known?.is_archived) return fail('is_archived');
        if (known && !known.is_member && !known.user) return fail('not_in_channel');
      }
      for (const { id } of requested) {
        const pending = this.pendingUploads.get(id);
        if (!pending?.bytes) return fail('file_not_found');
        // The bytes must be what getUploadURLExternal announced.
        if (pending.bytes.length !== pending.length) return fail('file_upload_size_mismatch');
      }
      const completed: SlackFile[] = [];
      for (const { id, title } of requested) {
        const pending = this.pendingUploads.get(id);
        if (!pending?.bytes) return fail('file_not_found');
        this.pendingUploads.delete(id);
        const file = this.storeFile(id, pending.filename, pending.bytes, { title });
        const comment = str(args, 'initial_comment');
        const threadTs = str(args, 'thread_ts');
        if (comment) file.initial_comment = comment;
        if (threadTs) file.thread_ts = threadTs;
        completed.push(file);
      }
      if (channel) {
        const resolved = this.resolveChannel(channel);
        for (const file of completed) file.channels.push(resolved);
        // Sharing into a channel posts a message carrying the files, as Slack does.
        this.addMessage(resolved, {
          text: str(args, 'initial_comment') ?? '',
          files: completed.map((f) => ({ id: f.id, name: f.name })),
          ...pick(args, ['thread_ts']),
        });
      }
      return { ok: true, files: completed.map(publicFile) };
    },

    // Deleting a shared file also removes it from the messages that carried it (a message left
    // with neither text nor files goes away), as in Slack.
    'files.delete': (args) => {
      const id = str(args, 'file') ?? '';
      const file = this.files.get(id);
      if (!file) return fail('file_not_found');
      if (file.user !== this.opts.botUserId) return fail('cant_delete_file');
      this.files.delete(id);
      for (const [channel, list] of this.messages) {
        this.messages.set(
          channel,
          list.flatMap((m): SlackMessage[] => {
            if (!m.files?.some((f) => f.id === id)) return [m];
            const files = m.files.filter((f) => f.id !== id);
            return files.length > 0 || m.text ? [{ ...m, files }] : [];
          }),
        );
      }
      return { ok: true };
    },

    'files.info': (args) => {
      const file = this.files.get(str(args, 'file') ?? '');
      return file ? { ok: true, file: publicFile(file) } : fail('file_not_found');
    },
  };

  private storeView(args: SlackArgs, previous: SlackView | null): SlackResult {
    const input = args.view as Partial<SlackView> | undefined;
    if (!input || typeof input !== 'object' || !input.type) return fail('invalid_arguments');
    const id = previous?.id ?? this.nextId('V');
    const view: SlackView = {
      id,
      team_id: this.opts.teamId,
      type: input.type,
      title: input.title,
      submit: input.submit,
      close: input.close,
      blocks: input.blocks ?? [],
      private_metadata: input.private_metadata ?? '',
      callback_id: input.callback_id ?? '',
      external_id: input.external_id ?? previous?.external_id ?? '',
      state: { values: {} },
      hash: `${this.epoch}.${this.nextId('h')}`,
      root_view_id: previous?.root_view_id ?? id,
      previous_view_id: previous?.previous_view_id ?? null,
      app_id: this.opts.appId,
      bot_id: this.opts.botId,
      clear_on_close: input.clear_on_close ?? false,
      notify_on_close: input.notify_on_close ?? false,
    };
    this.views.set(id, view);
    return { ok: true, view };
  }

  receiveUpload(fileId: string, bytes: Buffer): boolean {
    const pending = this.pendingUploads.get(fileId);
    if (!pending) return false;
    pending.bytes = bytes;
    return true;
  }
}

function pick(args: SlackArgs, keys: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of keys) if (args[k] !== undefined && args[k] !== '') out[k] = args[k];
  return out;
}
