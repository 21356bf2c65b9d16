import mongoose, { type Connection } from 'mongoose';
import { ManualClock, type Clock } from '../../../src/core/ports/clock.js';
import type { ApprovalDeps } from '../../../src/core/services/approval-deps.js';
import { decideApproval } from '../../../src/core/services/decide-approval.js';
import { requestContract, type RequestContractInput } from '../../../src/core/services/request-contract.js';
import { createMongoStore } from '../../../src/infra/mongo/mongo-store.js';
import { countCommands, describeCount, type CommandCount } from '../../support/command-counter.js';
import { testMongoUri, uniqueDbName, type TestDatabase } from '../../support/database.js';
import { approvalDeps, fiona, lena, maria, rep, type RecordingNotifier } from './approval-fixtures.js';

/**
 * How many database round trips one click costs, counted with MongoDB command monitoring on the
 * real repositories: an upper bound per journey, so the count cannot creep back up unnoticed.
 * `CLAUSE_PRINT_ROUND_TRIPS=1 npm test -- test/infra/approvals/round-trip-budget.test.ts` prints
 * the breakdowns (bench/README.md records them).
 */
const BUDGET = {
  /**
   * `/contract new`: the ref's claim, the contract and its first event, the submit (its event and
   * the contract's move), the round, the card's outbox claim (payload, item), its message ref and
   * its sent mark: 10; one more every 8th ref (the sequence's hint).
   */
  request: 11,
  /**
   * Approve on a one-stage round: the round (round, claims, messages), the contract (and its
   * roll-forward check), the decisions; the decision, the stage's claim, the audit events with the
   * contract's move, the contract's update; the requester's update and the owner's next step
   * claimed together (payloads, items) and marked sent one by one. (The issue aimed at 12: the
   * remaining two are the contract's roll-forward check on read and one sent mark per message,
   * which the outbox's exactly-once delivery needs written as soon as each message is out.)
   */
  approve: 14,
  /** Reject with a reason on a one-stage round: the same steps. */
  reject: 14,
  /** Approve a two-stage round's first stage: as approve, plus the redraw's check read, with the next stage's cards. */
  approveFirstOfTwo: 20,
  /** One approval of two needed on a stage (nothing ends): the decision, a second look at the decisions, the redraw's check. */
  approveOneOfTwo: 15,
};

type Deps = ApprovalDeps & { notifier: RecordingNotifier; companyName: string };

const REQUEST: RequestContractInput = {
  terms: {
    title: 'Acme NDA',
    type: 'nda',
    counterparty: 'Acme Corp',
    startDate: '2026-03-02',
    termMonths: 24,
    noticePeriodDays: 30,
    governingLaw: 'England and Wales',
    value: { amountMinor: 500_000, currency: 'USD' },
  },
  owner: rep,
  requester: rep,
};

function within(name: string, count: CommandCount, budget: number): void {
  const text = describeCount(name, count);
  if (process.env.CLAUSE_PRINT_ROUND_TRIPS) console.log(text);
  if (count.total > budget) throw new Error(`${name} took ${count.total} database round trips, more than its budget of ${budget}.\n${text}`);
}

describe('database round trips per click (command monitoring on the real repositories)', () => {
  const clock = new ManualClock('2026-03-01T09:00:00Z');
  let connection: Connection;
  let deps: Deps;

  beforeAll(async () => {
    connection = mongoose.createConnection(testMongoUri(), { dbName: uniqueDbName('round_trips'), autoIndex: false, autoCreate: true, monitorCommands: true });
    await connection.asPromise();
    const store = await createMongoStore(connection, clock as Clock);
    const db = { connection, store, clock } as unknown as TestDatabase;
    deps = { ...(await approvalDeps(db)), companyName: 'Initech Ltd' };
    // Warm up: first use of each collection and this process's per-connection caches (the
    // sequence hint, known notice periods) are one-off costs, not per click.
    const { round } = await requestContract(deps, REQUEST);
    await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: maria, decision: 'approve' });
  });
  afterAll(async () => {
    await connection.dropDatabase().catch(() => undefined);
    await connection.close();
  });

  it('/contract new (request, one-stage policy) stays within its budget', async () => {
    let submitted: Awaited<ReturnType<typeof requestContract>> | undefined;
    const count = await countCommands(connection, async () => {
      submitted = await requestContract(deps, REQUEST);
    });
    expect(submitted!.contract.status).toBe('in_review');
    expect(submitted!.round.messageRefs).toHaveLength(1);
    within('/contract new', count, BUDGET.request);
  });

  it('approve on a one-stage round stays within its budget', async () => {
    const { round } = await requestContract(deps, REQUEST);
    deps.notifier.clear();
    let outcome: Awaited<ReturnType<typeof decideApproval>> | undefined;
    const count = await countCommands(connection, async () => {
      outcome = await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: maria, decision: 'approve' });
    });
    expect(outcome!.contract.status).toBe('approved');
    expect(outcome!.round.status).toBe('approved');
    // The requester's update and the owner's next step (both to Rita), the card redrawn.
    expect(deps.notifier.to('U0REP').map((m) => m.message.text)).toEqual([expect.stringMatching(/is approved/), expect.stringMatching(/Next: send it/)]);
    expect(deps.notifier.updated.length).toBeGreaterThan(0);
    within('approve (one stage)', count, BUDGET.approve);
  });

  it('reject with a reason on a one-stage round stays within its budget', async () => {
    const { round } = await requestContract(deps, REQUEST);
    deps.notifier.clear();
    let outcome: Awaited<ReturnType<typeof decideApproval>> | undefined;
    const count = await countCommands(connection, async () => {
      outcome = await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: maria, decision: 'reject', reason: 'Wrong governing law.' });
    });
    expect(outcome!.contract.status).toBe('rejected');
    expect(deps.notifier.to('U0REP')).toHaveLength(2);
    within('reject with reason (one stage)', count, BUDGET.reject);
  });

  it('approving the first of two stages stays within its budget', async () => {
    // 150,000: Legal & Finance (two slots, all must approve), then the VP.
    const { round } = await requestContract(deps, { ...REQUEST, terms: { ...REQUEST.terms, value: { amountMinor: 15_000_000, currency: 'USD' } } });
    await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' });
    deps.notifier.clear();
    let outcome: Awaited<ReturnType<typeof decideApproval>> | undefined;
    const count = await countCommands(connection, async () => {
      outcome = await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: fiona, decision: 'approve' });
    });
    expect(outcome!.round.currentStage).toBe(1);
    expect(deps.notifier.to('U0VPSALES')).toHaveLength(1);
    within('approve stage 1 of 2 (next stage starts)', count, BUDGET.approveFirstOfTwo);
  });

  it('one approval of two needed on a stage stays within its budget', async () => {
    const { round } = await requestContract(deps, { ...REQUEST, terms: { ...REQUEST.terms, value: { amountMinor: 15_000_000, currency: 'USD' } } });
    deps.notifier.clear();
    let outcome: Awaited<ReturnType<typeof decideApproval>> | undefined;
    const count = await countCommands(connection, async () => {
      outcome = await decideApproval(deps, { roundId: round.id, stageIndex: 0, approver: lena, decision: 'approve' });
    });
    expect(outcome!.message).toMatch(/still needs more approvals/);
    expect(deps.notifier.updated.length).toBeGreaterThan(0);
    within('approve 1 of 2 needed (stage continues)', count, BUDGET.approveOneOfTwo);
  });
});
