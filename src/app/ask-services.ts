import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import type { AskServices } from '../core/ports/services.js';
import { RulesKeyTermExtractor } from '../core/extraction/rules/rules-extractor.js';
import type { KeyTermExtractor } from '../core/extraction/key-term-extractor.js';
import type { AskModel } from '../core/ports/ask-model.js';
import type { Clock } from '../core/ports/clock.js';
import type { ContractStoreDeps } from '../core/services/contract-store-deps.js';
import { contractFileReader } from '../infra/documents/read-contract-file.js';
import { OpenAIAskModel } from '../infra/llm/openai-ask-model.js';
import { createOpenAIClient, openAISettings, type OpenAISettings } from '../infra/llm/openai-client.js';
import { OpenAIKeyTermExtractor } from '../infra/llm/openai-key-term-extractor.js';
import { OpenAIPassageEmbedder } from '../infra/llm/openai-passage-embedder.js';
import type { PassageEmbedder } from '../core/ports/passage-embedder.js';
import type { Logger } from '../core/ports/logger.js';
import { MongoApprovalRepository } from '../infra/mongo/mongo-approval-repository.js';
import { MongoApproverRounds } from '../infra/mongo/mongo-approver-rounds.js';
import { MongoContractDocuments } from '../infra/mongo/mongo-contract-documents.js';
import { MongoContractsByEmail } from '../infra/mongo/mongo-contracts-by-email.js';
import { MongoTermProposals } from '../infra/mongo/mongo-term-proposals.js';
import { contractDocumentModel, termConfirmationModel, termProposalModel } from '../infra/mongo/models/ask-models.js';
import { MiniSearchClauseRetriever } from '../infra/retrieval/minisearch-retriever.js';
import { ShardedClauseRetriever } from '../infra/retrieval/sharded-retriever.js';
import type { ClauseRetriever } from '../core/ports/clause-retriever.js';
import { resolve } from 'node:path';

export type { AskServices };

export interface AskServicesInput {
  env: Env;
  logger: Logger;
  clock: Clock;
  connection: Connection;
  store: ContractStoreDeps;
  /** Overrides the settings from env (tests: short timeouts, a realm-safe fetch). */
  openai?: OpenAISettings;
}

/** Logs a model failure (never its key) and rethrows, so the core can fall back to its built-in answer. */
function logged<T>(logger: Logger, what: string, call: () => Promise<T>): Promise<T> {
  return call().catch((err: unknown) => {
    logger.warn(
      { err: { name: (err as Error)?.name, message: (err as Error)?.message, status: (err as { status?: number })?.status } },
      `${what} failed; using the built-in answer`,
    );
    throw err;
  });
}

const EXTRACTION_TIMEOUT_FACTOR = 4;

/**
 * Questions and uploads: MongoDB stores, the in-memory clause index, the rules extractor, and
 * OpenAI when OPENAI_API_KEY is set. The composition root builds one set per process (on first
 * use), so every surface shares the index; tests may build their own to compare configurations.
 */
export async function buildAskServices(input: AskServicesInput): Promise<AskServices> {
  const { env, logger, clock, connection, store } = input;
  await Promise.all([contractDocumentModel(connection), termProposalModel(connection), termConfirmationModel(connection)].map((m) => m.createIndexes()));

  const settings = input.openai ?? openAISettings(env);
  let model: AskModel | undefined;
  let llm: KeyTermExtractor | undefined;
  let embedder: PassageEmbedder | undefined;
  if (settings) {
    const client = createOpenAIClient(settings);
    const ask = new OpenAIAskModel(client, settings.model);
    // Reading a whole contract takes a model longer than routing a question; the upload is already acknowledged.
    const extractor = new OpenAIKeyTermExtractor(
      createOpenAIClient({ ...settings, timeoutMs: settings.timeoutMs * EXTRACTION_TIMEOUT_FACTOR }),
      settings.model,
    );
    model = {
      chooseTool: (...a) => logged(logger, 'OpenAI tool choice', () => ask.chooseTool(...a)),
      answerFromPassages: (...a) => logged(logger, 'OpenAI grounded answer', () => ask.answerFromPassages(...a)),
    };
    llm = { extract: (text) => logged(logger, 'OpenAI key-term extraction', () => extractor.extract(text)) };
    const embeddings = new OpenAIPassageEmbedder(client, settings.embeddingModel);
    embedder = { embed: (texts) => logged(logger, 'OpenAI embeddings', () => embeddings.embed(texts)) };
  }
  // Each model call gets about one client timeout in all: a retry only fits when the first attempt
  // failed fast (a 429 or 500), so a question waits at most two timeouts (route, then answer).
  const deadline = settings ? settings.timeoutMs + 1_000 : undefined;
  const documents = new MongoContractDocuments(connection);
  const retriever = openRetriever(env, logger);
  const indexed = retriever instanceof ShardedClauseRetriever ? retriever.versions() : new Map<string, number>();
  const services: AskServices = {
    ask: {
      contracts: store.contracts,
      documents,
      approvals: new MongoApprovalRepository(connection),
      approverRounds: new MongoApproverRounds(connection),
      byEmail: new MongoContractsByEmail(connection),
      index: { retriever, indexed },
      clock,
      admins: env.CLAUSE_ADMINS,
      ...(model ? { model } : {}),
      ...(embedder ? { embedder } : {}),
      ...(deadline ? { modelDeadlineMs: deadline } : {}),
    },
    terms: {
      store,
      documents,
      proposals: new MongoTermProposals(connection),
      reader: contractFileReader(env.CONTRACT_FILE_MAX_MB * 1024 * 1024),
      rules: new RulesKeyTermExtractor(),
      ...(llm ? { llm } : {}),
      clock,
      companyName: env.COMPANY_NAME,
      maxFileBytes: env.CONTRACT_FILE_MAX_MB * 1024 * 1024,
      admins: env.CLAUSE_ADMINS,
      ...(settings ? { llmDeadlineMs: settings.timeoutMs * EXTRACTION_TIMEOUT_FACTOR * (settings.maxRetries + 1) + 1_000 } : {}),
    },
  };
  return services;
}

/**
 * disk (the default): the persisted shards say which document versions they hold, so a restart
 * re-indexes nothing. A data folder that cannot be created or written (a read-only file system, a
 * container without a writable volume) falls back to the in-memory index with a warn, so Ask
 * still works.
 */
function openRetriever(env: Env, logger: Logger): ClauseRetriever {
  if (env.CLAUSE_SEARCH_INDEX !== 'disk') return new MiniSearchClauseRetriever();
  const dir = resolve(env.CLAUSE_DATA_DIR, 'search-index', env.MONGODB_DB_NAME);
  try {
    return new ShardedClauseRetriever({
      dir,
      shards: env.CLAUSE_SEARCH_SHARDS,
      maxResidentBytes: env.CLAUSE_SEARCH_MEMORY_MB * 1024 * 1024,
      onError: (err, what) =>
        logger.warn(
          { err: { name: (err as Error)?.name, message: (err as Error)?.message } },
          what.includes('term index')
            ? `${what} failed; questions across many contracts search the shards themselves until the next build`
            : `${what} failed; the shard is rebuilt from the documents`,
        ),
      onTermIndexBuilt: (info) => logger.info(info, 'search term index rebuilt from the persisted shards'),
    });
  } catch (err) {
    logger.warn(
      { dir, err: { name: (err as Error)?.name, message: (err as Error)?.message } },
      'the search index folder cannot be used (set CLAUSE_DATA_DIR to a writable folder); using an in-memory index, rebuilt by every process',
    );
    return new MiniSearchClauseRetriever();
  }
}
