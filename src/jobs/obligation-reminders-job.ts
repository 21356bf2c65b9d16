import type { Agenda } from 'agenda';
import { runObligationReminders } from '../core/services/run-obligation-reminders.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';

/** Obligation reminders: 7 and 1 days before, on the day, and daily while overdue (claimed). */
export function defineObligationRemindersJob(agenda: Agenda, job: JobContext): void {
  agenda.define(
    JOB_NAMES.obligationReminders,
    async () => {
      const report = await runObligationReminders(job.services.obligations);
      job.logger.info({ job: JOB_NAMES.obligationReminders, ...report }, 'obligation reminders finished');
    },
    { concurrency: 1, lockLifetime: 10 * 60_000 },
  );
}
