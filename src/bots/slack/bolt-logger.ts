import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';
import type { Logger } from '../../core/ports/logger.js';

/** Bolt's logger interface over our pino logger (so Bolt's messages are structured and redacted). */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'slack-bolt' });
  const join = (msgs: unknown[]) => msgs.map((m) => (typeof m === 'string' ? m : m instanceof Error ? m.message : JSON.stringify(m))).join(' ');
  return {
    // Bolt calls debug several times per request: build the line only when it will be written.
    debug: (...msgs) => {
      if (log.isLevelEnabled('debug')) log.debug(join(msgs));
    },
    info: (...msgs) => log.info(join(msgs)),
    warn: (...msgs) => log.warn(join(msgs)),
    error: (...msgs) => log.error(join(msgs)),
    setLevel: () => undefined,
    getLevel: () => LogLevel.INFO,
    setName: () => undefined,
  };
}
