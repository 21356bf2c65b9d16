import type { Activity } from 'botbuilder';
import { z } from 'zod';

const ZAccount = z.object({ id: z.string().min(1, 'needs an id') }).loose();

/**
 * What every activity posted to /api/messages must carry before it reaches the adapter: a type,
 * who sent it, the conversation and where to answer (http(s) serviceUrl). Everything else is
 * passed through and read by the handlers with their own schemas.
 */
const ZIncomingActivity = z
  .object({
    type: z.string().min(1, 'needs a type'),
    serviceUrl: z.url({ protocol: /^https?$/, message: 'must be an http(s) URL' }),
    from: ZAccount,
    conversation: ZAccount,
    recipient: ZAccount.optional(),
    channelId: z.string().optional(),
    text: z.string().optional(),
    timestamp: z.string().optional(),
    localTimestamp: z.string().optional(),
    expiration: z.string().optional(),
  })
  .loose();

export type IncomingActivityResult = { ok: true; activity: Activity } | { ok: false; problem: string };

/** Parses a request body into an Activity (timestamps as Dates, as botbuilder's own validator does). */
export function parseIncomingActivity(body: unknown): IncomingActivityResult {
  const parsed = ZIncomingActivity.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    return { ok: false, problem: `not a Bot Framework activity: ${where} ${issue?.message ?? 'is invalid'}` };
  }
  const activity = { ...parsed.data } as Record<string, unknown>;
  for (const field of ['timestamp', 'localTimestamp', 'expiration'] as const) {
    const raw = parsed.data[field];
    if (raw === undefined) continue;
    const raws = { timestamp: 'rawTimestamp', localTimestamp: 'rawLocalTimestamp', expiration: 'rawExpiration' } as const;
    activity[raws[field]] = raw;
    activity[field] = new Date(raw);
  }
  return { ok: true, activity: activity as unknown as Activity };
}
