/**
 * AppError is the one error type the core throws on purpose. Adapters turn its `code` and
 * `message` into a chat reply; anything else is a bug and is logged, never shown to a user.
 */
export const AppErrorCode = {
  InvalidInput: 'INVALID_INPUT',
  NotFound: 'NOT_FOUND',
  IllegalTransition: 'ILLEGAL_TRANSITION',
  Conflict: 'CONFLICT',
  Forbidden: 'FORBIDDEN',
  AlreadyDecided: 'ALREADY_DECIDED',
  TemplateVariable: 'TEMPLATE_VARIABLE',
  Unavailable: 'UNAVAILABLE',
} as const;
export type AppErrorCode = (typeof AppErrorCode)[keyof typeof AppErrorCode];

export class AppError extends Error {
  readonly code: AppErrorCode;
  /** Machine-readable details, e.g. the field that failed. Safe to show. */
  readonly details: Record<string, unknown> | undefined;

  constructor(code: AppErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

export const isAppError = (error: unknown): error is AppError => error instanceof AppError;
