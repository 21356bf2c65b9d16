import type express from 'express';
import type { z } from 'zod';
import type { Problem } from './api-schemas.js';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  409: 'Conflict',
  413: 'Content too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  429: 'Too many requests',
  500: 'Internal error',
};

/** A refusal the API answers with a problem document: status, stable code, a detail safe to show. */
export class ApiProblem extends Error {
  override name = 'ApiProblem';
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors?: Array<{ field: string; message: string }>,
  ) {
    super(detail);
  }
}

export function fieldErrors(error: z.ZodError): Array<{ field: string; message: string }> {
  return error.issues.map((i) => ({ field: i.path.map(String).join('.') || '_', message: i.message }));
}

function problemBody(status: number, code: string, detail: string | undefined, instance: string, errors?: Problem['errors']): Problem {
  return {
    type: status === 500 ? 'about:blank' : `https://clause.dev/problems/${code.replace(/_/g, '-')}`,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    code,
    instance,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function sendProblem(res: express.Response, req: express.Request, status: number, code: string, detail?: string, errors?: Problem['errors']): void {
  if (res.headersSent) return;
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify(problemBody(status, code, detail, req.originalUrl.split('?')[0]!, errors)));
}
