/**
 * npm run score:cuad -- DIR [--extract FILE --retrieve FILE]
 * Scores extraction (per-field precision/recall) and retrieval (recall@1/@5) against CUAD gold;
 * runs the extractor and retriever itself when no output files are given.
 */
import { parseCliArgs } from './cuad/cli-args.js';
import { readJsonl, readQuestions } from './cuad/cuad-data.js';
import { ZExtractionRecord } from './cuad/extraction-record.js';
import { runExtraction } from './cuad/run-extraction.js';
import { runRetrieval } from './cuad/run-retrieval.js';
import { scoreExtraction } from './cuad/score-extraction.js';
import { scoreRetrieval, type RetrievalRecord } from './cuad/score-retrieval.js';
import { z } from 'zod';
import { inHalf, parseHalf } from './cuad/split.js';
import type { ExpansionSource } from '../infra/retrieval/legal-query-expansion.js';

const ZRetrievalRecord = z.object({
  id: z.string(),
  passages: z.array(z.object({ start: z.number(), end: z.number() })),
});

const { dir, flags } = parseCliArgs(process.argv.slice(2), 'usage: npm run score:cuad -- DIR [--extract FILE] [--retrieve FILE] [--half tune|check|all] [--expansion hand|learned|both] [--rerank WEIGHT] [--categories yes]');
const rerank = flags.rerank === undefined ? undefined : z.coerce.number().min(0).max(10).parse(flags.rerank);
const half = parseHalf(flags.half);
const expansion = z.enum(['hand', 'learned', 'both']).optional().parse(flags.expansion) as ExpansionSource | undefined;
const questions = (await readQuestions(dir)).filter((q) => inHalf(q.contractId, half));
const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

const extraction = flags.extract ? await readJsonl(flags.extract, ZExtractionRecord) : await runExtraction(dir, half);
console.log(`Extraction (${extraction.length} contracts${half === 'all' ? '' : `, ${half} half`})`);
console.log('field              predicted  gold  correct(p/g)  precision  recall');
for (const s of scoreExtraction(extraction, questions)) {
  console.log(
    `${s.field.padEnd(18)} ${String(s.predicted).padStart(9)} ${String(s.gold).padStart(5)}  ${`${s.correctPredicted}/${s.correctGold}`.padStart(12)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall)}`,
  );
}

const retrieval: RetrievalRecord[] = flags.retrieve
  ? await readJsonl(flags.retrieve, ZRetrievalRecord)
  : await runRetrieval(dir, 5, half, expansion, rerank);
const r = scoreRetrieval(retrieval, questions);
console.log(`\nRetrieval (${r.questions} answerable questions; impossible ones excluded)`);
console.log(`recall@1 ${pct(r.recallAt1)} (${r.hitsAt1})   recall@5 ${pct(r.recallAt5)} (${r.hitsAt5})   mean passage ${Math.round(r.meanPassageChars)} chars`);
if (flags.categories === 'yes') {
  for (const c of r.byCategory) console.log(`  ${c.category.padEnd(36)} n=${String(c.questions).padStart(3)}  @1 ${pct(c.recallAt1)}  @5 ${pct(c.recallAt5)}`);
}
