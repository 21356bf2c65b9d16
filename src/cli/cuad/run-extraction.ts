import { RulesKeyTermExtractor } from '../../core/extraction/rules/rules-extractor.js';
import { verifyEvidence } from '../../core/extraction/verify-evidence.js';
import { readContracts } from './cuad-data.js';
import { inHalf, type Half } from './split.js';
import { toExtractionRecord, type ExtractionRecord } from './extraction-record.js';

export interface RunExtractionOptions {
  /** Which half of the folder (see split.ts); all by default. */
  half?: Half | 'all';
  onProgress?: (done: number, total: number) => void;
}

/** Extracts key terms of every contract in DIR with the built-in rules extractor. */
export async function runExtraction(dir: string, options: RunExtractionOptions = {}): Promise<ExtractionRecord[]> {
  const extractor = new RulesKeyTermExtractor();
  const records: ExtractionRecord[] = [];
  const contracts = (await readContracts(dir)).filter((c) => inHalf(c.id, options.half ?? 'all'));
  for (const contract of contracts) {
    const terms = verifyEvidence(contract.text, await extractor.extract(contract.text));
    records.push(toExtractionRecord(contract.id, terms));
    options.onProgress?.(records.length, contracts.length);
  }
  return records;
}
