import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, TeamsInfo, TurnContext, type Activity, type ConversationReference } from 'botbuilder';
import { BotConnectorEmulator } from './bot-connector-emulator.js';
import {
  botInstalled,
  cardAction,
  channelMention,
  groupChatMessage,
  installationUpdate,
  personalMessage,
  postActivity,
  DEFAULT_USER,
  type TeamsTestContext,
} from '../support/bot-activity.js';

/** A real botbuilder CloudAdapter (no app id, so no auth) answering through the emulator. */
describe('Bot Framework Connector emulator, driven by botbuilder CloudAdapter', () => {
  const connector = new BotConnectorEmulator();
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({ MicrosoftAppId: '', MicrosoftAppPassword: '' }));
  const botErrors: Error[] = [];
  const lookups: unknown[] = [];
  let server: Server;
  let botUrl: string;
  let ctx: TeamsTestContext;
  let lastReference: Partial<ConversationReference> | undefined;

  async function bot(context: TurnContext): Promise<void> {
    const activity = context.activity;
    lastReference = TurnContext.getConversationReference(activity);
    if (activity.type === 'conversationUpdate' && activity.membersAdded?.some((m) => m.id === activity.recipient.id)) {
      await context.sendActivity('Thanks for adding Clause');
      return;
    }
    if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
      const { verb, data } = (activity.value as { action: { verb: string; data: { ref: string } } }).action;
      await context.sendActivity({
        type: 'invokeResponse',
        value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: `${verb} ${data.ref}` } },
      });
      return;
    }
    if (activity.type !== 'message') return;
    const text = (TurnContext.removeRecipientMention(activity) ?? activity.text ?? '').trim();
    try {
      if (text === 'update') {
        const sent = await context.sendActivity('draft card');
        await context.updateActivity({ id: sent!.id, type: 'message', text: 'approved card' });
      } else if (text === 'whoami') {
        lookups.push(await TeamsInfo.getMember(context, activity.from.id));
      } else if (text === 'channels') {
        lookups.push(await TeamsInfo.getTeamChannels(context));
      } else {
        await context.sendActivity(`echo: ${text}`);
      }
    } catch (err) {
      botErrors.push(err as Error);
    }
  }

  beforeAll(async () => {
    await connector.start();
    ctx = { serviceUrl: connector.url };
    const app = express();
    app.use(express.json());
    app.post('/api/messages', (req, res) => adapter.process(req, res, bot));
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    botUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await connector.stop();
  });
  beforeEach(() => {
    connector.reset();
    botErrors.length = 0;
    lookups.length = 0;
  });

  it('records a reply to a personal message', async () => {
    const incoming = personalMessage(ctx, 'hello');
    const res = await postActivity(botUrl, incoming);
    expect(res.status).toBe(200);
    const [reply] = connector.activities();
    expect(reply).toMatchObject({
      kind: 'reply',
      conversationId: incoming.conversation!.id,
      replyToId: incoming.id,
      activity: { type: 'message', text: 'echo: hello' },
      authorization: undefined,
    });
  });

  it('strips the @mention in a channel post and replies into the thread', async () => {
    const incoming = channelMention(ctx, 'new NDA', { teamId: '19:team@thread.tacv2', channelId: '19:deals@thread.tacv2' });
    await postActivity(botUrl, incoming);
    const reply = await connector.waitFor((r) => r.kind === 'reply');
    expect(reply.conversationId).toBe(incoming.conversation!.id);
    expect(reply.activity.text).toBe('echo: new NDA');
  });

  it('records a card update', async () => {
    await postActivity(botUrl, personalMessage(ctx, 'update'));
    const [sent] = connector.activities();
    expect(connector.updates()).toEqual([
      expect.objectContaining({ kind: 'update', activityId: sent!.activityId, activity: expect.objectContaining({ text: 'approved card' }) }),
    ]);
  });

  it('answers an adaptiveCard/action invoke through the HTTP response', async () => {
    const res = await postActivity(botUrl, cardAction(ctx, { verb: 'approve', data: { ref: 'C-2026-0003' } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, value: 'approve C-2026-0003' });
  });

  it('welcomes on install', async () => {
    await postActivity(botUrl, botInstalled(ctx));
    expect(connector.activities().map((a) => a.activity.text)).toEqual(['Thanks for adding Clause']);
  });

  it('accepts group chat messages and installation updates', async () => {
    await postActivity(botUrl, groupChatMessage(ctx, 'renewals?'));
    const update = await postActivity(botUrl, installationUpdate(ctx, 'add'));
    expect(update.status).toBe(200);
    expect(connector.activities()).toEqual([
      expect.objectContaining({ conversationId: '19:group-chat@thread.v2', activity: expect.objectContaining({ text: 'echo: renewals?' }) }),
    ]);
  });

  it('serves Teams member info and team channels', async () => {
    connector.addMember({ ...DEFAULT_USER, email: 'rita@example.com', userPrincipalName: 'rita@example.com', tenantId: 'tenant-clause' });
    connector.addTeam({ id: '19:team@thread.tacv2', name: 'Deals', channels: [{ id: '19:legal@thread.tacv2', name: 'Legal' }] });
    await postActivity(botUrl, personalMessage(ctx, 'whoami'));
    await postActivity(botUrl, channelMention(ctx, 'channels', { teamId: '19:team@thread.tacv2', channelId: '19:deals@thread.tacv2' }));
    expect(botErrors).toEqual([]);
    expect(lookups[0]).toMatchObject({ aadObjectId: 'aad-rita', email: 'rita@example.com', userPrincipalName: 'rita@example.com' });
    expect(lookups[1]).toEqual([{ id: '19:team@thread.tacv2' }, { id: '19:legal@thread.tacv2', name: 'Legal' }]);
  });

  it('creates a proactive 1:1 conversation and records its first message', async () => {
    await postActivity(botUrl, personalMessage(ctx, 'hi'));
    const ref = lastReference!;
    await adapter.createConversationAsync(
      '',
      'msteams',
      connector.url,
      'https://api.botframework.com',
      {
        isGroup: false,
        bot: ref.bot!,
        members: [{ id: DEFAULT_USER.id, name: DEFAULT_USER.name }],
        tenantId: 'tenant-clause',
        channelData: { tenant: { id: 'tenant-clause' } },
      } as never,
      async (context) => {
        await context.sendActivity('Your contract C-2026-0001 renews in 30 days');
      },
    );
    expect(connector.conversations()).toEqual([expect.objectContaining({ id: `a:dm-${DEFAULT_USER.id}` })]);
    // botbuilder "replies" to the new conversation's id inside the continuation turn.
    expect(connector.activities().at(-1)).toMatchObject({
      conversationId: `a:dm-${DEFAULT_USER.id}`,
      activity: { text: 'Your contract C-2026-0001 renews in 30 days' },
    });
  });

  it('makes a 429 observable while botbuilder retries after Retry-After', async () => {
    connector.failNext({ status: 429, retryAfter: 1, retryAfterMs: 30, route: 'reply' });
    await postActivity(botUrl, personalMessage(ctx, 'busy'));
    expect(botErrors).toEqual([]);
    expect(connector.calls('reply').map((c) => c.status)).toEqual([429, 200]);
    expect(connector.activities()).toHaveLength(1);
  });

  // botbuilder's Connector client retries 5xx three times with 0.5-4s exponential backoff
  // (@azure/core-rest-pipeline defaults), so this test takes a few seconds by design.
  it('surfaces a persistent 500 as an error to the bot code after the client retries', async () => {
    connector.failNext({ status: 500, times: 4 });
    await postActivity(botUrl, personalMessage(ctx, 'doomed'));
    expect(botErrors).toHaveLength(1);
    expect(botErrors[0]).toMatchObject({ statusCode: 500 });
    expect(connector.calls('reply').map((c) => c.status)).toEqual([500, 500, 500, 500]);
  }, 20_000);

  it('can require a bearer token', async () => {
    const strict = new BotConnectorEmulator({ requireAuth: true });
    const { url } = await strict.start();
    try {
      const anonymous = await fetch(`${url}/v3/conversations/x/activities`, { method: 'POST', body: '{}' });
      expect(anonymous.status).toBe(401);
      const withToken = await fetch(`${url}/v3/conversations/x/activities`, {
        method: 'POST',
        headers: { authorization: 'Bearer abc', 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hi' } satisfies Partial<Activity>),
      });
      expect(await withToken.json()).toMatchObject({ id: expect.any(String) });
      expect(strict.activities()[0]!.authorization).toBe('Bearer abc');
    } finally {
      await strict.stop();
    }
  });
});
