import { click, command, event, messageWithButton, replyText, submitView, useSlackService, USERS, waitUntil } from './slack-harness.js';
import { directMessageEvent } from '../../support/slack-signing.js';
import { scannedPdf, textPdf } from '../../infra/documents/contract-files.js';
import { contractWithDates, GLOBEX_NDA } from '../../core/ask/contract-texts.js';

const h = useSlackService('slack_ask');
const dm = (userId: string) => `D${userId}`;
const lastDm = (userId: string, predicate: (text: string) => boolean) =>
  h.slack
    .messages(dm(userId))
    .map((m) => ({ text: m.text, blocks: JSON.stringify(m.blocks ?? []) }))
    .filter((m) => predicate(`${m.text}\n${m.blocks}`))
    .at(-1);

describe('Ask Clause in Slack, end to end through /slack/events', () => {
  it('upload a contract in a DM → confirm its terms → ask a structured and a wording question → answers with citations', async () => {
    const { text, endDate } = contractWithDates(new Date());
    const file = h.slack.addFile({ name: 'acme-msa.pdf', bytes: Buffer.from(await textPdf(text)), user: USERS.rep.id, mimetype: 'application/pdf' });

    // 1. The file shared in the DM comes back as proposed terms with their source sentences.
    const shared = await event(
      h,
      directMessageEvent({ userId: USERS.rep.id, files: [{ id: file.id, name: file.name, url_private_download: file.url_private_download, size: file.size }] }),
    );
    expect(shared.status).toBe(200);
    const proposal = await waitUntil(() => messageWithButton(h, dm(USERS.rep.id), 'terms.confirm'), 10_000, 'proposed terms');
    expect(proposal.text).toContain('Acme Corp');
    const blocks = JSON.stringify(h.slack.messages(dm(USERS.rep.id)).at(-1)?.blocks);
    expect(blocks).toContain('sixty (60) days');
    expect(blocks).toContain('terms.edit');

    // 2. Confirm: the contract is saved (once) and the proposal message says so.
    const confirmed = await click(h, {
      userId: USERS.rep.id,
      actionId: 'terms.confirm',
      value: proposal.value,
      messageTs: proposal.ts,
      channelId: dm(USERS.rep.id),
    });
    const replaced = await h.slack.waitForResponse(confirmed.replyId, () => true, 10_000);
    expect(replaced.body).toMatchObject({ replace_original: true });
    const ref = /C-\d{4}-\d{4}/.exec(String((replaced.body as { text: string }).text))![0];
    const again = await click(h, {
      userId: USERS.rep.id,
      actionId: 'terms.confirm',
      value: proposal.value,
      messageTs: proposal.ts,
      channelId: dm(USERS.rep.id),
    });
    expect(String(((await h.slack.waitForResponse(again.replyId, () => true, 10_000)).body as { text: string }).text)).toContain(`already confirmed as ${ref}`);
    const contract = await h.service.ctx.store.contracts.findByRef(ref);
    expect(contract).toMatchObject({ status: 'active', counterparty: 'Acme Corp', endDate, noticePeriodDays: 60, autoRenews: true });

    // 3. A structured question through /contract ask: exact, from the database.
    const renewals = await command(h, USERS.rep.id, 'ask which renewals are due in the next 12 months?');
    const renewalsText = await replyText(h, renewals.replyId, 10_000);
    expect(renewalsText).toContain(`${ref} Master Services Agreement (Acme Corp)`);
    expect(renewalsText).toContain(`term ends ${endDate}`);

    // 4. A wording question in the DM: the sentence, with the contract and section.
    await event(h, directMessageEvent({ userId: USERS.rep.id, text: 'Can we terminate the Acme MSA for convenience?' }));
    const answer = await waitUntil(() => lastDm(USERS.rep.id, (t) => t.includes('terminate this Agreement for convenience')), 10_000, 'wording answer');
    expect(answer.text).toContain(`${ref} Master Services Agreement, 4. TERMINATION`);

    // 5. An @mention in a channel: answered to the asker only.
    await event(h, {
      type: 'app_mention',
      channel: 'C0GENERAL',
      user: USERS.rep.id,
      text: '<@UBOTCLAUSE> what is the governing law of the Acme MSA?',
      ts: '1.1',
    });
    const ephemeral = await waitUntil(
      () => h.slack.ephemerals().find((e) => e.user === USERS.rep.id && (e.text ?? '').includes('New York')),
      10_000,
      'mention answer',
    );
    expect(ephemeral.channel).toBe('C0GENERAL');
    expect(h.slack.messages('C0GENERAL')).toHaveLength(0);

    // 6. Someone who may not see the contract gets nothing from it.
    await event(h, directMessageEvent({ userId: USERS.outsider.id, text: 'Can we terminate the Acme MSA for convenience?' }));
    const outsider = await waitUntil(() => lastDm(USERS.outsider.id, () => true), 10_000, 'outsider answer');
    expect(outsider.text).toMatch(/I found nothing in the contract text you can see/);
    expect(outsider.text).not.toContain(ref);
  });

  it('Edit opens the terms prefilled; a bad value is shown on its field, a good one saves the contract', async () => {
    const file = h.slack.addFile({ name: 'globex-nda.txt', bytes: GLOBEX_NDA, user: USERS.fiona.id });
    await event(h, directMessageEvent({ userId: USERS.fiona.id, files: [{ id: file.id, name: file.name, url_private_download: file.url_private_download }] }));
    const proposal = await waitUntil(() => messageWithButton(h, dm(USERS.fiona.id), 'terms.edit'), 10_000, 'proposed terms');
    const edit = await click(h, {
      userId: USERS.fiona.id,
      actionId: 'terms.edit',
      value: proposal.value,
      messageTs: proposal.ts,
      channelId: dm(USERS.fiona.id),
    });
    const opened = await h.slack.waitFor('views.open', (c) => JSON.stringify(c.args.view).includes('contract_terms_edit'), 10_000);
    const view = opened.args.view as { private_metadata: string; blocks: Array<{ block_id: string; element: { initial_value?: string } }> };
    const initial = Object.fromEntries(view.blocks.map((b) => [b.block_id, b.element.initial_value ?? '']));
    expect(initial).toMatchObject({ counterparty: 'Globex Corporation', endDate: '2027-03-01', governingLaw: 'Delaware' });
    const values = (overrides: Record<string, string>) =>
      Object.fromEntries(Object.entries({ ...initial, ...overrides }).map(([k, v]) => [k, { [k]: { type: 'plain_text_input', value: v || null } }]));

    const bad = await submitView(h, {
      userId: USERS.fiona.id,
      callbackId: 'contract_terms_edit',
      privateMetadata: view.private_metadata,
      values: values({ noticePeriodDays: 'a month' }),
    });
    expect(bad.body).toMatchObject({ response_action: 'errors', errors: { noticePeriodDays: expect.any(String) } });
    const good = await submitView(h, {
      userId: USERS.fiona.id,
      callbackId: 'contract_terms_edit',
      privateMetadata: view.private_metadata,
      values: values({ noticePeriodDays: '30', value: 'USD 5,000' }),
    });
    expect(good.body).toBeUndefined();
    // The proposal message (the Edit button's response_url) is replaced by the confirmation.
    const saved = await h.slack.waitForResponse(edit.replyId, (p) => JSON.stringify(p.body).includes('as an active contract'), 10_000);
    expect(saved.body).toMatchObject({ replace_original: true });
    const ref = /C-\d{4}-\d{4}/.exec(JSON.stringify(saved.body))![0];
    expect(await h.service.ctx.store.contracts.findByRef(ref)).toMatchObject({
      counterparty: 'Globex Corporation',
      noticePeriodDays: 30,
      value: { amountMinor: 500_000, currency: 'USD' },
    });
  });

  it('says what is wrong with a scanned PDF, and how /contract import works', async () => {
    const scan = h.slack.addFile({ name: 'scan.pdf', bytes: Buffer.from(await scannedPdf()), user: USERS.legal.id });
    await event(h, directMessageEvent({ userId: USERS.legal.id, files: [{ id: scan.id, name: scan.name, url_private_download: scan.url_private_download }] }));
    const reply = await waitUntil(() => lastDm(USERS.legal.id, (t) => t.includes('no text layer')), 10_000, 'scan refusal');
    expect(reply.text).toBe('this PDF has no text layer — it looks scanned; upload a text PDF or DOCX');
    // The bot token is only ever sent to Slack: a download link elsewhere is refused.
    await event(
      h,
      directMessageEvent({
        userId: USERS.legal.id,
        files: [{ id: 'F0ELSEWHERE', name: 'x.pdf', url_private_download: 'https://files.attacker.example/x.pdf' }],
      }),
    );
    await waitUntil(() => lastDm(USERS.legal.id, (t) => t.includes('Slack did not give Clause a download link for x.pdf')), 10_000, 'foreign link refusal');
    const how = await command(h, USERS.legal.id, 'import');
    expect(how.res.status).toBe(200);
    await waitUntil(() => lastDm(USERS.legal.id, (t) => t.includes('Send me the contract file')), 5_000, 'import help');
  });
});
