import { RulesKeyTermExtractor } from '../../core/extraction/rules/rules-extractor.js';
import { verifyEvidence } from '../../core/extraction/verify-evidence.js';
import { readContracts } from './cuad-data.js';
import { inHalf, type Half } from './split.js';
import { toExtractionRecord, type ExtractionRecord } from './extraction-record.js';

/** Extracts key terms of every contract in DIR with the built-in rules extractor. */
export async function runExtraction(dir: string, half: Half | 'all' = 'all'): Promise<ExtractionRecord[]> {
  const extractor = new RulesKeyTermExtractor();
  const records: ExtractionRecord[] = [];
  for (const contract of (await readContracts(dir)).filter((c) => inHalf(c.id, half))) {
    const terms = verifyEvidence(contract.text, await extractor.extract(contract.text));
    records.push(toExtractionRecord(contract.id, terms));
  }
  return records;
}
