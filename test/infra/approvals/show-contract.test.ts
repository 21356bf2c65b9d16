import { showContract } from '../../../src/core/services/show-contract.js';
import { submitForApproval } from '../../../src/core/services/submit-for-approval.js';
import { AppError } from '../../../src/core/errors.js';
import { useTestDatabase } from '../../support/database.js';
import { approvalDeps, draft, lena, rep, stranger } from './approval-fixtures.js';

describe('contract show: summary for the people who may see it', () => {
  const db = useTestDatabase('show');

  async function submitted() {
    const deps = await approvalDeps(db);
    const contract = await draft(deps, { valueMajor: 50_000 });
    await submitForApproval(deps, { contractId: contract.id, actor: rep });
    return { deps, contract };
  }

  it('shows the requester the summary, approvals and history', async () => {
    const { deps, contract } = await submitted();
    const message = await showContract({ ...deps, admins: [] }, { ref: contract.ref, viewer: rep });
    expect(message.card?.title).toBe(`${contract.ref}: ${contract.title}`);
    const text = message.card!.sections.map((s) => ('text' in s ? s.text : '')).join('\n');
    expect(text).toMatch(/Round 1 \(version 1\): pending at/);
    expect(text).toMatch(/History[\s\S]*created[\s\S]*submit/);
  });

  it('shows an approver of one of its rounds', async () => {
    const { deps, contract } = await submitted();
    await expect(showContract({ ...deps, admins: [] }, { ref: contract.ref, viewer: lena })).resolves.toBeDefined();
  });

  it('refuses anyone else, and lets an admin in', async () => {
    const { deps, contract } = await submitted();
    const refusal = showContract({ ...deps, admins: [] }, { ref: contract.ref, viewer: stranger });
    await expect(refusal).rejects.toBeInstanceOf(AppError);
    await expect(showContract({ ...deps, admins: [] }, { ref: contract.ref, viewer: stranger })).rejects.toThrow(`You do not have access to ${contract.ref}`);
    await expect(showContract({ ...deps, admins: [stranger.id] }, { ref: contract.ref, viewer: stranger })).resolves.toBeDefined();
  });
});
