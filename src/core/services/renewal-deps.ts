import type { Contract } from '../domain/contract.js';
import type { UserRef } from '../domain/user-ref.js';
import type { ChartRenderer } from '../ports/chart-renderer.js';
import type { ChatNotifier, ChatTarget } from '../ports/chat-notifier.js';
import type { Logger } from '../ports/logger.js';
import type { DeliveryTiming, Outbox } from '../ports/outbox.js';
import type { DeliveryDeps } from './deliver-outbox-item.js';
import type { RenewalRepository } from '../ports/renewal-repository.js';
import type { UserDirectory } from '../ports/user-directory.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

export interface RenewalSettings {
  /** Days before the notice deadline, e.g. [90, 60, 30, 7, 0]. */
  offsets: readonly number[];
  /** Where every nudge is posted as well as to the owner. */
  renewalsChannel?: ChatTarget;
  /**
   * The admins (CLAUSE_ADMINS known on a chat platform): told when a nudge cannot reach its owner
   * and there is no renewals channel, or the renewals channel itself cannot be reached.
   */
  admins?: readonly ChatTarget[];
  /** Contracts the scan works on side by side (default 4; chat rate limits favour a few). */
  concurrency?: number;
}

/** What the renewal services and jobs need. */
export type RenewalDeps = ContractStoreDeps & {
  renewals: RenewalRepository;
  nudges: Outbox;
  notifier: ChatNotifier;
  users: UserDirectory;
  settings: RenewalSettings;
  /** Lease, retry backoff and give-up time of every message (DELIVERY_* settings). */
  delivery: DeliveryTiming;
  /**
   * Submits a draft through the approval flow, when the approval engine is wired (its
   * `submitForApproval`); without it a renewal draft stays a draft.
   */
  submitForApproval?: (draft: Contract, actor: UserRef) => Promise<Contract>;
  /** Draws the 12-month renewal timeline `contract renewals` answers with; without it the answer is the list only. */
  charts?: ChartRenderer;
  /** Runs after a delivery attempt found a nudge undeliverable (withNudgeFallback: the fallback notice). */
  onUndeliverable?: DeliveryDeps['onUndeliverable'];
  logger?: Logger;
};

const _DEFAULT_RENEWAL_SETTINGS: RenewalSettings = { offsets: [90, 60, 30, 7, 0] };
