/**
 * The API reference page (/api/v1/docs) in a real Chromium: it renders, has no serious
 * accessibility violation, and a keyboard user reaches its first link with a visible focus.
 * The template for the playground journeys (test/support/browser.ts has the helpers).
 */
import {
  BROWSER_TEST_TIMEOUT_MS,
  describeBrowser,
  expectNoPageErrors,
  expectNoSeriousA11yViolations,
  screenshot,
  tabUntil,
  useBrowser,
} from '../support/browser.js';
import { useService } from '../support/in-process-service.js';

describeBrowser('the API reference page in Chromium', () => {
  const browser = useBrowser();
  const app = useService('browser_docs');

  test(
    'renders, passes the accessibility check and is usable from the keyboard',
    async () => {
      const page = await browser.persona('integrator');
      const response = await page.goto(`${app.url}/api/v1/docs`);
      expect(response?.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toMatch(/Clause/);
      await expect(page.getByRole('heading', { name: 'Endpoints', level: 2 }).isVisible()).resolves.toBe(true);
      await screenshot(page, 'docs');

      await expectNoSeriousA11yViolations(page);

      const focused = await tabUntil(page, (f) => f.tag === 'a');
      expect(focused.href).toBe('openapi.json');
      await screenshot(page, 'docs-first-link-focused', { fullPage: false });

      // The link works from the keyboard too: Enter follows it to the OpenAPI document.
      const [json] = await Promise.all([page.waitForResponse((r) => r.url().endsWith('/api/v1/openapi.json')), page.keyboard.press('Enter')]);
      expect(json.status()).toBe(200);
      expect((await json.json()).openapi).toMatch(/^3\./);
      expectNoPageErrors(page);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'the checks catch what they are for: a nameless button, a hidden focus, a script error',
    async () => {
      const page = await browser.persona('checker');
      await page.setContent('<!doctype html><html lang="en"><title>t</title><main><button></button><a href="#x" style="outline:none">x</a></main></html>');
      await expect(expectNoSeriousA11yViolations(page)).rejects.toThrow(/\[critical\] button-name[\s\S]*\["button"\]/);
      await expect(tabUntil(page, (f) => f.tag === 'a', 5)).rejects.toThrow(/shows no focus indicator/);
      await Promise.all([page.waitForEvent('pageerror'), page.evaluate(() => setTimeout(() => JSON.parse('{'), 0))]);
      expect(() => expectNoPageErrors(page)).toThrow(/uncaught SyntaxError/);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
