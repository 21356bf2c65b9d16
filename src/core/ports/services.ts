import type { AskDeps } from '../ask/ask-deps.js';
import type { TermDeps } from '../ask/term-deps.js';
import type { ApprovalDeps } from '../services/approval-deps.js';
import type { ContractStoreDeps } from '../services/contract-store-deps.js';
import type { ObligationDeps } from '../services/obligation-deps.js';
import type { SignatureCallbackDeps } from '../services/signature-callback-deps.js';
import type { RenewalDeps } from '../services/renewal-deps.js';
import type { ApprovalReminderDeps } from '../services/run-approval-reminders.js';
import type { DigestDeps } from '../services/send-renewals-digest.js';
import type { ChatNotifier } from './chat-notifier.js';
import type { Clock } from './clock.js';
import type { ConversationReferences } from './conversation-references.js';
import type { DocumentExporter } from './document-exporter.js';
import type { DownloadFile } from './file-download.js';
import type { FormSubmissions } from './form-submissions.js';
import type { Logger } from './logger.js';
import type { RequestClaims } from './request-claims.js';
import type { UserDirectory } from './user-directory.js';

/** Questions and contract uploads (Ask Clause). */
export interface AskServices {
  ask: AskDeps;
  terms: TermDeps;
}

/** Renewals, obligations, approval reminders and the digest, as the jobs and the adapters use them. */
export interface RenewalServices {
  renewals: RenewalDeps;
  obligations: ObligationDeps;
  approvalReminders: ApprovalReminderDeps;
  digest: DigestDeps;
}

/**
 * Everything a surface (Slack, Teams, the REST API) and the jobs are built from: built once per
 * process by the composition root (src/app/compose-services.ts) and handed to each surface's
 * `mount`. Platform-neutral: the adapters see ports, never MongoDB.
 */
export interface Services extends RenewalServices {
  logger: Logger;
  clock: Clock;
  store: ContractStoreDeps;
  /** The e-signature provider and what its callbacks need (ESIGN_PROVIDER; absent with none). */
  signatures?: SignatureCallbackDeps;
  /**
   * The approval engine: the store plus rounds, the policy, the notifier and the approval
   * channels. Read per call (tests wrap its repositories).
   */
  approvals: ApprovalDeps;
  /** The one notifier the core sees (routes each message to its target's platform). */
  notifier: ChatNotifier;
  /** Each user's time zone, from their own platform's directory. */
  users: UserDirectory;
  /** Questions and uploads; built on first use (the clause index), then shared by every surface. */
  askServices(): Promise<AskServices>;
  /** Adapters' stores: Teams conversation references, chat form claims, Slack request claims. */
  references: ConversationReferences;
  forms: FormSubmissions;
  requestClaims: RequestClaims;
  /** Uploaded files (size-limited). */
  download: DownloadFile;
  /** Contract drafts as documents (.docx). */
  exporter: DocumentExporter;
}
