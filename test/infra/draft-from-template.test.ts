import { inflateRawSync } from 'node:zlib';
import { draftContractFromTemplate } from '../../src/core/services/draft-contract-from-template.js';
import { AppError } from '../../src/core/errors.js';
import { docxExporter } from '../../src/infra/docx/export-docx.js';
import { useTestDatabase } from '../support/database.js';
import type { UserRef } from '../../src/core/domain/user-ref.js';

const rep: UserRef = { platform: 'slack', id: 'U_REP', displayName: 'Rita Rep' };

/** word/document.xml out of a .docx (a zip), enough to read its text. */
function documentXml(docx: Buffer): string {
  let offset = 0;
  while (offset < docx.length - 30 && docx.readUInt32LE(offset) === 0x04034b50) {
    const method = docx.readUInt16LE(offset + 8);
    const compressed = docx.readUInt32LE(offset + 18);
    const nameLength = docx.readUInt16LE(offset + 26);
    const extraLength = docx.readUInt16LE(offset + 28);
    const name = docx.subarray(offset + 30, offset + 30 + nameLength).toString();
    const start = offset + 30 + nameLength + extraLength;
    const data = docx.subarray(start, start + compressed);
    if (name === 'word/document.xml') return (method === 8 ? inflateRawSync(data) : data).toString('utf8');
    offset = start + compressed;
  }
  throw new Error('word/document.xml not found');
}

describe('drafting a contract from a template', () => {
  const db = useTestDatabase('draft');
  const deps = () => ({ ...db.store, companyName: 'Clause Test Ltd' });

  it('stores the rendered text as version 1 and exports it as .docx', async () => {
    const contract = await draftContractFromTemplate(deps(), {
      terms: {
        title: 'Acme MSA',
        type: 'msa',
        counterparty: 'Acme Corp',
        startDate: '2026-04-01',
        termMonths: 24,
        autoRenews: true,
        renewalTermMonths: 12,
        noticePeriodDays: 60,
        governingLaw: 'Delaware',
        value: { amountMinor: 12_000_000, currency: 'USD' },
      },
      owner: rep,
      requester: rep,
    });
    expect(contract.status).toBe('draft');
    expect(contract.versions).toHaveLength(1);
    const text = contract.versions[0]!.text;
    expect(text).toContain('Acme Corp');
    expect(text).toContain('Clause Test Ltd');
    expect(text).toContain('Delaware');
    expect(text).not.toContain('{{');
    expect(contract.versions[0]!.templateId).toMatch(/^msa/);

    const docx = await docxExporter.exportDocx({ ref: contract.ref, title: contract.title, text, version: 1 });
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const xml = documentXml(docx);
    expect(xml).toContain('Acme Corp');
  });

  it('refuses a missing variable by name and stores nothing', async () => {
    const before = await db.store.contracts.count({});
    await expect(
      draftContractFromTemplate(deps(), {
        terms: { title: 'No start', type: 'nda', counterparty: 'Globex', termMonths: 12 },
        owner: rep,
        requester: rep,
      }),
    ).rejects.toThrow(AppError);
    await expect(
      draftContractFromTemplate(deps(), {
        terms: { title: 'No start', type: 'nda', counterparty: 'Globex', termMonths: 12 },
        owner: rep,
        requester: rep,
      }),
    ).rejects.toThrow(/"effectiveDate"/);
    expect(await db.store.contracts.count({})).toBe(before);
  });

  it('refuses an invalid template-specific variable by name', async () => {
    await expect(
      draftContractFromTemplate(deps(), {
        terms: {
          title: 'NDA',
          type: 'nda',
          counterparty: 'Globex',
          startDate: '2026-04-01',
          termMonths: 12,
          noticePeriodDays: 30,
          governingLaw: 'England and Wales',
        },
        owner: rep,
        requester: rep,
        extraVariables: { confidentialityYears: -2 },
      }),
    ).rejects.toThrow(/"confidentialityYears"/);
  });
});
