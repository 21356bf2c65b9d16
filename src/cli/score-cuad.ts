/**
 * npm run score:cuad -- DIR [--extract FILE --retrieve FILE]
 * Scores extraction (per-field precision/recall) and retrieval (recall@1/@5) against CUAD gold;
 * runs the extractor and retriever itself when no output files are given.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { progressBar, runCli, UsageError, type CliSpec } from './cli-kit.js';
import { readableDir, readableFile } from './cli-files.js';
import { readJsonl, readQuestions } from './cuad/cuad-data.js';
import { ZExtractionRecord } from './cuad/extraction-record.js';
import { runExtraction } from './cuad/run-extraction.js';
import { runRetrieval } from './cuad/run-retrieval.js';
import { scoreExtraction } from './cuad/score-extraction.js';
import { scoreRetrieval, type RetrievalRecord } from './cuad/score-retrieval.js';
import { inHalf, parseHalf } from './cuad/split.js';
import type { ExpansionSource } from '../infra/retrieval/legal-query-expansion.js';

const ZRetrievalRecord = z.object({
  id: z.string(),
  passages: z.array(z.object({ start: z.number(), end: z.number() })),
});

const scoreCuadCli: CliSpec = {
  name: 'score:cuad',
  file: 'score-cuad',
  usage: 'DIR [--extract FILE] [--retrieve FILE] [--half tune|check|all] [--expansion hand|learned|both] [--rerank WEIGHT] [--categories]',
  summary: 'Scores key-term extraction (precision/recall per field) and retrieval (recall@1/@5) against the CUAD gold answers in DIR/qa.jsonl.',
  options: {
    extract: { type: 'string', value: 'FILE', description: 'score this `npm run extract` output instead of extracting now' },
    retrieve: { type: 'string', value: 'FILE', description: 'score this `npm run retrieve` output instead of retrieving now' },
    categories: { type: 'boolean', description: 'also print recall per CUAD category' },
    half: { type: 'string', value: 'tune|check|all', description: 'score one half of the folder (split by a hash of the contract id; default all)' },
    expansion: { type: 'string', value: 'hand|learned|both', description: "query expansion source (default: the retriever's)" },
    rerank: { type: 'string', value: 'WEIGHT', description: "weight of the learned clause-type rerank, 0-10 (default: the retriever's)" },
  },
  // The second is the old form `--categories yes`, still accepted.
  positionals: { min: 1, max: 2 },
};

function bar(label: string) {
  let progress: ReturnType<typeof progressBar> | undefined;
  return (done: number, total: number) => {
    progress ??= progressBar(label, total);
    progress.tick();
    if (done === total) progress.stop();
  };
}

runCli(scoreCuadCli, async ({ values, positionals }) => {
  if (positionals.length === 2 && !(positionals[1] === 'yes' && values.categories === true)) throw new UsageError(`unexpected argument ${positionals[1]}`);
  const dir = await readableDir(positionals[0]!);
  await readableFile(join(dir, 'qa.jsonl'));
  const flags = {
    extract: values.extract as string | undefined,
    retrieve: values.retrieve as string | undefined,
    categories: values.categories === true,
  };
  const half = (() => {
    try {
      return parseHalf(values.half as string | undefined);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  })();
  const expansionParsed = z.enum(['hand', 'learned', 'both']).optional().safeParse(values.expansion);
  if (!expansionParsed.success) throw new UsageError('--expansion must be hand, learned or both');
  const expansion = expansionParsed.data as ExpansionSource | undefined;
  const rerankParsed = z.coerce.number().min(0).max(10).optional().safeParse(values.rerank);
  if (!rerankParsed.success) throw new UsageError('--rerank must be a number from 0 to 10');
  const rerank = rerankParsed.data;
  if (flags.extract) await readableFile(flags.extract);
  if (flags.retrieve) await readableFile(flags.retrieve);
  const questions = (await readQuestions(dir)).filter((q) => inHalf(q.contractId, half));
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(6);

  const extraction = flags.extract ? await readJsonl(flags.extract, ZExtractionRecord) : await runExtraction(dir, { half, onProgress: bar('extracting') });
  console.log(`Extraction (${extraction.length} contracts${half === 'all' ? '' : `, ${half} half`})`);
  console.log('field              predicted  gold  correct(p/g)  precision  recall');
  for (const s of scoreExtraction(extraction, questions)) {
    console.log(
      `${s.field.padEnd(18)} ${String(s.predicted).padStart(9)} ${String(s.gold).padStart(5)}  ${`${s.correctPredicted}/${s.correctGold}`.padStart(12)}  ${pct(s.precision).padStart(9)}  ${pct(s.recall)}`,
    );
  }

  const retrieval: RetrievalRecord[] = flags.retrieve
    ? await readJsonl(flags.retrieve, ZRetrievalRecord)
    : await runRetrieval(dir, 5, { half, ...(expansion ? { expansion } : {}), ...(rerank !== undefined ? { rerank } : {}), onProgress: bar('retrieving') });
  const r = scoreRetrieval(retrieval, questions);
  console.log(`\nRetrieval (${r.questions} answerable questions; impossible ones excluded)`);
  console.log(
    `recall@1 ${pct(r.recallAt1)} (${r.hitsAt1})   recall@5 ${pct(r.recallAt5)} (${r.hitsAt5})   mean passage ${Math.round(r.meanPassageChars)} chars`,
  );
  if (flags.categories) {
    for (const c of r.byCategory)
      console.log(`  ${c.category.padEnd(36)} n=${String(c.questions).padStart(3)}  @1 ${pct(c.recallAt1)}  @5 ${pct(c.recallAt5)}`);
  }
});
