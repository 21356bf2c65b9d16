/**
 * The built-in Ask Clause answer path over a folder of contract texts, without a database: the
 * MiniSearch retriever restricted to one contract, the rules extractor's key terms (standing in
 * for confirmed terms, with their source spans) and `selectAnswer`.
 */
import { keyTermSpans } from '../../core/ask/key-term-spans.js';
import { selectAnswer, type KeyTermSpan, type SelectedAnswer } from '../../core/ask/select-answer.js';
import type { KeyTermField } from '../../core/ask/clause-types.js';
import { extractTermsWithRules } from '../../core/extraction/rules/rules-extractor.js';
import { MiniSearchClauseRetriever } from '../../infra/retrieval/minisearch-retriever.js';
import type { ContractFile } from '../cuad/cuad-data.js';

const RETRIEVE_K = 8;

export class AskEngine {
  private readonly retriever = new MiniSearchClauseRetriever();
  private readonly keyTerms = new Map<string, Partial<Record<KeyTermField, KeyTermSpan>>>();
  private readonly texts = new Map<string, string>();

  constructor(
    contracts: readonly ContractFile[],
    private readonly options: { keyTerms?: boolean; thresholdScale?: number } = {},
  ) {
    this.retriever.index(contracts.map((c) => ({ contractId: c.id, text: c.text })));
    for (const c of contracts) this.texts.set(c.id, c.text);
  }

  private spans(contractId: string): Partial<Record<KeyTermField, KeyTermSpan>> {
    if (this.options.keyTerms === false) return {};
    let s = this.keyTerms.get(contractId);
    if (!s) {
      const text = this.texts.get(contractId) ?? '';
      s = keyTermSpans(text, extractTermsWithRules(text));
      this.keyTerms.set(contractId, s);
    }
    return s;
  }

  /** The answer within one contract (key terms first) or, with no id, across all of them. */
  ask(question: string, contractId?: string): SelectedAnswer & { contractOf: (q: { passage: number }) => string } {
    const hits = this.retriever.search(question, { ...(contractId ? { contractIds: [contractId] } : {}), k: RETRIEVE_K });
    const selected = selectAnswer(
      question,
      hits.map((h) => ({ start: h.start, text: h.text })),
      {
        ...(contractId ? { keyTerms: this.spans(contractId) } : {}),
        ...(this.options.thresholdScale !== undefined ? { thresholdScale: this.options.thresholdScale } : {}),
      },
    );
    return { ...selected, contractOf: (q) => (q.passage >= 0 ? hits[q.passage]!.contractId : contractId!) };
  }

  has(contractId: string): boolean {
    return this.texts.has(contractId);
  }
}
