import type { Agenda } from 'agenda';
import { channelSettingOrPlayground } from '../config/chat-channels.js';
import { sendRenewalsDigest } from '../core/services/send-renewals-digest.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';

/** Checks hourly whether this week's digest is due (DIGEST_SCHEDULE) and sends it once (DIGEST_CHANNEL). */
export function defineRenewalsDigestJob(agenda: Agenda, job: JobContext): void {
  agenda.define(
    JOB_NAMES.renewalsDigest,
    async () => {
      const channel = channelSettingOrPlayground(job.env.DIGEST_CHANNEL, job.env);
      if (!channel) return;
      const outcome = await sendRenewalsDigest(job.services.digest, { channel, schedule: job.env.DIGEST_SCHEDULE });
      if (outcome === 'sent' || outcome === 'unsent') job.logger.info({ job: JOB_NAMES.renewalsDigest, outcome }, 'renewals digest');
    },
    { concurrency: 1, lockLifetime: 10 * 60_000 },
  );
}
