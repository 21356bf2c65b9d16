import type { ChatSurface } from '../bots/chat-surface.js';
import { slackSurface } from '../bots/slack/slack-surface.js';
import { teamsSurface } from '../bots/teams/teams-surface.js';
import { webSurface } from '../bots/web/web-surface.js';

export type { ChatSurface };

/** The surfaces the web process mounts (each gets the one Services object and the platforms' clients). */
export function chatSurfaces(): ChatSurface[] {
  return [slackSurface(), teamsSurface(), webSurface()];
}
