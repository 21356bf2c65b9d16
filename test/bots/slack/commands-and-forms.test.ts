import { appHomeOpenedEvent } from '../../support/slack-signing.js';
import {
  buttonValue,
  click,
  command,
  event,
  replyText,
  requestThroughModal,
  requestValues,
  submitView,
  useSlackService,
  USERS,
  waitUntil,
} from './slack-harness.js';

const h = useSlackService('slack_commands');

const valid = {
  template: 'msa-v1',
  counterparty: 'Form Checkers Ltd',
  value: '50,000',
  startDate: '2026-05-01',
  termMonths: '24',
  noticePeriodDays: '60',
  governingLaw: 'the laws of the State of New York',
  owner: USERS.rep.id,
};

async function errorsFor(fields: Parameters<typeof requestValues>[0]) {
  const res = await submitView(h, { userId: USERS.rep.id, callbackId: 'contract_request', values: requestValues(fields) });
  expect(res.status).toBe(200);
  return (res.body as { response_action: string; errors: Record<string, string> } | undefined)?.errors;
}

describe('the request modal', () => {
  it('names each invalid field under its input and stores nothing', async () => {
    const before = await h.service.ctx.store.contracts.count({});
    expect(await errorsFor({ ...valid, counterparty: undefined })).toEqual({ counterparty: expect.stringMatching(/required/) });
    expect(await errorsFor({ ...valid, value: 'lots' })).toEqual({ value: expect.stringMatching(/amount such as 25,000/) });
    expect(await errorsFor({ ...valid, termMonths: undefined, endDate: '2026-04-01' })).toEqual({ end_date: expect.stringMatching(/before the start date/) });
    expect(await errorsFor({ ...valid, autoRenews: true })).toEqual({ renewal_term_months: expect.stringMatching(/required when the contract auto-renews/) });
    expect(await errorsFor({ ...valid, termMonths: '1.5' })).toEqual({ term_months: expect.stringMatching(/whole number of months/) });
    expect(await errorsFor({ ...valid, governingLaw: undefined })).toEqual({ governing_law: expect.stringMatching(/governs/) });
    expect(await errorsFor({ ...valid, startDate: undefined })).toEqual({ start_date: expect.stringMatching(/start/) });
    expect(await errorsFor({ ...valid, template: 'no-such-template' })).toEqual({ template: expect.stringMatching(/contract type/) });
    expect(await errorsFor({ ...valid, termMonths: '12', endDate: '2027-04-30' })).toEqual({ end_date: expect.stringMatching(/either/) });
    expect(await h.service.ctx.store.contracts.count({})).toBe(before);
  });

  it('stores a valid request with the typed terms', async () => {
    const { ref } = await requestThroughModal(h, USERS.rep.id, 'Form Checkers Ltd', {
      ...valid,
      autoRenews: true,
      renewalTermMonths: '12',
      notes: 'Net 45 payment terms.',
    });
    const contract = await h.service.ctx.store.contracts.findByRef(ref);
    expect(contract).toMatchObject({
      type: 'msa',
      title: 'MSA with Form Checkers Ltd',
      counterparty: 'Form Checkers Ltd',
      value: { amountMinor: 5_000_000, currency: 'USD' },
      startDate: '2026-05-01',
      termMonths: 24,
      autoRenews: true,
      renewalTermMonths: 12,
      noticePeriodDays: 60,
      governingLaw: 'the laws of the State of New York',
      requester: { platform: 'slack', id: USERS.rep.id, email: USERS.rep.email },
      status: 'in_review',
    });
    expect(contract?.versions[0]?.text).toContain('Net 45 payment terms.');
  });
});

describe('/contract subcommands', () => {
  it('help, unknown input, and the features still to come answer only the caller', async () => {
    const help = await command(h, USERS.rep.id, 'help');
    expect(await replyText(h, help.replyId)).toContain('/contract new');
    expect(h.slack.responses(help.replyId)[0]!.body).toMatchObject({ response_type: 'ephemeral' });
    const unknown = await command(h, USERS.rep.id, 'frobnicate the widgets');
    expect(await replyText(h, unknown.replyId)).toContain('/contract show');
    const empty = await command(h, USERS.rep.id, '');
    expect(await replyText(h, empty.replyId)).toContain('/contract list');
    const renewals = await command(h, USERS.rep.id, 'renewals 60');
    expect(await replyText(h, renewals.replyId)).toMatch(
      /^(Your u|U)pcoming renewals: no active contract has a notice deadline between \d{4}-\d{2}-\d{2} and /,
    );
    const ask = await command(h, USERS.rep.id, 'ask which contracts renew in the next 30 days?');
    expect(await replyText(h, ask.replyId)).toMatch(/^No renewals are due in the next 30 days/);
    const badDays = await command(h, USERS.rep.id, 'renewals soon');
    expect(await replyText(h, badDays.replyId)).toMatch(/renewals/);
  });

  it('list shows the caller’s contracts, or those with one status; show explains a bad reference', async () => {
    const { ref } = await requestThroughModal(h, USERS.rep.id, 'Listed Partners');
    const all = await command(h, USERS.rep.id, 'list');
    expect(await replyText(h, all.replyId)).toContain(ref);
    const inReview = await command(h, USERS.rep.id, 'list in_review');
    expect(await replyText(h, inReview.replyId)).toContain(ref);
    const active = await command(h, USERS.rep.id, 'list signed');
    expect(await replyText(h, active.replyId)).toMatch(/no contracts that are signed/i);
    const others = await command(h, USERS.outsider.id, 'list');
    expect(await replyText(h, others.replyId)).toMatch(/You have no contracts/);
    const badStatus = await command(h, USERS.rep.id, 'list shiny');
    expect(await replyText(h, badStatus.replyId)).toMatch(/\/contract list: must be one of draft, in_review/);

    const missing = await command(h, USERS.rep.id, 'show C-1999-0001');
    expect(await replyText(h, missing.replyId)).toMatch(/There is no contract C-1999-0001/);
    const garbage = await command(h, USERS.rep.id, 'show hello');
    expect(await replyText(h, garbage.replyId)).toMatch(/not a contract reference/);
    const show = await command(h, USERS.rep.id, `show ${ref.toLowerCase()}`);
    const body = JSON.stringify((await h.slack.waitForResponse(show.replyId)).body);
    expect(body).toContain('In review');
    expect(body).toContain('pending at Stage 1 of 2: Legal');
  });

  it('/contract new with an unknown type still opens the form and says which types exist', async () => {
    const opens = h.slack.calls('views.open').length;
    const res = await command(h, USERS.rep.id, 'new lease');
    expect(await replyText(h, res.replyId)).toMatch(/no contract template "lease"/i);
    await waitUntil(() => h.slack.calls('views.open').length > opens, 3_000, 'views.open');
  });
});

describe('App Home', () => {
  it('shows approvals waiting on the user with buttons, and the requester’s contracts in review', async () => {
    const { ref } = await requestThroughModal(h, USERS.rep.id, 'Home Tab GmbH');
    await event(h, appHomeOpenedEvent(USERS.legal.id));
    const legalHome = await waitUntil(() => h.slack.homeView(USERS.legal.id), 5_000, 'legal home');
    const legalBlocks = JSON.stringify(legalHome.blocks);
    expect(legalBlocks).toContain(ref);
    expect(legalBlocks).toContain('approval.approve');

    await event(h, appHomeOpenedEvent(USERS.rep.id));
    const repHome = await waitUntil(() => h.slack.homeView(USERS.rep.id), 5_000, 'rep home');
    expect(JSON.stringify(repHome.blocks)).toContain(ref);
    expect(JSON.stringify(repHome.blocks)).not.toContain('approval.approve');

    // Approving from the Home tab: the answer comes as a DM (no response_url there) and the tab refreshes.
    const at = legalHome.blocks.findIndex((b) => JSON.stringify(b).includes(ref));
    const value = buttonValue({ blocks: legalHome.blocks.slice(at, at + 2) }, 'approval.approve')!;
    const publishes = h.slack.calls('views.publish').length;
    const res = await click(h, { userId: USERS.legal.id, actionId: 'approval.approve', value, view: { id: legalHome.id, type: 'home' } });
    expect(res.res.status).toBe(200);
    await waitUntil(() => h.slack.messages(`D${USERS.legal.id}`).find((m) => m.text.startsWith('You approved') && m.text.includes(ref)), 5_000, 'DM answer');
    await waitUntil(() => h.slack.calls('views.publish').length > publishes, 5_000, 'home refresh');
  });
});
