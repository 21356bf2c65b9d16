import type { Env } from '../../config/env.js';
import type { ConversationReferences } from '../../core/ports/conversation-references.js';
import type { DownloadFile } from '../../core/ports/file-download.js';
import type { FormSubmissions } from '../../core/ports/form-submissions.js';
import type { Logger } from '../../core/ports/logger.js';
import type { AskServices, RenewalServices } from '../../core/ports/services.js';
import type { ApprovalDeps } from '../../core/services/approval-deps.js';
import type { ContractStoreDeps } from '../../core/services/contract-store-deps.js';
import type { TokenBuckets } from '../../http/rate-limiter.js';

/** What the Teams handlers use (ports only). `approvals` is undefined when no approval policy is loaded. */
export interface TeamsBotDeps {
  env: Env;
  logger: Logger;
  store: ContractStoreDeps;
  approvals: ApprovalDeps | undefined;
  references: ConversationReferences;
  forms: FormSubmissions;
  /** Uploaded contract files. */
  download: DownloadFile;
  /** Questions and contract uploads (Ask Clause); absent in tests that do not need them. */
  ask?: () => Promise<AskServices>;
  /** Renewal decisions, obligations and the renewals list; absent in tests that do not need them. */
  renewals?: () => Promise<RenewalServices>;
  /** Contract files per person (RATE_LIMIT_UPLOADS_PER_HOUR); no limit when absent. */
  uploads?: TokenBuckets;
}
