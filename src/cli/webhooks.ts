/**
 * `npm run webhooks -- create --url https://… --events contract.signed,contract.renewed`: the
 * subscriptions of the outbound webhooks. `create` prints the signing secret once; `list`,
 * `enable ID`, `disable ID`, `deliveries ID` (the delivery log, newest first), `delete ID`.
 */
import { loadEnv } from '../config/env.js';
import { WEBHOOK_EVENT_TYPES } from '../core/domain/webhook-event.js';
import { isAppError } from '../core/errors.js';
import { systemClock } from '../core/ports/clock.js';
import { createWebhookSubscription } from '../core/services/create-webhook-subscription.js';
import { setWebhookSubscriptionEnabled } from '../core/services/set-webhook-subscription-enabled.js';
import { openDatabase } from '../app/open-database.js';
import { createLogger } from '../infra/logger.js';
import { CliError, runCli, UsageError, type CliSpec } from './cli-kit.js';

const COMMANDS = ['create', 'list', 'enable', 'disable', 'deliveries', 'delete'];

const webhooksCli: CliSpec = {
  name: 'webhooks',
  file: 'webhooks',
  usage: 'create --url URL --events E1,E2 [--secret whsec_…] [--description TEXT] | list | enable ID | disable ID | deliveries ID [--limit N] | delete ID',
  summary: 'Creates, lists, enables, disables and deletes outbound webhook subscriptions, and shows their delivery log.',
  positionals: { min: 1, max: 2 },
  options: {
    url: { type: 'string', value: 'URL', description: 'the receiver (http:// or https://)' },
    events: { type: 'string', value: 'E1,E2', description: `comma-separated: ${WEBHOOK_EVENT_TYPES.join(', ')}` },
    secret: { type: 'string', value: 'whsec_…', description: 'the signing secret (Standard Webhooks format); a new one is made when absent' },
    description: { type: 'string', value: 'TEXT', description: 'what the receiver is, e.g. "CRM"' },
    limit: { type: 'string', value: 'N', description: 'deliveries: how many attempts to show', default: '20' },
  },
  details: `Payloads are signed by the Standard Webhooks scheme (webhook-id, webhook-timestamp, webhook-signature);
the secret is printed once by create. See README "Webhooks".`,
};

runCli(webhooksCli, async ({ values, positionals }) => {
  const [command, id] = positionals;
  if (!COMMANDS.includes(command!)) throw new UsageError(`unknown command ${command}; use ${COMMANDS.join(', ')}`);
  if (command === 'create' || command === 'list') {
    if (id !== undefined) throw new UsageError(`${command} takes no id`);
  } else if (!id) throw new UsageError(`${command} needs the subscription id (as list shows it)`);
  let create: { url: string; events: string[]; secret?: string; description?: string } | undefined;
  if (command === 'create') {
    if (!values.url) throw new UsageError('create needs --url URL');
    const events = String(values.events ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    if (events.length === 0) throw new UsageError(`create needs --events (comma-separated: ${WEBHOOK_EVENT_TYPES.join(', ')})`);
    const unknown = events.filter((e) => !(WEBHOOK_EVENT_TYPES as readonly string[]).includes(e));
    if (unknown.length > 0) throw new UsageError(`unknown event ${unknown.join(', ')}; the events are ${WEBHOOK_EVENT_TYPES.join(', ')}`);
    create = {
      url: String(values.url),
      events,
      ...(values.secret ? { secret: String(values.secret) } : {}),
      ...(values.description ? { description: String(values.description) } : {}),
    };
  }
  const limit = Number(values.limit ?? 20);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new UsageError('--limit must be a whole number from 1 to 1000');

  const env = loadEnv();
  const logger = createLogger(env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
  const db = await openDatabase(env, logger, systemClock);
  try {
    const { subscriptions } = db.webhooks;
    const deps = { subscriptions, clock: systemClock, checkUrl: db.webhooks.deps.checkUrl };
    const out = (line: string) => process.stdout.write(`${line}\n`);
    try {
      if (command === 'create') {
        const created = await createWebhookSubscription(deps, create, 'cli');
        const s = created.subscription;
        out(`created webhook subscription ${s.id} → ${s.url} (events ${s.events.join(',')}). Its signing secret is shown only now:`);
        out(created.secret);
      } else if (command === 'list') {
        const all = await subscriptions.list();
        if (all.length === 0) out('no webhook subscriptions');
        for (const s of all) {
          out(
            `${s.id}  ${s.enabled ? 'enabled ' : 'DISABLED'}  ${s.url}  ${s.events.join(',')}${s.description ? `  "${s.description}"` : ''}  created ${s.createdAt.toISOString()} by ${s.createdBy}${s.disabledReason ? `  (${s.disabledReason})` : ''}`,
          );
        }
      } else if (command === 'enable' || command === 'disable') {
        const s = await setWebhookSubscriptionEnabled(deps, { id: id!, enabled: command === 'enable', by: 'cli' });
        out(`${s.id} is ${s.enabled ? 'enabled' : 'disabled'}`);
      } else if (command === 'deliveries') {
        if (!(await subscriptions.get(id!))) throw new CliError(`there is no webhook subscription ${id}`);
        const attempts = await subscriptions.listAttempts(id!, limit);
        if (attempts.length === 0) out('no delivery attempts yet');
        for (const a of attempts) {
          out(
            `${a.at.toISOString()}  ${a.outcome.padEnd(9)} ${a.httpStatus !== undefined ? `HTTP ${a.httpStatus}` : '        '}  ${a.eventType.padEnd(28)} ${a.eventId}  attempt ${a.attempt}  ${a.durationMs} ms${a.error ? `  ${a.error}` : ''}`,
          );
        }
      } else {
        if (!(await subscriptions.remove(id!))) throw new CliError(`there is no webhook subscription ${id}`);
        out(`deleted ${id} and its delivery log`);
      }
    } catch (error) {
      if (isAppError(error)) throw new CliError(error.message);
      throw error;
    }
  } finally {
    await db.close();
  }
  return 0;
});
