import type { IncomingMessage } from 'node:http';
import { headerValue, parseMultipart } from '../http-emulator.js';

export type SlackArgs = Record<string, unknown>;

/**
 * Fields the WebClient JSON-encodes inside a form-encoded body. Slack's server knows each
 * method's field types; we only decode these so a `text` that happens to start with `[` stays text.
 */
const JSON_FIELDS = new Set(['blocks', 'attachments', 'view', 'metadata', 'files', 'unfurls', 'user_auth_blocks']);

function decodeField(key: string, value: string): unknown {
  if (!JSON_FIELDS.has(key)) return value;
  try {
    return JSON.parse(value);
  } catch {
    return value; // Slack would answer invalid_arguments; keeping the raw text lets a test see what was sent.
  }
}

/** Web API arguments from the query string and the body (form-encoded, JSON or multipart). */
export async function parseSlackArgs(req: IncomingMessage, body: Buffer): Promise<SlackArgs> {
  const args: SlackArgs = {};
  const query = new URL(req.url ?? '/', 'http://x').searchParams;
  for (const [k, v] of query) args[k] = decodeField(k, v);
  if (body.length === 0) return args;

  const contentType = headerValue(req, 'content-type') ?? '';
  if (contentType.startsWith('application/json')) {
    // JSON bodies carry real objects already; no per-field decoding.
    Object.assign(args, JSON.parse(body.toString('utf8')) as SlackArgs);
  } else if (contentType.startsWith('multipart/form-data')) {
    const form = await parseMultipart(contentType, body);
    for (const [k, v] of form) args[k] = typeof v === 'string' ? decodeField(k, v) : Buffer.from(await v.arrayBuffer());
  } else {
    for (const [k, v] of new URLSearchParams(body.toString('utf8'))) args[k] = decodeField(k, v);
  }
  return args;
}

export function str(args: SlackArgs, key: string): string | undefined {
  const v = args[key];
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'string' ? v : String(v);
}
