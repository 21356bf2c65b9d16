/** One contract's text to index; passages are cut from it by the retriever. */
export interface ContractText {
  contractId: string;
  text: string;
  /** The document version (e.g. its stored time); a persisted index skips a contract it already holds at this version. */
  version?: number;
}

export interface PassageHit {
  contractId: string;
  passageIndex: number;
  /** Offsets into the contract's text: `text.slice(start, end) === this.text`. */
  start: number;
  end: number;
  score: number;
  text: string;
}

export interface ClauseSearchOptions {
  /**
   * Only passages of these contracts are returned. Access control happens here: the caller passes
   * the contracts the asking user may see. An empty list means the user may see none.
   */
  contractIds?: readonly string[];
  k: number;
}

/** Port: finds the clauses that answer a question across many contracts. */
export interface ClauseRetriever {
  /** Adds (or replaces) contracts in the index. */
  index(contracts: Iterable<ContractText>): void;
  remove(contractId: string): void;
  search(query: string, options: ClauseSearchOptions): PassageHit[];
}
