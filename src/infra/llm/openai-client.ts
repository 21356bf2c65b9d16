import OpenAI from 'openai';
import type { Env } from '../../config/env.js';

export interface OpenAISettings {
  apiKey: string;
  baseURL?: string;
  model: string;
  embeddingModel: string;
  /** Per request. A user waits for the answer, so this is a few seconds, not the SDK's 10 minutes. */
  timeoutMs: number;
  /** Retries after a 429/5xx/timeout; small for the same reason. */
  maxRetries: number;
  /** Tests pass a realm-safe fetch (see test/emulators/realm-safe-fetch.ts). */
  fetch?: typeof fetch;
}

/** The OpenAI settings from the environment, or undefined when no API key is set (LLM features off). */
export function openAISettings(env: Env): OpenAISettings | undefined {
  if (!env.OPENAI_API_KEY) return undefined;
  return {
    apiKey: env.OPENAI_API_KEY,
    ...(env.OPENAI_BASE_URL ? { baseURL: env.OPENAI_BASE_URL } : {}),
    model: env.OPENAI_MODEL,
    embeddingModel: env.OPENAI_EMBEDDING_MODEL,
    timeoutMs: env.OPENAI_TIMEOUT_MS,
    maxRetries: 1,
  };
}

export function createOpenAIClient(s: OpenAISettings): OpenAI {
  return new OpenAI({
    apiKey: s.apiKey,
    ...(s.baseURL ? { baseURL: s.baseURL } : {}),
    timeout: s.timeoutMs,
    maxRetries: s.maxRetries,
    ...(s.fetch ? { fetch: s.fetch } : {}),
  });
}
