import { RulesKeyTermExtractor } from '../../core/extraction/rules/rules-extractor.js';
import { verifyEvidence } from '../../core/extraction/verify-evidence.js';
import { readContracts } from './cuad-data.js';
import { toExtractionRecord, type ExtractionRecord } from './extraction-record.js';

/** Extracts key terms of every contract in DIR with the built-in rules extractor. */
export async function runExtraction(dir: string, onProgress?: (done: number, total: number) => void): Promise<ExtractionRecord[]> {
  const extractor = new RulesKeyTermExtractor();
  const records: ExtractionRecord[] = [];
  const contracts = await readContracts(dir);
  for (const contract of contracts) {
    const terms = verifyEvidence(contract.text, await extractor.extract(contract.text));
    records.push(toExtractionRecord(contract.id, terms));
    onProgress?.(records.length, contracts.length);
  }
  return records;
}
