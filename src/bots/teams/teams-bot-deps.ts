import type { AskServices } from '../../app/ask-services.js';
import type { RenewalServices } from '../../app/open-renewals.js';
import type { Env } from '../../config/env.js';
import type { ApprovalDeps } from '../../core/services/approval-deps.js';
import type { ContractStoreDeps } from '../../core/services/contract-store-deps.js';
import type { Logger } from '../../infra/logger.js';
import type { MongoConversationReferences } from '../../infra/mongo/mongo-conversation-references.js';
import type { MongoFormSubmissions } from '../../infra/mongo/mongo-form-submissions.js';
import type { TokenBuckets } from '../../http/rate-limiter.js';

/** What the Teams handlers use. `approvals` is undefined when no approval policy is loaded. */
export interface TeamsBotDeps {
  env: Env;
  logger: Logger;
  store: ContractStoreDeps;
  approvals: ApprovalDeps | undefined;
  references: MongoConversationReferences;
  forms: MongoFormSubmissions;
  /** Questions and contract uploads (Ask Clause); absent in tests that do not need them. */
  ask?: () => Promise<AskServices>;
  /** Renewal decisions, obligations and the renewals list; absent in tests that do not need them. */
  renewals?: () => Promise<RenewalServices>;
  /** Contract files per person (RATE_LIMIT_UPLOADS_PER_HOUR); no limit when absent. */
  uploads?: TokenBuckets;
}
