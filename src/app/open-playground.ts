import type { Connection } from 'mongoose';
import { playgroundOn } from '../config/chat-channels.js';
import type { Env } from '../config/env.js';
import type { Clock } from '../core/ports/clock.js';
import type { Logger } from '../core/ports/logger.js';
import type { PlaygroundDemo } from '../core/ports/playground.js';
import { runRenewalScan } from '../core/services/run-renewal-scan.js';
import { webPlatform, type WebPlatform } from '../bots/web/web-platform.js';
import { renderChartSvg } from '../infra/charts/render-renewal-chart.js';
import { MongoPlaygroundMessages } from '../infra/mongo/mongo-playground-messages.js';
import type { AppContext } from './app-context.js';
import { loadDemoData } from './demo/demo-data.js';
import { DemoSeedRefused, findDemoMarker, seedDemo } from './demo/seed-demo.js';

export interface OpenedPlayground {
  platform: WebPlatform;
  /** Hands the composed services to the demo's seeding (built after the platforms). */
  attach(ctx: AppContext): void;
}

/**
 * The web playground's platform when PLAYGROUND is on (src/config/playground.ts): its message
 * store, its notifier and the demo company (config/demo). The same in the web process and the
 * worker, so the worker's deliveries land in the playground too.
 */
export async function openPlayground(env: Env, connection: Connection, clock: Clock, logger: Logger): Promise<OpenedPlayground | undefined> {
  if (!playgroundOn(env)) return undefined;
  let data: Awaited<ReturnType<typeof loadDemoData>>;
  try {
    data = await loadDemoData();
  } catch (error) {
    // Relative to the working directory, like POLICY_FILE: started elsewhere, there is no demo company.
    logger.warn({ err: error }, 'the playground is off: its demo company (config/demo) could not be read from the working directory');
    return undefined;
  }
  const messages = new MongoPlaygroundMessages(connection, clock);
  await messages.init();
  let ctx: AppContext | undefined;
  const composed = () => {
    if (!ctx) throw new Error('the playground is not attached to the services yet');
    return ctx;
  };
  const demo: PlaygroundDemo = {
    company: data.company.name,
    personas: data.personas.map(({ key, name, role, title, email, timeZone }) => ({ key, name, role, title, email, timeZone })),
    async status() {
      const c = composed();
      const [contracts, marker] = await Promise.all([c.store.contracts.count({}), findDemoMarker(connection)]);
      return { contracts, demo: marker !== null };
    },
    async seed() {
      try {
        const c0 = composed();
        const report = await seedDemo(c0, { nodeEnv: env.NODE_ENV });
        const c = report.contracts;
        // Today's renewal nudges now, rather than at the next daily scan: #renewals and the owners'
        // messages show them at once (each nudge is claimed once, so the daily scan sends none twice).
        const scan = await runRenewalScan(c0.renewals).catch((err: unknown) => {
          logger.warn({ err }, 'renewal scan after seeding the demo failed; the daily scan sends the nudges');
          return undefined;
        });
        return {
          ok: true,
          summary: `${report.company} ${report.rerun ? 'was already loaded' : 'is loaded'}: ${c.created + c.updated + c.unchanged} contracts, ${report.awaitingApproval.length} awaiting approval${scan ? `, ${scan.nudgesSent} renewal reminder${scan.nudgesSent === 1 ? '' : 's'} sent` : ''}.`,
        };
      } catch (error) {
        if (error instanceof DemoSeedRefused) return { ok: false, reason: error.message };
        throw error;
      }
    },
    chartSvg: (chart) => renderChartSvg(chart),
  };
  return {
    platform: webPlatform(messages, demo, logger),
    attach: (c) => {
      ctx = c;
    },
  };
}
