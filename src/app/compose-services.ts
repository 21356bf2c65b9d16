import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import type { ApprovalPolicy } from '../core/domain/approval-policy.js';
import type { Clock } from '../core/ports/clock.js';
import type { ConversationReferences } from '../core/ports/conversation-references.js';
import type { Logger } from '../core/ports/logger.js';
import type { AskServices } from '../core/ports/services.js';
import type { UserDirectory } from '../core/ports/user-directory.js';
import type { ApprovalDeps } from '../core/services/approval-deps.js';
import type { ContractStoreDeps } from '../core/services/contract-store-deps.js';
import { downloadFile } from '../infra/documents/download-file.js';
import { docxExporter } from '../infra/docx/export-docx.js';
import type { OpenAISettings } from '../infra/llm/openai-client.js';
import { MongoConversationReferences } from '../infra/mongo/mongo-conversation-references.js';
import { MongoFormSubmissions } from '../infra/mongo/mongo-form-submissions.js';
import { MongoIdempotency } from '../infra/mongo/mongo-idempotency.js';
import type { PrunableRecords } from '../core/ports/prunable-records.js';
import { MongoRequestClaims } from '../infra/mongo/mongo-request-claims.js';
import type { AppContext } from './app-context.js';
import { buildAskServices } from './ask-services.js';
import { openChatPlatforms, platformUserDirectory, type ChatPlatforms } from './chat-platforms.js';
import { NotifierRouter } from './notifier-router.js';
import { openApprovals } from './open-approvals.js';
import { openPlayground } from './open-playground.js';
import { openRenewalServices } from './open-renewals.js';
import { attachSignatures } from './open-signatures.js';
import type { WebhookServices } from './open-webhooks.js';
import type { WebPlatform } from '../bots/web/web-platform.js';

export interface ComposeInput {
  env: Env;
  logger: Logger;
  clock: Clock;
  connection: Connection;
  store: ContractStoreDeps;
  /** Outbound webhooks, opened with the store (openDatabase). */
  webhooks?: WebhookServices;
  /** Already loaded (read before the database opens); read from POLICY_FILE otherwise. */
  policy?: ApprovalPolicy;
  /**
   * Registers the notifiers on the router and returns the platforms (default: openChatPlatforms,
   * from the env). Tests register recording notifiers instead.
   */
  chat?: (router: NotifierRouter, deps: { approvals: ApprovalDeps; references: ConversationReferences; web?: WebPlatform | undefined }) => ChatPlatforms;
  /** Overrides the user directory built from the platforms (tests). */
  users?: UserDirectory;
  /** Overrides the OpenAI settings from env (tests). */
  openai?: OpenAISettings;
}

export interface Composed {
  ctx: AppContext;
  platforms: ChatPlatforms;
}

/**
 * The composition root, the same for the web process (startService) and the worker (startWorker):
 * the MongoDB implementations of the ports, the approval engine with the approval channels of
 * both platforms, the chat platforms' notifiers (registered on one router), renewals and
 * reminders, and Ask Clause (built on first use). The result is one `Services` object.
 */
export async function composeServices(input: ComposeInput): Promise<Composed> {
  const { env, logger, clock, connection, store } = input;
  const notifier = new NotifierRouter(logger);
  const references = new MongoConversationReferences(connection, clock);
  const requestClaims = new MongoRequestClaims(connection, clock);
  const forms = new MongoFormSubmissions(connection, clock);
  await Promise.all([references.init(), requestClaims.init(), forms.init()]);
  const approvals = await openApprovals(env, connection, store, notifier, input.policy);
  const playground = await openPlayground(env, connection, clock, logger); // PLAYGROUND (src/config/playground.ts)
  const platforms = (input.chat ?? ((router, deps) => openChatPlatforms(env, logger, deps, router)))(notifier, {
    approvals,
    references,
    web: playground?.platform,
  });
  const users = input.users ?? platformUserDirectory(platforms, references, logger);
  const renewalServices = await openRenewalServices({ env, connection, store, notifier, users, approvals, logger });
  let ask: Promise<AskServices> | undefined;
  const askServices = () => {
    if (!ask) {
      const building = buildAskServices({ env, logger, clock, connection, store, ...(input.openai ? { openai: input.openai } : {}) });
      // A failed build (the database was down) is tried again on the next question.
      building.catch(() => {
        if (ask === building) ask = undefined;
      });
      ask = building;
    }
    return ask;
  };
  const ctx: AppContext = {
    env,
    connection,
    logger,
    clock,
    store,
    approvals,
    notifier,
    users,
    ...renewalServices,
    askServices,
    references,
    forms,
    requestClaims,
    download: downloadFile,
    exporter: docxExporter,
    ...(input.webhooks ? { webhooks: input.webhooks } : {}),
    prunable: prunableRecords(env, connection, input.webhooks, forms),
  };
  await attachSignatures(ctx); // ESIGN_PROVIDER (README "E-signature"): web and worker alike
  playground?.attach(ctx);
  return { ctx, platforms };
}

/** Records kept only for a while, pruned daily by the housekeeping job (README "Jobs"). */
function prunableRecords(env: Env, connection: Connection, webhooks: WebhookServices | undefined, forms: MongoFormSubmissions): PrunableRecords[] {
  const idempotency = new MongoIdempotency(connection);
  const records: PrunableRecords[] = [
    { name: 'API idempotency keys', retentionDays: env.API_IDEMPOTENCY_RETENTION_DAYS, prune: (before) => idempotency.prune(before) },
    { name: 'chat form claims', retentionDays: env.FORM_CLAIM_RETENTION_DAYS, prune: (before) => forms.prune(before) },
  ];
  if (webhooks)
    records.push({
      name: 'webhook delivery log',
      retentionDays: env.WEBHOOK_LOG_RETENTION_DAYS,
      prune: (before) => webhooks.subscriptions.pruneAttempts(before),
    });
  return records;
}
