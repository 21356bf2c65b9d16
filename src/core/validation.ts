import type { z } from 'zod';
import { AppError, AppErrorCode } from './errors.js';

/** One issue as a person reads it: `field: what is wrong`. */
export function describeIssue(issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  return path ? `${path}: ${issue.message}` : issue.message;
}

export function describeZodError(error: z.ZodError): string {
  return error.issues.map(describeIssue).join('; ');
}

/** Parses outside input; on failure throws an InvalidInput AppError that names every field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new AppError(AppErrorCode.InvalidInput, `Invalid ${what}: ${describeZodError(result.error)}`, {
    fields: Object.fromEntries(result.error.issues.map((i) => [i.path.map(String).join('.') || '_', i.message])),
  });
}
