/**
 * `npm run screenshots`: the README's pictures of the playground, taken in the system's Chromium.
 * Starts the service in-process with the playground on a throwaway embedded database (or
 * MONGODB_URI, in a database of its own that is dropped afterwards), seeds the demo company, walks
 * the STEPS below and writes docs/playground.png and docs/renewal-timeline.png.
 * `npm run screenshots -- --url http://localhost:3000` drives a service that is already running
 * instead (seeded as you left it; the playground seeds the demo on a first start).
 *
 * The page steps name the playground's controls by their accessible names; when the playground's
 * markup changes, adjust STEPS (and only STEPS). On a failed step the page as it was is saved to
 * test-artifacts/screenshots-failed.png.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Browser, Page } from 'playwright-core';
import { seedDemo } from '../src/app/demo/seed-demo.js';
import { startService, type RunningService } from '../src/app/start-service.js';
import { loadEnv } from '../src/config/env.js';
import { createLogger } from '../src/infra/logger.js';
import { chromiumMissing, launchChromium } from './chromium.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const STEP_TIMEOUT_MS = 20_000;

/** The demo personas whose views the pictures show (config/demo/personas.yaml): legal's DM with an approval card, the manager's timeline. */
const APPROVER = 'Lena Lawson';
const MANAGER = 'Marco Mendes';

async function actAs(page: Page, name: string) {
  const select = page.getByLabel('Acting as');
  const value = await select.locator('option', { hasText: name }).first().getAttribute('value');
  await select.selectOption(value ?? { label: name });
}

/** Waits until a message card whose heading matches `title` is in the conversation, its buttons in view. */
async function cardShown(page: Page, title: RegExp) {
  const card = page
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { level: 3, name: title }) })
    .last();
  await card.waitFor();
  await card.getByRole('button').last().scrollIntoViewIfNeeded();
}

/** Waits for a chart, an image whose accessible name matches `name` (an <img alt> or an <svg role="img" aria-label>), to be drawn. */
async function chartShown(page: Page, name: RegExp) {
  const chart = page.getByRole('img', { name }).first();
  await chart.waitFor();
  // An <img> is drawn once its file has loaded; an inline <svg> at once.
  await page.waitForFunction(
    (el) => {
      const img = el as { complete?: boolean; naturalWidth?: number };
      return img.complete === undefined || (img.complete && (img.naturalWidth ?? 1) > 0);
    },
    await chart.elementHandle(),
  );
}

// ---------------------------------------------------------------------------------------------
// STEPS: what the pictures show. Adjust these to the playground's final markup.
//   - a persona select labelled "Acting as"
//   - messages as <article> elements, a card's title an <h3>
//   - a conversation button "Renewals view" that shows the manager's renewal timeline (a chart)
// ---------------------------------------------------------------------------------------------
const STEPS: Array<{ step: string; run(page: Page, url: string): Promise<void> }> = [
  {
    step: 'open the playground',
    run: async (page, url) => {
      const response = await page.goto(`${url}/`);
      if (!response?.ok()) throw new Error(`GET / answered ${response?.status()}: the service serves no playground`);
    },
  },
  { step: `act as ${APPROVER}`, run: (page) => actAs(page, APPROVER) },
  { step: 'wait for the approval card in the direct messages', run: (page) => cardShown(page, /^Approval needed: /) },
  { step: 'docs/playground.png', run: (page) => shoot(page, 'playground.png') },
  { step: `act as ${MANAGER}`, run: (page) => actAs(page, MANAGER) },
  { step: 'open the Renewals view', run: (page) => page.getByRole('button', { name: 'Renewals view' }).click() },
  { step: 'wait for the renewal timeline chart', run: (page) => chartShown(page, /timeline/i) },
  { step: 'docs/renewal-timeline.png', run: (page) => shoot(page, 'renewal-timeline.png') },
];

async function shoot(page: Page, file: string) {
  await mkdir(join(ROOT, 'docs'), { recursive: true });
  await page.screenshot({ path: join(ROOT, 'docs', file) });
  console.log(`wrote docs/${file}`);
}

async function main(): Promise<number> {
  const missing = chromiumMissing();
  if (missing) {
    console.error(`screenshots: ${missing}`);
    return 1;
  }
  const given = parseArgs({ options: { url: { type: 'string' } } }).values.url?.replace(/\/+$/, '');
  const dataDir = await mkdtemp(join(tmpdir(), 'clause-screenshots-'));
  let service: RunningService | undefined;
  const browser = await launchChromium(30_000);
  try {
    if (given) return await walk(browser, given);
    service = await startService({
      env: loadEnv({
        PORT: '0',
        HOST: '127.0.0.1',
        PLAYGROUND: 'on',
        POLICY_FILE: join(ROOT, 'config/demo/policy.yaml'),
        JOBS_ENABLED: 'false',
        CLAUSE_DATA_DIR: dataDir,
        MONGODB_DB_NAME: 'clause_screenshots',
        ...(process.env.MONGODB_URI ? { MONGODB_URI: process.env.MONGODB_URI } : {}),
        ...(process.env.CLAUSE_CACHE_DIR ? { CLAUSE_CACHE_DIR: process.env.CLAUSE_CACHE_DIR } : {}),
      }),
      logger: createLogger('warn'),
    });
    await seedDemo(service.ctx, { dir: join(ROOT, 'config/demo'), nodeEnv: 'development' });
    return await walk(browser, `http://127.0.0.1:${service.port}`);
  } finally {
    await browser.close();
    await service?.ctx.connection.dropDatabase().catch(() => undefined);
    await service?.stop(2_000);
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function walk(browser: Browser, url: string): Promise<number> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: 'light' });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  const page = await context.newPage();
  for (const [i, { step, run }] of STEPS.entries()) {
    try {
      await run(page, url);
    } catch (error) {
      await mkdir(join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-artifacts', 'screenshots-failed.png') }).catch(() => undefined);
      console.error(`screenshots: step ${i + 1} "${step}" failed: ${(error as Error).message.split('\n')[0]}`);
      console.error('  the page at that moment: test-artifacts/screenshots-failed.png; adjust STEPS in scripts/screenshots.ts');
      return 1;
    }
  }
  return 0;
}

process.exitCode = await main().catch((error: unknown) => {
  console.error(`screenshots: ${(error as Error).message}`);
  return 1;
});
