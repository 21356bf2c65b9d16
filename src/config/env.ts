import { createPrivateKey } from 'node:crypto';
import { z } from 'zod';
import { playgroundSettings } from './playground.js';
import { ZDigestSchedule, ZNudgeOffsets } from './renewal-settings.js';

const ZBool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off'], { message: 'must be true or false' })
  .transform((v) => ['true', '1', 'yes', 'on'].includes(v));

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
/** A duration in milliseconds between `min` and `max`. */
const ms = (min: number, max: number) =>
  z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(min, `must be at least ${min} ms`).max(max, `must be at most ${max} ms`);

/** Test-only overrides of where Teams tokens are checked and fetched; the service refuses them in production. */
export const TEAMS_TEST_OVERRIDES = ['TEAMS_OPENID_METADATA_URL', 'TEAMS_EMULATOR_OPENID_METADATA_URL', 'TEAMS_TOKEN_ISSUER', 'TEAMS_TOKEN_ENDPOINT'] as const;

/**
 * Every setting Clause reads, parsed once at start-up. `.env.example` documents each one; keep
 * the two in step (a test checks it).
 */
const ZEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535, 'must be a port number from 0 to 65535').default(3000),
    /** Unset: 0.0.0.0, or 127.0.0.1 while the playground is on (loadEnv). */
    HOST: z.preprocess(emptyToUndefined, z.string().optional()).transform((v) => v ?? '0.0.0.0'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** pretty (coloured, one line per event) on a terminal and JSON otherwise, unless forced. */
    LOG_FORMAT: z.enum(['auto', 'json', 'pretty'], { message: 'must be json, pretty or auto' }).default('auto'),
    PUBLIC_BASE_URL: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL such as https://clause.example.com' }).optional()),

    MONGODB_URI: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .regex(/^mongodb(\+srv)?:\/\//, 'must be a MongoDB connection string (mongodb:// or mongodb+srv://)')
        .optional(),
    ),
    MONGODB_DB_NAME: z
      .string()
      .regex(/^[A-Za-z0-9_-]{1,60}$/, 'must be a database name (letters, digits, _ and -)')
      .default('clause'),
    CLAUSE_DATA_DIR: z.string().default('.data'),
    CLAUSE_CACHE_DIR: optionalString,

    COMPANY_NAME: z.preprocess(emptyToUndefined, z.string().min(1).optional()).transform((v) => v ?? 'Our Company'),
    /** The web playground: auto (on when neither Slack nor Teams is configured, outside production), on or off (src/config/playground.ts). */
    PLAYGROUND: z.preprocess(emptyToUndefined, z.enum(['auto', 'on', 'off'], { message: 'must be auto, on or off' }).optional()).transform((v) => v ?? 'auto'),
    /** Unset: the example policy, or the demo policy while the playground is on (loadEnv). */
    POLICY_FILE: z.preprocess(emptyToUndefined, z.string().optional()).transform((v) => v ?? 'config/approval-policy.example.yaml'),
    JOBS_ENABLED: z.preprocess(emptyToUndefined, ZBool.optional()).transform((v) => v ?? true),
    RENEWAL_NUDGE_OFFSETS: z.preprocess(emptyToUndefined, ZNudgeOffsets.optional()).transform((v) => v ?? [90, 60, 30, 7, 0]),
    DIGEST_CHANNEL: optionalString,
    DIGEST_SCHEDULE: z.preprocess(emptyToUndefined, ZDigestSchedule.optional()).transform((v) => v ?? { weekday: 1, hour: 9, timeZone: 'UTC' }),

    SLACK_SIGNING_SECRET: optionalString,
    SLACK_BOT_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xoxb-', 'must be a bot token starting with xoxb-').optional()),
    SLACK_APP_TOKEN: z.preprocess(emptyToUndefined, z.string().startsWith('xapp-', 'must be an app-level token starting with xapp-').optional()),
    SLACK_APPROVALS_CHANNEL: optionalString,
    SLACK_RENEWALS_CHANNEL: optionalString,
    SLACK_API_URL: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL such as https://slack.com/api/' }).optional()),

    MICROSOFT_APP_ID: optionalString,
    MICROSOFT_APP_PASSWORD: optionalString,
    MICROSOFT_APP_TENANT_ID: optionalString,
    MICROSOFT_APP_TYPE: z.enum(['MultiTenant', 'SingleTenant', 'UserAssignedMSI']).default('MultiTenant'),
    /** Local testing only: run the Teams bot without MICROSOFT_APP_ID, accepting unauthenticated requests (botbuilder's emulator mode). */
    TEAMS_ALLOW_UNAUTHENTICATED: z.preprocess(emptyToUndefined, ZBool.optional()).transform((v) => v ?? false),
    /** Teams channel(s) for approval cards: the channel's conversation id (19:…@thread.tacv2), comma-separated. */
    TEAMS_APPROVALS_CHANNEL: optionalString,

    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL such as https://api.openai.com/v1' }).optional()),
    OPENAI_MODEL: z.string().default('gpt-4o-mini'),
    OPENAI_EMBEDDING_MODEL: z.string().default('text-embedding-3-small'),
    /** Per OpenAI request: people wait for answers, so a slow model falls back to the built-in answer. */
    OPENAI_TIMEOUT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100).max(120_000, 'must be at most 120000').default(6000),

    /** People who may ask about every contract: comma-separated e-mail addresses or Slack/Teams user ids. */
    CLAUSE_ADMINS: z.preprocess(emptyToUndefined, z.string().optional()).transform((v) =>
      (v ?? '')
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
    /** Largest contract file accepted for upload, in megabytes. */
    CONTRACT_FILE_MAX_MB: z.coerce.number({ message: 'must be a number of megabytes' }).positive().max(200, 'must be at most 200').default(15),
    /** The clause search index: disk (default: persisted shards and a term index under CLAUSE_DATA_DIR/search-index, shared by processes) or memory (built in each process at start). */
    CLAUSE_SEARCH_INDEX: z.enum(['memory', 'disk'], { message: 'must be memory or disk' }).default('disk'),
    /** disk: number of shards (a contract's shard is a hash of its id); changing it rebuilds the index. */
    CLAUSE_SEARCH_SHARDS: z.coerce.number({ message: 'must be a number of shards' }).int().min(1).max(65_536, 'must be at most 65536').default(1024),
    /** disk: cap on the search index held in memory, in megabytes; least recently used shards are dropped and reloaded. */
    CLAUSE_SEARCH_MEMORY_MB: z.coerce.number({ message: 'must be a number of megabytes' }).int().min(16, 'must be at least 16').default(768),

    /** Hardened edges: rate limits on /slack/events and /api/messages (per process; 0 turns a limit off). */
    RATE_LIMIT_USER_PER_MINUTE: z.coerce.number({ message: 'must be a number of requests' }).int().min(0).default(60),
    RATE_LIMIT_IP_PER_MINUTE: z.coerce.number({ message: 'must be a number of requests' }).int().min(0).default(1200),
    RATE_LIMIT_UPLOADS_PER_HOUR: z.coerce.number({ message: 'must be a number of files' }).int().min(0).default(30),
    /** Warn (at most once a minute) when the event loop's p99 delay over 10 s exceeds this; 0 = never. Shown in /healthz. */
    EVENT_LOOP_DELAY_WARN_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(0).max(60_000, 'must be at most 60000').default(200),
    /** REST API (/api/v1): requests per API key per minute (per process; 0 = no limit). */
    API_RATE_LIMIT_PER_MINUTE: z.coerce.number({ message: 'must be a number of requests' }).int().min(0).default(600),
    /** Outbound webhooks: how long one POST to a receiver may take before it counts as a (retried) failure. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number({ message: 'must be a number of milliseconds' }).int().min(100).max(60_000, 'must be at most 60000').default(10_000),
    /** A subscription whose last this-many delivery attempts all failed is disabled and the admins told (0 = never). */
    WEBHOOK_DISABLE_AFTER_FAILURES: z.coerce.number({ message: 'must be a number of attempts' }).int().min(0).max(100_000).default(50),
    /** Days the webhook delivery log (`webhook_attempts`) is kept; 0 = forever. Pruned daily (housekeeping.prune). */
    WEBHOOK_LOG_RETENTION_DAYS: z.coerce.number({ message: 'must be a number of days' }).int().min(0).max(3650).default(30),
    /** Days an API Idempotency-Key is remembered (`api_idempotency`); 0 = forever. */
    API_IDEMPOTENCY_RETENTION_DAYS: z.coerce.number({ message: 'must be a number of days' }).int().min(0).max(3650).default(7),
    /**
     * Days a submitted chat form's claim (`chat_form_submissions`, one per submitted request form) is
     * kept; 0 = forever. Pruned daily (housekeeping.prune). A double click or a re-sent submission
     * comes within seconds or minutes: a week is far past both. Teams greeting claims are kept.
     */
    FORM_CLAIM_RETENTION_DAYS: z.coerce.number({ message: 'must be a number of days' }).int().min(0).max(3650).default(7),
    /** Webhooks to loopback, private and link-local addresses: allowed unless NODE_ENV=production (then only with true). */
    WEBHOOK_ALLOW_PRIVATE_URLS: z.preprocess(emptyToUndefined, ZBool.optional()),
    /** TEST-ONLY overrides of the Bot Framework authentication endpoints (refused in production). */
    TEAMS_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL' }).optional()),
    TEAMS_EMULATOR_OPENID_METADATA_URL: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL' }).optional()),
    TEAMS_TOKEN_ISSUER: optionalString,
    TEAMS_TOKEN_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ message: 'must be a URL' }).optional()),
    // Delivery of chat messages (outbox, sweeper, retries) and shutdown; see README "Delivery guarantees".
    /** How long one send attempt may run before another process may take the message over. */
    DELIVERY_LEASE_MS: ms(1_000, 3_600_000).default(120_000),
    /** First retry delay after a transient failure; doubled per attempt with jitter, at most DELIVERY_RETRY_MAX_MS. */
    DELIVERY_RETRY_BASE_MS: ms(100, 3_600_000).default(30_000),
    DELIVERY_RETRY_MAX_MS: ms(100, 86_400_000).default(900_000),
    /** How long a message is retried (or waits for a platform that is off) before it is reported failed. */
    DELIVERY_GIVE_UP_AFTER_MS: ms(1_000, 30 * 86_400_000).default(86_400_000),
    /** How often the delivery sweeper runs, and how many messages per outbox it takes per run. */
    DELIVERY_SWEEP_INTERVAL_MS: ms(1_000, 3_600_000).default(60_000),
    DELIVERY_SWEEP_LIMIT: z.coerce.number({ message: 'must be a number' }).int().min(1).max(10_000).default(200),
    /** Time-out of one Slack posting call (no automatic retries: the outbox retries). */
    SLACK_POST_TIMEOUT_MS: ms(500, 120_000).default(10_000),
    /** After a renewal scan that failed for some contracts (or never finished), how soon a follow-up scan runs. */
    RENEWAL_SCAN_RETRY_MS: ms(1_000, 86_400_000).default(600_000),
    /** On SIGTERM/SIGINT: how long in-flight work may finish before the process exits. */
    SHUTDOWN_GRACE_MS: ms(0, 600_000).default(10_000),
    /** E-signature provider: none (the manual "Mark sent"/"Mark signed" buttons), documenso or docusign. */
    ESIGN_PROVIDER: z
      .preprocess(emptyToUndefined, z.enum(['none', 'documenso', 'docusign'], { message: 'must be none, documenso or docusign' }).optional())
      .transform((v) => v ?? 'none'),
    /** Documenso API v2 base URL (self-hosted: https://sign.example.com/api/v2). */
    DOCUMENSO_API_URL: z
      .preprocess(emptyToUndefined, z.url({ message: 'must be a URL such as https://app.documenso.com/api/v2' }).optional())
      .transform((v) => v ?? 'https://app.documenso.com/api/v2'),
    DOCUMENSO_API_KEY: optionalString,
    /** The secret set on the Documenso webhook; Documenso sends it back in X-Documenso-Secret. */
    DOCUMENSO_WEBHOOK_SECRET: optionalString,
    /** DocuSign eSignature REST base path (production: https://www.docusign.net/restapi or your account's base URI + /restapi). */
    DOCUSIGN_BASE_PATH: z
      .preprocess(emptyToUndefined, z.url({ message: 'must be a URL such as https://demo.docusign.net/restapi' }).optional())
      .transform((v) => v ?? 'https://demo.docusign.net/restapi'),
    /** DocuSign OAuth server for the JWT grant (production: https://account.docusign.com). */
    DOCUSIGN_OAUTH_BASE: z
      .preprocess(emptyToUndefined, z.url({ message: 'must be a URL such as https://account-d.docusign.com' }).optional())
      .transform((v) => v ?? 'https://account-d.docusign.com'),
    DOCUSIGN_INTEGRATION_KEY: optionalString,
    /** The user the JWT grant impersonates (their API user id, a GUID). */
    DOCUSIGN_USER_ID: optionalString,
    DOCUSIGN_ACCOUNT_ID: optionalString,
    /** The integration's RSA private key (PEM; `\n` escapes allowed on one line). */
    DOCUSIGN_PRIVATE_KEY: optionalString,
    /** The DocuSign Connect HMAC key: callbacks must carry X-DocuSign-Signature-1 made with it. */
    DOCUSIGN_CONNECT_HMAC_KEY: optionalString,
    /** Tests only (refused in production): the clock starts at this instant (ISO 8601) and runs on from there. */
    CLAUSE_TEST_CLOCK: z.preprocess(
      emptyToUndefined,
      z.iso.datetime({ offset: true, message: 'must be an ISO 8601 instant such as 2027-05-31T06:00:00Z' }).optional(),
    ),
    /** Tools only (the browser tests, `npm run screenshots`; the service ignores it): the Chromium to drive, default /usr/bin/chromium. */
    CHROMIUM_PATH: optionalString,
  })
  .superRefine((env, ctx) => {
    if (env.SLACK_BOT_TOKEN && !env.SLACK_SIGNING_SECRET && !env.SLACK_APP_TOKEN) {
      ctx.addIssue({
        code: 'custom',
        path: ['SLACK_SIGNING_SECRET'],
        message: 'is required when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)',
      });
    }
    if (env.SLACK_SIGNING_SECRET && !env.SLACK_BOT_TOKEN) {
      ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required when SLACK_SIGNING_SECRET is set' });
    }
    if (env.MICROSOFT_APP_ID && !env.MICROSOFT_APP_PASSWORD && env.MICROSOFT_APP_TYPE !== 'UserAssignedMSI') {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_PASSWORD'], message: 'is required when MICROSOFT_APP_ID is set' });
    }
    if (env.TEAMS_ALLOW_UNAUTHENTICATED && env.NODE_ENV === 'production') {
      ctx.addIssue({
        code: 'custom',
        path: ['TEAMS_ALLOW_UNAUTHENTICATED'],
        message: 'must not be set in production: it accepts unauthenticated Teams requests',
      });
    }
    for (const name of TEAMS_TEST_OVERRIDES) {
      if (env[name] !== undefined && env.NODE_ENV === 'production') {
        ctx.addIssue({
          code: 'custom',
          path: [name],
          message: "must not be set in production: it is a test-only override of Microsoft's authentication endpoints",
        });
      }
    }
    if (env.DELIVERY_LEASE_MS < 8 * env.SLACK_POST_TIMEOUT_MS) {
      // An attempt starts no delivery after half its lease, and one delivery may take four calls
      // (look-up and post): so a lease shorter than this could expire under a slow send and let
      // another process post the same message.
      ctx.addIssue({ code: 'custom', path: ['DELIVERY_LEASE_MS'], message: 'must be at least 8 × SLACK_POST_TIMEOUT_MS' });
    }
    if (env.CLAUSE_TEST_CLOCK && env.NODE_ENV === 'production') {
      ctx.addIssue({ code: 'custom', path: ['CLAUSE_TEST_CLOCK'], message: 'must not be set in production: it moves the clock every reminder depends on' });
    }
    if (env.ESIGN_PROVIDER === 'documenso') {
      if (!env.DOCUMENSO_API_KEY) ctx.addIssue({ code: 'custom', path: ['DOCUMENSO_API_KEY'], message: 'is required when ESIGN_PROVIDER=documenso' });
      if (!env.DOCUMENSO_WEBHOOK_SECRET)
        ctx.addIssue({
          code: 'custom',
          path: ['DOCUMENSO_WEBHOOK_SECRET'],
          message: 'is required when ESIGN_PROVIDER=documenso (set the same secret on the Documenso webhook)',
        });
      else if (env.DOCUMENSO_WEBHOOK_SECRET.length < 16)
        ctx.addIssue({ code: 'custom', path: ['DOCUMENSO_WEBHOOK_SECRET'], message: 'must be at least 16 characters' });
    }
    if (env.ESIGN_PROVIDER === 'docusign') {
      const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
      for (const name of ['DOCUSIGN_INTEGRATION_KEY', 'DOCUSIGN_USER_ID', 'DOCUSIGN_ACCOUNT_ID'] as const) {
        if (!env[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required when ESIGN_PROVIDER=docusign' });
        else if (!GUID.test(env[name])) ctx.addIssue({ code: 'custom', path: [name], message: 'must be a GUID (from the DocuSign Apps and Keys page)' });
      }
      if (!env.DOCUSIGN_PRIVATE_KEY) ctx.addIssue({ code: 'custom', path: ['DOCUSIGN_PRIVATE_KEY'], message: 'is required when ESIGN_PROVIDER=docusign' });
      else if (!isRsaPrivateKey(env.DOCUSIGN_PRIVATE_KEY))
        ctx.addIssue({ code: 'custom', path: ['DOCUSIGN_PRIVATE_KEY'], message: 'must be an RSA private key in PEM (-----BEGIN RSA PRIVATE KEY----- …)' });
      if (!env.DOCUSIGN_CONNECT_HMAC_KEY)
        ctx.addIssue({
          code: 'custom',
          path: ['DOCUSIGN_CONNECT_HMAC_KEY'],
          message: 'is required when ESIGN_PROVIDER=docusign (Connect callbacks are refused without it)',
        });
    }
    if (env.MICROSOFT_APP_TYPE === 'SingleTenant' && env.MICROSOFT_APP_ID && !env.MICROSOFT_APP_TENANT_ID) {
      ctx.addIssue({ code: 'custom', path: ['MICROSOFT_APP_TENANT_ID'], message: 'is required for a SingleTenant app' });
    }
  });

/** The PEM as configured: a one-line value may carry `\n` escapes. */
export const pemFromEnv = (value: string) => value.replace(/\\n/g, '\n').trim();

function isRsaPrivateKey(value: string): boolean {
  try {
    return createPrivateKey(pemFromEnv(value)).asymmetricKeyType === 'rsa';
  } catch {
    return false;
  }
}

export type Env = z.infer<typeof ZEnv>;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The variable names, for `.env.example` checks. */
export const ENV_VARIABLES = Object.keys(ZEnv.shape) as Array<keyof Env>;

/**
 * Parses the environment. On failure throws a ConfigError whose message is one line per bad
 * variable, naming it and what it expects; values are never echoed (they may be secrets).
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const picked = Object.fromEntries(ENV_VARIABLES.map((k) => [k, source[k]]));
  const result = ZEnv.safeParse(picked);
  if (result.success) {
    // The playground binds to loopback and uses the demo policy unless HOST / POLICY_FILE are set.
    const playground = playgroundSettings(result.data, (name) => typeof picked[name] === 'string' && picked[name].trim() !== '');
    return {
      ...result.data,
      ...(playground.host ? { HOST: playground.host } : {}),
      ...(playground.policyFile ? { POLICY_FILE: playground.policyFile } : {}),
      ...(playground.companyName ? { COMPANY_NAME: playground.companyName } : {}),
    };
  }
  const lines = result.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? 'environment');
    const message = issue.code === 'invalid_type' && source[name] === undefined ? 'is required' : issue.message;
    return `Configuration error: ${name} ${message}`;
  });
  throw new ConfigError(lines.join('\n'));
}
