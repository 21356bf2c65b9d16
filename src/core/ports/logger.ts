/** One log call: structured fields first (pino style), or a message alone. */
interface LogFn {
  (fields: object, message?: string): void;
  (message: string): void;
}

/**
 * The logger the core and the adapters write to (structured, redacted by the implementation:
 * pino in src/infra/logger.ts). Only what they use: levels, `child` for bound fields, and a
 * level check for lines that are costly to build.
 */
export interface Logger {
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  child(bindings: Record<string, unknown>): Logger;
  isLevelEnabled(level: string): boolean;
}
