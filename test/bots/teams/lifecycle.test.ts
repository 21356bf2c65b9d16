import { botInstalled, cardAction, personalConversationId } from '../../support/bot-activity.js';
import { approvalCardFor, cardInputs, cardOf, cardText, executeActions, invokeBody, requestInTeams, useTeamsService, USERS } from './teams-harness.js';

const h = useTeamsService('teams_lifecycle');

const click = async (user: typeof USERS.maria, verb: string, data: Record<string, unknown>) => invokeBody(await h.post(cardAction(h.as(user), { verb, data })));
const today = () => new Date().toISOString().slice(0, 10);

/** The newest card in Rita's chat that offers this verb. */
const nextStepFor = (ref: string, verb: string) =>
  h.connector.waitFor(
    (r) =>
      r.conversationId === personalConversationId(USERS.rita) && cardText(cardOf(r)).includes(ref) && executeActions(cardOf(r)).some((a) => a.verb === verb),
  );

beforeAll(async () => {
  for (const u of [USERS.rita, USERS.maria, USERS.otto]) await h.post(botInstalled(h.as(u)));
});

describe('after the decision, in Teams', () => {
  it('approved → the owner marks it sent for signature → signed (with the date) → active; others are refused', async () => {
    const ref = await requestInTeams(h, USERS.rita, { title: 'Signed NDA' });
    const card = await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    await click(USERS.maria, 'approval.approve', card.data);

    const next = await nextStepFor(ref, 'contract.mark_sent');
    const markSent = executeActions(cardOf(next)).find((a) => a.verb === 'contract.mark_sent')!;
    const sent = await click(USERS.rita, 'contract.mark_sent', markSent.data);
    expect(cardText(sent.value)).toContain('is out for signature');
    expect(cardInputs(sent.value).signed_date).toMatchObject({ isRequired: true });
    const markSigned = executeActions(sent.value).find((a) => a.verb === 'contract.mark_signed')!;
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('sent_for_signature');

    const otto = await click(USERS.otto, 'contract.mark_signed', { ...markSigned.data, signed_date: today() });
    expect(cardText(otto.value)).toMatch(/⚠ /);
    const future = await click(USERS.rita, 'contract.mark_signed', { ...markSigned.data, signed_date: '2999-01-01' });
    expect(cardText(future.value)).toContain('is in the future');
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('sent_for_signature');

    const signed = await click(USERS.rita, 'contract.mark_signed', { ...markSigned.data, signed_date: today() });
    expect(cardText(signed.value)).toContain('is signed and active');
    expect(await h.service.ctx.store.contracts.findByRef(ref)).toMatchObject({ status: 'active', signedDate: today() });
  });

  it('rejected → the requester revises and resubmits → a new round reaches the approver', async () => {
    const ref = await requestInTeams(h, USERS.rita, { title: 'Resubmitted NDA' });
    const card = await approvalCardFor(h, ref, personalConversationId(USERS.maria));
    await click(USERS.maria, 'approval.reject', { ...card.data, reason: 'Notice must be 60 days' });

    const next = await nextStepFor(ref, 'contract.resubmit');
    const resubmit = executeActions(cardOf(next)).find((a) => a.verb === 'contract.resubmit')!;
    // A note on what changed is required, as in Slack: without one the form asks for it.
    const asked = await click(USERS.rita, 'contract.resubmit', { ...resubmit.data, change_note: '' });
    expect(cardText(asked.value)).toContain('say what changed');
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('rejected');
    const answer = await click(USERS.rita, 'contract.resubmit', { ...resubmit.data, change_note: 'Notice is now 60 days' });
    expect(cardText(answer.value)).toContain('approval round 2');
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('in_review');
    const round2 = await h.connector.waitFor(
      (r) =>
        r.conversationId === personalConversationId(USERS.maria) && cardText(cardOf(r)).includes(`${ref} · round 2`) && executeActions(cardOf(r)).length > 0,
    );
    expect(round2).toBeDefined();
  });
});
