import { format } from 'node:util';
import { pino, type Logger } from 'pino';
import pinoPretty from 'pino-pretty';

/**
 * Structured logs. Anything that looks like a credential is redacted wherever it appears in a
 * logged object, so a careless `logger.info({ config })` or a logged request cannot leak it.
 */
const SECRET_KEYS = ['token', 'botToken', 'appToken', 'password', 'secret', 'signingSecret', 'apiKey', 'authorization', 'Authorization'];
const REDACT_PATHS = [
  ...SECRET_KEYS,
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

/** `json`: one JSON object per line; `pretty`: coloured, one readable line per event; `auto`: pretty on a terminal. */
export type LogFormat = 'auto' | 'json' | 'pretty';

/** Whether `auto` means pretty for this stream: only a terminal gets pretty lines. */
export function resolveLogFormat(wanted: LogFormat, stream: { isTTY?: boolean } = process.stdout): 'json' | 'pretty' {
  if (wanted !== 'auto') return wanted;
  return stream.isTTY ? 'pretty' : 'json';
}

export function createLogger(level = 'info', destination?: NodeJS.WritableStream, logFormat: LogFormat = 'json'): Logger {
  const options = { level, base: { service: 'clause' }, redact: { paths: REDACT_PATHS, censor: '[redacted]' } };
  if (logFormat === 'pretty') {
    // In-process (not a worker-thread transport), so redaction has already happened and the
    // lines keep their order with everything else on the terminal.
    const colorize = (destination as { isTTY?: boolean } | undefined)?.isTTY ?? process.stdout.isTTY ?? false;
    const pretty = pinoPretty({
      colorize,
      sync: true,
      translateTime: 'SYS:HH:MM:ss.l',
      ignore: 'pid,hostname,service',
      singleLine: true,
      ...(destination ? { destination } : {}),
    });
    return pino(options, pretty);
  }
  return pino(options, destination as never);
}

/** Secrets that may appear inside free text (a third-party library's console message). */
const SECRET_TEXT = [/\bxox[abprs]-[A-Za-z0-9-]+/g, /\bxapp-[A-Za-z0-9-]+/g, /\bsk-[A-Za-z0-9_-]{10,}/g, /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi];

/** Replaces credentials found in free text with [redacted] (connection string passwords too). */
export function redactText(text: string): string {
  let out = redactUri(text);
  for (const pattern of SECRET_TEXT) out = out.replace(pattern, '[redacted]');
  return out;
}

/**
 * Sends what libraries write with `console.*` (botbuilder and teams-ai print errors and warnings
 * that way) through `logger`, as `component: "console"` events with secrets redacted, so a
 * process's output is one format and nothing bypasses redaction.
 */
export function routeConsoleTo(logger: Logger): void {
  const log = logger.child({ component: 'console' });
  const write =
    (level: 'debug' | 'info' | 'warn' | 'error') =>
    (...args: unknown[]) => {
      const err = args.find((a): a is Error => a instanceof Error);
      const message = redactText(format(...args.map((a) => (a instanceof Error ? a.message : a))));
      if (err) log[level]({ err: { type: err.name, message: redactText(err.message) } }, message);
      else log[level](message);
    };
  console.log = write('info');
  console.info = write('info');
  console.debug = write('debug');
  console.warn = write('warn');
  console.error = write('error');
}

/**
 * The logger of a process (`npm start`, the worker): LOG_LEVEL, LOG_FORMAT (pretty on a
 * terminal, JSON otherwise), and every third-party `console` message routed through it.
 */
export function createProcessLogger(env: { LOG_LEVEL: string; LOG_FORMAT: LogFormat }): Logger {
  const logger = createLogger(env.LOG_LEVEL, undefined, resolveLogFormat(env.LOG_FORMAT));
  routeConsoleTo(logger);
  return logger;
}

/** Removes user:password from a connection string before it is logged. */
export function redactUri(uri: string): string {
  return uri.replace(/\/\/([^@/\s]+)@/g, '//[redacted]@');
}
