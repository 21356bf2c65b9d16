import type { App } from '@slack/bolt';
import type { z } from 'zod';
import type { SlackHandlerDeps } from '../../slack-handler-deps.js';
import { publishHome } from '../events/publish-home.js';
import { REPEAT_SEPARATOR } from '../../render/block-kit.js';
import { replyPrivately, type ReplyTo } from '../reply.js';
import { parseButtonValue, ZBlockActionBody, type BlockActionBody } from './action-payload.js';

export interface ButtonClick<V> {
  payload: BlockActionBody;
  to: ReplyTo;
  value: V;
  /** The click came from the Home tab (no response_url; the tab is refreshed afterwards). */
  fromHome: boolean;
}

export interface ButtonOptions {
  /** A reply for a click whose value cannot be read (an old or foreign message). */
  stale: string;
  /** The handler opens a modal, so the click must carry a trigger id. */
  opensModal?: boolean;
}

/**
 * A button listener: acknowledges first (Slack wants it within three seconds), then parses the
 * click and its JSON value with `schema`, runs `handle`, and refreshes the Home tab when the
 * click came from there.
 */
export function onButton<S extends z.ZodType>(
  app: App,
  deps: SlackHandlerDeps,
  actionId: string,
  schema: S,
  options: ButtonOptions,
  handle: (click: ButtonClick<z.output<S>>) => Promise<void>,
): void {
  // The id itself, or a repeated copy of it on one card (`obligation.done~2`, see block-kit.ts).
  const matcher = new RegExp(`^${actionId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(${REPEAT_SEPARATOR}\\d+)?$`);
  app.action(matcher, async ({ ack, body }) => {
    await ack();
    const payload = ZBlockActionBody.parse(body);
    const to: ReplyTo = { userId: payload.user.id, responseUrl: payload.response_url };
    const value = parseButtonValue(schema, payload.actions[0]?.value);
    if (value === undefined || (options.opensModal && !payload.trigger_id)) return replyPrivately(deps, to, options.stale);
    const fromHome = payload.container?.type === 'view';
    await handle({ payload, to, value, fromHome });
    // A modal's submit refreshes the tab itself; the tab is unchanged until then.
    if (fromHome && !options.opensModal) await publishHome(deps, payload.user.id, payload.team?.id);
  });
}
