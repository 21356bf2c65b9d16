import { pino, type Logger } from 'pino';

/**
 * Structured logs. Anything that looks like a credential is redacted wherever it appears in a
 * logged object, so a careless `logger.info({ config })` or a logged request cannot leak it.
 */
const REDACT_PATHS = [
  '*.token',
  '*.botToken',
  '*.appToken',
  '*.password',
  '*.secret',
  '*.signingSecret',
  '*.apiKey',
  '*.authorization',
  '*.Authorization',
  'headers.authorization',
  'headers["x-slack-signature"]',
  '*.SLACK_BOT_TOKEN',
  '*.SLACK_SIGNING_SECRET',
  '*.SLACK_APP_TOKEN',
  '*.MICROSOFT_APP_PASSWORD',
  '*.OPENAI_API_KEY',
  '*.MONGODB_URI',
];

export type { Logger };

export function createLogger(level = 'info', destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, base: { service: 'clause' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } },
    destination as never,
  );
}

/** Removes user:password from a connection string before it is logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/]+)@/, '//[redacted]@');
}
