/**
 * npm run score:ask -- DIR [--paraphrases FILE] [--half tune|check|all] [--every N] [--no-key-terms]
 *
 * Measures Ask Clause's built-in answers on a CUAD folder: every (contract, category) of
 * DIR/qa.jsonl is asked in everyday words (the first phrasing of the paraphrase set), and every
 * phrasing is asked for paraphrase agreement.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { AskEngine } from './ask/ask-engine.js';
import { readContracts, readQuestions, type CuadQuestion } from './cuad/cuad-data.js';
import { inHalf, parseHalf } from './cuad/split.js';
import { CliError, runCli, UsageError, type CliSpec } from './cli-kit.js';

const scoreAskCli: CliSpec = {
  name: 'score:ask',
  file: 'score-ask',
  usage: 'DIR [--paraphrases FILE] [--half tune|check|all] [--every N] [--no-key-terms] [--threshold-scale X] [--categories]',
  summary: "Measures Ask Clause's built-in answers on a CUAD folder (DIR/qa.jsonl and DIR/contracts/*.txt).",
  options: {
    paraphrases: { type: 'string', value: 'FILE', description: 'the paraphrase set (default bench/ask-paraphrases.json)' },
    half: { type: 'string', value: 'tune|check|all', description: 'contracts of one half of the fixed hash split (default all)' },
    every: { type: 'string', value: 'N', description: 'only every Nth contract (a quick subset while iterating)' },
    'no-key-terms': { type: 'boolean', description: 'do not answer date/party/title/term questions from key terms first' },
    'threshold-scale': { type: 'string', value: 'X', description: "multiply every clause type's learned threshold by X (tuning)" },
    categories: { type: 'boolean', description: 'also print the figures per category' },
  },
  positionals: { min: 1, max: 1 },
  details: `Asks every question of DIR/qa.jsonl within its own contract, in the everyday words of the
paraphrase set (the first phrasing of each category), and prints:
  first quote     answerable questions whose first quote overlaps a gold answer span
  any of three    ... whose first three quotes include one that does
  nothing found   answerable questions answered "nothing in the text answers it"
  refusals        questions without a gold answer that were answered "nothing found"
  paraphrases     (contract, category) pairs where every phrasing quotes the same clause first
                  (the first quotes overlap) or every phrasing finds nothing`,
};

function options(values: Record<string, string | boolean | undefined>, dir: string) {
  const every = z.coerce
    .number()
    .int()
    .positive()
    .safeParse(values.every ?? '1');
  if (!every.success) throw new UsageError('--every must be a positive whole number');
  let half;
  try {
    half = parseHalf(typeof values.half === 'string' ? values.half : undefined);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const scale = z.coerce
    .number()
    .positive()
    .max(10)
    .safeParse(values['threshold-scale'] ?? '1');
  if (!scale.success) throw new UsageError('--threshold-scale must be a positive number');
  return {
    thresholdScale: values['threshold-scale'] === undefined ? undefined : scale.data,
    dir,
    paraphrases: typeof values.paraphrases === 'string' ? values.paraphrases : path.resolve('bench/ask-paraphrases.json'),
    half,
    every: every.data,
    keyTerms: values['no-key-terms'] !== true,
    categories: values.categories === true,
  };
}

const ZParaphrases = z.record(z.string(), z.union([z.array(z.string().min(3)).min(1), z.string()]));

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;

runCli(scoreAskCli, async ({ values, positionals }) => {
  const args = options(values, positionals[0]!);
  let paraphrases: Record<string, string[]>;
  let contracts;
  let questions: CuadQuestion[];
  try {
    const raw = ZParaphrases.parse(JSON.parse(await readFile(args.paraphrases, 'utf8')));
    paraphrases = Object.fromEntries(Object.entries(raw).filter((e): e is [string, string[]] => Array.isArray(e[1])));
    contracts = (await readContracts(args.dir)).filter((c, i) => inHalf(c.id, args.half) && i % args.every === 0);
    questions = await readQuestions(args.dir);
  } catch (e) {
    throw new CliError(`cannot read the data: ${(e as Error).message.split('\n')[0]}`);
  }
  const ids = new Set(contracts.map((c) => c.id));
  questions = questions.filter((q) => ids.has(q.contractId) && paraphrases[q.category]);
  const engine = new AskEngine(contracts, { keyTerms: args.keyTerms, ...(args.thresholdScale !== undefined ? { thresholdScale: args.thresholdScale } : {}) });

  type Tally = { answerable: number; first: number; any3: number; nothing: number; impossible: number; refused: number; groups: number; agree: number };
  const zero = (): Tally => ({ answerable: 0, first: 0, any3: 0, nothing: 0, impossible: 0, refused: 0, groups: 0, agree: 0 });
  const all = zero();
  const byCategory = new Map<string, Tally>();
  for (const q of questions) {
    const t = byCategory.get(q.category) ?? zero();
    byCategory.set(q.category, t);
    const phrasings = paraphrases[q.category]!;
    const answers = phrasings.map((p) => engine.ask(p, q.contractId));
    const first = answers[0]!.quotes;
    const answerable = !q.isImpossible && q.answers.length > 0;
    for (const tally of [all, t]) {
      if (answerable) {
        tally.answerable++;
        if (first.length === 0) tally.nothing++;
        if (first[0] && q.answers.some((a) => overlaps(first[0]!, a))) tally.first++;
        if (first.slice(0, 3).some((c) => q.answers.some((a) => overlaps(c, a)))) tally.any3++;
      } else {
        tally.impossible++;
        if (first.length === 0) tally.refused++;
      }
      tally.groups++;
      const same = answers.every((a) => (a.quotes.length === 0 && first.length === 0) || (a.quotes[0] && first[0] && overlaps(a.quotes[0], first[0])));
      if (same) tally.agree++;
    }
  }
  const pct = (n: number, d: number) => `${d ? ((100 * n) / d).toFixed(1) : '-'}%`.padStart(6);
  const line = (label: string, t: Tally) =>
    `${label.padEnd(36)} n=${String(t.answerable).padStart(4)}/${String(t.impossible).padEnd(4)} first ${pct(t.first, t.answerable)}  any3 ${pct(t.any3, t.answerable)}  nothing ${pct(t.nothing, t.answerable)}  refusals ${pct(t.refused, t.impossible)}  paraphrases ${pct(t.agree, t.groups)}`;
  console.log(
    `Ask Clause, built-in answers (${contracts.length} contracts${args.half === 'all' ? '' : `, ${args.half} half`}${args.every > 1 ? `, every ${args.every}th` : ''}; ${questions.length} questions x ${Object.values(paraphrases)[0]?.length ?? 0} phrasings${args.keyTerms ? '' : '; no key terms'})`,
  );
  console.log(line('all (answerable/unanswerable)', all));
  if (args.categories) for (const [c, t] of byCategory) console.log(line(`  ${c}`, t));
  return 0;
});
