import { ManualClock } from '../../src/core/ports/clock.js';
import type { ChartRenderer } from '../../src/core/ports/chart-renderer.js';
import { createContract } from '../../src/core/services/create-contract.js';
import { letLapse } from '../../src/core/services/let-lapse.js';
import { DEFAULT_TENANT, personalMessage, type TeamsUser } from '../support/bot-activity.js';
import { pngSize } from '../support/png.js';
import { postToSlack, slashCommandBody } from '../support/slack-signing.js';
import { cardOf, cardText, SLACK_SECRET, useTeamsService, USERS } from './teams/teams-harness.js';

// `contract renewals` answers with the list and the 12-month timeline picture, on both platforms,
// against the emulators: the real service, Slack's command over signed HTTP through Bolt (the
// picture through the files upload API), Teams' message through the Bot Connector emulator.
const clock = new ManualClock('2026-03-02T09:05:00Z');
const h = useTeamsService('renewal_timeline', {}, { clock });
const SAM = 'U0SAM'; // a Slack manager in the test policy: sees the whole portfolio
const SAM_DM = `D${SAM}`;
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const refs: string[] = [];

async function active(title: string, endDate: string, amountMinor: number) {
  const owner = { platform: 'teams' as const, id: USERS.rita.aadObjectId, tenantId: DEFAULT_TENANT, displayName: USERS.rita.name };
  const contract = await createContract(h.service.ctx.store, {
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
  refs.push(contract.ref);
  return contract;
}

let seq = 0;
/** `/contract <text>` from Sam in #deals, over signed HTTP; the ephemeral reply posted to its response_url. */
async function slackCommand(text: string, channelId = 'C0DEALS') {
  const replyId = `timeline-${++seq}`;
  const res = await postToSlack(
    h.url,
    slashCommandBody({ userId: SAM, userName: 'sam', channelId, text, responseUrl: h.slack.responseUrl(replyId) }),
    // Signed at the service's (manual) time: Slack's five-minute replay window is checked against it.
    { secret: SLACK_SECRET, timestamp: Math.floor(clock.now().getTime() / 1000) },
  );
  expect(res.status).toBe(200);
  const post = await h.slack.waitForResponse(replyId, () => true, 20_000);
  return post.body as { text: string; response_type?: string; blocks?: unknown[] };
}

/** A typed Teams message; the bot's answer (its card, if any). */
async function teamsCommand(user: TeamsUser, text: string) {
  const before = h.connector.activities().length;
  expect((await h.post(personalMessage(h.as(user), text))).status).toBe(200);
  const answer = h.connector.activities().slice(before).at(-1);
  if (!answer) throw new Error('the bot did not answer');
  return answer;
}

const failingCharts: ChartRenderer = {
  renderPng: async () => {
    throw new Error('the chart renderer is broken');
  },
};

/** Runs `work` with the service's chart renderer replaced by one that fails. */
async function withBrokenCharts<T>(work: () => Promise<T>): Promise<T> {
  const renewals = h.service.ctx.renewals;
  const charts = renewals.charts;
  renewals.charts = failingCharts;
  try {
    return await work();
  } finally {
    renewals.charts = charts;
  }
}

describe('contract renewals shows the 12-month timeline', () => {
  beforeAll(async () => {
    // Notice deadlines (end date - 30 days): 2026-03-10 (in the 60-day list), 2026-05-21, 2026-11-15.
    await active('Atlas', '2026-04-09', 12_000_000);
    const lapsing = await active('Borealis', '2026-06-20', 4_500_000);
    await active('Cirrus', '2026-12-15', 2_000_000);
    const owner = { platform: 'teams' as const, id: USERS.rita.aadObjectId, tenantId: DEFAULT_TENANT, displayName: USERS.rita.name };
    await letLapse(h.service.ctx.renewals, { contractId: lapsing.id, actor: owner });
  });
  beforeEach(() => h.slack.clearFailures());

  it('in Slack: the PNG is uploaded into the DM with Clause (files upload API), then the list is the ephemeral reply', async () => {
    const uploads = h.slack.calls('files.getUploadURLExternal').length;
    const reply = await slackCommand('renewals 60');
    // The list keeps its 60-day window…
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/^Upcoming renewals: 1 contract with notice deadlines 2026-03-02 to 2026-05-01/);
    expect(JSON.stringify(reply.blocks)).toContain(refs[0]);
    expect(JSON.stringify(reply.blocks)).not.toContain(refs[2]);
    expect(JSON.stringify(reply.blocks)).toContain('The picture (Renewal timeline) is in your direct messages with Clause.');
    // …the picture covers the year ahead: one upload, shared into Sam's DM with Clause.
    expect(h.slack.calls('files.getUploadURLExternal').slice(uploads)).toHaveLength(1);
    const start = h.slack.calls('files.getUploadURLExternal').at(-1)!;
    expect(start.args.filename).toBe('renewal-timeline-2026-03-02.png');
    expect(String(start.args.alt_text)).toBe(
      'Renewal timeline, bar chart of value at stake by notice deadlines 2026-03-02 to 2027-02-28: undecided: 2 contracts, $140,000.00; ' +
        'lapsing: 1 contract, $45,000.00. Most value at stake in Mar 2026 ($120,000.00).',
    );
    expect(h.slack.calls('files.completeUploadExternal').at(-1)!.args.channel_id).toBe(SAM_DM);
    const file = h.slack.files().find((f) => f.name === 'renewal-timeline-2026-03-02.png')!;
    expect(file).toMatchObject({ mimetype: 'image/png', title: 'Renewal timeline', channels: [SAM_DM] });
    expect(file.bytes!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(file.bytes!).width).toBeGreaterThan(500);
    expect(h.slack.messages(SAM_DM).filter((m) => m.files?.some((f) => f.id === file.id))).toHaveLength(1);
  });

  it('in Slack, typed in the DM with Clause: the picture is right there, so the reply does not point to it', async () => {
    const reply = await slackCommand('renewals 60', SAM_DM);
    expect(reply.text).toMatch(/^Upcoming renewals: 1 contract/);
    expect(JSON.stringify(reply.blocks)).not.toContain('direct messages with Clause');
  });

  it('in Slack, an upload Slack refuses (no files:write scope): the list still goes out, with a note', async () => {
    const posts = h.slack.messages(SAM_DM).length;
    h.slack.failNext('files.getUploadURLExternal', { error: 'missing_scope' });
    const reply = await slackCommand('renewals 60');
    expect(reply.text).toMatch(/^Upcoming renewals: 1 contract/);
    expect(JSON.stringify(reply.blocks)).toContain('(Renewal timeline: the picture could not be shared just now: the Slack app needs the files:write scope.)');
    expect(h.slack.messages(SAM_DM)).toHaveLength(posts);
    expect(h.logs.some((l) => l.msg.startsWith('Slack picture of a reply could not be shared'))).toBe(true);
  });

  it('in Teams: the reply card carries the list and the timeline as an Image (a data: URI PNG) within the card size budget', async () => {
    const answer = await teamsCommand(USERS.maria, 'contract renewals 60');
    const card = cardOf(answer) as { body: Array<Record<string, unknown>> };
    expect(cardText(card)).toContain(refs[0]);
    const image = card.body.find((e) => e.type === 'Image')!;
    expect(String(image.altText)).toMatch(
      /^Renewal timeline, bar chart of value at stake by notice deadlines 2026-03-02 to 2027-02-28: undecided: 2 contracts/,
    );
    const url = String(image.url);
    expect(url.startsWith('data:image/png;base64,')).toBe(true);
    const png = Buffer.from(url.slice('data:image/png;base64,'.length), 'base64');
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(pngSize(png).width).toBeGreaterThan(500);
    // Teams takes about 28 KB per message, card included.
    expect(JSON.stringify(answer.activity).length).toBeLessThan(28_000);
  });

  it('in Teams, someone with no renewal in the year ahead gets the list without a picture', async () => {
    const answer = await teamsCommand(USERS.otto, 'contract renewals 60');
    expect(cardText(cardOf(answer))).toMatch(/Your upcoming renewals: no active contract has a notice deadline/);
    expect((cardOf(answer) as { body: Array<{ type: string }> }).body.some((e) => e.type === 'Image')).toBe(false);
  });

  it('a chart that cannot be drawn costs nothing but the picture: the list is sent on both platforms, and the failure is logged', async () => {
    const uploads = h.slack.calls('files.getUploadURLExternal').length;
    const [slack, teams] = await withBrokenCharts(
      async () => [await slackCommand('renewals 60'), await teamsCommand(USERS.maria, 'contract renewals 60')] as const,
    );
    expect(slack.text).toMatch(/^Upcoming renewals: 1 contract/);
    expect(JSON.stringify(slack.blocks)).toContain(refs[0]);
    expect(JSON.stringify(slack.blocks)).not.toContain('picture');
    expect(h.slack.calls('files.getUploadURLExternal')).toHaveLength(uploads);
    const card = cardOf(teams) as { body: Array<{ type: string }> };
    expect(cardText(card)).toContain(refs[0]);
    expect(card.body.some((e) => e.type === 'Image')).toBe(false);
    const warned = h.logs.filter((l) => l.msg === 'renewal timeline could not be drawn; the renewals list is sent without it');
    expect(warned).toHaveLength(2);
    expect(warned[0]!.level).toBe(40);
  });
});
