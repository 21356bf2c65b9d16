import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { App, LogLevel, type Logger } from '@slack/bolt';
import { SlackApiEmulator } from './slack-api-emulator.js';
import {
  appHomeOpenedEvent,
  blockActionsBody,
  directMessageEvent,
  eventCallbackBody,
  nowSeconds,
  postToSlack,
  slashCommandBody,
  viewSubmissionBody,
} from '../support/slack-signing.js';

const SECRET = 'test-signing-secret';
const quietLogger: Logger = { debug() {}, info() {}, warn() {}, error() {}, setLevel() {}, getLevel: () => LogLevel.ERROR, setName() {} };

/** Bolt's own HTTPReceiver verifies the signatures built by test/support/slack-signing.ts. */
describe('signed Slack requests against a real Bolt app', () => {
  const slack = new SlackApiEmulator({ botToken: 'xoxb-bolt' });
  let app: App;
  let server: Server;
  let appUrl: string;
  const downloaded: string[] = [];

  beforeAll(async () => {
    await slack.start();
    app = new App({
      token: 'xoxb-bolt',
      signingSecret: SECRET,
      logger: quietLogger,
      clientOptions: { slackApiUrl: slack.apiUrl },
    });
    app.command('/contract', async ({ command, ack, client, respond }) => {
      await ack();
      await client.chat.postMessage({ channel: command.channel_id, text: `got: ${command.text}` });
      await respond({ response_type: 'ephemeral', text: 'on it' });
    });
    app.action('approve', async ({ ack, body, client }) => {
      await ack();
      const action = (body as { actions: { value: string }[] }).actions[0]!;
      await client.chat.postMessage({ channel: 'C0DEALS', text: `approved ${action.value}` });
    });
    app.view('new_contract', async ({ ack, view }) => {
      const title = (view.state.values.title?.value as { value?: string } | undefined)?.value;
      await ack(title ? undefined : { response_action: 'errors', errors: { title: 'Required' } });
    });
    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({ user_id: event.user, view: { type: 'home', blocks: [] } });
    });
    app.event('message', async ({ event, client }) => {
      const files = (event as { files?: { url_private_download: string }[] }).files ?? [];
      for (const f of files) {
        const res = await fetch(f.url_private_download, { headers: { authorization: `Bearer ${client.token}` } });
        downloaded.push(await res.text());
      }
    });
    server = await app.start(0);
    appUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.stop();
    await slack.stop();
  });

  it('handles a properly signed slash command: postMessage and respond() reach the emulator', async () => {
    const body = slashCommandBody({ text: 'new NDA', responseUrl: slack.responseUrl('cmd-1') });
    const res = await postToSlack(appUrl, body, { secret: SECRET });
    expect(res.status).toBe(200);
    const call = await slack.waitFor('chat.postMessage', (c) => c.args.text === 'got: new NDA');
    expect(call).toMatchObject({ token: 'xoxb-bolt', args: { channel: 'C0DEALS' } });
    expect((await slack.waitForResponse('cmd-1')).body).toMatchObject({ text: 'on it', response_type: 'ephemeral' });
  });

  it('rejects a wrong signature with 401', async () => {
    const res = await postToSlack(appUrl, slashCommandBody(), { secret: 'not-the-secret' });
    expect(res.status).toBe(401);
  });

  it('rejects a timestamp older than five minutes even when signed correctly', async () => {
    const res = await postToSlack(appUrl, slashCommandBody(), { secret: SECRET, timestamp: nowSeconds() - 6 * 60 });
    expect(res.status).toBe(401);
  });

  it('delivers block actions and view submissions', async () => {
    const action = await postToSlack(appUrl, blockActionsBody({ actionId: 'approve', value: 'C-2026-0007', messageTs: '1.000001' }), { secret: SECRET });
    expect(action.status).toBe(200);
    await slack.waitFor('chat.postMessage', (c) => c.args.text === 'approved C-2026-0007');

    const invalid = await postToSlack(
      appUrl,
      viewSubmissionBody({ callbackId: 'new_contract', values: { title: { value: { type: 'plain_text_input', value: null } } } }),
      { secret: SECRET },
    );
    expect(await invalid.json()).toEqual({ response_action: 'errors', errors: { title: 'Required' } });
    const valid = await postToSlack(
      appUrl,
      viewSubmissionBody({ callbackId: 'new_contract', values: { title: { value: { type: 'plain_text_input', value: 'NDA' } } } }),
      { secret: SECRET },
    );
    expect(valid.status).toBe(200);
  });

  it('delivers events: app_home_opened publishes a home tab, a DM with a file lets the bot download it', async () => {
    await postToSlack(appUrl, eventCallbackBody(appHomeOpenedEvent('U0REP')), { secret: SECRET });
    await slack.waitFor('views.publish', (c) => c.args.user_id === 'U0REP');

    const file = slack.addFile({ name: 'acme-msa.txt', bytes: 'MSA text' });
    await postToSlack(appUrl, eventCallbackBody(directMessageEvent({ text: 'import', files: [file] })), { secret: SECRET });
    await waitUntil(() => downloaded.length > 0);
    expect(downloaded).toEqual(['MSA text']);
  });
});

async function waitUntil(done: () => boolean, timeoutMs = 2_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!done()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
