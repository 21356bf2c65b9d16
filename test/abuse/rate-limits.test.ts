import { ManualClock } from '../../src/core/ports/clock.js';
import { cardAction, personalConversationId, personalMessage, postActivity } from '../support/bot-activity.js';
import { blockActionsBody, directMessageEvent, eventCallbackBody, postToSlack, slashCommandBody } from '../support/slack-signing.js';
import { SLACK_SECRET, USERS, useTeamsService, waitUntil } from '../bots/teams/teams-harness.js';

/**
 * Per-user, per-IP and upload limits on both chat endpoints (small limits so the tests reach
 * them; the clock is a ManualClock so a minute can pass). Slack and Teams run in one service.
 */
const clock = new ManualClock(new Date());
const h = useTeamsService('abuse_limits', { RATE_LIMIT_USER_PER_MINUTE: '3', RATE_LIMIT_IP_PER_MINUTE: '40', RATE_LIMIT_UPLOADS_PER_HOUR: '1' }, { clock });
const nowS = () => Math.floor(clock.now().getTime() / 1000);
const slack = (body: string) => postToSlack(h.url, body, { secret: SLACK_SECRET, timestamp: nowS() });
let seq = 0;
const trigger = () => `limits-${Date.now()}-${++seq}`;

beforeEach(() => clock.advanceMs(61 * 60_000)); // every bucket full again (uploads refill over an hour)

describe('per-user limits', () => {
  it('Teams: past the limit the person is told once to slow down; a card action gets the same answer; a minute later all is well', async () => {
    const rita = h.as(USERS.rita);
    const inRita = () => h.connector.activities().filter((r) => r.conversationId === personalConversationId(USERS.rita));
    const before = inRita().length;
    for (let i = 0; i < 3; i += 1) expect((await h.post(personalMessage(rita, 'help'))).status).toBe(200);
    await waitUntil(() => inRita().length === before + 3, 5_000, 'three answers');
    expect((await h.post(personalMessage(rita, 'contract list'))).status).toBe(200);
    await waitUntil(() => inRita().some((r) => /faster than I can take them/.test(String(r.activity.text))), 5_000, 'slow down');
    expect((await h.post(personalMessage(rita, 'contract list'))).status).toBe(200);
    expect(inRita().filter((r) => /faster than I can take them/.test(String(r.activity.text)))).toHaveLength(1);
    const invoke = await h.post(cardAction(rita, { verb: 'contract.request', data: {} }));
    expect(invoke.status).toBe(200);
    expect(await invoke.json()).toMatchObject({ value: expect.stringMatching(/faster than I can take them/) });
    clock.advanceMs(60_000);
    const n = inRita().length;
    await h.post(personalMessage(rita, 'help'));
    await waitUntil(() => inRita().length === n + 1, 5_000, 'a normal answer');
    expect(String(inRita().at(-1)!.activity.text ?? '')).not.toMatch(/faster/);
  });

  it('Slack: a command past the limit is acknowledged with "slow down"; a click past it is told once through response_url', async () => {
    for (let i = 0; i < 3; i += 1)
      expect(
        (await slack(slashCommandBody({ userId: 'U0FLOOD', text: 'help', triggerId: trigger(), responseUrl: h.slack.responseUrl(`lim-${i}`) }))).status,
      ).toBe(200);
    const limited = await slack(slashCommandBody({ userId: 'U0FLOOD', text: 'help', triggerId: trigger() }));
    expect(limited.status).toBe(200);
    expect(await limited.json()).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/slow|faster/) });
    const click = await slack(
      blockActionsBody({
        userId: 'U0FLOOD',
        actionId: 'approval.approve',
        value: '{}',
        messageTs: '1.1',
        triggerId: trigger(),
        responseUrl: h.slack.responseUrl('lim-click'),
      }),
    );
    expect(click.status).toBe(200);
    const told = await h.slack.waitForResponse('lim-click');
    expect(told.body).toMatchObject({ response_type: 'ephemeral', text: expect.stringMatching(/faster than it can take them/) });
  });
});

describe('upload limits', () => {
  it('Slack: a second contract file within the hour is refused with a clear message', async () => {
    const file = h.slack.addFile({
      name: 'nda.txt',
      bytes: 'MUTUAL NON-DISCLOSURE AGREEMENT between Acme and Globex. Governed by the laws of England.',
      user: 'U0SAM',
      mimetype: 'text/plain',
    });
    const share = () =>
      eventCallbackBody(directMessageEvent({ userId: 'U0SAM', files: [{ id: file.id, name: file.name, mimetype: 'text/plain' }] }), {
        eventId: `EvUP${trigger()}`,
      });
    expect((await slack(share())).status).toBe(200);
    expect((await slack(share())).status).toBe(200);
    await h.slack.waitFor('chat.postMessage', (c) => /many contract files/.test(String(c.args.text)), 5_000);
  });

  it('Teams: a second file within the hour is refused with a clear message', async () => {
    const maria = h.as(USERS.maria);
    const withFile = () => ({
      ...personalMessage(maria, ''),
      attachments: [
        {
          contentType: 'application/vnd.microsoft.teams.file.download.info',
          name: 'nda.pdf',
          content: { downloadUrl: `${h.connector.url}/files/nda.pdf`, fileType: 'pdf' },
        },
      ],
    });
    await h.post(withFile());
    await h.post(withFile());
    await h.connector.waitFor((r) => r.conversationId === personalConversationId(USERS.maria) && /many contract files/.test(String(r.activity.text)), 5_000);
  });
});

describe('per-IP limits', () => {
  it('a flood from one address gets 429 with a generic body, on both endpoints', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 45; i += 1) statuses.push((await postActivity(h.url, personalMessage(h.as(USERS.otto), 'x'))).status);
    expect(statuses.slice(0, 40).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(40).every((s) => s === 429)).toBe(true);
    const res = await postActivity(h.url, personalMessage(h.as(USERS.otto), 'x'));
    expect(await res.json()).toEqual({ error: 'too many requests' });
    const slackStatuses: number[] = [];
    for (let i = 0; i < 45; i += 1) slackStatuses.push((await fetch(`${h.url}/slack/events`, { method: 'POST', body: 'x' })).status);
    expect(slackStatuses.filter((s) => s === 429)).toHaveLength(5);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });
});
