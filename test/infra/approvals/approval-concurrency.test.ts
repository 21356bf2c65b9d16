import { AppError, AppErrorCode } from '../../../src/core/errors.js';
import type { ApprovalDeps } from '../../../src/core/services/approval-deps.js';
import { decideApproval } from '../../../src/core/services/decide-approval.js';
import { getAuditTrail } from '../../../src/core/services/get-audit-trail.js';
import { submitForApproval } from '../../../src/core/services/submit-for-approval.js';
import { useTestDatabase } from '../../support/database.js';
import { approvalDeps, draft, expectMessagesTrue, felix, fiona, lena, luis, rep, victor, type RecordingNotifier } from './approval-fixtures.js';

type Deps = ApprovalDeps & { notifier: RecordingNotifier };
const REPEATS = 4;

function split(results: PromiseSettledResult<unknown>[]) {
  const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as unknown);
  for (const e of rejected) if (!(e instanceof AppError)) throw e;
  return { won: results.filter((r) => r.status === 'fulfilled').length, lost: rejected as AppError[] };
}

describe('approvals under concurrent clicks (FerretDB: only inserts are exclusive)', () => {
  const db = useTestDatabase('approvals_race');
  let deps: Deps;
  beforeAll(async () => {
    deps = await approvalDeps(db);
  });

  const submitted = async (valueMajor: number) => {
    const c = await draft(deps, { valueMajor });
    return (await submitForApproval(deps, { contractId: c.id, actor: rep })).round;
  };

  it('records a double click by the same approver once', async () => {
    for (let i = 0; i < REPEATS; i++) {
      const round = await submitted(150_000);
      const click = () => decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' });
      const { won, lost } = split(await Promise.allSettled([click(), click(), click()]));
      expect(won).toBe(1);
      expect(lost.map((e) => e.code)).toEqual([AppErrorCode.AlreadyDecided, AppErrorCode.AlreadyDecided]);
      expect(lost[0]!.message).toMatch(/(You already approved|just approved by you)/);
      expect(await deps.approvals.listDecisions(round.id)).toHaveLength(1);
      const trail = await getAuditTrail(deps, round.contractId);
      expect(trail.filter((e) => e.action === 'approval_approved')).toHaveLength(1);
    }
  });

  it('lets exactly one of two members of one group slot decide at the same moment', async () => {
    for (let i = 0; i < REPEATS; i++) {
      const round = await submitted(150_000);
      const { won, lost } = split(
        await Promise.allSettled([
          decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' }),
          decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: luis, decision: 'reject', reason: 'no' }),
        ]),
      );
      expect(won).toBe(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.code).toBe(AppErrorCode.AlreadyDecided);
      expect(lost[0]!.message).toMatch(/Legal for C-2026-\d+ was (just|already) (approved|rejected) by (Lena|Luis) Legal at/);
      const decisions = await deps.approvals.listDecisions(round.id);
      expect(decisions).toHaveLength(1);
      const contract = (await deps.contracts.findById(round.contractId))!;
      expect(contract.status).toBe(decisions[0]!.decision === 'reject' ? 'rejected' : 'in_review');
      await expectMessagesTrue(deps, round.id);
    }
  });

  it('starts the next stage exactly once when two slots complete a stage at the same moment', async () => {
    for (let i = 0; i < REPEATS; i++) {
      const round = await submitted(150_000);
      const vpDmsBefore = deps.notifier.to('U0VPSALES').length;
      const results = await Promise.all([
        decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: luis, decision: 'approve' }),
        decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: fiona, decision: 'approve' }),
      ]);
      expect(results.every((r) => r.recorded)).toBe(true);
      const after = (await deps.approvals.findRound(round.id))!;
      expect(after.currentStage).toBe(1);
      expect(after.outcomes).toHaveLength(1);
      expect(after.outcomes[0]!.countedSlots).toEqual([0, 1]);
      expect(deps.notifier.to('U0VPSALES').length - vpDmsBefore).toBe(1);
      expect(after.messageRefs).toHaveLength(6); // 5 for stage 1, 1 for the VP
      await expectMessagesTrue(deps, round.id);
    }
  });

  it('never lets a reject and a completing approval both win: the late one is refused and withdrawn', async () => {
    for (let i = 0; i < REPEATS; i++) {
      const round = await submitted(150_000);
      await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: luis, decision: 'approve' });
      await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: felix, decision: 'approve' });
      // Stage 2 has one slot; a double-click of approve and reject by Victor from two devices.
      const { won, lost } = split(
        await Promise.allSettled([
          decideApproval(deps, { roundId: round.id, stageIndex: 1, approver: victor, decision: 'approve' }),
          decideApproval(deps, { roundId: round.id, stageIndex: 1, approver: victor, decision: 'reject', reason: 'wait' }),
        ]),
      );
      expect(won).toBe(1);
      expect(lost[0]!.code).toBe(AppErrorCode.AlreadyDecided);
      const after = (await deps.approvals.findRound(round.id))!;
      const contract = (await deps.contracts.findById(round.contractId))!;
      expect(['approved', 'rejected']).toContain(after.status);
      expect(contract.status).toBe(after.status);
      expect((await deps.approvals.listDecisions(round.id)).filter((d) => d.stageIndex === 1)).toHaveLength(1);
      const trail = await getAuditTrail(deps, round.contractId);
      expect(trail.filter((e) => e.action === 'approve' || e.action === 'reject')).toHaveLength(1);
      expect(deps.notifier.to('U0REP').filter((s) => s.message.card?.title === `${contract.ref}: ${contract.status}`)).toHaveLength(1);
      await expectMessagesTrue(deps, round.id);
    }
  });

  it('answers a click on a finished round with AlreadyDecided naming who and when', async () => {
    const round = await submitted(50_000);
    await Promise.all([
      decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' }),
      decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: fiona, decision: 'approve' }),
    ]);
    const e = await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: felix, decision: 'reject', reason: 'late' }).catch(
      (x: unknown) => x as AppError,
    );
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).code).toBe(AppErrorCode.AlreadyDecided);
    expect((e as AppError).message).toMatch(
      /was already approved by Lena Legal at 2026-03-01 09:00 UTC, Fiona Finance at 2026-03-01 09:00 UTC\. Nothing was changed\./,
    );
    expect((await deps.contracts.findById(round.contractId))!.status).toBe('approved');
  });
});
