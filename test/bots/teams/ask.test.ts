import { cardAction, channelMention, personalConversationId, personalMessage, type TestActivity } from '../../support/bot-activity.js';
import { contractDocx, scannedPdf } from '../../infra/documents/contract-files.js';
import { contractWithDates } from '../../core/ask/contract-texts.js';
import { APPROVALS_CHANNEL, cardInputs, cardText, executeActions, invokeBody, useTeamsService, USERS } from './teams-harness.js';
import { useTeamsFileHost, say as sayIn } from './teams-file-host.js';

const h = useTeamsService('teams_ask');

const { withFile } = useTeamsFileHost();
const say = (activity: TestActivity) => sayIn(h, activity);

describe('Ask Clause in Teams, end to end through /api/messages', () => {
  it('upload a DOCX in the personal chat → correct and confirm its terms → ask a structured and a wording question', async () => {
    const { text, endDate } = contractWithDates(new Date());
    const docx = await contractDocx('Master Services Agreement', text);

    // 1. The attached file comes back as proposed terms with Confirm / Edit.
    const proposal = await say(withFile(personalMessage(h.as(USERS.rita), ''), 'acme-msa.docx', docx));
    expect(proposal.text).toContain('Acme Corp');
    expect(proposal.text).toContain('sixty (60) days');
    const actions = executeActions(proposal.card);
    expect(actions.map((a) => a.verb)).toEqual(['terms.confirm', 'terms.edit']);
    const data = actions[0]!.data;

    // 2. Edit shows the form, prefilled; a bad value is shown on its field and nothing is saved.
    const edit = await invokeBody(await h.post(cardAction(h.as(USERS.rita), { verb: 'terms.edit', data })));
    const inputs = cardInputs(edit.value);
    expect(inputs.counterparty?.value).toBe('Acme Corp');
    expect(inputs.noticePeriodDays?.value).toBe('60');
    const values = Object.fromEntries(Object.entries(inputs).map(([k, v]) => [k, String(v.value ?? '')]));
    const bad = await invokeBody(
      await h.post(cardAction(h.as(USERS.rita), { verb: 'contract.terms_edit', data: { ...data, ...values, noticePeriodDays: 'soon' } })),
    );
    expect(cardText(bad.value)).toMatch(/Notice period .*number/i);
    const done = await invokeBody(
      await h.post(cardAction(h.as(USERS.rita), { verb: 'contract.terms_edit', data: { ...data, ...values, noticePeriodDays: '45' } })),
    );
    const ref = /C-\d{4}-\d{4}/.exec(cardText(done.value))![0];
    expect(cardText(done.value)).toContain('as an active contract');
    const contract = await h.service.ctx.store.contracts.findByRef(ref);
    expect(contract).toMatchObject({ status: 'active', counterparty: 'Acme Corp', endDate, noticePeriodDays: 45 });
    // A second Confirm (another device, a double click) creates nothing new.
    const again = await invokeBody(await h.post(cardAction(h.as(USERS.rita), { verb: 'terms.confirm', data })));
    expect(cardText(again.value)).toContain(`already confirmed as ${ref}`);

    // 3. Structured: exact from the database.
    const renewals = await say(personalMessage(h.as(USERS.rita), 'contract ask which renewals are due in the next 12 months?'));
    expect(renewals.text).toContain(`${ref} Master Services Agreement (Acme Corp): notice deadline`);
    expect(renewals.text).toContain(`(45 days), term ends ${endDate}`);

    // 4. Wording, as a plain question in the personal chat: quoted with contract and section.
    const wording = await say(personalMessage(h.as(USERS.rita), 'Can we terminate the Acme MSA for convenience?'));
    expect(wording.text).toContain(`${ref} Master Services Agreement`);
    expect(wording.text).toContain('terminate this Agreement for convenience');
    expect(wording.text).toContain('TERMINATION');

    // 5. An @mention in a channel is answered too.
    const mention = await say(channelMention(h.as(USERS.rita), 'what is the governing law of the Acme MSA?', APPROVALS_CHANNEL));
    expect(mention.text).toContain('New York');

    // 6. Someone who may not see the contract gets nothing from it.
    const otto = await say(personalMessage(h.as(USERS.otto), 'Can we terminate the Acme MSA for convenience?'));
    expect(otto.text).toMatch(/I found nothing in the contract text you can see/);
    expect(otto.text).not.toContain(ref);
    expect(
      h.connector
        .activities()
        .filter((a) => a.conversationId === personalConversationId(USERS.otto))
        .map((a) => JSON.stringify(a.activity)),
    ).not.toContainEqual(expect.stringContaining('convenience upon thirty'));
  });

  it('explains a scanned PDF, and still lists the commands for a mistyped one', async () => {
    const scan = await say(withFile(personalMessage(h.as(USERS.maria), ''), 'scan.pdf', await scannedPdf()));
    expect(scan.text).toContain('this PDF has no text layer — it looks scanned; upload a text PDF or DOCX');
    const typo = await say(personalMessage(h.as(USERS.maria), 'contract frobnicate'));
    expect(typo.text).toContain('I don\'t know "contract frobnicate"');
  });
});
