import { Writable } from 'node:stream';
import { webApi } from '@slack/bolt';
import { renderBlockKit } from '../../../src/bots/slack/render/block-kit.js';
import { slackClientOptions } from '../../../src/bots/slack/slack-client-options.js';
import { SlackChatNotifier } from '../../../src/bots/slack/slack-notifier.js';
import { createLogger } from '../../../src/infra/logger.js';
import type { ChatMessage } from '../../../src/core/views/chat-message.js';
import { SlackApiEmulator } from '../../emulators/slack-api-emulator.js';

const card: ChatMessage = {
  text: 'Approval needed: C-2026-0001 NDA <Acme & Co>',
  card: {
    title: 'Approval needed: NDA',
    subtitle: 'C-2026-0001 · round 1',
    sections: [
      { kind: 'fields', fields: [{ label: 'Counterparty', value: 'Acme & Co <legal>' }] },
      { kind: 'divider' },
      { kind: 'text', text: 'Stage 1 of 2: Legal' },
      { kind: 'context', text: 'Requested by Rita' },
    ],
    actions: [
      { id: 'approval.approve', label: 'Approve', style: 'primary', value: { roundId: 'r1', stage: '0' } },
      { id: 'approval.reject', label: 'Reject', style: 'danger', value: { roundId: 'r1', stage: '0' }, input: { id: 'reason', label: 'Reason', required: true } },
    ],
  },
};

describe('SlackChatNotifier against the Slack API emulator', () => {
  const slack = new SlackApiEmulator();
  const logs: Array<{ level: number; msg: string }> = [];
  let notifier: SlackChatNotifier;

  beforeAll(async () => {
    await slack.start();
    const sink = new Writable({ write: (c: Buffer, _e, done) => (c.toString().split('\n').filter(Boolean).forEach((l) => logs.push(JSON.parse(l))), done()) });
    const client = new webApi.WebClient(slack.botToken, { ...slackClientOptions({ SLACK_API_URL: slack.apiUrl }), retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 } });
    notifier = new SlackChatNotifier(client, createLogger('info', sink));
  });
  afterAll(() => slack.stop());
  beforeEach(() => {
    slack.reset();
    logs.length = 0;
  });

  it('renders the card as Block Kit: header, fields, divider, context, buttons with JSON values; escapes mrkdwn', () => {
    const { text, blocks } = renderBlockKit(card);
    expect(text).toBe(card.text);
    expect(blocks.map((b) => b.type)).toEqual(['header', 'context', 'section', 'divider', 'section', 'context', 'actions']);
    expect(JSON.stringify(blocks[2])).toContain('Acme &amp; Co &lt;legal&gt;');
    const actions = blocks[6] as { elements: Array<{ action_id: string; value: string; style?: string }> };
    expect(actions.elements.map((e) => [e.action_id, JSON.parse(e.value), e.style])).toEqual([
      ['approval.approve', { roundId: 'r1', stage: '0' }, 'primary'],
      ['approval.reject', { roundId: 'r1', stage: '0' }, 'danger'],
    ]);
  });

  it('DMs a Slack user (conversations.open, then chat.postMessage) and updates the message in place', async () => {
    const ref = await notifier.send({ kind: 'user', user: { platform: 'slack', id: 'U0LEGAL' } }, card);
    expect(ref).toEqual({ platform: 'slack', channelId: 'DU0LEGAL', messageId: expect.any(String) });
    expect(slack.calls('conversations.open')[0]?.args.users).toBe('U0LEGAL');
    await notifier.update(ref!, { text: 'Approved' });
    expect(slack.messages('DU0LEGAL')[0]).toMatchObject({ text: 'Approved', edited: expect.anything() });
  });

  it('posts to a channel', async () => {
    const ref = await notifier.send({ kind: 'channel', platform: 'slack', channelId: 'C0APPROVALS' }, card);
    expect(ref?.channelId).toBe('C0APPROVALS');
    expect(slack.messages('C0APPROVALS')).toHaveLength(1);
  });

  it('retries 500s, and reports an unreachable user as undefined with a log line, never throwing', async () => {
    slack.failNext('chat.postMessage', { status: 500, times: 2 });
    expect(await notifier.send({ kind: 'channel', platform: 'slack', channelId: 'C0APPROVALS' }, card)).toBeDefined();

    slack.failNext('conversations.open', { error: 'user_not_found' });
    expect(await notifier.send({ kind: 'user', user: { platform: 'slack', id: 'U0GONE' } }, card)).toBeUndefined();
    expect(logs).toContainEqual(expect.objectContaining({ level: 40, msg: 'Slack message could not be delivered', err: expect.objectContaining({ slackError: 'user_not_found' }) }));

    slack.failNext('chat.postMessage', { status: 500, times: 3 });
    expect(await notifier.send({ kind: 'channel', platform: 'slack', channelId: 'C0APPROVALS' }, card)).toBeUndefined();
    expect(logs.filter((l) => l.msg === 'Slack message could not be delivered')).toHaveLength(2);

    await notifier.update({ platform: 'slack', channelId: 'C0APPROVALS', messageId: '1.2' }, card);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'Slack message could not be updated' }));
  });

  it('leaves Teams users to the Teams notifier', async () => {
    expect(await notifier.send({ kind: 'user', user: { platform: 'teams', id: 'aad-1' } }, card)).toBeUndefined();
    expect(slack.calls()).toHaveLength(0);
  });
});
