import {
  APPROVALS_CHANNEL,
  click,
  messageWithButton,
  replyText,
  requestThroughModal,
  requestValues,
  submitView,
  useSlackService,
  USERS,
  waitUntil,
} from './slack-harness.js';

const h = useSlackService('slack_approvals');
const dm = (userId: string) => `D${userId}`;
const onCard = (card: { ts: string; value: string }, userId: string, actionId = 'approval.approve') => ({
  userId,
  actionId,
  value: card.value,
  messageTs: card.ts,
  channelId: APPROVALS_CHANNEL,
});

describe('approval clicks in Slack', () => {
  it('rejects with a required reason, then the requester revises and resubmits; the old card is stale', async () => {
    const { ref, card, roundId } = await requestThroughModal(h, USERS.rep.id, 'Rejecto Ltd');

    // Reject opens a modal asking why.
    const rejectClick = await click(h, onCard(card, USERS.legal.id, 'approval.reject'));
    expect(rejectClick.res.status).toBe(200);
    const modal = await h.slack.waitFor('views.open', (c) => (c.args.view as { callback_id: string }).callback_id === 'approval_reject_reason');
    const meta = (modal.args.view as { private_metadata: string }).private_metadata;
    expect(JSON.parse(meta)).toMatchObject({ context: { roundId, stage: '0' } });

    // An empty reason is refused in the modal; nothing is recorded.
    const empty = await submitView(h, {
      userId: USERS.legal.id,
      callbackId: 'approval_reject_reason',
      privateMetadata: meta,
      values: { reason: { reason: { type: 'plain_text_input', value: '  ' } } },
    });
    expect(empty.body).toEqual({ response_action: 'errors', errors: { reason: expect.stringMatching(/reason is required/) } });
    expect(await h.service.ctx.approvals.approvals.listDecisions(roundId)).toHaveLength(0);

    const reason = 'Liability cap must be 12 months of fees';
    const ok = await submitView(h, {
      userId: USERS.legal.id,
      callbackId: 'approval_reject_reason',
      privateMetadata: meta,
      values: { reason: { reason: { type: 'plain_text_input', value: reason } } },
    });
    expect(ok.status).toBe(200);
    expect(await replyText(h, rejectClick.replyId)).toMatch(/You rejected/);
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('rejected');
    // The card shows the rejection with the reason, in place.
    await h.slack.waitFor('chat.update', (c) => c.args.ts === card.ts && String(c.args.text).includes(reason));

    // The requester hears why and gets "Revise and resubmit".
    await waitUntil(() => h.slack.messages(dm(USERS.rep.id)).find((m) => m.text.includes(ref) && m.text.includes(reason)), 5_000, 'rejection DM');
    const resubmit = await waitUntil(() => messageWithButton(h, dm(USERS.rep.id), 'contract.resubmit', (t) => t.includes(ref)), 5_000, 'resubmit button');
    // It asks what changed (required), then starts round 2 on a new version.
    const resubmitted = await click(h, {
      userId: USERS.rep.id,
      actionId: 'contract.resubmit',
      value: resubmit.value,
      messageTs: resubmit.ts,
      channelId: dm(USERS.rep.id),
    });
    const form = await h.slack.waitFor('views.open', (c) => (c.args.view as { callback_id: string }).callback_id === 'contract_resubmit');
    const formMeta = (form.args.view as { private_metadata: string }).private_metadata;
    const noNote = await submitView(h, {
      userId: USERS.rep.id,
      callbackId: 'contract_resubmit',
      privateMetadata: formMeta,
      values: { change_note: { change_note: { type: 'plain_text_input', value: '' } } },
    });
    expect(noNote.body).toMatchObject({ response_action: 'errors', errors: { change_note: expect.stringMatching(/what changed/) } });
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('rejected');
    const note = 'Capped liability at 12 months of fees';
    const withNote = await submitView(h, {
      userId: USERS.rep.id,
      callbackId: 'contract_resubmit',
      privateMetadata: formMeta,
      values: { change_note: { change_note: { type: 'plain_text_input', value: note } } },
    });
    expect(withNote.status).toBe(200);
    const replaced = await h.slack.waitForResponse(resubmitted.replyId, () => true, 5_000);
    expect(replaced.body).toMatchObject({ replace_original: true, text: expect.stringMatching(/approval round 2 has started/) });
    const contract = await h.service.ctx.store.contracts.findByRef(ref);
    expect(contract).toMatchObject({ status: 'in_review' });
    expect(contract?.versions).toHaveLength(2);
    expect(contract?.versions[1]?.note).toBe(note);

    // A new card for round 2 is posted; a click on the old round-1 card changes nothing.
    const round2 = await waitUntil(
      () => {
        const newest = messageWithButton(h, APPROVALS_CHANNEL, 'approval.approve', (t) => t.includes('Rejecto Ltd'));
        return newest && newest.value !== card.value ? newest : undefined;
      },
      5_000,
      'round 2 card',
    );
    expect(JSON.parse(round2.value).roundId).not.toBe(roundId);
    const stale = await click(h, onCard(card, USERS.legal.id));
    expect(await replyText(h, stale.replyId)).toMatch(/older round|resubmitted/);
    expect(await h.service.ctx.approvals.approvals.listDecisions(roundId)).toHaveLength(1);
  });

  it('refuses a non-approver and a requester who is also an approver, changing nothing', async () => {
    const { card, roundId } = await requestThroughModal(h, USERS.rep.id, 'Outsider Corp');
    const outsider = await click(h, onCard(card, USERS.outsider.id));
    expect(outsider.res.status).toBe(200);
    expect(await replyText(h, outsider.replyId)).toMatch(/not an approver/);
    const ephemeral = h.slack.responses(outsider.replyId)[0]!.body as Record<string, unknown>;
    expect(ephemeral).toMatchObject({ response_type: 'ephemeral', replace_original: false });

    const requester = await click(h, onCard(card, USERS.rep.id));
    expect(await replyText(h, requester.replyId)).toMatch(/not an approver/);
    expect(await h.service.ctx.approvals.approvals.listDecisions(roundId)).toHaveLength(0);

    // Fiona requests one herself: she is in the Finance group, so Frank must approve that stage, not her.
    const own = await requestThroughModal(h, USERS.fiona.id, 'Self Dealing LLC');
    const legal = await click(h, onCard(own.card, USERS.legal.id));
    expect(await replyText(h, legal.replyId)).toMatch(/You approved/);
    const stage2 = await waitUntil(
      () => messageWithButton(h, APPROVALS_CHANNEL, 'approval.approve', (t) => t.includes('Self Dealing') && t.includes('Stage 2')),
      5_000,
      'stage 2 card',
    );
    const self = await click(h, onCard(stage2, USERS.fiona.id));
    expect(await replyText(h, self.replyId)).toMatch(/You requested or own/);
    expect((await h.service.ctx.approvals.approvals.listDecisions(own.roundId)).filter((d) => d.stageIndex === 1)).toHaveLength(0);

    // A contract whose only approver would be its requester is refused before anything is stored.
    const before = await h.service.ctx.store.contracts.count({});
    await submitView(h, {
      userId: USERS.legal.id,
      callbackId: 'contract_request',
      values: requestValues({
        template: 'nda-v1',
        counterparty: 'Never Approvable',
        startDate: '2026-04-01',
        termMonths: '12',
        noticePeriodDays: '30',
        governingLaw: 'the laws of England and Wales',
        owner: USERS.legal.id,
      }),
    });
    await waitUntil(() => h.slack.messages(dm(USERS.legal.id)).find((m) => m.text.includes('could never be approved')), 5_000, 'refusal DM');
    expect(await h.service.ctx.store.contracts.count({})).toBe(before);
  });

  it('records a double click once, and of two simultaneous approvals exactly one', async () => {
    const { ref, card, roundId } = await requestThroughModal(h, USERS.rep.id, 'Double Click Inc');
    const [a, b] = await Promise.all([click(h, onCard(card, USERS.legal.id)), click(h, onCard(card, USERS.legal.id))]);
    const answers = [await replyText(h, a.replyId), await replyText(h, b.replyId)];
    expect(answers.filter((t) => /^You approved/.test(t))).toHaveLength(1);
    expect(answers.filter((t) => /already|just approved/.test(t))).toHaveLength(1);
    expect((await h.service.ctx.approvals.approvals.listDecisions(roundId)).filter((d) => d.stageIndex === 0)).toHaveLength(1);

    // Stage 2 has one Finance slot that Fiona or Frank may fill: both click at the same moment.
    const fionaCard = await waitUntil(
      () => messageWithButton(h, dm(USERS.fiona.id), 'approval.approve', (t) => t.includes('Double Click')),
      5_000,
      'Fiona card',
    );
    const frankCard = await waitUntil(
      () => messageWithButton(h, dm(USERS.frank.id), 'approval.approve', (t) => t.includes('Double Click')),
      5_000,
      'Frank card',
    );
    const [f1, f2] = await Promise.all([
      click(h, { userId: USERS.fiona.id, actionId: 'approval.approve', value: fionaCard.value, messageTs: fionaCard.ts, channelId: dm(USERS.fiona.id) }),
      click(h, { userId: USERS.frank.id, actionId: 'approval.approve', value: frankCard.value, messageTs: frankCard.ts, channelId: dm(USERS.frank.id) }),
    ]);
    const finance = [await replyText(h, f1.replyId), await replyText(h, f2.replyId)];
    expect(finance.filter((t) => /^You approved/.test(t))).toHaveLength(1);
    expect(finance.filter((t) => /already|just/.test(t))).toHaveLength(1);
    expect((await h.service.ctx.approvals.approvals.listDecisions(roundId)).filter((d) => d.stageIndex === 1)).toHaveLength(1);
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('approved');

    // The owner is sent one "Mark sent for signature" message, not two.
    // decideApproval sends the requester's update before the click is answered, and both clicks
    // have been answered above: every message either click sends is already at the emulator.
    await waitUntil(() => messageWithButton(h, dm(USERS.rep.id), 'contract.mark_sent', (t) => t.includes(ref)), 5_000, 'mark sent');
    expect(h.slack.messages(dm(USERS.rep.id)).filter((m) => m.text.includes(ref) && /Mark sent|send it to the counterparty/.test(m.text))).toHaveLength(1);
  });
});
