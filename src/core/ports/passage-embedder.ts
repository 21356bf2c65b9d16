/** Port: turns texts into embedding vectors (OpenAI embeddings when configured). Throws on failure. */
export interface PassageEmbedder {
  embed(texts: readonly string[]): Promise<number[][]>;
}
