/** A quoted sentence of a contract that supports an answer. */
export interface Citation {
  contractId: string;
  contractRef: string;
  contractTitle: string;
  /** The section heading ("9. Termination"), when the passage sits under one. */
  section?: string;
  /** Exactly `text.slice(start, end)` of the contract's stored document. */
  quote: string;
  start: number;
  end: number;
}

export const AI_FALLBACK_NOTE = '(the AI service did not answer; this is the built-in answer)';

/** What `answerQuestion` returns; `answerMessage` renders it. */
export interface Answer {
  question: string;
  /** The answer in plain text (lines separated by newlines). */
  text: string;
  citations: Citation[];
  /** database: exact figures from stored contracts; contract_text: the wording; none: nothing found. */
  source: 'database' | 'contract_text' | 'none';
  answeredBy: 'llm' | 'built_in';
  /** Set when the LLM was asked but failed and the built-in answer was given instead. */
  note?: string;
}
