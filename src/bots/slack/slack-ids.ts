import { APPROVAL_ACTIONS } from '../../core/views/approval-card.js';
import { CONTRACT_ACTIONS } from '../../core/views/contract-views.js';
import { OBLIGATION_ACTIONS } from '../../core/views/obligation-reminder-card.js';
import { RENEWAL_ACTIONS } from '../../core/views/renewal-nudge-card.js';
import { TERMS_ACTIONS } from '../../core/views/proposed-terms-message.js';

/**
 * Everything the Slack app handles, in one place: the listeners register these ids and the
 * manifest test checks that `manifests/slack/manifest.yaml` declares exactly these.
 */
export const SLACK_COMMANDS = { contract: '/contract' } as const;

export const SLACK_ACTIONS = {
  approve: APPROVAL_ACTIONS.approve,
  reject: APPROVAL_ACTIONS.reject,
  resubmit: CONTRACT_ACTIONS.resubmit,
  markSent: CONTRACT_ACTIONS.markSent,
  markSigned: CONTRACT_ACTIONS.markSigned,
  resendSignature: CONTRACT_ACTIONS.resendSignature,
  cancelSignature: CONTRACT_ACTIONS.cancelSignature,
  termsConfirm: TERMS_ACTIONS.confirm,
  termsEdit: TERMS_ACTIONS.edit,
  renewalStart: RENEWAL_ACTIONS.start,
  renewalLapse: RENEWAL_ACTIONS.lapse,
  renewalSnooze: RENEWAL_ACTIONS.snooze,
  renewalReassign: RENEWAL_ACTIONS.reassign,
  obligationDone: OBLIGATION_ACTIONS.done,
} as const;

export const SLACK_VIEWS = {
  request: 'contract_request',
  rejectReason: 'approval_reject_reason',
  markSigned: 'contract_mark_signed',
  cancelSignature: 'contract_cancel_signature',
  resubmit: 'contract_resubmit',
  termsEdit: 'contract_terms_edit',
  renewalReassign: 'renewal_reassign',
} as const;

/** `message` is subscribed as `message.im` in the manifest: Clause reads DMs to it, no channels. */
export const SLACK_EVENTS = { appHomeOpened: 'app_home_opened', message: 'message', appMention: 'app_mention' } as const;

/** Block and action ids inside the request modal; field errors are keyed by block id. */
export const REQUEST_FIELDS = {
  template: 'template',
  title: 'title',
  counterparty: 'counterparty',
  value: 'value',
  currency: 'currency',
  startDate: 'start_date',
  termMonths: 'term_months',
  endDate: 'end_date',
  autoRenews: 'auto_renews',
  renewalTermMonths: 'renewal_term_months',
  noticePeriodDays: 'notice_period_days',
  governingLaw: 'governing_law',
  owner: 'owner',
  notes: 'notes',
} as const;
