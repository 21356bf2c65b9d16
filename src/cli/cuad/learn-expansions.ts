/**
 * npm run learn:clause-terms -- DIR [--half tune|all] [--out FILE]
 *
 * Learns each CUAD category's clause vocabulary from the gold spans of the contracts in DIR
 * (by default only the tuning half, so the check half stays unseen) and writes
 * src/core/ask/learned-clause-terms.ts, which is committed and reviewed like code.
 *
 * The units are the sentences Ask Clause can quote (`quotablePieces`). For each category:
 *  - positives: sentences overlapping one of its gold spans; negatives: every other sentence;
 *  - weight of a stem t: ln((p_t + e) / (q_t + e)), p_t/q_t the share of positive/negative
 *    sentences containing t; kept when p_t >= 6%, the weight >= 1 and t occurs in the gold sentences
 *    of at least 3 different contracts (at most 40 stems, by p_t*w);
 *  - plus the stems of the category's own name when they are more frequent in its gold sentences;
 *  - a sentence's score is the sum of the weights of its distinct stems over n^0.5 (n distinct
 *    stems; `learnedSentenceScore`);
 *  - expansion words: the 12 stems with the highest p_t*w (p_t >= 12%), written as the word form
 *    most often seen in the positives (the retriever stems them again);
 *  - threshold, in two passes: first the score that best separates contracts with the clause (best
 *    gold sentence) from contracts without it (best sentence anywhere); then, with those terms
 *    written, calibrated the way answers are made: the category's question is asked within each
 *    contract through the retriever (top 8 passages), and the threshold is the score that best
 *    separates the best retrieved gold sentence (contracts with the clause whose gold was
 *    retrieved) from the best retrieved sentence (contracts without it), maximising the mean of
 *    both accuracies.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { nonAnswerKind, quotablePieces } from '../../core/ask/sentence-pieces.js';
import { clauseTypeByCategory } from '../../core/ask/clause-types.js';
import { learnedSentenceScore, learnedStemScore } from '../../core/ask/clause-type-score.js';
import { stem, words } from '../../core/text/stem.js';
import { parseCliArgs } from './cli-args.js';
import { readContracts, readQuestions } from './cuad-data.js';
import { inHalf, parseHalf } from './split.js';

const MIN_SHARE = 0.06;
const MIN_WEIGHT = 1;
const MAX_STEMS = 40;
const EXPAND = 12;

const usage = 'usage: npm run learn:clause-terms -- DIR [--half tune|check|all] [--out FILE] [--min-contracts N]';
const { dir, flags } = parseCliArgs(process.argv.slice(2), usage);
/** A stem must appear in the gold spans of this many contracts (or all of them, when fewer) to count. */
const MIN_CONTRACTS = Number(flags['min-contracts'] ?? 3);
if (!Number.isInteger(MIN_CONTRACTS) || MIN_CONTRACTS < 1) {
  console.error(`--min-contracts must be a whole number of at least 1\n${usage}`);
  process.exit(2);
}
const half = parseHalf(flags.half ?? 'tune');
const out = flags.out ?? path.resolve('src/core/ask/learned-clause-terms.ts');

const contracts = (await readContracts(dir)).filter((c) => inHalf(c.id, half));
const ids = new Set(contracts.map((c) => c.id));
const questions = (await readQuestions(dir)).filter((q) => ids.has(q.contractId));
const categories = [...new Set(questions.map((q) => q.category))];

interface Sentence {
  contractId: string;
  start: number;
  end: number;
  stems: Set<string>;
  words: string[];
}

const isTerm = (w: string) => w.length >= 3 && !/\d/.test(w);
const sentencesByContract = new Map<string, Sentence[]>();
const background = new Map<string, number>();
let total = 0;
for (const c of contracts) {
  const list = quotablePieces(c.text).map((p) => {
    const ws = words(c.text.slice(p.start, p.end)).filter(isTerm);
    return { contractId: c.id, start: p.start, end: p.end, words: ws, stems: new Set(ws.map(stem)) };
  });
  sentencesByContract.set(c.id, list);
  for (const s of list) for (const t of s.stems) background.set(t, (background.get(t) ?? 0) + 1);
  total += list.length;
}

const overlapsGold = (s: Sentence, spans: Array<{ start: number; end: number }>) =>
  spans.some((a) => Math.min(s.end, a.end) - Math.max(s.start, a.start) >= Math.min(30, (s.end - s.start) / 2, (a.end - a.start) / 2));

const learned: Record<string, { expand: string[]; weights: Record<string, number>; threshold: number; trained: { positives: number; contracts: number } }> = {};
for (const category of categories) {
  const qs = questions.filter((q) => q.category === category);
  const positives: Sentence[] = [];
  for (const q of qs) {
    if (q.isImpossible || q.answers.length === 0) continue;
    positives.push(...(sentencesByContract.get(q.contractId) ?? []).filter((s) => overlapsGold(s, q.answers)));
  }
  if (positives.length === 0) continue;
  const pos = new Map<string, number>();
  const contractsWith = new Map<string, Set<string>>();
  const forms = new Map<string, Map<string, number>>();
  for (const s of positives) {
    for (const t of s.stems) {
      pos.set(t, (pos.get(t) ?? 0) + 1);
      contractsWith.set(t, (contractsWith.get(t) ?? new Set()).add(s.contractId));
    }
    for (const w of s.words) {
      const f = forms.get(stem(w)) ?? new Map<string, number>();
      f.set(w, (f.get(w) ?? 0) + 1);
      forms.set(stem(w), f);
    }
  }
  const nNeg = Math.max(1, total - positives.length);
  const eps = 0.5 / positives.length;
  const scored = [...pos].map(([t, n]) => {
    const p = n / positives.length;
    const q = Math.max(0, (background.get(t) ?? 0) - n) / nNeg;
    const w = Math.log((p + eps) / (q + 0.5 / nNeg));
    return { t, p, w };
  });
  // A stem seen in the clauses of only one or two contracts is that contract's wording (a name, a
  // product), not the clause type's: it would be memorised, not learned.
  const spread = Math.min(MIN_CONTRACTS, new Set(positives.map((x) => x.contractId)).size);
  const kept = scored
    .filter((x) => x.p >= MIN_SHARE && x.w >= MIN_WEIGHT && contractsWith.get(x.t)!.size >= spread)
    .sort((a, b) => b.p * b.w - a.p * a.w)
    .slice(0, MAX_STEMS);
  // The words of the category's own name ("liquidated", "damages", "escrow") are kept whenever the
  // gold sentences use them more than other sentences: anchors that hold beyond the few contracts seen.
  const anchors = new Set(
    words(category)
      .filter((w) => w.length >= 3 && !['the', 'and', 'for'].includes(w))
      .map(stem),
  );
  const anchored = scored.filter((x) => anchors.has(x.t) && x.w > 0 && !kept.includes(x));
  const weights = Object.fromEntries([...kept, ...anchored].map((x) => [x.t, Math.round(x.w * 100) / 100]));
  const expand = kept
    .filter((x) => x.p >= 0.12)
    .slice(0, EXPAND)
    .map((x) => [...forms.get(x.t)!].sort((a, b) => b[1] - a[1])[0]![0]);
  const score = (s: Sentence) => learnedStemScore(s.stems, weights);

  // Threshold: best gold sentence of contracts with the clause vs best sentence of those without.
  const withClause: number[] = [];
  const without: number[] = [];
  for (const q of qs) {
    const list = sentencesByContract.get(q.contractId) ?? [];
    if (!q.isImpossible && q.answers.length > 0) {
      withClause.push(Math.max(0, ...list.filter((s) => overlapsGold(s, q.answers)).map(score)));
    } else {
      without.push(Math.max(0, ...list.map(score)));
    }
  }
  learned[category] = { expand, weights, threshold: separating(withClause, without), trained: { positives: positives.length, contracts: withClause.length } };
}

/** The threshold that best separates scores that should answer from scores that should not. */
function separating(withClause: number[], without: number[]): number {
  let best = { t: 0, acc: -1 };
  for (const t of [...new Set([...withClause, ...without])].sort((a, b) => a - b)) {
    const tpr = withClause.filter((x) => x >= t).length / Math.max(1, withClause.length);
    const tnr = without.length ? without.filter((x) => x < t).length / without.length : 1;
    const acc = (tpr + tnr) / 2;
    if (acc > best.acc) best = { t, acc };
  }
  return Math.round(best.t * 100) / 100;
}

async function write(): Promise<void> {
  const body = Object.entries(learned)
    .map(
      ([c, v]) =>
        `  ${JSON.stringify(c)}: {\n    expand: ${JSON.stringify(v.expand)},\n    threshold: ${v.threshold},\n    trained: ${JSON.stringify(v.trained)},\n    weights: ${JSON.stringify(v.weights)},\n  },`,
    )
    .join('\n');
  await writeFile(
    out,
    `// Generated by \`npm run learn:clause-terms -- DIR --half ${half}\` (src/cli/cuad/learn-expansions.ts) from ${contracts.length} CUAD\n` +
      `// contracts. Do not edit by hand: change the script and run it again, then review the diff.\n` +
      `export interface LearnedClauseTerms {\n  /** Words added to a question of this type before retrieval (stemmed by the retriever). */\n  expand: readonly string[];\n` +
      `  /** Score a sentence needs to count as this clause; below it the question is refused. */\n  threshold: number;\n  trained: { positives: number; contracts: number };\n` +
      `  /** Stem weights (log odds of appearing in a gold sentence of this type vs any other sentence). */\n  weights: Readonly<Record<string, number>>;\n}\n\n` +
      `export const LEARNED_CLAUSE_TERMS: Readonly<Record<string, LearnedClauseTerms>> = {\n${body}\n};\n`,
    'utf8',
  );
}

await write();
console.log(`pass 1: learned ${Object.keys(learned).length} categories from ${contracts.length} contracts (${half}) -> ${out}`);

// Pass 2: calibrate each threshold through the retriever, which now loads the terms just written.
if (flags.calibrate !== 'no') {
  const { MiniSearchClauseRetriever } = await import('../../infra/retrieval/minisearch-retriever.js');
  const retriever = new MiniSearchClauseRetriever();
  retriever.index(contracts.map((c) => ({ contractId: c.id, text: c.text })));
  for (const [category, entry] of Object.entries(learned)) {
    const type = clauseTypeByCategory(category);
    if (!type) continue;
    const query = `${type.category}. ${type.description}`;
    const withClause: number[] = [];
    const without: number[] = [];
    for (const q of questions.filter((x) => x.category === category)) {
      const scored = retriever.search(query, { contractIds: [q.contractId], k: 8 }).flatMap((h) =>
        quotablePieces(h.text)
          .filter((p) => !nonAnswerKind(h.text.slice(p.start, p.end)) && words(h.text.slice(p.start, p.end)).length >= 4)
          .map((p) => {
            const score = learnedSentenceScore(h.text.slice(p.start, p.end), entry);
            return { start: h.start + p.start, end: h.start + p.end, score };
          }),
      );
      if (!q.isImpossible && q.answers.length > 0) {
        const gold = scored.filter((x) => overlapsGold({ ...x, contractId: '', stems: new Set(), words: [] }, q.answers));
        if (gold.length > 0) withClause.push(Math.max(...gold.map((x) => x.score)));
      } else {
        without.push(Math.max(0, ...scored.map((x) => x.score)));
      }
    }
    if (withClause.length > 0) entry.threshold = separating(withClause, without);
  }
  await write();
  console.log(`pass 2: thresholds calibrated through the retriever -> ${out}`);
}
