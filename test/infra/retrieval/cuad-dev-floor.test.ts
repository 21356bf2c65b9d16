/**
 * Runs the rules extractor and the retriever on a few real CUAD contracts and asserts a floor
 * well below what they reach, so a regression (not noise) fails the build.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readContracts, readQuestions, questionQuery } from '../../../src/cli/cuad/cuad-data.js';
import { toExtractionRecord } from '../../../src/cli/cuad/extraction-record.js';
import { scoreExtraction } from '../../../src/cli/cuad/score-extraction.js';
import { scoreRetrieval } from '../../../src/cli/cuad/score-retrieval.js';
import { extractTermsWithRules } from '../../../src/core/extraction/rules/rules-extractor.js';
import { verifyEvidence } from '../../../src/core/extraction/verify-evidence.js';
import { MiniSearchClauseRetriever } from '../../../src/infra/retrieval/minisearch-retriever.js';

// shared/ sits beside the repository (CI, the main checkout) or beside the worktrees folder (a worktree).
const CANDIDATES = ['../shared/data/cuad-dev', '../../shared/data/cuad-dev'].map((p) => path.resolve(process.cwd(), p));
const DIR = CANDIDATES.find((d) => existsSync(path.join(d, 'qa.jsonl'))) ?? CANDIDATES[0]!;
const present = existsSync(path.join(DIR, 'qa.jsonl'));
if (!present) console.warn(`CUAD dev set not found at ${DIR}: skipping the CUAD floor test`);
const maybe = present ? describe : describe.skip;

maybe('CUAD dev sample (5 contracts)', () => {
  it('extracts key terms and retrieves answer passages above the floor', async () => {
    // Every 30th contract: a fixed, spread-out sample rather than the first five alphabetically.
    const contracts = (await readContracts(DIR)).filter((_, i) => i % 30 === 0).slice(0, 5);
    const ids = new Set(contracts.map((c) => c.id));
    const questions = (await readQuestions(DIR)).filter((q) => ids.has(q.contractId));
    expect(contracts).toHaveLength(5);

    const records = contracts.map((c) => toExtractionRecord(c.id, verifyEvidence(c.text, extractTermsWithRules(c.text))));
    for (const c of contracts) {
      const terms = extractTermsWithRules(c.text);
      for (const p of terms.parties) expect(c.text.slice(p.evidence.start, p.evidence.end)).toBe(p.evidence.text);
    }
    const scores = scoreExtraction(records, questions);
    const byField = Object.fromEntries(scores.map((s) => [s.field, s]));
    const correct = scores.reduce((n, s) => n + (s.field === 'parties' ? 0 : s.correctGold), 0);
    const gold = scores.reduce((n, s) => n + (s.field === 'parties' ? 0 : s.gold), 0);
    // Raised with issue 16 (sample measured 0.89 / R@1 0.81 / R@5 0.99; the learned clause terms were
    // learned from all 150 dev contracts, these five included, so the floors stay well below).
    expect(correct / gold).toBeGreaterThan(0.75);
    expect(byField.governingLaw!.recall).toBeGreaterThanOrEqual(0.6);
    expect(byField.parties!.recall).toBeGreaterThan(0.25);

    const retriever = new MiniSearchClauseRetriever();
    retriever.index(contracts.map((c) => ({ contractId: c.id, text: c.text })));
    const retrieval = questions.map((q) => ({
      id: q.id,
      passages: retriever.search(questionQuery(q), { contractIds: [q.contractId], k: 5 }),
    }));
    for (const [i, r] of retrieval.entries()) expect(r.passages.every((p) => p.contractId === questions[i]!.contractId)).toBe(true);
    const score = scoreRetrieval(retrieval, questions);
    expect(score.questions).toBeGreaterThan(20);
    expect(score.recallAt5).toBeGreaterThan(0.85);
    expect(score.recallAt1).toBeGreaterThan(0.65);
  });
});
