import { ManualClock } from '../../src/core/ports/clock.js';
import { createContract } from '../../src/core/services/create-contract.js';
import { sendRenewalsDigest } from '../../src/core/services/send-renewals-digest.js';
import type { ChatTarget } from '../../src/core/ports/chat-notifier.js';
import { botInstalled, DEFAULT_TENANT, type TeamsChannelRef } from '../support/bot-activity.js';
import { pngSize } from '../support/png.js';
import { cardOf, useTeamsService, USERS } from '../bots/teams/teams-harness.js';

// The digest's chart against the emulators: the real service (both platforms), its digest
// services, the Slack Web API emulator (files upload API) and the Bot Connector emulator.
const clock = new ManualClock('2026-03-02T09:05:00Z');
const h = useTeamsService('digest_chart', {}, { clock });
const schedule = { weekday: 1, hour: 9, timeZone: 'UTC' };
const SLACK_DIGEST: ChatTarget = { kind: 'channel', platform: 'slack', channelId: 'C0DIGEST' };
const TEAMS_RENEWALS: TeamsChannelRef = { teamId: '19:team-deals@thread.tacv2', channelId: '19:renewals@thread.tacv2', channelName: 'Renewals' };
const TEAMS_DIGEST: ChatTarget = { kind: 'channel', platform: 'teams', channelId: TEAMS_RENEWALS.channelId };

const digestItem = (week: string) => h.service.ctx.connection.collection('renewal_digests').findOne({ _id: `digest:${week}` as never });

async function active(title: string, endDate: string, amountMinor: number) {
  const owner = { platform: 'teams' as const, id: USERS.rita.aadObjectId, tenantId: DEFAULT_TENANT, displayName: USERS.rita.name };
  return createContract(h.service.ctx.store, {
    terms: {
      title,
      type: 'msa',
      counterparty: `${title} Corp`,
      endDate,
      noticePeriodDays: 30,
      autoRenews: true,
      renewalTermMonths: 12,
      value: { amountMinor, currency: 'USD' },
    },
    owner,
    requester: owner,
    actor: owner,
    status: 'active',
  });
}

describe('the weekly digest carries the chart', () => {
  beforeAll(async () => {
    // Notice deadlines (end date - 30 days) through March and April 2026.
    await active('Atlas', '2026-04-09', 12_000_000);
    await active('Borealis', '2026-04-20', 4_500_000);
    await active('Cirrus', '2026-05-15', 2_000_000);
    await active('Delta', '2026-06-10', 900_000);
    // The bot is added to the Teams renewals channel (its conversation reference is stored).
    expect((await h.post(botInstalled(h.as(USERS.rita), TEAMS_RENEWALS))).status).toBe(200);
  });
  beforeEach(() => h.slack.clearFailures());

  it('in Slack: the chart PNG is uploaded into the digest channel (files upload API), then the digest is posted', async () => {
    const digest = h.service.ctx.digest;
    const before = h.slack.calls().length;
    expect(await sendRenewalsDigest(digest, { channel: SLACK_DIGEST, schedule })).toBe('sent');
    const calls = h.slack
      .calls()
      .slice(before)
      .map((c) => c.method);
    expect(calls).toEqual(['files.getUploadURLExternal', 'files.completeUploadExternal', 'chat.postMessage']);
    const complete = h.slack.calls('files.completeUploadExternal').at(-1)!;
    expect(complete.args.channel_id).toBe('C0DIGEST');
    const file = h.slack.files().find((f) => f.name === 'renewals-digest-2026-03-02.png')!;
    expect(file).toMatchObject({ mimetype: 'image/png', title: 'Renewals digest, week of 2026-03-02', channels: ['C0DIGEST'] });
    const size = pngSize(file.bytes!);
    expect(size.width).toBeGreaterThan(500);
    expect(size.height).toBeGreaterThan(200);
    expect(String(h.slack.calls('files.getUploadURLExternal').at(-1)!.args.alt_text)).toMatch(
      /^Renewals digest, week of 2026-03-02, bar chart of value at stake/,
    );
    // The channel shows the chart, then the digest message (with its delivery metadata).
    const messages = h.slack.messages('C0DIGEST');
    expect(messages.map((m) => (m.files ? 'file' : 'message'))).toEqual(['file', 'message']);
    expect(messages[1]!.text).toContain('Renewals digest, week of 2026-03-02: 2 contracts');
    expect(await digestItem('2026-03-02')).toMatchObject({
      status: 'sent',
      details: { contracts: 2, chart: expect.stringMatching(/^\d+x\d+ png, \d+ bytes$/) },
    });
  });

  it('in Teams: the digest card shows the chart as an Image (a data: URI PNG) within the card size budget', async () => {
    clock.set('2026-03-09T09:05:00Z');
    const digest = h.service.ctx.digest;
    const before = h.connector.activities().length;
    expect(await sendRenewalsDigest(digest, { channel: TEAMS_DIGEST, schedule })).toBe('sent');
    const posted = h.connector.activities().slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.conversationId).toBe(TEAMS_RENEWALS.channelId);
    const card = cardOf(posted[0]) as { body: Array<Record<string, unknown>> };
    expect(card.body.slice(0, 3).map((e) => e.type)).toEqual(['TextBlock', 'TextBlock', 'Image']);
    const image = card.body[2]!;
    expect(image.altText).toMatch(/^Renewals digest, week of 2026-03-09, bar chart of value at stake/);
    const url = String(image.url);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const size = pngSize(Buffer.from(url.slice('data:image/png;base64,'.length), 'base64'));
    expect(size.width).toBeGreaterThan(500);
    // Teams takes about 28 KB per message, card included.
    expect(JSON.stringify(posted[0]!.activity).length).toBeLessThan(28_000);
  });

  it('a failed upload is not delivered: nothing is posted, the digest waits for a retry, and the retry sends chart and message once', async () => {
    clock.set('2026-03-16T09:05:00Z');
    const digest = h.service.ctx.digest;
    const posts = h.slack.calls('chat.postMessage').length;
    h.slack.failNext('upload', { status: 503 });
    expect(await sendRenewalsDigest(digest, { channel: SLACK_DIGEST, schedule })).toBe('unsent');
    expect(h.slack.calls('chat.postMessage')).toHaveLength(posts);
    expect(h.slack.files().filter((f) => f.name === 'renewals-digest-2026-03-16.png')).toEqual([]);
    const queued = await digestItem('2026-03-16');
    expect(queued).toMatchObject({ status: 'queued', lastError: 'Slack answered HTTP 503' });
    // The next hourly run, after the retry time, resends it (and finds this week's digest taken).
    clock.set(new Date((queued!.dueAt as Date).getTime() + 1_000).toISOString());
    expect(await sendRenewalsDigest(digest, { channel: SLACK_DIGEST, schedule })).toBe('taken');
    expect(await digestItem('2026-03-16')).toMatchObject({ status: 'sent' });
    expect(h.slack.files().filter((f) => f.name === 'renewals-digest-2026-03-16.png')).toHaveLength(1);
    expect(h.slack.calls('chat.postMessage')).toHaveLength(posts + 1);
  });

  it("an upload Slack refuses (the bot is not in the channel) fails the delivery, with Slack's reason; nothing is posted", async () => {
    clock.set('2026-03-23T09:05:00Z');
    const digest = h.service.ctx.digest;
    const posts = h.slack.calls('chat.postMessage').length;
    h.slack.addChannel({ id: 'C0NOTMEMBER', name: 'renewals-private', is_member: false });
    expect(await sendRenewalsDigest(digest, { channel: { kind: 'channel', platform: 'slack', channelId: 'C0NOTMEMBER' }, schedule })).toBe('unsent');
    expect(h.slack.calls('files.completeUploadExternal').at(-1)!.result).toEqual({ ok: false, error: 'not_in_channel' });
    expect(h.slack.calls('chat.postMessage')).toHaveLength(posts);
    expect(await digestItem('2026-03-23')).toMatchObject({ status: 'failed', reason: expect.stringContaining('Slack answered not_in_channel') });
  });

  it('when the message cannot be posted after the upload, the uploaded chart is deleted again', async () => {
    clock.set('2026-03-30T09:05:00Z');
    const digest = h.service.ctx.digest;
    h.slack.failNext('chat.postMessage', { error: 'msg_too_long' });
    expect(await sendRenewalsDigest(digest, { channel: SLACK_DIGEST, schedule })).toBe('unsent');
    const uploaded = h.slack.calls('files.completeUploadExternal').at(-1)!.result as unknown as { files: Array<{ id: string }> };
    expect(h.slack.calls('files.delete').at(-1)!.args.file).toBe(uploaded.files[0]!.id);
    expect(h.slack.files().filter((f) => f.name === 'renewals-digest-2026-03-30.png')).toEqual([]);
    expect(h.slack.messages('C0DIGEST').filter((m) => m.files?.some((f) => f.name === 'renewals-digest-2026-03-30.png'))).toEqual([]);
  });
});
