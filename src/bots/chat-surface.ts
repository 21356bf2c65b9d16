import type { Express } from 'express';
import type { Env } from '../config/env.js';
import type { Services } from '../core/ports/services.js';
import type { SlackPlatform } from './slack/slack-platform.js';
import type { TeamsPlatform } from './teams/teams-platform.js';
import type { WebPlatform } from './web/web-platform.js';

/**
 * The chat platforms this process can send to (built by one function for the web process and the
 * worker: src/app/chat-platforms.ts). Absent: not configured.
 */
export interface ChatPlatforms {
  slack?: SlackPlatform;
  teams?: TeamsPlatform;
  /** The web playground (PLAYGROUND). */
  web?: WebPlatform;
}

/** What a surface is mounted on besides the services: the HTTP app, the settings, the platforms' clients. */
interface SurfaceHost {
  http: Express;
  env: Env;
  platforms: ChatPlatforms;
}

/**
 * A chat surface (Slack, Teams, the web playground) mounted on the HTTP app. `mount` adds its routes, or returns
 * 'off' (with the reason logged) when its credentials are not configured.
 */
export interface ChatSurface {
  name: string;
  mount(services: Services, host: SurfaceHost): Promise<'on' | 'off'>;
  /** Socket connections etc. to close on shutdown. */
  stop?(): Promise<void>;
  /** Ends long-lived responses (server-sent events) at the start of a shutdown, so the server can close. */
  closeStreams?(): void;
}
