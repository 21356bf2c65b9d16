import { AppError, AppErrorCode } from '../errors.js';
import { STATUS_LABELS, type ContractStatus } from './contract.js';

/**
 * The contract lifecycle as a pure state machine. Services apply a transition against the stored
 * status atomically; this module only says what is allowed.
 *
 *   draft -> in_review -> approved -> sent_for_signature -> active -> renewed | terminated | expired
 *                                 ^-(recall_signature)-/   (declined or cancelled envelope)
 *                      \-> rejected -> (revise) -> draft
 *   active -(amend)-> active (adds a version)
 */
export const LIFECYCLE_ACTIONS = [
  'submit',
  'approve',
  'reject',
  'revise',
  'send_for_signature',
  'recall_signature',
  'sign',
  'amend',
  'renew',
  'terminate',
  'expire',
] as const;
export type LifecycleAction = (typeof LIFECYCLE_ACTIONS)[number];

const TRANSITIONS: Record<LifecycleAction, { from: readonly ContractStatus[]; to: ContractStatus | 'same' }> = {
  submit: { from: ['draft'], to: 'in_review' },
  approve: { from: ['in_review'], to: 'approved' },
  reject: { from: ['in_review'], to: 'rejected' },
  revise: { from: ['rejected', 'draft'], to: 'draft' },
  send_for_signature: { from: ['approved'], to: 'sent_for_signature' },
  /** The envelope was declined or cancelled: back to approved, to be fixed and sent again. */
  recall_signature: { from: ['sent_for_signature'], to: 'approved' },
  sign: { from: ['sent_for_signature'], to: 'active' },
  amend: { from: ['active'], to: 'same' },
  renew: { from: ['active'], to: 'renewed' },
  terminate: { from: ['active', 'sent_for_signature', 'approved'], to: 'terminated' },
  expire: { from: ['active'], to: 'expired' },
};

const ACTION_LABELS: Record<LifecycleAction, string> = {
  submit: 'submit for review',
  approve: 'approve',
  reject: 'reject',
  revise: 'revise',
  send_for_signature: 'send for signature',
  recall_signature: 'take back from signature',
  sign: 'mark signed',
  amend: 'amend',
  renew: 'renew',
  terminate: 'terminate',
  expire: 'expire',
};

export function canTransition(status: ContractStatus, action: LifecycleAction): boolean {
  return TRANSITIONS[action].from.includes(status);
}

/** The statuses from which `action` may be taken (used as the atomic update's filter). */
function _allowedFrom(action: LifecycleAction): readonly ContractStatus[] {
  return TRANSITIONS[action].from;
}

/** The status after `action`, or an AppError saying why the action is not allowed now. */
export function nextStatus(status: ContractStatus, action: LifecycleAction): ContractStatus {
  const rule = TRANSITIONS[action];
  if (!rule.from.includes(status)) {
    const allowed = rule.from.map((s) => STATUS_LABELS[s].toLowerCase()).join(' or ');
    throw new AppError(
      AppErrorCode.IllegalTransition,
      `Cannot ${ACTION_LABELS[action]} a contract that is ${STATUS_LABELS[status].toLowerCase()}: only a contract that is ${allowed} can.`,
      { status, action },
    );
  }
  return rule.to === 'same' ? status : rule.to;
}

function _actionLabel(action: LifecycleAction): string {
  return ACTION_LABELS[action];
}

const _TERMINAL_STATUSES: readonly ContractStatus[] = ['renewed', 'terminated', 'expired'];
