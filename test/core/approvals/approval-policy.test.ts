import { readFileSync } from 'node:fs';
import { selectStages, ZApprovalPolicy, type ApprovalPolicyInput } from '../../../src/core/domain/approval-policy.js';
import { evaluateStage, deriveRoundState, type ApprovalDecision } from '../../../src/core/domain/approval-round.js';
import { fillableSlots, isApproverPerson } from '../../../src/core/domain/approver-identity.js';
import { parsePolicyText } from '../../../src/infra/policy/load-policy-file.js';

const EXAMPLE = 'config/approval-policy.example.yaml';
const policy = parsePolicyText(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
const usd = (major: number) => ({ amountMinor: major * 100, currency: 'USD' });

const base: ApprovalPolicyInput = {
  people: { ann: { name: 'Ann', slack: 'U0ANN' }, bob: { name: 'Bob', email: 'bob@example.com' } },
  groups: { legal: ['ann', 'bob'] },
  rules: [{ when: {}, stages: [{ name: 'Legal', approvers: ['group:legal'] }] }],
};
const withStage = (stage: Record<string, unknown>, extra: Partial<ApprovalPolicyInput> = {}): unknown => ({
  ...base,
  ...extra,
  rules: [{ when: {}, stages: [{ name: 'S', ...stage }] }],
});

describe('approval policy file', () => {
  it('parses the example and resolves its people', () => {
    expect(policy.rules).toHaveLength(3);
    expect(policy.people.maria!.slack).toBe('U0MANAGER');
  });

  it('names an unknown person, an unknown group and an N larger than the slots', () => {
    const text = JSON.stringify(withStage({ approvers: ['ann', 'zed', 'group:ops'], require: 4, escalateTo: 'nobody' }));
    expect(() => parsePolicyText(text, 'p.yaml')).toThrow(
      /^Approval policy p\.yaml: .*unknown person "zed".*unknown group "ops".*needs 4 approvals but the stage has only 3/,
    );
    const all = ZApprovalPolicy.safeParse(JSON.parse(text));
    expect(all.success).toBe(false);
    expect(all.error!.issues.map((i) => i.message)).toContain('unknown person "nobody"');
  });

  it('reports broken YAML and a bad field on one line naming the file', () => {
    expect(() => parsePolicyText('people: [\n', 'bad.yaml')).toThrow(/^Approval policy bad\.yaml: not valid YAML \(line \d+, column \d+\)/);
    const e = (() => {
      try {
        parsePolicyText('people:\n  ann: { name: Ann, slack: not-an-id }\nrules: []\n', 'x.yaml');
      } catch (error) {
        return error as Error;
      }
    })();
    expect(e?.message).toMatch(/^Approval policy x\.yaml: people\.ann\.slack: must be a Slack user id.*rules: /);
    expect(e?.message).not.toContain('\n');
  });

  it('refuses a group member who is not a person, a person nobody can act as, and maxValue <= minValue', () => {
    const r = ZApprovalPolicy.safeParse({
      people: { ann: { name: 'Ann' } },
      groups: { g: ['ghost'] },
      rules: [{ when: { minValue: 10, maxValue: 10 }, stages: [{ name: 'S', approvers: ['ann'] }] }],
    });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^people\.ann: needs a slack id/),
        'groups.g.0: unknown person "ghost"',
        'rules.0.when.maxValue: must be greater than minValue',
      ]),
    );
  });
});

describe('selectStages', () => {
  it('picks stages by value thresholds (min inclusive, max exclusive)', () => {
    const names = (major?: number) => selectStages(policy, { type: 'msa', ...(major !== undefined ? { value: usd(major) } : {}) })!.stages.map((s) => s.name);
    expect(names(24_999.99)).toEqual(['Manager']);
    expect(names(undefined)).toEqual(['Manager']);
    expect(names(25_000)).toEqual(['Legal & Finance']);
    expect(names(99_999)).toEqual(['Legal & Finance']);
    expect(names(100_000)).toEqual(['Legal & Finance', 'VP sign-off']);
    expect(names(150_000)).toEqual(['Legal & Finance', 'VP sign-off']);
  });

  it('resolves group slots, requirements and people identities', () => {
    const { stages } = selectStages(policy, { type: 'msa', value: usd(150_000) })!;
    const lf = stages[0]!;
    expect(lf.slots.map((s) => s.label)).toEqual(['Legal', 'Finance']);
    expect(lf.required).toBe(2);
    expect(lf.slots[0]!.candidates.map((c) => c.personId)).toEqual(['lena', 'luis']);
    expect(lf.escalateTo?.personId).toBe('victor');
    expect(stages[1]!.notify).toBe('dm');
    const felix = lf.slots[1]!.candidates[1]!;
    expect(felix.users).toEqual([
      expect.objectContaining({ platform: 'teams', id: '00000000-0000-0000-0000-00000000c002', email: 'felix.finance@example.com' }),
    ]);
  });

  it('filters by type and currency, and returns undefined when no rule matches', () => {
    const p = ZApprovalPolicy.parse({
      ...base,
      rules: [
        { when: { types: ['NDA'] }, stages: [{ name: 'NDA desk', approvers: ['ann'] }] },
        { when: { currency: 'eur', minValue: 1 }, stages: [{ name: 'Euro', approvers: ['bob'] }] },
      ],
    });
    expect(selectStages(p, { type: 'nda' })!.stages[0]!.name).toBe('NDA desk');
    expect(selectStages(p, { type: 'msa', value: { amountMinor: 500, currency: 'EUR' } })!.stages[0]!.name).toBe('Euro');
    expect(selectStages(p, { type: 'msa', value: usd(5) })).toBeUndefined();
    expect(selectStages(p, { type: 'msa' })).toBeUndefined();
  });

  it('counts N of M and any', () => {
    const p = ZApprovalPolicy.parse(withStage({ approvers: ['ann', 'bob'], require: 'any' }));
    expect(selectStages(p, { type: 'nda' })!.stages[0]!.required).toBe(1);
  });
});

describe('approver identity and stage evaluation', () => {
  const { stages } = selectStages(policy, { type: 'msa', value: usd(150_000) })!;
  const lf = stages[0]!;

  it('matches a click by platform id or by e-mail, not by a different id', () => {
    const lena = lf.slots[0]!.candidates[0]!;
    expect(isApproverPerson(lena, { platform: 'slack', id: 'U0LEGAL1' })).toBe(true);
    expect(isApproverPerson(lena, { platform: 'teams', id: 'other-aad', email: 'LENA.legal@example.com' })).toBe(true);
    expect(isApproverPerson(lena, { platform: 'slack', id: 'U0LEGAL2' })).toBe(false);
    expect(fillableSlots(lf, { platform: 'teams', id: '00000000-0000-0000-0000-00000000c002' })).toEqual([1]);
  });

  it('ends a stage on the required approvals or on any reject, monotonically', () => {
    const d = (slotIndex: number, decision: 'approve' | 'reject', s = 0): ApprovalDecision => ({
      roundId: 'r',
      stageIndex: s,
      slotIndex,
      decision,
      personId: 'x',
      approver: { platform: 'slack', id: 'U' },
      at: new Date(slotIndex * 1000),
      ...(decision === 'reject' ? { reason: 'no' } : {}),
    });
    expect(evaluateStage(lf, 0, [d(0, 'approve')])).toBeUndefined();
    expect(evaluateStage(lf, 0, [d(0, 'approve'), d(1, 'approve')])).toEqual({ outcome: 'approved', countedSlots: [0, 1] });
    expect(evaluateStage(lf, 0, [d(1, 'reject')])).toEqual({ outcome: 'rejected', countedSlots: [1], reason: 'no' });
    expect(evaluateStage(lf, 0, [d(0, 'approve', 1)])).toBeUndefined();
    const created = new Date('2026-01-01T00:00:00Z');
    const at = new Date('2026-01-02T00:00:00Z');
    const by = { platform: 'slack' as const, id: 'U' };
    expect(deriveRoundState(stages, [], created)).toMatchObject({ currentStage: 0, status: 'pending' });
    expect(deriveRoundState(stages, [{ stageIndex: 0, outcome: 'approved', countedSlots: [0, 1], by, at }], created)).toMatchObject({
      currentStage: 1,
      status: 'pending',
      stageStartedAt: at,
    });
    expect(deriveRoundState(stages, [{ stageIndex: 0, outcome: 'rejected', countedSlots: [0], by, at }], created, at)).toMatchObject({
      currentStage: 0,
      status: 'superseded',
    });
  });
});
