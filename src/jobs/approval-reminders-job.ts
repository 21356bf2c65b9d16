import type { Agenda } from 'agenda';
import { runApprovalReminders } from '../core/services/run-approval-reminders.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';

/** Reminds approvers past their stage's SLA and escalates stalled stages (claimed per interval). */
export function defineApprovalRemindersJob(agenda: Agenda, job: JobContext): void {
  agenda.define(
    JOB_NAMES.approvalReminders,
    async () => {
      const report = await runApprovalReminders(job.services.approvalReminders);
      if (report.reminded + report.escalated + report.resent > 0) job.logger.info({ job: JOB_NAMES.approvalReminders, ...report }, 'approval reminders sent');
    },
    { concurrency: 1, lockLifetime: 10 * 60_000 },
  );
}
