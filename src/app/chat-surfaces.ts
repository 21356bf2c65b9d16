import type { Express } from 'express';
import type { AppContext } from './app-context.js';
import { slackSurface } from '../bots/slack/slack-surface.js';
import { teamsSurface } from '../bots/teams/teams-surface.js';

/**
 * A chat surface (Slack, Teams) mounted on the HTTP app. `mount` adds its routes, or returns
 * 'off' (with the reason logged) when its credentials are not configured.
 */
export interface ChatSurface {
  name: string;
  mount(app: Express, ctx: AppContext): Promise<'on' | 'off'>;
  /** Socket connections etc. to close on shutdown. */
  stop?(): Promise<void>;
}

/** The surfaces the service runs. Adapters add themselves here. */
export function chatSurfaces(): ChatSurface[] {
  return [slackSurface(), teamsSurface()];
}
