import type { ExtractedTerms } from './extracted-terms.js';

export interface ExtractOptions {
  /** Used when a contract states its dates relative to signing and none is written. */
  fallbackDate?: string;
}

/**
 * Port: reads a contract's text and returns its key terms with evidence. Implementations: the
 * built-in rules extractor (offline) and, later, an LLM extractor whose output goes through
 * `verifyEvidence` before anyone sees it.
 */
export interface KeyTermExtractor {
  extract(text: string, opts?: ExtractOptions): Promise<ExtractedTerms>;
}
