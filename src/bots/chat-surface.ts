import type { Express } from 'express';
import type { Env } from '../config/env.js';
import type { Services } from '../core/ports/services.js';
import type { SlackPlatform } from './slack/slack-platform.js';
import type { TeamsPlatform } from './teams/teams-platform.js';

/**
 * The chat platforms this process can send to (built by one function for the web process and the
 * worker: src/app/chat-platforms.ts). Absent: not configured.
 */
export interface ChatPlatforms {
  slack?: SlackPlatform;
  teams?: TeamsPlatform;
}

/** What a surface is mounted on besides the services: the HTTP app, the settings, the platforms' clients. */
interface SurfaceHost {
  http: Express;
  env: Env;
  platforms: ChatPlatforms;
}

/**
 * A chat surface (Slack, Teams) mounted on the HTTP app. `mount` adds its routes, or returns
 * 'off' (with the reason logged) when its credentials are not configured.
 */
export interface ChatSurface {
  name: string;
  mount(services: Services, host: SurfaceHost): Promise<'on' | 'off'>;
  /** Socket connections etc. to close on shutdown. */
  stop?(): Promise<void>;
}
