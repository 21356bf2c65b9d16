import type { AdminList } from '../ask/ask-deps.js';
import type { AskDeps } from '../ask/ask-deps.js';
import type { TermDeps } from '../ask/term-deps.js';
import type { UserRef } from '../domain/user-ref.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ApprovalDeps } from '../services/approval-deps.js';
import type { ContractStoreDeps } from '../services/contract-store-deps.js';
import type { ObligationDeps } from '../services/obligation-deps.js';
import type { RenewalDeps } from '../services/renewal-deps.js';
import type { ChatMessage } from '../views/chat-message.js';
import type { FieldErrors, FormInputs, FormView } from './form.js';

/** Claims on a submitted form, so a repeated submit files nothing new (insert claims, see README "Atomicity"). */
interface FormSubmissions {
  claim(key: string): Promise<boolean>;
  complete(key: string, result: string): Promise<void>;
  release(key: string): Promise<void>;
  result(key: string): Promise<string | undefined>;
}

/** What the interaction handlers call: the same services on every platform. */
export interface InteractionDeps {
  store: ContractStoreDeps;
  /** Undefined when no approval policy is loaded. */
  approvals: ApprovalDeps | undefined;
  companyName: string;
  admins: AdminList;
  clock: Clock;
  forms: FormSubmissions;
  renewals?: () => Promise<{ renewals: RenewalDeps; obligations: ObligationDeps }>;
  ask?: () => Promise<{ ask: AskDeps; terms: TermDeps }>;
  /** Where what an answer leaves out is reported (a chart that could not be drawn). */
  logger?: Logger;
}

/** The person acting, and how their platform names other people. */
export interface Actor {
  user: UserRef;
  /** Someone picked, mentioned or typed on this platform (a platform user id, or a typed name), if known. */
  person(id: string): Promise<UserRef | undefined>;
}

/** The platform's command word and name, for help and error texts (`/contract` in Slack, `contract` in Teams). */
export interface CommandSurface {
  prefix: string;
  name: string;
}

/** A click: which action, the value its button carried, and any inputs sent with it (a card's inline input). */
export interface ActionInput {
  actionId: string;
  value: Record<string, unknown>;
  inputs: FormInputs;
}

/** A form submission: which form, what it was about (`context`), what was typed, and a key that makes it once-only. */
export interface FormSubmission {
  formId: string;
  context: Record<string, unknown>;
  inputs: FormInputs;
  /** The platform's id of this submission (a Slack view id); else the form's own `formId` context. */
  submissionKey?: string;
}

/**
 * What to show after an interaction; the adapters only render it.
 * - `reply`: tell the actor only. `cardNow` is what the card acted on looks like now (shared
 *   cards are already updated everywhere by the core); a platform that redraws a card per user
 *   (Teams) shows it with the reply as a note. `direct`: say it in the actor's direct chat.
 * - `update`: replace the card or form acted on (its buttons are spent), for the actor.
 * - `form`: open this form (with `note` for the actor, e.g. why a preset was dropped).
 * - `errors`: the form again, with what is wrong per field and the values kept.
 * - `filed`: a request was filed; `draft` is its first version (a platform may attach the file);
 *   `repeat` when the form had been filed before (nothing new happened).
 */
export type InteractionResult =
  | { kind: 'reply'; message: ChatMessage; cardNow?: () => Promise<ChatMessage | undefined>; roundId?: string; direct?: boolean }
  | { kind: 'update'; message: ChatMessage }
  | { kind: 'form'; form: FormView; note?: string }
  | { kind: 'errors'; form: FormView; errors: FieldErrors }
  | { kind: 'filed'; message: ChatMessage; draft?: { ref: string; title: string; text: string; version: number }; repeat?: boolean };

export const reply = (text: string): InteractionResult => ({ kind: 'reply', message: { text } });
