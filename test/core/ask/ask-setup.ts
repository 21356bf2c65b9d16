import { loadEnv } from '../../../src/config/env.js';
import { buildAskServices, type AskServices } from '../../../src/app/ask-services.js';
import type { OpenAISettings } from '../../../src/infra/llm/openai-client.js';
import { createLogger } from '../../../src/infra/logger.js';
import type { UserRef } from '../../../src/core/domain/user-ref.js';
import type { Contract } from '../../../src/core/domain/contract.js';
import { createContract } from '../../../src/core/services/create-contract.js';
import { confirmProposedTerms } from '../../../src/core/services/confirm-proposed-terms.js';
import { ingestContractFile } from '../../../src/core/services/ingest-contract-file.js';
import type { TestDatabase } from '../../support/database.js';
import { realmSafeFetch } from '../../emulators/realm-safe-fetch.js';

export const ALICE: UserRef = { platform: 'slack', id: 'UALICE', email: 'alice@example.com', displayName: 'Alice' };
export const BOB: UserRef = { platform: 'slack', id: 'UBOB', email: 'bob@example.com', displayName: 'Bob' };
export const CAROL: UserRef = { platform: 'teams', id: 'aad-carol', email: 'carol@example.com', displayName: 'Carol' };
export const ADMIN: UserRef = { platform: 'teams', id: 'aad-admin', email: 'counsel@example.com', displayName: 'Counsel' };

const TEST_ENV = loadEnv({ COMPANY_NAME: 'Clause Demo Inc', CLAUSE_ADMINS: 'counsel@example.com', CONTRACT_FILE_MAX_MB: '1', LOG_LEVEL: 'silent' });

/** OpenAI settings for the emulator: short timeout, no retries, so fallbacks are quick. */
export function emulatorSettings(baseURL: string, timeoutMs = 800): OpenAISettings {
  return { apiKey: 'sk-test', baseURL, model: 'gpt-4o-mini', embeddingModel: 'text-embedding-3-small', timeoutMs, maxRetries: 0, fetch: realmSafeFetch };
}

export function servicesFor(db: TestDatabase, openai?: OpenAISettings): Promise<AskServices> {
  return buildAskServices({
    env: TEST_ENV,
    logger: createLogger('silent'),
    clock: db.clock,
    connection: db.connection,
    store: db.store,
    ...(openai ? { openai } : {}),
  });
}

/** Uploads a text as a file and confirms its terms: the way contracts get their text. */
export async function importText(s: AskServices, user: UserRef, text: string, fileName: string, corrections?: Record<string, string>): Promise<Contract> {
  const proposal = await ingestContractFile(s.terms, { user, fileName, bytes: new TextEncoder().encode(text) });
  return (await confirmProposedTerms(s.terms, { proposalId: proposal.id, user, ...(corrections ? { corrections } : {}) })).contract;
}

/** A contract with no text (as a CSV import leaves it). */
export function plainContract(db: TestDatabase, owner: UserRef, terms: Record<string, unknown>): Promise<Contract> {
  return createContract(db.store, {
    terms: { title: 'Contract', type: 'msa', counterparty: 'Someone', ...terms } as never,
    owner,
    requester: owner,
    actor: owner,
    status: 'active',
  });
}
