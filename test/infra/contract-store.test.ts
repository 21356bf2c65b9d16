import { createContract } from '../../src/core/services/create-contract.js';
import { transitionContract } from '../../src/core/services/transition-contract.js';
import { getAuditTrail } from '../../src/core/services/get-audit-trail.js';
import { findContract } from '../../src/core/services/find-contract.js';
import { AppError } from '../../src/core/errors.js';
import type { UserRef } from '../../src/core/domain/user-ref.js';
import { useTestDatabase } from '../support/database.js';

const rep: UserRef = { platform: 'slack', id: 'U_REP', displayName: 'Rita Rep' };
const manager: UserRef = { platform: 'slack', id: 'U_MGR' };

describe('contract store on a real MongoDB-wire server', () => {
  const db = useTestDatabase('store');

  const newDraft = () =>
    createContract(db.store, {
      terms: { title: 'Acme NDA', type: 'nda', counterparty: 'Acme Corp', startDate: '2026-03-01', termMonths: 12 },
      owner: rep,
      requester: rep,
      actor: rep,
      text: { body: 'Mutual NDA between us and Acme.' },
    });

  it('creates a draft with a C-YYYY-NNNN reference, version 1 and a created event', async () => {
    const c = await newDraft();
    expect(c.ref).toMatch(/^C-2026-\d{4}$/);
    expect(c.status).toBe('draft');
    expect(c.versions).toHaveLength(1);
    expect(c.versions[0]!.text).toContain('Acme');
    const found = await findContract(db.store, c.ref.toLowerCase());
    expect(found.id).toBe(c.id);
    const trail = await getAuditTrail(db.store, c.id);
    expect(trail.map((e) => e.action)).toEqual(['created']);
    expect(trail[0]!.actor.id).toBe('U_REP');
  });

  it('walks the lifecycle and records every transition with from and to', async () => {
    const c = await newDraft();
    await transitionContract(db.store, { contractId: c.id, action: 'submit', actor: rep });
    await transitionContract(db.store, { contractId: c.id, action: 'approve', actor: manager });
    await transitionContract(db.store, { contractId: c.id, action: 'send_for_signature', actor: rep });
    const active = await transitionContract(db.store, { contractId: c.id, action: 'sign', actor: rep, set: { signedDate: '2026-03-05' } });
    expect(active.status).toBe('active');
    expect(active.signedDate).toBe('2026-03-05');
    const amended = await transitionContract(db.store, {
      contractId: c.id,
      action: 'amend',
      actor: rep,
      version: { text: 'Amended text', note: 'extend scope' },
    });
    expect(amended.status).toBe('active');
    expect(amended.versions.map((v) => v.number)).toEqual([1, 2]);
    const trail = await getAuditTrail(db.store, c.id);
    expect(trail.map((e) => [e.action, e.fromStatus ?? null, e.toStatus])).toEqual([
      ['created', null, 'draft'],
      ['submit', 'draft', 'in_review'],
      ['approve', 'in_review', 'approved'],
      ['send_for_signature', 'approved', 'sent_for_signature'],
      ['sign', 'sent_for_signature', 'active'],
      ['amend', 'active', 'active'],
    ]);
  });

  it('refuses an illegal transition with a clear error and changes nothing', async () => {
    const c = await newDraft();
    await expect(transitionContract(db.store, { contractId: c.id, action: 'sign', actor: rep })).rejects.toThrow(/Cannot mark signed a contract that is draft/);
    const again = await findContract(db.store, c.ref);
    expect(again.status).toBe('draft');
    expect(again.revision).toBe(0);
  });

  it('lets exactly one of two concurrent transitions win, and tells the other why', async () => {
    const c = await newDraft();
    await transitionContract(db.store, { contractId: c.id, action: 'submit', actor: rep });
    const results = await Promise.allSettled([
      transitionContract(db.store, { contractId: c.id, action: 'approve', actor: manager }),
      transitionContract(db.store, { contractId: c.id, action: 'reject', actor: manager, details: { reason: 'price' } }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect(lost[0]!.reason).toBeInstanceOf(AppError);
    expect((lost[0]!.reason as AppError).message).toMatch(/Cannot (approve|reject) a contract that is (approved|rejected)/);
    const trail = await getAuditTrail(db.store, c.id);
    expect(trail.filter((e) => e.action === 'approve' || e.action === 'reject')).toHaveLength(1);
  });

  it('gives 50 concurrently created contracts 50 different references', async () => {
    const created = await Promise.all(Array.from({ length: 50 }, () => newDraft()));
    const refs = new Set(created.map((c) => c.ref));
    expect(refs.size).toBe(50);
  });

  it('revises a rejected draft into a new version and resubmits it', async () => {
    const c = await newDraft();
    await transitionContract(db.store, { contractId: c.id, action: 'submit', actor: rep });
    await transitionContract(db.store, { contractId: c.id, action: 'reject', actor: manager, details: { reason: 'Cap liability' } });
    const revised = await transitionContract(db.store, { contractId: c.id, action: 'revise', actor: rep, version: { text: 'v2 with cap' } });
    expect(revised.status).toBe('draft');
    expect(revised.versions).toHaveLength(2);
    const resubmitted = await transitionContract(db.store, { contractId: c.id, action: 'submit', actor: rep });
    expect(resubmitted.status).toBe('in_review');
  });

  it('refuses invalid terms naming the field, and stores nothing', async () => {
    const before = await db.store.contracts.count({});
    await expect(
      createContract(db.store, {
        terms: { title: 'X', type: 'nda', counterparty: '', startDate: '2026-02-30' },
        owner: rep,
        requester: rep,
        actor: rep,
      }),
    ).rejects.toThrow(/counterparty: .*startDate: must be a real date/s);
    expect(await db.store.contracts.count({})).toBe(before);
  });
});

describe('a writer that dies between claiming and applying a change', () => {
  const db = useTestDatabase('rollforward');

  it('is rolled forward by the next read, exactly once', async () => {
    const c = await createContract(db.store, {
      terms: { title: 'MSA', type: 'msa', counterparty: 'Globex' },
      owner: rep,
      requester: rep,
      actor: rep,
    });
    // Simulate the crash: the claim (audit event for revision 1) is stored, the contract is not updated.
    const { auditEventModel } = await import('../../src/infra/mongo/models/audit-event-model.js');
    const { auditEventDoc, transitionEventId } = await import('../../src/infra/mongo/mongo-audit-log.js');
    await auditEventModel(db.connection).create(
      auditEventDoc({ id: c.id, ref: c.ref }, { actor: rep, action: 'submit', fromStatus: 'draft', toStatus: 'in_review' }, db.clock.now(), {
        id: transitionEventId(c.id, 1),
        revision: 1,
        change: { status: 'in_review' },
      }),
    );
    const read = await findContract(db.store, c.ref);
    expect(read.status).toBe('in_review');
    expect(read.revision).toBe(1);
    // A second transition builds on the rolled-forward state, not on the stale one.
    const approved = await transitionContract(db.store, { contractId: c.id, action: 'approve', actor: manager });
    expect(approved.revision).toBe(2);
    const trail = await getAuditTrail(db.store, c.id);
    expect(trail.map((e) => e.action)).toEqual(['created', 'submit', 'approve']);
  });
});
