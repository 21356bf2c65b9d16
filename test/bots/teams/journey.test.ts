import { botInstalled, cardAction, personalConversationId, personalMessage } from '../../support/bot-activity.js';
import { APPROVALS_CHANNEL, cardInputs, cardOf, cardText, executeActions, invokeBody, useTeamsService, USERS, waitUntil } from './teams-harness.js';

const h = useTeamsService('teams_journey');

describe('the Teams journey, through POST /api/messages and the Bot Connector', () => {
  it('contract new → form → submit → approval card → approve (Action.Execute) → refreshed → approved → requester told', async () => {
    // The bot is installed for Rita and in the team that has the approvals channel; Maria never
    // talked to it, so her card goes to a new 1:1 chat (her tenant is known).
    expect((await h.post(botInstalled(h.as(USERS.rita)))).status).toBe(200);
    expect((await h.post(botInstalled(h.as(USERS.rita), APPROVALS_CHANNEL))).status).toBe(200);
    expect(cardText(cardOf(h.connector.activities().at(-1)))).toContain('contract new');

    // 1. "contract new" answers with the request form.
    await h.post(personalMessage(h.as(USERS.rita), 'contract new'));
    const formRecord = h.connector.activities().at(-1)!;
    expect(formRecord.conversationId).toBe(personalConversationId(USERS.rita));
    const form = cardOf(formRecord)!;
    expect(form.version).toBe('1.5');
    const inputs = cardInputs(form);
    expect(inputs.counterparty).toMatchObject({ type: 'Input.Text', isRequired: true });
    expect(inputs.counterparty!.errorMessage).toBeTruthy();
    expect(inputs.template).toMatchObject({ type: 'Input.ChoiceSet', isRequired: true });
    expect((inputs.template!.choices as Array<{ value: string }>).map((c) => c.value)).toEqual(expect.arrayContaining(['nda-v1', 'msa-v1']));
    expect(inputs.start_date).toMatchObject({ type: 'Input.Date' });
    const [submit] = executeActions(form);
    expect(submit).toMatchObject({ verb: 'contract.request', associatedInputs: 'auto' });

    // 2. Submitting it: the form is replaced by a confirmation with the reference.
    const submitted = await invokeBody(
      await h.post(
        cardAction(h.as(USERS.rita), {
          verb: 'contract.request',
          replyToId: formRecord.activityId,
          data: {
            ...submit!.data,
            title: 'Initech mutual NDA',
            template: 'nda-v1',
            counterparty: 'Initech',
            value: '',
            currency: 'USD',
            start_date: '2026-12-01',
            term_months: '24',
            notice_period_days: '30',
            governing_law: 'England and Wales',
            auto_renews: 'false',
          },
        }),
      ),
    );
    expect(submitted.type).toBe('application/vnd.microsoft.card.adaptive');
    const confirmation = cardText(submitted.value);
    expect(confirmation).toMatch(/Requested C-\d{4}-\d{4}/);
    expect(confirmation).toContain('Waiting on Stage 1 of 1: Manager');
    const ref = /C-\d{4}-\d{4}/.exec(confirmation)![0];
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('in_review');

    // 3. The approval card goes to Maria (a new 1:1 chat, addressed by her AAD id) and the channel.
    const created = await waitUntil(
      () => h.connector.conversations().find((c) => JSON.stringify(c.parameters).includes('aad-maria')),
      5_000,
      'a 1:1 chat with Maria',
    );
    expect(created.parameters).toMatchObject({ isGroup: false, tenantId: 'tenant-clause', members: [{ id: 'aad-maria' }] });
    const mariaCard = await h.connector.waitFor((r) => r.conversationId === created.id && executeActions(cardOf(r)).some((a) => a.verb === 'approval.approve'));
    const channelCard = await h.connector.waitFor((r) => r.conversationId === APPROVALS_CHANNEL.channelId && executeActions(cardOf(r)).length > 0);
    expect(cardText(cardOf(mariaCard))).toContain(ref);
    const actions = executeActions(cardOf(mariaCard));
    expect(actions.map((a) => a.verb)).toEqual(['approval.approve', 'approval.reject']);
    const approve = actions[0]!;
    expect(approve.data).toMatchObject({ stage: '0' });
    // Reject sits behind a ShowCard with a required reason.
    expect(cardInputs(cardOf(mariaCard)).reason).toMatchObject({ type: 'Input.Text', isRequired: true });

    // 4. Maria approves with Action.Execute: the response is the refreshed card, for her.
    const approved = await invokeBody(
      await h.post(cardAction(h.as(USERS.maria), { verb: 'approval.approve', data: approve.data, replyToId: mariaCard.activityId })),
    );
    expect(approved.type).toBe('application/vnd.microsoft.card.adaptive');
    const approvedText = cardText(approved.value);
    expect(approvedText).toMatch(/Approved: Initech mutual NDA/);
    expect(approvedText).toContain('approved by Maria Manager');
    expect(executeActions(approved.value)).toHaveLength(0);
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('approved');

    // 5. Every posted copy is updated in place (PUT), for every viewer.
    for (const copy of [mariaCard, channelCard]) {
      const update = await h.connector.waitFor((r) => r.kind === 'update' && r.activityId === copy.activityId && cardText(cardOf(r)).includes('Approved'));
      expect(executeActions(cardOf(update))).toHaveLength(0);
    }

    // 6. Rita is told proactively, in her personal chat.
    const told = await h.connector.waitFor(
      (r) =>
        r.kind === 'send' &&
        r.conversationId === personalConversationId(USERS.rita) &&
        JSON.stringify(r.activity).includes(`${ref}`) &&
        JSON.stringify(r.activity).includes('is approved'),
    );
    expect(told).toBeDefined();
  });
});
