/**
 * Real-browser tests: the system's Chromium driven by playwright-core (no browser download).
 *
 *   describeBrowser('the playground', () => {
 *     const browser = useBrowser();                 // one Chromium per test file, closed in afterAll
 *     const app = useService('playground', { ... }); // the real service, in-process, random port
 *     test('…', async () => {
 *       const page = await browser.persona('rep');   // a fresh context (own cookies/storage) per persona
 *       await page.goto(`${app.url}/`);
 *       await screenshot(page, 'start');             // test-artifacts/browser/<file>/01-start.png
 *       await expectNoSeriousA11yViolations(page);   // axe-core: no serious/critical violation
 *     }, BROWSER_TEST_TIMEOUT_MS);
 *   });
 *
 * Chromium is `CHROMIUM_PATH` or /usr/bin/chromium (`.ci/run` installs Debian's package). Without
 * it the file's tests skip with a printed reason, except in CI (CI=true), where they fail.
 * Every launch gets a fresh profile, removed when the browser closes (scripts/chromium.ts).
 */
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { chromiumMissing, launchChromium } from '../../scripts/chromium.js';
import { waitBound } from './wait-bound.js';

/** The per-test timeout browser tests pass to `test(name, fn, BROWSER_TEST_TIMEOUT_MS)`. */
export const BROWSER_TEST_TIMEOUT_MS = 60_000;

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ARTIFACTS_ROOT = join(REPO_ROOT, 'test-artifacts', 'browser');
const inCi = () => !['', '0', 'false'].includes((process.env.CI ?? '').toLowerCase());

/**
 * `describe` for a browser test file: runs when Chromium is available; otherwise skips with a
 * printed reason, or, in CI, fails with that reason (CI must not pass without its browser tests).
 */
export function describeBrowser(name: string, fn: () => void): void {
  const missing = chromiumMissing();
  if (!missing) {
    describe(name, fn);
  } else if (inCi()) {
    describe(name, () => {
      test('Chromium is installed (required in CI)', () => {
        throw new Error(`browser tests cannot run in CI: ${missing}`);
      });
    });
  } else {
    console.warn(`[browser] SKIPPED "${name}": ${missing}`);
    describe.skip(name, fn);
  }
}

export interface BrowserFixture {
  /** The file's Chromium (valid between beforeAll and afterAll). */
  readonly browser: Browser;
  /**
   * A page in a new browser context: one context per persona, so each has its own cookies and
   * storage, as two people on two machines would. Closed with the browser in afterAll.
   */
  persona(name: string, options?: BrowserContextOptions): Promise<Page>;
  /** The context a persona's page lives in (for a second tab: `contextOf('rep').newPage()`). */
  contextOf(name: string): BrowserContext;
}

/**
 * Launches one Chromium for the calling test file (beforeAll) and closes it (afterAll). Declare it
 * before `useService` so the browser (and its open event streams) closes before the service stops.
 */
export function useBrowser(): BrowserFixture {
  let browser: Browser | undefined;
  const contexts = new Map<string, BrowserContext>();
  beforeAll(async () => {
    await rm(artifactsDir(), { recursive: true, force: true });
    browser = await launchChromium(waitBound(30_000));
  }, BROWSER_TEST_TIMEOUT_MS);
  afterAll(async () => {
    await browser?.close();
    browser = undefined;
    contexts.clear();
  }, BROWSER_TEST_TIMEOUT_MS);
  return {
    get browser() {
      if (!browser) throw new Error('the browser runs between beforeAll and afterAll');
      return browser;
    },
    async persona(name, options = {}) {
      if (contexts.has(name)) throw new Error(`persona "${name}" already has a context: use contextOf("${name}")`);
      if (!browser) throw new Error('the browser runs between beforeAll and afterAll');
      // bypassCSP: the accessibility check injects axe-core as an inline script.
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, bypassCSP: true, ...options });
      context.setDefaultTimeout(waitBound(15_000));
      context.setDefaultNavigationTimeout(waitBound(30_000));
      context.on('page', recordPageErrors);
      contexts.set(name, context);
      return context.newPage();
    },
    contextOf(name) {
      const context = contexts.get(name);
      if (!context) throw new Error(`no persona "${name}": call persona("${name}") first`);
      return context;
    },
  };
}

const pageErrors = new WeakMap<Page, string[]>();

/** Keeps what went wrong in a page's script: uncaught exceptions and console errors. */
function recordPageErrors(page: Page) {
  const errors: string[] = [];
  pageErrors.set(page, errors);
  page.on('pageerror', (error) => errors.push(`uncaught ${error.name}: ${error.message}`));
  page.on('console', (message) => {
    const where = message.location().url || page.url();
    // The browser's own favicon request is not the page's doing.
    if (message.type() === 'error' && !where.endsWith('/favicon.ico')) errors.push(`console.error: ${message.text()} (${where})`);
  });
}

/**
 * Fails when the page's script threw or logged an error since the page opened (pages of
 * `persona()` contexts only); `ignore` leaves out messages that are expected.
 */
export function expectNoPageErrors(page: Page, ignore: RegExp[] = []): void {
  const errors = pageErrors.get(page);
  if (!errors) throw new Error('expectNoPageErrors checks the pages of persona() contexts only');
  const unexpected = errors.filter((e) => !ignore.some((re) => re.test(e)));
  if (unexpected.length) throw new Error(`the page reported ${unexpected.length} error(s):\n${unexpected.join('\n')}`);
}

function artifactsDir(): string {
  const testPath = expect.getState().testPath;
  return join(ARTIFACTS_ROOT, basename(testPath ?? 'unknown').replace(/\.test\.ts$/, ''));
}

const shotCounts = new Map<string, number>();

/**
 * Saves a PNG of `page` (the whole page; `{ fullPage: false }` for the viewport only) as
 * test-artifacts/browser/<test file>/<nn>-<name>.png, numbered in the order taken within the file
 * (the folder is emptied when the file's browser starts). Returns the path.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  const dir = artifactsDir();
  const n = (shotCounts.get(dir) ?? 0) + 1;
  shotCounts.set(dir, n);
  await mkdir(dir, { recursive: true });
  const file = join(dir, `${String(n).padStart(2, '0')}-${name.replace(/[^a-z0-9_-]+/gi, '-')}.png`);
  await page.screenshot({ path: file, fullPage: options.fullPage ?? true });
  return file;
}

let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/**
 * The few page globals the helpers use inside `page.evaluate`, typed here: the project compiles
 * without the DOM library (Node code must not see `window`). Functions passed to `evaluate` run in
 * the page, so they reach these through `globalThis`, never through a variable of this module.
 */
interface PageElement {
  tagName: string;
  textContent: string | null;
  getAttribute(name: string): string | null;
}
interface PageGlobals {
  axe?: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
  document: { activeElement: PageElement | null; body: PageElement };
  getComputedStyle(el: PageElement): { outlineStyle: string; outlineWidth: string; outlineColor: string; boxShadow: string };
}

/**
 * Runs axe-core in the page and fails listing every `serious` or `critical` violation with the
 * CSS targets of its nodes. `exclude` takes selectors of regions to leave out (e.g. a third-party
 * widget); `disableRules` takes axe rule ids, each to be justified where it is used.
 */
export async function expectNoSeriousA11yViolations(page: Page, options: { exclude?: string[]; disableRules?: string[] } = {}): Promise<void> {
  axeSource ??= readFileSync(fileURLToPath(import.meta.resolve('axe-core/axe.min.js')), 'utf8');
  if (!(await page.evaluate(() => 'axe' in globalThis))) await page.addScriptTag({ content: axeSource });
  const violations = await page.evaluate(
    async ({ exclude, disableRules }) => {
      const { axe, document } = globalThis as unknown as PageGlobals;
      if (!axe) throw new Error('axe-core did not load in the page');
      const context = exclude.length ? { include: [document], exclude: exclude.map((s) => [s]) } : document;
      const rules = Object.fromEntries(disableRules.map((id) => [id, { enabled: false }]));
      const result = await axe.run(context, { resultTypes: ['violations'], rules });
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) }));
    },
    { exclude: options.exclude ?? [], disableRules: options.disableRules ?? [] },
  );
  const serious = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (serious.length) {
    const lines = serious.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n    ${v.nodes.map((n) => JSON.stringify(n.target)).join('\n    ')}`);
    throw new Error(`axe-core found ${serious.length} serious/critical accessibility violation(s) on ${page.url()}:\n${lines.join('\n')}`);
  }
}

/** What has the keyboard focus, and whether it shows it (an outline or a box shadow). */
interface FocusState {
  tag: string;
  text: string;
  href: string | null;
  visibleIndicator: boolean;
  outline: string;
  boxShadow: string;
}

async function focusState(page: Page): Promise<FocusState | null> {
  return page.evaluate(() => {
    const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const outline = `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}`;
    const hasOutline = style.outlineStyle !== 'none' && Number.parseFloat(style.outlineWidth) > 0;
    const hasShadow = style.boxShadow !== 'none' && style.boxShadow !== '';
    return {
      tag: el.tagName.toLowerCase(),
      text: (el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 80),
      href: el.getAttribute('href'),
      visibleIndicator: hasOutline || hasShadow,
      outline,
      boxShadow: style.boxShadow,
    };
  });
}

/**
 * Presses Tab (at most `maxPresses` times) until `isTarget` accepts the focused element, then
 * checks that element shows a visible focus indicator. Returns the focused element's state.
 */
export async function tabUntil(page: Page, isTarget: (focused: FocusState) => boolean, maxPresses = 40): Promise<FocusState> {
  const seen: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    const focused = await focusState(page);
    if (!focused) continue;
    seen.push(`${focused.tag} "${focused.text}"`);
    if (isTarget(focused)) {
      if (!focused.visibleIndicator)
        throw new Error(
          `the focused ${focused.tag} "${focused.text}" shows no focus indicator (outline: ${focused.outline}, box-shadow: ${focused.boxShadow})`,
        );
      return focused;
    }
  }
  throw new Error(`${maxPresses} Tab presses did not reach the target; focus went to: ${seen.join(', ') || 'nothing'}`);
}
