import { MongoBackend } from '@agendajs/mongo-backend';
import { Agenda } from 'agenda';
import type { Db } from 'mongodb';
import type { Connection } from 'mongoose';
import type { Env } from '../config/env.js';
import type { RenewalServices, Services } from '../core/ports/services.js';
import { defineApprovalRemindersJob } from './approval-reminders-job.js';
import type { JobContext } from './job-context.js';
import { JOB_NAMES } from './job-names.js';
import { defineObligationRemindersJob } from './obligation-reminders-job.js';
import { defineRenewalScanJob } from './renewal-scan-job.js';
import { defineRenewalsDigestJob } from './renewals-digest-job.js';
import { defineDeliverySweepJob } from './delivery-sweep-job.js';
import { defineHousekeepingJob } from './housekeeping-job.js';
import { defineWebhookRecoveryJob } from './webhook-recovery-job.js';
import type { RecoverContractEventsDeps } from '../core/services/recover-contract-events.js';
import type { PrunableRecords } from '../core/ports/prunable-records.js';
import { approvalDelivery } from '../core/services/post-stage-cards.js';
import type { SweptOutbox } from '../core/services/sweep-deliveries.js';
import type { Outbox } from '../core/ports/outbox.js';
import type { DeliveryDeps } from '../core/services/deliver-outbox-item.js';

export interface RunningJobs {
  agenda: Agenda;
  services: RenewalServices;
  /**
   * Stops at once claiming new work, lets running jobs finish for up to `graceMs`
   * (SHUTDOWN_GRACE_MS), then unlocks every Agenda job this process holds.
   */
  stop(graceMs?: number): Promise<void>;
}

export interface StartJobsOptions {
  /** How often Agenda polls for due jobs (default one minute). */
  processEvery?: string | number;
  /** Run the scans once now as well as on schedule (default true: catch up after downtime). */
  runAtStart?: boolean;
  /** Put the recurring schedules in place (default true; tests trigger jobs with `now`). */
  schedule?: boolean;
  /**
   * Overrides every job's lock lifetime (each job file sets its own, 10-30 minutes). Agenda 6
   * leaves a lockLifetime/2 timer behind after every job run, which keeps a process alive that
   * long after stop(); tests that must exit on their own use a short one.
   */
  lockLifetime?: number;
}

/** The recurring schedules (UTC). Each run is idempotent, so a run too many is harmless. */
const SCHEDULES: Array<[string, string]> = [
  ['0 6 * * *', JOB_NAMES.renewalScan],
  ['30 6 * * *', JOB_NAMES.obligationReminders],
  ['*/15 * * * *', JOB_NAMES.approvalReminders],
  ['5 * * * *', JOB_NAMES.renewalsDigest],
  ['15 4 * * *', JOB_NAMES.housekeeping],
  ['*/5 * * * *', JOB_NAMES.webhookRecovery],
];

/** What the jobs run on: the process's Services, its settings and its database connection. */
export interface JobsHost extends Services {
  env: Env;
  connection: Connection;
  /**
   * The webhook outbox and how it is sent (swept with the chat outboxes); with `subscriptions`
   * and `republish`, contract events lost between a change and its publishing are recovered.
   */
  webhooks?: {
    outbox: Outbox;
    delivery: DeliveryDeps;
    subscriptions?: RecoverContractEventsDeps['subscriptions'];
    republish?: RecoverContractEventsDeps['republish'];
  };
  /** Records the daily housekeeping job prunes (the webhook delivery log, API idempotency keys). */
  prunable?: readonly PrunableRecords[];
}

/**
 * Agenda on the service's own database (collection `agenda_jobs`, through the mongoose
 * connection's Db), with one definition per file in src/jobs. Several processes may run this:
 * each reminder is claimed by a unique insert before it is sent, so nothing goes out twice.
 */
export async function startJobs(ctx: JobsHost, options: StartJobsOptions = {}): Promise<RunningJobs> {
  const services: RenewalServices = ctx;
  const approvals = ctx.approvals;
  const db = ctx.connection.db;
  if (!db) throw new Error('the database connection is not open');
  const agenda = new Agenda({
    // mongoose bundles its own copy of the driver; the Db is the same wire client either way.
    backend: new MongoBackend({ mongo: db as unknown as Db, collection: 'agenda_jobs' }),
    name: `clause-${process.pid}`, // also how stop() finds the jobs this process locked
    processEvery: options.processEvery ?? Math.min(60_000, ctx.env.DELIVERY_SWEEP_INTERVAL_MS, ctx.env.RENEWAL_SCAN_RETRY_MS),
    defaultConcurrency: 1,
    // The start-up runs are one-off jobs: without this each restart would leave five behind.
    removeOnComplete: true,
  });
  const stopping = new AbortController();
  const outboxes: SweptOutbox[] = [
    { outbox: services.renewals.nudges, deps: services.renewals },
    { outbox: approvals.messages, deps: approvalDelivery(approvals) },
    { outbox: services.approvalReminders.reminders, deps: services.approvalReminders },
    { outbox: services.obligations.reminders, deps: services.obligations },
    { outbox: services.digest.digests, deps: services.digest },
  ];
  if (ctx.webhooks) outboxes.push({ outbox: ctx.webhooks.outbox, deps: ctx.webhooks.delivery });
  const job: JobContext = {
    env: ctx.env,
    logger: ctx.logger.child({ component: 'jobs' }),
    services,
    outboxes,
    prunable: ctx.prunable ?? [],
    clock: ctx.clock,
    ...(ctx.webhooks?.subscriptions && ctx.webhooks.republish
      ? {
          webhookRecovery: {
            audit: ctx.store.audit,
            contracts: ctx.store.contracts,
            subscriptions: ctx.webhooks.subscriptions,
            outbox: ctx.webhooks.outbox,
            clock: ctx.clock,
            republish: ctx.webhooks.republish,
          },
        }
      : {}),
    signal: stopping.signal,
  };
  defineRenewalScanJob(agenda, job);
  defineDeliverySweepJob(agenda, job);
  defineApprovalRemindersJob(agenda, job);
  defineObligationRemindersJob(agenda, job);
  defineRenewalsDigestJob(agenda, job);
  defineHousekeepingJob(agenda, job);
  defineWebhookRecoveryJob(agenda, job);
  if (options.lockLifetime) for (const definition of Object.values(agenda.definitions)) definition.lockLifetime = options.lockLifetime;
  agenda.on('fail', (error: Error, failed: { attrs: { name: string } }) => job.logger.error({ err: error, job: failed.attrs.name }, 'job failed'));
  // Agenda's own errors (polling, locking) would otherwise be swallowed by its no-op listener.
  agenda.on('error', (error: Error) => job.logger.error({ err: error }, 'agenda error'));

  // Saved before start(), so the first poll (at start) already picks up the start-up runs.
  await agenda.ready;
  if (options.schedule ?? true) {
    for (const [cron, name] of SCHEDULES) await agenda.every(cron, name, undefined, { timezone: 'UTC', skipImmediate: true });
    await agenda.every(ctx.env.DELIVERY_SWEEP_INTERVAL_MS, JOB_NAMES.deliverySweep, undefined, { skipImmediate: true });
    await agenda.every(ctx.env.RENEWAL_SCAN_RETRY_MS, JOB_NAMES.renewalScanFollowUp, undefined, { skipImmediate: true });
  }
  if (options.runAtStart ?? true) {
    for (const name of [JOB_NAMES.renewalScan, JOB_NAMES.obligationReminders, JOB_NAMES.approvalReminders, JOB_NAMES.renewalsDigest, JOB_NAMES.webhookRecovery])
      await agenda.now(name);
  }
  await agenda.start();
  job.logger.info({ jobs: Object.values(JOB_NAMES) }, 'jobs started');
  let stopped: Promise<void> | undefined;
  const name = `clause-${process.pid}`;
  return {
    agenda,
    services,
    stop: (graceMs = ctx.env.SHUTDOWN_GRACE_MS) =>
      (stopped ??= (async () => {
        // Claim nothing new (scans and sweeps check the signal between items), let what runs
        // finish within the grace, then unlock what this process holds. drain() clears Agenda's
        // processor, so its stop() would unlock nothing: the unlock is done here, by owner name.
        stopping.abort();
        const drained = await agenda.drain({ timeout: graceMs, closeConnection: false }).catch(() => undefined);
        if (drained?.timedOut)
          job.logger.warn({ running: drained.running, graceMs }, 'jobs still running after the shutdown grace; their work is retried by another process');
        await db
          .collection('agenda_jobs')
          .updateMany({ lastModifiedBy: name, lockedAt: { $ne: null } }, { $unset: { lockedAt: 1 } })
          .catch((err: unknown) => job.logger.warn({ err }, 'could not unlock the jobs this process held'));
      })()),
  };
}
