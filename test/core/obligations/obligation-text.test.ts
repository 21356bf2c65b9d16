import { parseObligationText } from '../../../src/core/domain/obligation-text.js';
import { parseContractCommand, unescapeSlackText } from '../../../src/bots/slack/listeners/commands/parse-contract-command.js';
import { parseTeamsCommand } from '../../../src/bots/teams/teams-commands.js';

describe('obligation command text', () => {
  it('reads contract, kind (with aliases), due date, title and a trailing amount either way round', () => {
    expect(parseObligationText('c-2026-0042 milestone 2027-01-15 Q1 invoice USD 12,000')).toEqual({
      ok: true,
      value: { ref: 'C-2026-0042', kind: 'payment', dueDate: '2027-01-15', title: 'Q1 invoice', amount: { amountMinor: 1_200_000, currency: 'USD' } },
    });
    expect(parseObligationText('C-2026-0042 payment 2027-01-15 Fee 5000 jpy')).toMatchObject({
      ok: true,
      value: { title: 'Fee', amount: { amountMinor: 5000, currency: 'JPY' } },
    });
    // Words that only look like money stay in the title.
    expect(parseObligationText('C-2026-0042 delivery 2027-02-01 Ship 2 units')).toMatchObject({
      ok: true,
      value: { kind: 'deliverable', title: 'Ship 2 units' },
    });
    expect(parseObligationText('C-2026-0042 review 2027-02-01 EUR 100')).toMatchObject({ ok: true, value: { title: 'EUR 100' } });
  });

  it('says what is missing or wrong', () => {
    const problem = (text: string) => {
      const r = parseObligationText(text);
      return r.ok ? 'ok' : r.problem;
    };
    expect(problem('')).toMatch(/^needs a contract, a kind, a due date and a title/);
    expect(problem('Acme payment 2027-01-15 Fee')).toMatch(/^needs a contract reference such as C-2026-0042 first \(not "Acme"\)/);
    expect(problem('C-2026-0042 lunch 2027-01-15 Fee')).toMatch(/^needs a kind after the contract: payment, deliverable or review \(not "lunch"\)/);
    expect(problem('C-2026-0042 payment 2027-02-30 Fee')).toMatch(/^needs a due date as YYYY-MM-DD after the kind \(not "2027-02-30"\)/);
    expect(problem('C-2026-0042 payment 2027-02-03')).toMatch(/^needs a title after the due date/);
    expect(problem(`C-2026-0042 payment 2027-02-03 ${'x'.repeat(201)}`)).toMatch(/^title must be at most 200 characters/);
  });
});

describe('Slack and Teams obligation commands', () => {
  it('Slack: the escaped mention names the owner; other escapes become plain words', () => {
    expect(parseContractCommand('obligation C-2026-0042 payment 2027-01-15 Fee <@U0FIONA|fiona> &amp; tax')).toEqual({
      ok: true,
      command: { kind: 'obligation', text: 'C-2026-0042 payment 2027-01-15 Fee & tax', ownerId: 'U0FIONA' },
    });
    expect(parseContractCommand('obligations C-2026-0042')).toEqual({ ok: true, command: { kind: 'obligations', ref: 'C-2026-0042' } });
    expect(parseContractCommand('obligations')).toMatchObject({ ok: false, problem: expect.stringContaining('needs a contract reference') });
    expect(unescapeSlackText('ask what does <@U1|rita> owe <#C1|deals> per <https://x.test/a|the MSA> &lt;now&gt;?')).toBe(
      'ask what does @rita owe #deals per the MSA <now>?',
    );
    expect(parseContractCommand('ask does <@U1> own the Acme MSA?')).toEqual({ ok: true, command: { kind: 'ask', question: 'does @U1 own the Acme MSA?' } });
  });

  it('Teams: contract obligation / obligations', () => {
    expect(parseTeamsCommand('contract obligation C-2026-0042 review 2027-03-01 QBR')).toEqual({
      command: { kind: 'obligation', text: 'C-2026-0042 review 2027-03-01 QBR' },
    });
    expect(parseTeamsCommand('<at>Clause</at> contract obligations C-2026-0042')).toEqual({ command: { kind: 'obligations', ref: 'C-2026-0042' } });
  });
});
