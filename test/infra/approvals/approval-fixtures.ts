import { ZApprovalPolicy, type ApprovalPolicy, type ApprovalPolicyInput } from '../../../src/core/domain/approval-policy.js';
import type { ContractTermsInput } from '../../../src/core/domain/contract.js';
import type { UserRef } from '../../../src/core/domain/user-ref.js';
import type { ChatTarget, MessageRef, SendOptions, SendOutcome } from '../../../src/core/ports/chat-notifier.js';
import { createMongoOutbox } from '../../../src/infra/mongo/mongo-outbox.js';
import type { ApprovalDeps } from '../../../src/core/services/approval-deps.js';
import { createContract } from '../../../src/core/services/create-contract.js';
import { approvalCardMessage } from '../../../src/core/views/approval-card.js';
import type { ChatMessage } from '../../../src/core/views/chat-message.js';
import { createMongoApprovalRepository } from '../../../src/infra/mongo/mongo-approval-repository.js';
import type { TestDatabase } from '../../support/database.js';
import { RecordingNotifier as BaseRecordingNotifier, TEST_DELIVERY } from '../../support/recording-notifier.js';

const slack = (id: string, displayName: string): UserRef => ({ platform: 'slack', id, displayName });
export const rep = slack('U0REP', 'Rita Rep');
export const lena = slack('U0LEGAL1', 'Lena Legal');
export const luis = slack('U0LEGAL2', 'Luis Legal');
export const fiona = slack('U0FINANCE1', 'Fiona Finance');
/** Felix is known only in Teams; he clicks from there. */
export const felix: UserRef = { platform: 'teams', id: 'aad-felix', tenantId: 't1', displayName: 'Felix Finance' };
export const victor = slack('U0VPSALES', 'Victor VP');
export const maria = slack('U0MANAGER', 'Maria Manager');
export const stranger = slack('U0NOBODY', 'Nora Nobody');

const POLICY_INPUT: ApprovalPolicyInput = {
  people: {
    maria: { name: 'Maria Manager', slack: 'U0MANAGER' },
    lena: { name: 'Lena Legal', slack: 'U0LEGAL1', email: 'lena@example.com' },
    luis: { name: 'Luis Legal', slack: 'U0LEGAL2' },
    fiona: { name: 'Fiona Finance', slack: 'U0FINANCE1' },
    felix: { name: 'Felix Finance', teams: 'aad-felix', tenantId: 't1' },
    victor: { name: 'Victor VP', slack: 'U0VPSALES' },
  },
  groups: { legal: ['lena', 'luis'], finance: ['fiona', 'felix'], board: ['lena', 'fiona', 'victor'] },
  rules: [
    { when: { types: ['sow'] }, stages: [{ name: 'Two of three', approvers: ['lena', 'fiona', 'victor'], require: 2 }] },
    {
      when: { minValue: 100_000 },
      stages: [
        { name: 'Legal & Finance', approvers: ['group:legal', 'group:finance'], require: 'all' },
        { name: 'VP sign-off', approvers: ['victor'], notify: 'dm' },
      ],
    },
    { when: { minValue: 25_000, maxValue: 100_000 }, stages: [{ name: 'Legal & Finance', approvers: ['group:legal', 'group:finance'] }] },
    { when: { maxValue: 25_000, types: ['nda', 'msa'] }, stages: [{ name: 'Manager', approvers: ['maria'], notify: 'channel' }] },
  ],
};
const POLICY: ApprovalPolicy = ZApprovalPolicy.parse(POLICY_INPUT);

const APPROVALS_CHANNEL: ChatTarget = { kind: 'channel', platform: 'slack', channelId: 'C0APPROVALS' };

/**
 * The shared recording notifier, yielding before each call so concurrent requests interleave the
 * way they do against a real platform.
 */
export class RecordingNotifier extends BaseRecordingNotifier {
  override async send(target: ChatTarget, message: ChatMessage, options: SendOptions): Promise<SendOutcome> {
    await new Promise((r) => setImmediate(r));
    return super.send(target, message, options);
  }

  override async update(ref: MessageRef, message: ChatMessage): Promise<void> {
    await new Promise((r) => setImmediate(r));
    return super.update(ref, message);
  }

  /** What a message shows now: its last update, or what was posted. */
  current(ref: MessageRef): ChatMessage {
    const last = [...this.updated].reverse().find((u) => u.ref.messageId === ref.messageId);
    return last?.message ?? this.sent.find((s) => s.ref.messageId === ref.messageId)!.message;
  }
}

/** Every posted message of the round shows what the stored state renders to now. */
export async function expectMessagesTrue(deps: ApprovalDeps & { notifier: RecordingNotifier }, roundId: string): Promise<void> {
  const round = (await deps.approvals.findRound(roundId))!;
  const contract = (await deps.contracts.findById(round.contractId))!;
  const expected = approvalCardMessage(contract, round, await deps.approvals.listDecisions(roundId));
  expect(round.messageRefs.length).toBeGreaterThan(0);
  for (const ref of round.messageRefs) expect(deps.notifier.current(ref)).toEqual(expected);
}

export async function approvalDeps(db: TestDatabase, policy: ApprovalPolicy = POLICY): Promise<ApprovalDeps & { notifier: RecordingNotifier }> {
  return {
    ...db.store,
    approvals: await createMongoApprovalRepository(db.connection),
    policy,
    notifier: new RecordingNotifier(),
    approvalChannels: [APPROVALS_CHANNEL],
    messages: await createMongoOutbox(db.connection, 'chat_messages'),
    delivery: TEST_DELIVERY,
  };
}

export function draft(
  deps: ApprovalDeps,
  terms: Partial<ContractTermsInput> & { valueMajor?: number } = {},
  people: { owner?: UserRef; requester?: UserRef } = {},
) {
  const { valueMajor, ...rest } = terms;
  return createContract(deps, {
    terms: {
      title: 'Globex MSA',
      type: 'msa',
      counterparty: 'Globex Corp',
      startDate: '2026-03-01',
      termMonths: 12,
      noticePeriodDays: 30,
      ...(valueMajor !== undefined ? { value: { amountMinor: valueMajor * 100, currency: 'USD' } } : {}),
      ...rest,
    },
    owner: people.owner ?? rep,
    requester: people.requester ?? rep,
    actor: people.requester ?? rep,
    text: { body: 'Master services agreement v1.' },
  });
}
