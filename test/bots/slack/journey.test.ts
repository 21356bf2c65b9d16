import {
  click,
  command,
  event,
  messageWithButton,
  replyText,
  requestValues,
  submitView,
  useSlackService,
  USERS,
  APPROVALS_CHANNEL,
  waitUntil,
} from './slack-harness.js';
import { appHomeOpenedEvent } from '../../support/slack-signing.js';

const h = useSlackService('slack_journey');
const dm = (userId: string) => `D${userId}`;

describe('the Slack journey, end to end through /slack/events', () => {
  it('request → two approval stages → approved → sent for signature → signed and active', async () => {
    // 1. /contract new nda opens the request modal, NDA preselected.
    const opened = await command(h, USERS.rep.id, 'new nda');
    expect(opened.res.status).toBe(200);
    const viewCall = await h.slack.waitFor('views.open');
    const view = viewCall.args.view as { callback_id: string; blocks: Array<{ block_id: string; element?: { initial_option?: { value: string } } }> };
    expect(view.callback_id).toBe('contract_request');
    expect(view.blocks.find((b) => b.block_id === 'template')?.element?.initial_option?.value).toBe('nda-v1');

    // 2. Submitting it is acknowledged with an empty body (the modal closes) ...
    const submitted = await submitView(h, {
      userId: USERS.rep.id,
      callbackId: 'contract_request',
      values: requestValues({
        template: 'nda-v1',
        counterparty: 'Acme GmbH',
        value: '25,000',
        startDate: '2026-04-01',
        termMonths: '12',
        noticePeriodDays: '30',
        governingLaw: 'the laws of England and Wales',
        owner: USERS.rep.id,
      }),
    });
    expect(submitted.status).toBe(200);
    expect(submitted.body).toBeUndefined();

    // ... and then the approval card goes to the approvals channel and Legal's DM.
    const card = await waitUntil(() => messageWithButton(h, APPROVALS_CHANNEL, 'approval.approve'), 10_000, 'stage 1 card');
    expect(card.text).toMatch(/Approval needed: C-\d{4}-\d{4} .*Acme GmbH.*Stage 1 of 2: Legal/);
    const ref = /C-\d{4}-\d{4}/.exec(card.text)![0];
    await waitUntil(() => messageWithButton(h, dm(USERS.legal.id), 'approval.approve'), 5_000, 'Legal DM');

    // The requester gets the reference, what happens next, and the draft as .docx in their DM.
    await waitUntil(() => h.slack.messages(dm(USERS.rep.id)).find((m) => m.text.includes(`Your request is in: ${ref}`)), 5_000, 'requester DM');
    const file = await waitUntil(() => h.slack.files().find((f) => f.name.startsWith(ref) && f.name.endsWith('.docx')), 5_000, 'docx');
    expect(file.channels).toEqual([dm(USERS.rep.id)]);
    expect(file.bytes?.subarray(0, 2).toString()).toBe('PK');

    // 3. Legal approves from the channel card: an ephemeral answer, and the card is updated in place.
    const legal = await click(h, { userId: USERS.legal.id, actionId: 'approval.approve', value: card.value, messageTs: card.ts, channelId: APPROVALS_CHANNEL });
    expect(legal.res.status).toBe(200);
    expect(await replyText(h, legal.replyId)).toMatch(/You approved Stage 1 of 2: Legal/);
    await h.slack.waitFor('chat.update', (c) => c.args.channel === APPROVALS_CHANNEL && c.args.ts === card.ts);

    // 4. Stage 2 (Finance) goes to Fiona and Frank; Fiona approves from her DM.
    const finance = await waitUntil(() => messageWithButton(h, dm(USERS.fiona.id), 'approval.approve'), 5_000, 'Finance DM');
    const fiona = await click(h, {
      userId: USERS.fiona.id,
      actionId: 'approval.approve',
      value: finance.value,
      messageTs: finance.ts,
      channelId: dm(USERS.fiona.id),
    });
    expect(await replyText(h, fiona.replyId)).toMatch(/is approved/);
    const approved = await h.service.ctx.store.contracts.findByRef(ref);
    expect(approved?.status).toBe('approved');

    // The requester is told, and the owner (the requester here) gets "Mark sent for signature".
    await waitUntil(() => h.slack.messages(dm(USERS.rep.id)).find((m) => m.text.includes(`${ref}`) && m.text.includes('is approved')), 5_000, 'approved DM');
    const markSent = await waitUntil(() => messageWithButton(h, dm(USERS.rep.id), 'contract.mark_sent'), 5_000, 'mark sent button');

    // 5. Mark sent: the button message is replaced by the next step, "Mark signed".
    const sent = await click(h, {
      userId: USERS.rep.id,
      actionId: 'contract.mark_sent',
      value: markSent.value,
      messageTs: markSent.ts,
      channelId: dm(USERS.rep.id),
    });
    const replaced = await h.slack.waitForResponse(sent.replyId, () => true, 5_000);
    expect(replaced.body).toMatchObject({ replace_original: true });
    expect(JSON.stringify(replaced.body)).toContain('contract.mark_signed');
    expect((await h.service.ctx.store.contracts.findByRef(ref))?.status).toBe('sent_for_signature');

    // 6. Mark signed opens a modal for the date; submitting it makes the contract active.
    const signValue = JSON.stringify({ contractId: approved!.id });
    const signClick = await click(h, {
      userId: USERS.rep.id,
      actionId: 'contract.mark_signed',
      value: signValue,
      messageTs: markSent.ts,
      channelId: dm(USERS.rep.id),
    });
    const signModal = await h.slack.waitFor('views.open', (c) => (c.args.view as { callback_id: string }).callback_id === 'contract_mark_signed');
    const meta = (signModal.args.view as { private_metadata: string }).private_metadata;
    const signedAck = await submitView(h, {
      userId: USERS.rep.id,
      callbackId: 'contract_mark_signed',
      privateMetadata: meta,
      values: { signed_date: { signed_date: { type: 'datepicker', selected_date: '2026-03-01' } } },
    });
    expect(signedAck.status).toBe(200);
    await h.slack.waitForResponse(signClick.replyId, (p) => JSON.stringify(p.body).includes('signed and active'), 5_000);
    const active = await h.service.ctx.store.contracts.findByRef(ref);
    expect(active).toMatchObject({ status: 'active', signedDate: '2026-03-01' });

    // /contract show lists the approvals and the history.
    const show = await command(h, USERS.rep.id, `show ${ref}`);
    const shown = await replyText(h, show.replyId);
    expect(shown).toContain(ref);
    const showBody = JSON.stringify((await h.slack.waitForResponse(show.replyId)).body);
    expect(showBody).toContain('Round 1');
    expect(showBody).toContain('History');
    expect(showBody).toContain('Signed / active');

    // The Home tab shows the contract under coming deadlines.
    await event(h, appHomeOpenedEvent(USERS.rep.id));
    const home = await waitUntil(() => h.slack.homeView(USERS.rep.id), 5_000, 'home view');
    expect(JSON.stringify(home.blocks)).toContain(ref);
  });
});
