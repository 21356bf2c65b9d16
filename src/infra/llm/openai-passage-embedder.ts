import { createHash } from 'node:crypto';
import type OpenAI from 'openai';
import type { PassageEmbedder } from '../../core/ports/passage-embedder.js';

/** Passages repeat across questions; their vectors are kept (bounded) so only new text is sent. */
const CACHE_LIMIT = 5_000;

/** OpenAI embeddings (OPENAI_EMBEDDING_MODEL) with an in-memory cache by text hash. */
export class OpenAIPassageEmbedder implements PassageEmbedder {
  private readonly cache = new Map<string, number[]>();

  constructor(
    private readonly client: OpenAI,
    private readonly model: string,
  ) {}

  async embed(texts: readonly string[]): Promise<number[][]> {
    const keys = texts.map((t) => createHash('sha256').update(t).digest('hex'));
    const missing = [...new Set(keys.filter((k) => !this.cache.has(k)))];
    if (missing.length > 0) {
      const inputs = missing.map((k) => texts[keys.indexOf(k)]!);
      const res = await this.client.embeddings.create({ model: this.model, input: inputs });
      const byIndex = [...res.data].sort((a, b) => a.index - b.index);
      missing.forEach((k, i) => {
        const vector = byIndex[i]?.embedding;
        if (!vector) throw new Error('the embeddings answer is missing a vector');
        if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
        this.cache.set(k, vector);
      });
    }
    return keys.map((k) => this.cache.get(k)!);
  }
}
