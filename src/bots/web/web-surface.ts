import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ChatSurface } from '../chat-surface.js';
import { PlaygroundEvents } from './playground-events.js';
import { playgroundApi } from './playground-api.js';
import { playgroundPage } from './render/page.js';

/** The page's script and style: next to this file in the sources, or under src/ beside dist/ (the build does not copy them). */
function staticDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url));
  const candidates = [join(here, 'static'), join(here, '..', '..', '..', '..', 'src', 'bots', 'web', 'static')];
  return candidates.find((dir) => existsSync(join(dir, 'app.js'))) ?? candidates[0]!;
}

/**
 * The web playground (PLAYGROUND, src/config/playground.ts) at `/`: the page, its script and
 * style under /playground/, and the JSON API under /playground/api. Off (nothing mounted: every
 * path 404) when the playground is off.
 */
export function webSurface(): ChatSurface {
  let events: PlaygroundEvents | undefined;
  return {
    name: 'web',
    async mount(services, { http: app, env, platforms }) {
      const { logger } = services;
      const web = platforms.web;
      if (!web) {
        logger.info('The playground is off (PLAYGROUND=off, or Slack or Teams is configured; PLAYGROUND=on turns it on)');
        return 'off';
      }
      events = new PlaygroundEvents(web.messages, web.demo.personas, logger);
      const dir = staticDir();
      const page = playgroundPage(web.demo.company, web.demo.personas);
      const security = { 'X-Content-Type-Options': 'nosniff', 'Referrer-Policy': 'no-referrer' };
      app.get('/', (_req, res) => {
        res
          .set({
            ...security,
            'Content-Security-Policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'",
          })
          .type('html')
          .send(page);
      });
      app.get('/playground/app.js', (_req, res) => res.set(security).type('application/javascript').sendFile(join(dir, 'app.js')));
      app.get('/playground/app.css', (_req, res) => res.set(security).type('text/css').sendFile(join(dir, 'app.css')));
      app.use('/playground/api', playgroundApi({ services, env, web, events }));
      return 'on';
    },
    closeStreams() {
      events?.closeAll();
    },
  };
}
