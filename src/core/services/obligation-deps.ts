import type { ChatNotifier } from '../ports/chat-notifier.js';
import type { ObligationRepository } from '../ports/obligation-repository.js';
import type { DeliveryTiming, Outbox } from '../ports/outbox.js';
import type { UserDirectory } from '../ports/user-directory.js';
import type { ContractStoreDeps } from './contract-store-deps.js';

export type ObligationDeps = ContractStoreDeps & {
  obligations: ObligationRepository;
  reminders: Outbox;
  notifier: ChatNotifier;
  users: UserDirectory;
  delivery: DeliveryTiming;
};
