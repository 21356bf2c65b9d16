import { checkImportColumns, IMPORT_COLUMNS, suggestColumn } from '../../src/core/services/check-import-columns.js';
import { CsvInputError, readCsvTable } from '../../src/infra/csv/read-csv-rows.js';

const refusal = (input: Uint8Array | string): string => {
  try {
    readCsvTable(input);
  } catch (error) {
    expect(error).toBeInstanceOf(CsvInputError);
    return (error as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('the import file is checked before any row', () => {
  it('accepts the documented header, in any case, spacing or order', () => {
    expect(checkImportColumns([...IMPORT_COLUMNS]).problems).toEqual([]);
    expect(checkImportColumns(['Owner Email', ' Counterparty ', 'TYPE', 'External-ID']).problems).toEqual([]);
  });

  it('refuses misspelt columns with a "did you mean"', () => {
    const { problems } = checkImportColumns(['external_id', 'type', 'counterparty', 'owner_email', 'enddate', 'notice_days', 'colour']);
    expect(problems).toEqual([
      'unknown column "enddate" (did you mean end_date?)',
      'unknown column "notice_days" (did you mean notice_period_days?)',
      'unknown column "colour"',
    ]);
    expect(suggestColumn('conterparty')).toBe('counterparty');
    expect(suggestColumn('start')).toBeUndefined();
  });

  it('reports missing required columns once, not on every row', () => {
    expect(checkImportColumns(['external_id', 'title']).problems).toEqual([
      'missing required columns: type, counterparty',
      'missing owner column: one of owner_email, owner_slack_id, owner_teams_id, owner_web_id',
    ]);
    expect(checkImportColumns(['external_id', 'type', 'counterparty', 'owner_slack_id', 'type']).problems).toEqual(['column type appears twice']);
  });

  it('detects and names another delimiter, and reads the file with it', () => {
    const semi = readCsvTable('external_id;type;counterparty;owner_email\nS-1;nda;"Acme; Inc.";a@example.com\n');
    expect(semi.delimiter).toBe(';');
    expect(semi.header).toEqual(['external_id', 'type', 'counterparty', 'owner_email']);
    expect(semi.rows).toEqual([{ line: 2, record: { external_id: 'S-1', type: 'nda', counterparty: 'Acme; Inc.', owner_email: 'a@example.com' } }]);
    expect(readCsvTable('external_id\ttype\nT-1\tnda\n').delimiter).toBe('\t');
    expect(readCsvTable('"a,b";c;d\n1;2;3\n').delimiter).toBe(';');
  });

  it('refuses an empty file with one line', () => {
    expect(refusal('')).toBe('the file is empty: expected a header line and one row per contract (see examples/contracts.csv)');
    expect(refusal(Buffer.from('\n \r\n'))).toMatch(/^the file is empty/);
  });

  it('refuses binary files with one short line instead of dumping them', () => {
    const binary = Buffer.alloc(10_000, 0);
    binary.write('external_id', 0);
    const message = refusal(binary);
    expect(message).toBe('it is not a text file (it contains binary data): save it as "CSV UTF-8" and import that');
    expect(refusal(Buffer.from('PK\x03\x04rest-of-a-workbook', 'latin1'))).toMatch(/^it is a zip file \(an Excel \.xlsx workbook\?\)/);
    expect(refusal(Buffer.from('%PDF-1.7\n...', 'latin1'))).toMatch(/^it is a PDF/);
    expect(refusal(Buffer.from([0x65, 0x78, 0xff, 0xfe, 0x41]))).toMatch(/^it is not UTF-8 text/);
  });

  it('keeps a byte-order mark out of the first column name', () => {
    expect(readCsvTable(Buffer.from('\uFEFFexternal_id,type\nA,nda\n')).header).toEqual(['external_id', 'type']);
  });
});
