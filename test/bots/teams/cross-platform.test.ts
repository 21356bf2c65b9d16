import { botInstalled, cardAction, personalConversationId } from '../../support/bot-activity.js';
import { blockActionsBody, postToSlack } from '../../support/slack-signing.js';
import { cardOf, cardText, invokeBody, requestInTeams, SLACK_SECRET, useTeamsService, USERS, waitUntil } from './teams-harness.js';

const h = useTeamsService('teams_cross');

interface SlackBlock {
  elements?: Array<{ action_id?: string; value?: string }>;
}

/** The approve button on the newest Slack message in a channel that carries one. */
function slackApproveButton(channel: string): { ts: string; value: string; text: string } | undefined {
  for (const m of h.slack.messages(channel).reverse()) {
    const blocks = (Array.isArray(m.blocks) ? m.blocks : []) as SlackBlock[];
    for (const b of blocks)
      for (const e of b.elements ?? []) if (e.action_id === 'approval.approve' && e.value) return { ts: m.ts, value: e.value, text: m.text };
  }
  return undefined;
}

describe('one desk across Slack and Teams', () => {
  it('a contract requested in Teams is approved by a Slack approver (signed request into /slack/events); the Teams requester is told', async () => {
    await h.post(botInstalled(h.as(USERS.rita)));
    // MSAs go to Sam, who is only on Slack.
    const ref = await requestInTeams(h, USERS.rita, { title: 'Initrode MSA', template: 'msa-v1', counterparty: 'Initrode', value: '12,000' });
    const card = await waitUntil(() => slackApproveButton('DU0SAM'), 5_000, "Sam's Slack DM");
    expect(card.text).toContain(ref);

    const res = await postToSlack(
      h.url,
      blockActionsBody({
        userId: 'U0SAM',
        userName: 'sam',
        channelId: 'DU0SAM',
        actionId: 'approval.approve',
        value: card.value,
        messageTs: card.ts,
        responseUrl: h.slack.responseUrl('sam-approve'),
      }),
      { secret: SLACK_SECRET },
    );
    expect(res.status).toBe(200);
    await waitUntil(async () => (await h.service.ctx.store.contracts.findByRef(ref))?.status === 'approved', 5_000, 'the contract to be approved');

    // Rita, in Teams, is told proactively; the decider is named as the policy knows him.
    const told = await h.connector.waitFor(
      (r) =>
        r.kind === 'send' &&
        r.conversationId === personalConversationId(USERS.rita) &&
        cardText(cardOf(r)).includes(`${ref}`) &&
        cardText(cardOf(r)).includes('is approved'),
      5_000,
    );
    expect(cardText(cardOf(told))).toContain('Sam Slack');
    // Sam's Slack card was updated in place.
    await h.slack.waitFor('chat.update', (c) => c.args.ts === card.ts);
  });

  it('someone the policy knows by Slack id and e-mail can approve from Teams: the roster e-mail makes them one person', async () => {
    const ref = await requestInTeams(h, USERS.rita, { title: 'Vandelay MSA', template: 'msa-v1', counterparty: 'Vandelay', value: '9,000' });
    const slackCard = await waitUntil(() => slackApproveButton('DU0SAM'), 5_000, "Sam's Slack DM");
    expect(slackCard.text).toContain(ref);
    const data = JSON.parse(slackCard.value) as Record<string, unknown>;
    const answer = await invokeBody(
      await h.post(cardAction(h.as(USERS.sam), { verb: 'approval.approve', data: { roundId: data.roundId, stage: String(data.stage) } })),
    );
    expect(cardText(answer.value)).toContain('approved by Sam Slack');
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('approved');
    // The Slack copy of the card is updated too.
    await h.slack.waitFor('chat.update', (c) => c.args.ts === slackCard.ts);
  });
});
