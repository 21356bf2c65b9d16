import { useTestDatabase } from '../../support/database.js';
import { OpenAIEmulator } from '../../emulators/openai-emulator.js';
import { ingestContractFile } from '../../../src/core/services/ingest-contract-file.js';
import { confirmProposedTerms } from '../../../src/core/services/confirm-proposed-terms.js';
import { proposedTermsMessage, TERMS_ACTIONS } from '../../../src/core/views/proposed-terms-message.js';
import { contractDocumentModel, termProposalModel } from '../../../src/infra/mongo/models/ask-models.js';
import { contractModel } from '../../../src/infra/mongo/models/contract-model.js';
import { renewalStep } from '../../../src/core/domain/renewal-schedule.js';
import { LLM_EXTRACTION_NOTE } from '../../../src/core/services/propose-terms.js';
import { ACME_MSA } from './contract-texts.js';
import { ALICE, BOB, emulatorSettings, servicesFor } from './ask-setup.js';
import { scannedPdf, textPdf } from '../../infra/documents/contract-files.js';

const db = useTestDatabase('ask_terms');
const ai = new OpenAIEmulator({ apiKey: 'sk-test' });
beforeAll(() => ai.start());
afterAll(() => ai.stop());
beforeEach(() => ai.reset());

const bytes = (s: string) => new TextEncoder().encode(s);

describe('proposing terms from an upload and confirming them', () => {
  it('proposes the key terms of a PDF with the sentences they come from, and stores nothing else', async () => {
    const s = await servicesFor(db);
    const proposal = await ingestContractFile(s.terms, { user: ALICE, fileName: 'acme-msa.pdf', bytes: await textPdf(ACME_MSA), sourceKey: 'slack:F1' });
    expect(proposal.terms).toMatchObject({
      title: 'Master Services Agreement',
      type: 'msa',
      counterparty: 'Acme Corp',
      startDate: '2026-01-15',
      endDate: '2027-01-14',
      autoRenews: true,
      renewalTermMonths: 12,
      noticePeriodDays: 60,
      governingLaw: 'New York',
      value: { amountMinor: 12_000_000, currency: 'USD' },
    });
    expect(proposal.sources.noticePeriodDays?.sentence).toMatch(
      /^Either party may prevent a renewal by giving written notice of non-renewal at least sixty \(60\) days/,
    );
    expect(proposal.sources.noticePeriodDays?.extractor).toBe('rules');
    const message = proposedTermsMessage(proposal);
    expect(message.card?.actions?.map((a) => a.id)).toEqual([TERMS_ACTIONS.confirm, TERMS_ACTIONS.edit]);
    expect(JSON.stringify(message.card)).toContain('sixty (60) days');
    // No contract and no document until the user confirms.
    expect(await contractModel(db.connection).countDocuments({ externalKey: `upload:${proposal.id}` })).toBe(0);
    expect(await contractDocumentModel(db.connection).countDocuments({})).toBe(0);
    // The same upload again (a retried event) finds the same proposal.
    const again = await ingestContractFile(s.terms, { user: ALICE, fileName: 'acme-msa.pdf', bytes: await textPdf(ACME_MSA), sourceKey: 'slack:F1' });
    expect(again.id).toBe(proposal.id);
    expect(await termProposalModel(db.connection).countDocuments({ _id: proposal.id })).toBe(1);
  });

  it('leaves nothing behind for a file it cannot read, or one over the limit', async () => {
    const s = await servicesFor(db);
    const before = await termProposalModel(db.connection).countDocuments({});
    await expect(ingestContractFile(s.terms, { user: ALICE, fileName: 'scan.pdf', bytes: await scannedPdf() })).rejects.toThrow(
      /no text layer — it looks scanned/,
    );
    await expect(ingestContractFile(s.terms, { user: ALICE, fileName: 'huge.txt', bytes: new Uint8Array(2 * 1024 * 1024).fill(65) })).rejects.toThrow(
      /huge\.txt is 2 MB; the limit is 1 MB/,
    );
    expect(await termProposalModel(db.connection).countDocuments({})).toBe(before);
  });

  it('creates the contract exactly once, however many confirmations race', async () => {
    const s = await servicesFor(db);
    const proposal = await ingestContractFile(s.terms, { user: ALICE, fileName: 'acme.txt', bytes: bytes(ACME_MSA) });
    const results = await Promise.all(Array.from({ length: 6 }, () => confirmProposedTerms(s.terms, { proposalId: proposal.id, user: ALICE })));
    const ids = new Set(results.map((r) => r.contract.id));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.confirmedNow)).toHaveLength(1);
    expect(await contractModel(db.connection).countDocuments({ externalKey: `upload:${proposal.id}` })).toBe(1);
    const contract = results[0]!.contract;
    expect(contract).toMatchObject({
      status: 'active',
      counterparty: 'Acme Corp',
      endDate: '2027-01-14',
      noticePeriodDays: 60,
      autoRenews: true,
      renewalTermMonths: 12,
    });
    expect(contract.owner.id).toBe(ALICE.id);
    // Active with dates and notice: the renewal schedule sees it (notice deadline 2026-11-15).
    expect(renewalStep(contract, '2026-08-17', [90, 60, 30, 7, 0])).toMatchObject({ kind: 'nudge', deadline: '2026-11-15' });
    const doc = await s.terms.documents.find(contract.id);
    expect(doc?.text).toBe(ACME_MSA);
    expect(doc?.sections.length).toBeGreaterThan(3);
    const [first] = doc!.sections;
    expect(ACME_MSA.slice(first!.start, first!.end)).toMatch(/^MASTER SERVICES AGREEMENT/);
  });

  it('applies corrections, refuses bad ones by field, and lets only the uploader confirm', async () => {
    const s = await servicesFor(db);
    const proposal = await ingestContractFile(s.terms, { user: ALICE, fileName: 'acme2.txt', bytes: bytes(ACME_MSA.replace('Acme Corp', 'Acme Two Corp')) });
    await expect(confirmProposedTerms(s.terms, { proposalId: proposal.id, user: BOB })).rejects.toThrow(/Only the person who uploaded the file/);
    await expect(confirmProposedTerms(s.terms, { proposalId: proposal.id, user: ALICE, corrections: { noticePeriodDays: 'ninety' } })).rejects.toThrow(
      /noticePeriodDays/,
    );
    await expect(confirmProposedTerms(s.terms, { proposalId: proposal.id, user: ALICE, corrections: { endDate: '2025-01-01' } })).rejects.toThrow(
      /endDate: must not be before the start date/,
    );
    const { contract } = await confirmProposedTerms(s.terms, {
      proposalId: proposal.id,
      user: ALICE,
      corrections: { noticePeriodDays: '90', value: 'EUR 99,500', counterparty: '' },
    });
    expect(contract).toMatchObject({ noticePeriodDays: 90, value: { amountMinor: 9_950_000, currency: 'EUR' }, counterparty: 'Acme Two Corp' });
  });

  it('asks for the counterparty when the file does not name one', async () => {
    const s = await servicesFor(db);
    const proposal = await ingestContractFile(s.terms, {
      user: ALICE,
      fileName: 'memo.txt',
      bytes: bytes('Notes about a deal. The fee is payable monthly and the work starts soon.'),
    });
    await expect(confirmProposedTerms(s.terms, { proposalId: proposal.id, user: ALICE })).rejects.toThrow(/counterparty was not found in the file: use Edit/);
    const { contract } = await confirmProposedTerms(s.terms, { proposalId: proposal.id, user: ALICE, corrections: { counterparty: 'Umbrella Ltd' } });
    expect(contract.counterparty).toBe('Umbrella Ltd');
  });

  it('takes the LLM’s terms when their quotes are in the text, and drops a value whose quote is not', async () => {
    const s = await servicesFor(db, emulatorSettings(ai.baseURL));
    ai.enqueue({
      json: {
        documentName: { value: 'Master Services Agreement', quote: 'MASTER SERVICES AGREEMENT' },
        parties: [{ value: 'Acme Corp', quote: 'Acme Corp, a California corporation' }],
        agreementDate: null,
        effectiveDate: { value: '2026-01-15', quote: 'as of January 15, 2026' },
        expirationDate: { value: '2027-01-14', quote: 'ends on January 14, 2027' },
        renewalTermMonths: { value: 12, quote: 'successive periods of twelve (12) months' },
        // Invented: this sentence is not in the contract.
        noticePeriodDays: { value: 180, quote: 'Notice of non-renewal must be given one hundred eighty days before expiry.' },
        governingLaw: { value: 'New York', quote: 'governed by the laws of the State of New York' },
        value: null,
      },
    });
    const proposal = await ingestContractFile(s.terms, { user: ALICE, fileName: 'acme3.txt', bytes: bytes(ACME_MSA) });
    const request = ai.requests('chat.completions')[0]!;
    expect(request.body.response_format).toMatchObject({ type: 'json_schema', json_schema: { name: 'key_terms', strict: true } });
    expect(proposal.sources.counterparty).toMatchObject({ extractor: 'llm', quote: 'Acme Corp, a California corporation' });
    // The invented 180 days is dropped; the rules' 60 days (with its real sentence) stands.
    expect(proposal.terms.noticePeriodDays).toBe(60);
    expect(proposal.sources.noticePeriodDays?.extractor).toBe('rules');
    expect(proposal.extractorNote).toBeUndefined();
  });

  it('shows a month-and-year start as "day not stated", never as a start date, and asks for the day', async () => {
    const s = await servicesFor(db);
    const text = ACME_MSA.replace('Acme Corp', 'Acme Month Corp')
      .replace('as of January 15, 2026', 'as of January __, 2026')
      .replace('begins on the Effective Date and ends on January 14, 2027', 'is two (2) years from the Effective Date');
    const proposal = await ingestContractFile(s.terms, { user: ALICE, fileName: 'acme-month.txt', bytes: bytes(text) });
    expect(proposal.terms.startDate).toBeUndefined();
    // No end date is computed from a guessed day: two years from January 2026 is January 2028, day not stated.
    expect(proposal.terms.endDate).toBeUndefined();
    expect(proposal.sources.startDate).toMatchObject({ partialValue: '2026-01', quote: 'January __, 2026', extractor: 'rules' });
    expect(proposal.sources.endDate).toMatchObject({ partialValue: '2028-01', extractor: 'rules' });
    const stored = await termProposalModel(db.connection).findById(proposal.id).lean();
    expect((stored!.sources as Record<string, { partialValue?: string }>).startDate?.partialValue).toBe('2026-01');
    const card = proposedTermsMessage(proposal).card!;
    const fields = card.sections.find((x) => x.kind === 'fields');
    expect(fields).toMatchObject({
      fields: expect.arrayContaining([
        { label: 'Start date', value: 'January 2026 (day not stated)' },
        { label: 'End date', value: 'January 2028 (day not stated)' },
      ]),
    });
    expect(JSON.stringify(card)).toContain(
      'states only the month and year of the start date (January 2026), end date (January 2028): use Edit to enter the full date',
    );
    expect(JSON.stringify(card)).not.toMatch(/Not found in the file:[^"]*start date/);
    // Confirmed as is, the start date stays empty; no renewal date drives reminders.
    const { contract } = await confirmProposedTerms(s.terms, { proposalId: proposal.id, user: ALICE });
    expect(contract.startDate).toBeUndefined();
    expect(contract.endDate).toBeUndefined();
    // With the day entered through Edit, the full date is saved.
    const second = await ingestContractFile(s.terms, {
      user: ALICE,
      fileName: 'acme-month2.txt',
      bytes: bytes(text.replace('Acme Month Corp', 'Acme Month Two Corp')),
    });
    await expect(confirmProposedTerms(s.terms, { proposalId: second.id, user: ALICE, corrections: { startDate: '2026-01' } })).rejects.toThrow(/startDate/);
    const confirmed = await confirmProposedTerms(s.terms, { proposalId: second.id, user: ALICE, corrections: { startDate: '2026-01-20' } });
    expect(confirmed.contract.startDate).toBe('2026-01-20');
  });

  it('accepts a month-and-year date from the LLM and drops a malformed expiration cleanly', async () => {
    const s = await servicesFor(db, emulatorSettings(ai.baseURL));
    const text = ACME_MSA.replace('Acme Corp', 'Acme Llm Corp').replace('as of January 15, 2026', 'as of January __, 2026');
    ai.enqueue({
      json: {
        documentName: null,
        parties: [],
        agreementDate: null,
        effectiveDate: { value: '2026-01', quote: 'as of January __, 2026' },
        expirationDate: { value: '2027', quote: 'ends on January 14, 2027' },
        renewalTermMonths: null,
        noticePeriodDays: null,
        governingLaw: null,
        value: null,
      },
    });
    const proposal = await ingestContractFile(s.terms, { user: ALICE, fileName: 'acme-llm-month.txt', bytes: bytes(text) });
    expect(proposal.sources.startDate).toMatchObject({ partialValue: '2026-01', extractor: 'llm' });
    expect(proposal.terms.startDate).toBeUndefined();
    // The model's "2027" is not a valid expiration: dropped, and the rules' full date stands.
    expect(proposal.terms.endDate).toBe('2027-01-14');
    expect(proposal.sources.endDate?.extractor).toBe('rules');
  });

  it('falls back to the rules when the LLM fails, and says so', async () => {
    const s = await servicesFor(db, emulatorSettings(ai.baseURL));
    ai.failNext({ status: 500, endpoint: 'chat.completions' });
    const proposal = await ingestContractFile(s.terms, { user: ALICE, fileName: 'acme4.txt', bytes: bytes(ACME_MSA) });
    expect(proposal.terms.counterparty).toBe('Acme Corp');
    expect(proposal.extractorNote).toBe(LLM_EXTRACTION_NOTE);
    expect(JSON.stringify(proposedTermsMessage(proposal).card)).toContain(LLM_EXTRACTION_NOTE);
  });
});
