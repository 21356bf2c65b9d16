import { z } from 'zod';
import type { ApprovalStage } from './approval-round.js';
import { toMajorUnits, ZCurrency, type Money } from './money.js';
import { policyApproverPerson } from './approver-identity.js';

const ID_RE = /^[a-z0-9][a-z0-9_.-]{0,63}$/i;
const ZPolicyId = z.string().trim().regex(ID_RE, 'must be an id of letters, digits, _ . or -');

const ZPolicyPerson = z
  .object({
    name: z.string().trim().min(1),
    email: z.email().optional(),
    /** Slack user id, e.g. U0123ABCD. */
    slack: z
      .string()
      .trim()
      .regex(/^[UW][A-Z0-9]{2,}$/, 'must be a Slack user id such as U0123ABCD')
      .optional(),
    /** Teams: the person's Azure AD object id. */
    teams: z.string().trim().min(1).optional(),
    tenantId: z.string().trim().min(1).optional(),
    /** The playground: a persona's key (config/demo/personas.yaml), e.g. lena. */
    web: z
      .string()
      .trim()
      .regex(/^[a-z][a-z0-9_-]{0,30}$/, 'must be a playground persona key such as lena')
      .optional(),
  })
  .strict()
  .refine((p) => p.slack || p.teams || p.web || p.email, { message: 'needs a slack id, a teams id, a web persona or an email, or nobody can act as them' });

const ZPolicyStage = z
  .object({
    name: z.string().trim().min(1),
    /** Person ids, or `group:<id>` for one slot any member of the group may fill. */
    approvers: z.array(z.string().trim().min(1)).min(1),
    require: z.union([z.enum(['all', 'any']), z.number().int().positive()]).default('all'),
    notify: z.enum(['channel', 'dm', 'both']).default('both'),
    slaHours: z.number().positive().optional(),
    escalateAfterHours: z.number().positive().optional(),
    escalateTo: z.string().trim().min(1).optional(),
  })
  .strict();

const ZPolicyRule = z
  .object({
    name: z.string().trim().min(1).optional(),
    when: z
      .object({
        types: z.array(z.string().trim().toLowerCase().min(1)).min(1).optional(),
        /** Major units, inclusive. */
        minValue: z.number().nonnegative().optional(),
        /** Major units, exclusive. */
        maxValue: z.number().positive().optional(),
        currency: ZCurrency.optional(),
      })
      .strict()
      .default({}),
    stages: z.array(ZPolicyStage).min(1),
  })
  .strict();

/** The approval policy file: who approves what, in which stages. Rules are tried in order. */
export const ZApprovalPolicy = z
  .object({
    people: z.record(ZPolicyId, ZPolicyPerson),
    groups: z.record(ZPolicyId, z.array(z.string().trim().min(1)).min(1)).default({}),
    rules: z.array(ZPolicyRule).min(1),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const person = (id: string, path: (string | number)[]) => {
      if (!(id in policy.people)) ctx.addIssue({ code: 'custom', path, message: `unknown person "${id}"` });
    };
    for (const [groupId, members] of Object.entries(policy.groups)) {
      for (const [i, m] of members.entries()) person(m, ['groups', groupId, i]);
    }
    policy.rules.forEach((rule, r) => {
      const { minValue, maxValue } = rule.when;
      if (minValue !== undefined && maxValue !== undefined && maxValue <= minValue) {
        ctx.addIssue({ code: 'custom', path: ['rules', r, 'when', 'maxValue'], message: 'must be greater than minValue' });
      }
      rule.stages.forEach((stage, s) => {
        const at = ['rules', r, 'stages', s];
        const seen = new Set<string>();
        stage.approvers.forEach((a, i) => {
          if (seen.has(a)) ctx.addIssue({ code: 'custom', path: [...at, 'approvers', i], message: `"${a}" is listed twice` });
          seen.add(a);
          if (a.startsWith('group:')) {
            const g = a.slice('group:'.length);
            if (!(g in policy.groups)) ctx.addIssue({ code: 'custom', path: [...at, 'approvers', i], message: `unknown group "${g}"` });
          } else person(a, [...at, 'approvers', i]);
        });
        if (typeof stage.require === 'number' && stage.require > stage.approvers.length) {
          ctx.addIssue({
            code: 'custom',
            path: [...at, 'require'],
            message: `needs ${stage.require} approvals but the stage has only ${stage.approvers.length} approver slot(s)`,
          });
        }
        if (stage.escalateTo) person(stage.escalateTo, [...at, 'escalateTo']);
      });
    });
  });
export type ApprovalPolicy = z.infer<typeof ZApprovalPolicy>;
export type ApprovalPolicyInput = z.input<typeof ZApprovalPolicy>;

export interface SelectedStages {
  ruleIndex: number;
  ruleName?: string;
  stages: ApprovalStage[];
}

type PolicyRule = ApprovalPolicy['rules'][number];

/**
 * Whether a rule covers a contract. Thresholds are major units of the contract's own currency (no
 * FX conversion); a contract without a value counts as 0, so it can match a `maxValue` rule but
 * never a rule that names a currency.
 */
function ruleMatches(rule: PolicyRule, contract: { type: string; value?: Money }): boolean {
  const { types, minValue, maxValue, currency } = rule.when;
  if (types && !types.includes(contract.type.toLowerCase())) return false;
  if (currency && contract.value?.currency !== currency) return false;
  const amount = contract.value ? toMajorUnits(contract.value) : 0;
  if (minValue !== undefined && amount < minValue) return false;
  if (maxValue !== undefined && amount >= maxValue) return false;
  return true;
}

function resolveStage(policy: ApprovalPolicy, stage: PolicyRule['stages'][number]): ApprovalStage {
  const slots = stage.approvers.map((entry): ApprovalStage['slots'][number] => {
    if (entry.startsWith('group:')) {
      const groupId = entry.slice('group:'.length);
      return {
        label: groupId.charAt(0).toUpperCase() + groupId.slice(1).replace(/[_-]+/g, ' '),
        source: { kind: 'group', groupId },
        candidates: policy.groups[groupId]!.map((id) => policyApproverPerson(policy, id)),
      };
    }
    const person = policyApproverPerson(policy, entry);
    return { label: person.name, source: { kind: 'person', personId: entry }, candidates: [person] };
  });
  const required = stage.require === 'all' ? slots.length : stage.require === 'any' ? 1 : stage.require;
  return {
    name: stage.name,
    slots,
    required,
    require: stage.require,
    notify: stage.notify,
    ...(stage.slaHours !== undefined ? { slaHours: stage.slaHours } : {}),
    ...(stage.escalateAfterHours !== undefined ? { escalateAfterHours: stage.escalateAfterHours } : {}),
    ...(stage.escalateTo ? { escalateTo: policyApproverPerson(policy, stage.escalateTo) } : {}),
  };
}

/** The stages of the first rule that covers the contract, resolved to people; undefined when none does. */
export function selectStages(policy: ApprovalPolicy, contract: { type: string; value?: Money }): SelectedStages | undefined {
  const ruleIndex = policy.rules.findIndex((rule) => ruleMatches(rule, contract));
  if (ruleIndex < 0) return undefined;
  const rule = policy.rules[ruleIndex]!;
  return {
    ruleIndex,
    ...(rule.name ? { ruleName: rule.name } : {}),
    stages: rule.stages.map((s) => resolveStage(policy, s)),
  };
}
