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
      {
        id: 'approval.reject',
        label: 'Reject',
        style: 'danger',
        value: { roundId: 'r1', stage: '0' },
        input: { id: 'reason', label: 'Reason', required: true },
      },
    ],
  },
};

describe('SlackChatNotifier against the Slack API emulator', () => {
  const slack = new SlackApiEmulator();
  const logs: Array<{ level: number; msg: string }> = [];
  let notifier: SlackChatNotifier;
  /** The same with a short post time-out. */
  let quick: SlackChatNotifier;

  beforeAll(async () => {
    await slack.start();
    const sink = new Writable({
      write: (c: Buffer, _e, done) => {
        for (const l of c.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(l));
        done();
      },
    });
    const client = new webApi.WebClient(slack.botToken, {
      ...slackClientOptions({ SLACK_API_URL: slack.apiUrl }),
      retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 50 },
    });
    notifier = new SlackChatNotifier(client, createLogger('info', sink));
    quick = new SlackChatNotifier(client, createLogger('info', sink), { timeoutMs: 500 });
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

  const opts = (id: string) => ({ deliveryId: `test/${id}/0` });
  const channel = { kind: 'channel', platform: 'slack', channelId: 'C0APPROVALS' } as const;

  it('DMs a Slack user (conversations.open, then chat.postMessage with delivery metadata) and updates the message in place', async () => {
    const sent = await notifier.send({ kind: 'user', user: { platform: 'slack', id: 'U0LEGAL' } }, card, opts('dm'));
    expect(sent).toEqual({ status: 'delivered', ref: { platform: 'slack', channelId: 'DU0LEGAL', messageId: expect.any(String) } });
    expect(slack.calls('conversations.open')[0]?.args.users).toBe('U0LEGAL');
    expect(slack.messages('DU0LEGAL')[0]?.metadata).toEqual({ event_type: 'clause_delivery', event_payload: { delivery_id: 'test/dm/0' } });
    if (sent.status !== 'delivered') throw new Error('not delivered');
    await notifier.update(sent.ref, { text: 'Approved' });
    expect(slack.messages('DU0LEGAL')[0]).toMatchObject({ text: 'Approved', edited: expect.anything() });
  });

  it('posts to a channel', async () => {
    const sent = await notifier.send(channel, card, opts('ch'));
    expect(sent).toMatchObject({ status: 'delivered', ref: { channelId: 'C0APPROVALS' } });
    expect(slack.messages('C0APPROVALS')).toHaveLength(1);
  });

  it('posts each message once: no automatic retry of chat.postMessage; the failure is classified as transient', async () => {
    slack.failNext('chat.postMessage', { status: 500 });
    expect(await notifier.send(channel, card, opts('500'))).toMatchObject({ status: 'transient', reason: 'Slack answered HTTP 500' });
    expect(slack.calls('chat.postMessage')).toHaveLength(1);
    expect(slack.messages('C0APPROVALS')).toHaveLength(0);

    slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    expect(await notifier.send(channel, card, opts('429'))).toMatchObject({ status: 'transient', retryAfterMs: 7000 });
    slack.failNext('chat.postMessage', { error: 'internal_error' });
    expect(await notifier.send(channel, card, opts('ie'))).toMatchObject({ status: 'transient', reason: 'Slack answered internal_error' });
    slack.failNext('chat.postMessage', { error: 'ratelimited' });
    expect(await notifier.send(channel, card, opts('rl'))).toMatchObject({ status: 'transient' });
    expect(slack.calls('chat.postMessage')).toHaveLength(4);
    expect(logs.filter((l) => l.msg === 'Slack message not delivered yet; it will be retried')).toHaveLength(4);
  });

  it('a call that times out is transient and may have arrived; the look-up then finds the message Slack did post', async () => {
    slack.failNext('chat.postMessage', { afterProcessing: true, delayMs: 5_000 });
    const sent = await quick.send(channel, card, opts('timeout'));
    expect(sent).toMatchObject({ status: 'transient', reason: 'Slack did not answer in time', mayHaveArrived: true });
    // Slack did post it: a re-send looks first and finds it (conversations.history with metadata).
    const found = await notifier.findDelivered(channel, 'test/timeout/0');
    expect(found).toEqual({ status: 'found', ref: { platform: 'slack', channelId: 'C0APPROVALS', messageId: slack.messages('C0APPROVALS')[0]!.ts } });
    expect(slack.calls('conversations.history').at(-1)?.args).toMatchObject({ channel: 'C0APPROVALS', include_all_metadata: 'true' });
    expect(await notifier.findDelivered(channel, 'test/other/0')).toEqual({ status: 'absent' });
    expect(await notifier.findDelivered({ kind: 'user', user: { platform: 'slack', id: 'U0NEW' } }, 'test/x/0')).toEqual({ status: 'absent' });
    slack.failNext('conversations.history', { status: 503 });
    expect(await notifier.findDelivered(channel, 'test/timeout/0')).toMatchObject({ status: 'unknown' });
  });

  it('user_not_found, channel_not_found, is_archived, not_in_channel and account_inactive are permanent, with the reason', async () => {
    slack.failNext('conversations.open', { error: 'user_not_found' });
    expect(await notifier.send({ kind: 'user', user: { platform: 'slack', id: 'U0GONE' } }, card, opts('gone'))).toEqual({
      status: 'permanent',
      reason: 'Slack answered user_not_found',
    });
    for (const error of ['channel_not_found', 'is_archived', 'not_in_channel', 'account_inactive']) {
      slack.failNext('chat.postMessage', { error });
      expect(await notifier.send(channel, card, opts(error))).toEqual({ status: 'permanent', reason: `Slack answered ${error}` });
    }
    expect(logs).toContainEqual(
      expect.objectContaining({ level: 40, msg: 'Slack message cannot be delivered', err: expect.objectContaining({ slackError: 'user_not_found' }) }),
    );

    await notifier.update({ platform: 'slack', channelId: 'C0APPROVALS', messageId: '1.2' }, card);
    expect(logs).toContainEqual(expect.objectContaining({ msg: 'Slack message could not be updated' }));
  });

  it('leaves Teams users to the Teams notifier', async () => {
    expect(await notifier.send({ kind: 'user', user: { platform: 'teams', id: 'aad-1' } }, card, opts('teams'))).toMatchObject({ status: 'permanent' });
    expect(slack.calls()).toHaveLength(0);
  });
});
