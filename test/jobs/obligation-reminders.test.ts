import { createContract } from '../../src/core/services/create-contract.js';
import { addObligation } from '../../src/core/services/add-obligation.js';
import { completeObligation } from '../../src/core/services/complete-obligation.js';
import { runObligationReminders } from '../../src/core/services/run-obligation-reminders.js';
import { getAuditTrail } from '../../src/core/services/get-audit-trail.js';
import { obligationReminderDue } from '../../src/core/domain/obligation.js';
import type { ObligationDeps } from '../../src/core/services/obligation-deps.js';
import { utcUserDirectory } from '../../src/core/ports/user-directory.js';
import { createMongoObligationRepository } from '../../src/infra/mongo/mongo-obligation-repository.js';
import { createMongoOutbox } from '../../src/infra/mongo/mongo-outbox.js';
import { useTestDatabase } from '../support/database.js';
import { RecordingNotifier, TEST_DELIVERY } from '../support/recording-notifier.js';

const owner = { platform: 'slack' as const, id: 'U_FIN', displayName: 'Fay Finance' };

describe('obligation reminder steps', () => {
  it('reminds 7 and 1 days before, on the day, then daily while overdue', () => {
    const o = { status: 'open' as const, dueDate: '2026-03-31' };
    expect(obligationReminderDue(o, '2026-03-20')).toBeUndefined();
    expect(obligationReminderDue(o, '2026-03-24')).toEqual({ key: 'before-7', kind: 'before', daysLeft: 7 });
    expect(obligationReminderDue(o, '2026-03-29')).toEqual({ key: 'before-7', kind: 'before', daysLeft: 2 });
    expect(obligationReminderDue(o, '2026-03-30')).toEqual({ key: 'before-1', kind: 'before', daysLeft: 1 });
    expect(obligationReminderDue(o, '2026-03-31')).toEqual({ key: 'due', kind: 'due', daysLeft: 0 });
    expect(obligationReminderDue(o, '2026-04-02')).toEqual({ key: 'overdue-2026-04-02', kind: 'overdue', daysLeft: -2 });
    expect(obligationReminderDue({ ...o, status: 'done' }, '2026-04-02')).toBeUndefined();
  });
});

describe('obligations on a real database', () => {
  const db = useTestDatabase('obligations', '2026-03-20T08:00:00Z');
  let deps: ObligationDeps & { notifier: RecordingNotifier };

  beforeAll(async () => {
    deps = {
      ...db.store,
      obligations: await createMongoObligationRepository(db.connection),
      reminders: await createMongoOutbox(db.connection, 'obligation_reminders'),
      notifier: new RecordingNotifier(),
      users: utcUserDirectory,
      delivery: TEST_DELIVERY,
    };
  });

  it('reminds before the due date, once a day when overdue, and stops when it is done (idempotently)', async () => {
    const c = await createContract(db.store, {
      terms: { title: 'Implementation SOW', type: 'sow', counterparty: 'Initech', endDate: '2026-12-31' },
      owner,
      requester: owner,
      actor: owner,
      status: 'active',
    });
    const input = {
      contractId: c.id,
      kind: 'payment' as const,
      title: 'Milestone 1 invoice',
      dueDate: '2026-03-25',
      owner,
      amount: { amountMinor: 2_500_000, currency: 'USD' },
      actor: owner,
    };
    const { obligation: o, created } = await addObligation(deps, input);
    expect(created).toBe(true);
    expect(o.status).toBe('open');
    // Recorded again (a repeated command): the same obligation, stored and audited once.
    const again = await addObligation(deps, { ...input, title: '  milestone 1   INVOICE ' });
    expect(again).toMatchObject({ created: false, obligation: { id: o.id } });
    expect(await deps.obligations.listForContract(c.id)).toHaveLength(1);

    const texts = () => deps.notifier.to('U_FIN').map((m) => m.message.text);
    for (const day of ['2026-03-18', '2026-03-19', '2026-03-20', '2026-03-24', '2026-03-25']) {
      db.clock.set(`${day}T08:00:00Z`);
      await runObligationReminders(deps);
    }
    expect(texts()).toEqual([
      `Reminder: payment milestone "Milestone 1 invoice" for ${c.ref} is due in 7 days (2026-03-25).`,
      `Reminder: payment milestone "Milestone 1 invoice" for ${c.ref} is due tomorrow (2026-03-25).`,
      `Reminder: payment milestone "Milestone 1 invoice" for ${c.ref} is due today (2026-03-25).`,
    ]);

    // Overdue: once a day, however often the job runs, and by one worker only.
    db.clock.set('2026-03-27T08:00:00Z');
    await Promise.all([runObligationReminders(deps), runObligationReminders(deps)]);
    db.clock.set('2026-03-27T20:00:00Z');
    await runObligationReminders(deps);
    expect(texts().slice(3)).toEqual([`Overdue: payment milestone "Milestone 1 invoice" for ${c.ref} is overdue by 2 days (was due 2026-03-25).`]);
    const card = deps.notifier.to('U_FIN').at(-1)!.message.card!;
    expect(card.actions).toEqual([{ id: 'obligation.done', label: 'Mark done', style: 'primary', value: { obligationId: o.id } }]);
    expect(JSON.stringify(card)).toContain('$25,000.00');

    const [first, second] = await Promise.all([
      completeObligation(deps, { obligationId: o.id, actor: owner }),
      completeObligation(deps, { obligationId: o.id, actor: owner }),
    ]);
    expect([first.completedNow, second.completedNow].sort()).toEqual([false, true]);
    expect((await deps.obligations.findById(o.id))!.status).toBe('done');
    db.clock.set('2026-03-28T08:00:00Z');
    await runObligationReminders(deps);
    expect(texts()).toHaveLength(4);
    const trail = await getAuditTrail(db.store, c.id);
    expect(trail.filter((e) => e.action.startsWith('obligation_')).map((e) => e.action)).toEqual(['obligation_added', 'obligation_completed']);
  });
});
