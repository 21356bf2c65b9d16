import { ingestContractFile } from '../../src/core/services/ingest-contract-file.js';
import { GLOBEX_NDA } from '../core/ask/contract-texts.js';
import { addDays, calendarDateIn } from '../../src/core/domain/calendar-date.js';
import { createContract } from '../../src/core/services/create-contract.js';
import { COMMANDS } from '../../src/core/interactions/commands.js';
import { FORM_IDS } from '../../src/core/interactions/forms.js';
import { ACTION_IDS } from '../../src/core/interactions/handle-action.js';
import { useTeamsService, waitUntil } from '../bots/teams/teams-harness.js';
import { CONFORMANCE_POLICY, slackDriver, teamsDriver, type PlatformDriver } from './platform-drivers.js';

/**
 * Platform conformance: every journey is written once, against PlatformDriver, and run on Slack
 * and on Teams through their real HTTP entry points (the Slack API and Bot Connector emulators
 * behind them). Same inputs → same database outcome and equivalent answers; the answers are
 * recorded per platform and compared at the end. The coverage check sends every command, card
 * action and form of the core to both platforms: one only one platform handles fails here.
 */
const h = useTeamsService('conformance', { POLICY_FILE: CONFORMANCE_POLICY });
const slack = slackDriver(h);
const teams = teamsDriver(h);
const drivers: PlatformDriver[] = [slack, teams];

/** What each platform answered, normalised (the command word differs: `/contract` vs `contract`). */
const answers: Record<string, Record<string, unknown>> = { slack: {}, teams: {} };
const record = (d: PlatformDriver, key: string, value: unknown) => (answers[d.name]![key] = value);
const plain = (text: string) => text.replace(/\/contract/g, 'contract');

beforeAll(async () => {
  slack.setUp();
  await teams.setUp();
});

const VALID_REQUEST = {
  template: 'nda-v1',
  value: '25,000',
  currency: 'USD',
  start_date: '2026-04-01',
  term_months: '12',
  notice_period_days: '30',
  governing_law: 'the laws of England and Wales',
  auto_renews: 'false',
};

async function fileRequest(d: PlatformDriver, counterparty: string) {
  const form = await d.openRequestForm('requester');
  expect(form.formId).toBe(FORM_IDS.request);
  const outcome = await d.submit('requester', form.formId, form.context, { ...VALID_REQUEST, counterparty });
  expect(outcome.errors).toEqual([]);
  const contract = await waitUntil(
    async () => (await h.service.ctx.store.contracts.list({ statuses: ['in_review'] })).find((c) => c.counterparty === counterparty),
    10_000,
    `${counterparty} filed`,
  );
  const round = await waitUntil(async () => (await h.service.ctx.approvals.approvals.listRoundsForContract(contract.id))[0], 10_000, 'its approval round');
  return { contract, roundValue: { roundId: round.id, stage: '0' } };
}

const statusOf = async (id: string) => (await h.service.ctx.store.contracts.findById(id))?.status;

describe.each(drivers.map((d) => [d.name, d] as const))('on %s', (_name, d) => {
  it('commands: one grammar, with the same arguments, help and errors', async () => {
    const help = plain(await d.command('requester', 'help'));
    for (const c of COMMANDS) expect(help).toContain(`contract ${c.usage}`);
    const problems = {
      badStatus: plain(await d.command('requester', 'list shiny')),
      unknown: plain(await d.command('requester', 'frobnicate')),
      noRef: plain(await d.command('requester', 'show')),
      badDays: plain(await d.command('requester', 'renewals soon')),
    };
    expect(problems.badStatus).toContain('contract list: must be one of draft, in_review');
    expect(problems.unknown).toContain('I don\'t know "contract frobnicate"');
    expect(problems.noRef).toContain('contract show: needs a contract reference');
    expect(problems.badDays).toContain('contract renewals:');
    record(d, 'problems', Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, v.split('\n')[0]])));
    record(d, 'empty list', plain(await d.command('outsider', 'list in_review')).split('\n')[0]);
  });

  it('request: the same field errors for the same values; a valid form files one contract', async () => {
    const form = await d.openRequestForm('requester');
    const counterparty = `Conform ${d.name} Request`;
    const zeroTerm = await d.submit('requester', form.formId, form.context, { ...VALID_REQUEST, counterparty, term_months: '0' });
    const noStart = await d.submit('requester', form.formId, form.context, { ...VALID_REQUEST, counterparty, start_date: '' });
    const bothTermAndEnd = await d.submit('requester', form.formId, form.context, { ...VALID_REQUEST, counterparty, end_date: '2027-04-30' });
    expect(zeroTerm.errors).toEqual(['term_months']);
    expect(noStart.errors).toEqual(['start_date']);
    expect(bothTermAndEnd.errors).toEqual(['end_date']);
    record(d, 'request errors', [zeroTerm.errors, noStart.errors, bothTermAndEnd.errors]);
    expect((await h.service.ctx.store.contracts.list({})).filter((c) => c.counterparty === counterparty)).toHaveLength(0);

    const { contract } = await fileRequest(d, counterparty);
    expect(contract.title).toMatch(new RegExp(`with ${counterparty}$`));
    expect(contract).toMatchObject({ termMonths: 12, noticePeriodDays: 30, value: { amountMinor: 2_500_000, currency: 'USD' }, status: 'in_review' });
    expect(contract.requester).toMatchObject({ platform: d.name, id: d.userId('requester') });
    expect(contract.owner.id).toBe(d.userId('requester'));
    record(d, 'request stored', { title: contract.title.replace(d.name, 'X'), termMonths: contract.termMonths, status: contract.status });
  });

  it('approve → mark sent → mark signed (a future date refused on the field); an outsider is refused', async () => {
    const { contract, roundValue } = await fileRequest(d, `Conform ${d.name} Approve`);
    const refused = await d.click('outsider', 'approval.approve', roundValue);
    expect(refused.text).toContain('⚠');
    expect(await statusOf(contract.id)).toBe('in_review');
    const approved = await d.click('approver', 'approval.approve', roundValue);
    expect(approved.text).toMatch(/is approved/);
    expect(await statusOf(contract.id)).toBe('approved');

    const sent = await d.click('requester', 'contract.mark_sent', { contractId: contract.id });
    expect(sent.text).toContain('is out for signature');
    expect(await statusOf(contract.id)).toBe('sent_for_signature');

    const signing = await d.click('requester', 'contract.mark_signed', { contractId: contract.id });
    expect(signing.form).toBe(FORM_IDS.markSigned);
    const future = await d.submit('requester', FORM_IDS.markSigned, { contractId: contract.id }, { signed_date: '2999-01-01' });
    expect(future.errors).toEqual(['signed_date']);
    const signed = await d.submit('requester', FORM_IDS.markSigned, { contractId: contract.id }, { signed_date: '2026-03-01' });
    expect(signed.errors).toEqual([]);
    await waitUntil(async () => (await statusOf(contract.id)) === 'active', 10_000, 'signed');
    expect(await h.service.ctx.store.contracts.findById(contract.id)).toMatchObject({ status: 'active', signedDate: '2026-03-01' });
    record(d, 'approve journey', [signing.form, future.errors, 'active']);
  });

  it('reject needs a reason; resubmit needs a note on what changed; a new round starts', async () => {
    const { contract, roundValue } = await fileRequest(d, `Conform ${d.name} Reject`);
    const rejecting = await d.click('approver', 'approval.reject', roundValue);
    expect(rejecting.form).toBe(FORM_IDS.rejectReason);
    const noReason = await d.submit('approver', FORM_IDS.rejectReason, roundValue, { reason: '' });
    expect(noReason.errors).toEqual(['reason']);
    expect(await statusOf(contract.id)).toBe('in_review');
    await d.submit('approver', FORM_IDS.rejectReason, roundValue, { reason: 'Cap liability at 12 months of fees' });
    await waitUntil(async () => (await statusOf(contract.id)) === 'rejected', 10_000, 'rejected');
    const decisions = await h.service.ctx.approvals.approvals.listDecisions(roundValue.roundId);
    expect(decisions.map((x) => [x.decision, x.reason])).toEqual([['reject', 'Cap liability at 12 months of fees']]);

    const resubmitting = await d.click('requester', 'contract.resubmit', { contractId: contract.id });
    expect(resubmitting.form).toBe(FORM_IDS.resubmit);
    const noNote = await d.submit('requester', FORM_IDS.resubmit, { contractId: contract.id }, { change_note: '' });
    expect(noNote.errors).toEqual(['change_note']);
    await d.submit('requester', FORM_IDS.resubmit, { contractId: contract.id }, { change_note: 'Capped liability' });
    await waitUntil(async () => (await statusOf(contract.id)) === 'in_review', 10_000, 'resubmitted');
    const revised = await h.service.ctx.store.contracts.findById(contract.id);
    expect(revised?.versions.map((v) => v.note ?? null)).toEqual([null, 'Capped liability']);
    record(d, 'reject journey', [rejecting.form, noReason.errors, resubmitting.form, noNote.errors, revised?.versions.length]);
  });

  it('renewal actions: snooze, then start (a second start is refused); the draft is in review', async () => {
    const today = calendarDateIn(h.service.ctx.clock.now(), 'UTC');
    const owner = d.userRef('requester');
    const endDate = addDays(today, 20);
    const c = await createContract(h.service.ctx.store, {
      terms: { title: `Renewing ${d.name}`, type: 'msa', counterparty: `Renewing ${d.name} Corp`, endDate, noticePeriodDays: 30, autoRenews: false },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
      text: { body: 'Renewing terms.' },
    });
    const value = { contractId: c.id, termEnd: endDate };
    // Someone who neither owns the contract nor is in the policy (a click in the renewals channel) changes nothing.
    const { renewals } = h.service.ctx.renewals;
    for (const action of ['renewal.snooze', 'renewal.start', 'renewal.reassign'] as const) {
      expect((await d.click('outsider', action, value)).text).toMatch(new RegExp(`^Only the owner of ${c.ref}, its requester, an admin`));
    }
    expect(await renewals.snoozesOf([c.id])).toEqual([]);
    expect(await renewals.findDecision(c.id, endDate)).toBeNull();
    const snoozed = await d.click('requester', 'renewal.snooze', value);
    expect(snoozed.text).toContain(`Snoozed: no renewal reminders for ${c.ref} until`);
    const reassigning = await d.click('requester', 'renewal.reassign', value);
    expect(reassigning.form).toBe(FORM_IDS.renewalReassign);
    const started = await d.click('requester', 'renewal.start', value);
    expect(started.text).toMatch(/Renewal started: C-\d{4}-\d{4} covers .* and is now in review\./);
    const again = await d.click('requester', 'renewal.start', value);
    expect(again.text).toMatch(/already decided/);
    const outsider = await d.click('outsider', 'renewal.lapse', value);
    expect(outsider.text).toMatch(/Only the owner|already decided/);
    const drafts = await h.service.ctx.store.contracts.list({ statuses: ['draft', 'in_review'] });
    expect(drafts.filter((x) => x.renewalOf === c.id).map((x) => x.status)).toEqual(['in_review']);
    record(d, 'renewal journey', [outsider.text.replace(c.ref, 'REF').slice(0, 40), reassigning.form, 'in_review']);
  });

  it('obligations: record by command, list, Mark done redraws the list', async () => {
    const today = calendarDateIn(h.service.ctx.clock.now(), 'UTC');
    const owner = d.userRef('requester');
    const c = await createContract(h.service.ctx.store, {
      terms: { title: `Obliged ${d.name}`, type: 'sow', counterparty: `Obliged ${d.name} Corp`, endDate: addDays(today, 400) },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
    });
    const due = addDays(today, 10);
    const recorded = await d.command('requester', `obligation ${c.ref} payment ${due} Kickoff invoice EUR 5,000`);
    expect(recorded).toContain(`Recorded for ${c.ref}: payment milestone "Kickoff invoice" (€5,000.00), due ${due}`);
    expect(await d.command('outsider', `obligation ${c.ref} review ${due} Not mine`)).toContain(`Only the owner or requester of ${c.ref}`);
    const listed = await d.command('requester', `obligations ${c.ref}`);
    expect(listed).toContain('Kickoff invoice');
    const [obligation] = await h.service.ctx.obligations.obligations.listForContract(c.id);
    const done = await d.click('requester', 'obligation.done', { obligationId: obligation!.id, list: '1' });
    expect(done.text).toContain('Done: "Kickoff invoice"');
    const [after] = await h.service.ctx.obligations.obligations.listForContract(c.id);
    expect(after?.status).toBe('done');
    record(d, 'obligation journey', [
      recorded
        .split('\n')[0]!
        .replace(c.ref, 'REF')
        .replace(/owner .*/, ''),
      'done',
    ]);
  });

  it('terms: Edit opens the correction form; a bad value is refused on its field; the corrected terms are saved once', async () => {
    const { terms } = await h.service.ctx.askServices();
    const proposal = await ingestContractFile(terms, {
      user: d.userRef('requester'),
      fileName: `globex-${d.name}.txt`,
      bytes: Buffer.from(GLOBEX_NDA),
      sourceKey: `conformance:${d.name}`,
    });
    const value = { proposalId: proposal.id };
    const editing = await d.click('requester', 'terms.edit', value);
    expect(editing.form).toBe(FORM_IDS.termsEdit);
    const bad = await d.submit('requester', FORM_IDS.termsEdit, value, { noticePeriodDays: 'soon' });
    expect(bad.errors).toEqual(['noticePeriodDays']);
    const counterparty = `Globex ${d.name}`;
    const good = await d.submit('requester', FORM_IDS.termsEdit, value, { counterparty, noticePeriodDays: '45' });
    expect(good.errors).toEqual([]);
    const saved = await waitUntil(
      async () => (await h.service.ctx.store.contracts.list({ statuses: ['active'] })).find((c) => c.counterparty === counterparty),
      10_000,
      'the confirmed contract',
    );
    expect(saved).toMatchObject({ noticePeriodDays: 45, governingLaw: expect.stringContaining('Delaware') });
    const again = await d.click('requester', 'terms.confirm', value);
    expect(again.text).toContain(`already confirmed as ${saved.ref}`);
    record(d, 'terms journey', [editing.form, bad.errors, saved.noticePeriodDays]);
  });

  it('ask: a question is answered from what the asker may see, typed with or without "ask"', async () => {
    const asked = await d.command('outsider', 'ask which renewals are due in the next 30 days?');
    const bare = await d.command('outsider', 'which renewals are due in the next 30 days?');
    expect(asked.split('\n')[0]).toMatch(/No renewals are due in the next 30 days/);
    expect(bare.split('\n')[0]).toBe(asked.split('\n')[0]);
    record(d, 'ask', asked.split('\n')[0]);
  });

  it('every command, card action and form of the core is handled here (none falls to the platform fallback)', async () => {
    const samples: Record<string, string> = {
      show: 'show C-1999-0001',
      obligations: 'obligations C-1999-0001',
      ask: 'ask what renews?',
      obligation: 'obligation C-1999-0001 payment 2027-01-15 Fee',
    };
    for (const c of COMMANDS) {
      if (c.kind === 'new') continue; // opens the request form (checked above)
      const answer = await d.command('outsider', samples[c.kind] ?? c.kind);
      expect(answer).not.toMatch(/I don't know|not one Clause knows/);
    }
    for (const actionId of ACTION_IDS) {
      const answer = await d.click('outsider', actionId, {});
      // The core's own answer to a button value it cannot read; not the platform's "unknown".
      expect(answer.text).toMatch(/no longer read/);
    }
    for (const formId of Object.values(FORM_IDS)) {
      const logsBefore = h.logs.length;
      const answer = await d.submit('outsider', formId, {}, {});
      expect(answer.text).not.toMatch(/not one Clause knows|Say "help"/);
      expect(h.logs.slice(logsBefore).some((l) => /Clause does not know/.test(String(l.msg)))).toBe(false);
    }
  });
});

describe('both platforms', () => {
  it('gave the same answers and the same outcomes', () => {
    expect(answers.teams).toEqual(answers.slack);
  });
});
