/** Agenda job names (stored in `agenda_jobs`; renaming one leaves the old schedule behind). */
export const JOB_NAMES = {
  renewalScan: 'renewals.scan',
  renewalScanFollowUp: 'renewals.scan.followup',
  deliverySweep: 'deliveries.sweep',
  renewalsDigest: 'renewals.digest',
  approvalReminders: 'approvals.remind',
  obligationReminders: 'obligations.remind',
  housekeeping: 'housekeeping.prune',
  webhookRecovery: 'webhooks.recover',
} as const;
