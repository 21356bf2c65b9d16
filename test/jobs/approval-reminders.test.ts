import { ZApprovalPolicy } from '../../src/core/domain/approval-policy.js';
import { decideApproval } from '../../src/core/services/decide-approval.js';
import { runApprovalReminders, type ApprovalReminderDeps } from '../../src/core/services/run-approval-reminders.js';
import { submitForApproval } from '../../src/core/services/submit-for-approval.js';
import { postStageCards } from '../../src/core/services/post-stage-cards.js';
import { createMongoOutbox } from '../../src/infra/mongo/mongo-outbox.js';
import { useTestDatabase } from '../support/database.js';
import { TEST_DELIVERY } from '../support/recording-notifier.js';
import { approvalDeps, draft, lena, rep, type RecordingNotifier } from '../infra/approvals/approval-fixtures.js';
import type { ApprovalDeps } from '../../src/core/services/approval-deps.js';

const POLICY = ZApprovalPolicy.parse({
  people: {
    lena: { name: 'Lena Legal', slack: 'U0LEGAL1' },
    luis: { name: 'Luis Legal', slack: 'U0LEGAL2' },
    fiona: { name: 'Fiona Finance', slack: 'U0FINANCE1' },
    victor: { name: 'Victor VP', slack: 'U0VPSALES' },
  },
  rules: [
    {
      stages: [
        { name: 'Legal & Finance', approvers: ['lena', 'fiona'], require: 'all', notify: 'dm', slaHours: 24, escalateAfterHours: 72, escalateTo: 'victor' },
        { name: 'VP', approvers: ['victor'], notify: 'dm' },
      ],
    },
  ],
});

describe('approval reminders and escalation', () => {
  const db = useTestDatabase('approval_reminders', '2026-03-02T09:00:00Z');
  let approvals: ApprovalDeps & { notifier: RecordingNotifier };
  let deps: ApprovalReminderDeps;

  beforeAll(async () => {
    approvals = await approvalDeps(db, POLICY);
    deps = {
      approvals: approvals.approvals,
      contracts: db.store.contracts,
      notifier: approvals.notifier,
      clock: db.clock,
      reminders: await createMongoOutbox(db.connection, 'approval_reminders'),
      delivery: TEST_DELIVERY,
    };
  });

  it('reminds undecided approvers once per SLA interval and escalates a stalled stage once', async () => {
    const c = await draft(approvals, { valueMajor: 50_000 });
    const { round } = await submitForApproval(approvals, { contractId: c.id, actor: rep });
    approvals.notifier.clear();

    db.clock.advanceMs(23 * 3_600_000);
    expect(await runApprovalReminders(deps)).toMatchObject({ reminded: 0, escalated: 0 });

    await decideApproval(approvals, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' });
    approvals.notifier.clear();
    db.clock.advanceMs(2 * 3_600_000); // 25 hours: past the SLA
    const [a, b] = await Promise.all([runApprovalReminders(deps), runApprovalReminders(deps)]);
    expect(a.reminded + b.reminded).toBe(1);
    expect(approvals.notifier.to('U0LEGAL1')).toHaveLength(0); // Lena decided
    const reminder = approvals.notifier.to('U0FINANCE1');
    expect(reminder).toHaveLength(1);
    expect(reminder[0]!.message.text).toMatch(/^Reminder: .* has waited 25 hours for your approval \(Stage 1 of 2: Legal & Finance; target 24 hours\)/);
    expect(reminder[0]!.message.card!.actions!.map((x) => x.id)).toEqual(['approval.approve', 'approval.reject']);

    db.clock.advanceMs(12 * 3_600_000); // 37 hours: same interval, nothing new
    await runApprovalReminders(deps);
    expect(approvals.notifier.to('U0FINANCE1')).toHaveLength(1);

    db.clock.advanceMs(12 * 3_600_000); // 49 hours: second interval
    await runApprovalReminders(deps);
    expect(approvals.notifier.to('U0FINANCE1')).toHaveLength(2);
    expect(approvals.notifier.to('U0VPSALES')).toHaveLength(0);

    db.clock.advanceMs(24 * 3_600_000); // 73 hours: escalate to the VP, once
    const escalated = await runApprovalReminders(deps);
    expect(escalated.escalated).toBe(1);
    await runApprovalReminders(deps);
    const vp = approvals.notifier.to('U0VPSALES');
    expect(vp).toHaveLength(1);
    expect(vp[0]!.message.text).toMatch(
      /^Escalation: .* has waited 3 days at Stage 1 of 2: Legal & Finance \(escalation after 72 hours\)\. Still waiting on: Fiona Finance\./,
    );
  });

  it("posts a stage's cards that were never claimed (the request that started the stage died first), once", async () => {
    const c = await draft(approvals, { valueMajor: 40_000 });
    const { round } = await submitForApproval(approvals, { contractId: c.id, actor: rep });
    // As if the process died between starting the stage and claiming its cards.
    const id = `stage-cards:${round.id}:0`;
    await db.connection.collection('chat_messages').deleteOne({ _id: id as never });
    await db.connection.collection('chat_messages_payloads').deleteOne({ _id: id as never });
    approvals.notifier.clear();
    const withRollForward: ApprovalReminderDeps = { ...deps, ensureStageCards: (contract, r) => postStageCards(approvals, contract, r) };
    await Promise.all([runApprovalReminders(withRollForward), runApprovalReminders(withRollForward)]);
    await runApprovalReminders(withRollForward);
    expect(approvals.notifier.to('U0LEGAL1').filter((m) => m.message.text.includes(c.ref))).toHaveLength(1);
    expect(approvals.notifier.to('U0FINANCE1').filter((m) => m.message.text.includes(c.ref))).toHaveLength(1);
    expect((await approvals.approvals.findRound(round.id))!.messageRefs.length).toBeGreaterThanOrEqual(2);
  });
});
