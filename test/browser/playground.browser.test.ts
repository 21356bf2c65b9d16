/**
 * The playground's journeys in a real Chromium (issue 14, item 4): four people of the demo company,
 * each in a browser context of their own, on one service. Request → approvals by legal and finance
 * → the requester hears back, live; a rejection with a reason; the manager's renewals view; a
 * question answered with the sentence quoted; an upload whose terms are confirmed; a form filled
 * in from the keyboard alone. Every step is screenshotted (test-artifacts/browser/playground.browser/),
 * every main view passes axe-core, and no page logs an error. The tests run in order and share the
 * service's data: the first loads the demo company through the page's own button.
 */
import { fileURLToPath } from 'node:url';
import type { Locator, Page } from 'playwright-core';
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

const FIXTURE = fileURLToPath(new URL('fixtures/tailwind-logistics-msa.txt', import.meta.url));
/** The console error Chrome logs for a form Clause answers with 422 (field errors): intended. */
const INTENDED_422 = /status of 422/;

/** What functions passed to `evaluate` reach in the page (the project compiles without the DOM library). */
interface PageDocument {
  document: { activeElement: unknown };
}
interface PageImage {
  complete: boolean;
  naturalWidth: number;
}
interface FocusedField {
  document: { activeElement: { id: string; labels?: ArrayLike<{ textContent: string | null }> | null } | null };
}

/** The label of the focused form field: runs in the page (`page.evaluate(focusedLabel)`), so it is self-contained. */
function focusedLabel(): string {
  const el = (globalThis as unknown as FocusedField).document.activeElement;
  return (el?.labels?.[0]?.textContent ?? el?.id ?? '').trim();
}

describeBrowser('the playground journeys in Chromium', () => {
  const browser = useBrowser();
  const app = useService('browser_playground', { PLAYGROUND: 'on' });
  /** Each persona's page, opened once and kept for the whole file (as four people at their desks). */
  const pages = new Map<string, Page>();

  /** Opens the playground as a persona (`?as=`) in a context of its own; resolves once the DM has loaded. */
  async function openAs(persona: string): Promise<Page> {
    // en-US: the keyboard test types a date as mm dd yyyy.
    const page = await browser.persona(persona, { locale: 'en-US' });
    const loaded = page.waitForResponse((r) => r.url().includes('/playground/api/conversations/dm/messages'));
    const response = await page.goto(`${app.url}/?as=${persona}`);
    expect(response?.status()).toBe(200);
    expect((await loaded).status()).toBe(200);
    await expect(page.getByLabel('Acting as').inputValue()).resolves.toBe(persona);
    pages.set(persona, page);
    return page;
  }
  const pageOf = (persona: string): Page => {
    const page = pages.get(persona);
    if (!page) throw new Error(`no page for ${persona}`);
    return page;
  };

  const articles = (page: Page) => page.locator('#log article[data-message-id]');
  /** The last message whose text matches, once it is on the page. */
  async function message(page: Page, text: string | RegExp): Promise<Locator> {
    const found = articles(page).filter({ hasText: text }).last();
    await found.waitFor();
    return found;
  }
  /** A message as it is now: its id and version, for "updated in place" checks. */
  async function identity(article: Locator): Promise<{ id: string; version: number }> {
    const [id, version] = await Promise.all([article.getAttribute('data-message-id'), article.getAttribute('data-version')]);
    if (!id || !version) throw new Error('a message without data-message-id / data-version');
    return { id, version: Number(version) };
  }
  /** Waits for the message `id` to be redrawn with a version above `version`; returns it. */
  async function redrawn(page: Page, { id, version }: { id: string; version: number }): Promise<Locator> {
    const article = page.locator(`#log article[data-message-id="${id}"]`);
    await page.waitForFunction(
      ({ selector, before }) => {
        const el = (
          globalThis as unknown as { document: { querySelector(s: string): { getAttribute(n: string): string | null } | null } }
        ).document.querySelector(selector);
        return Number(el?.getAttribute('data-version') ?? 0) > before;
      },
      { selector: `#log article[data-message-id="${id}"]`, before: version },
    );
    return article;
  }
  async function command(page: Page, text: string): Promise<void> {
    const box = page.getByLabel('Command');
    await box.fill(text);
    await box.press('Enter');
  }
  const conversation = (page: Page, name: string) => page.getByRole('navigation', { name: 'Conversations' }).getByRole('button', { name, exact: true });
  async function openConversation(page: Page, name: string): Promise<void> {
    await conversation(page, name).click();
    await expect(conversation(page, name).getAttribute('aria-pressed')).resolves.toBe('true');
  }
  const isFocused = (el: Locator) => el.evaluate((node) => node === (globalThis as unknown as PageDocument).document.activeElement);
  const refIn = async (article: Locator) => {
    const ref = /C-\d{4}-\d{4}/.exec((await article.textContent()) ?? '')?.[0];
    if (!ref) throw new Error(`no contract reference in: ${await article.textContent()}`);
    return ref;
  };

  /** `contract new`, the form filled in (pointer and typing) and submitted; resolves to the filed contract's reference. */
  async function requestContract(page: Page, counterparty: string, value: string): Promise<string> {
    await command(page, 'contract new');
    const form = page.locator('form.clause-form').last();
    await form.waitFor();
    const formMessage = await identity(
      articles(page)
        .filter({ has: page.locator('form.clause-form') })
        .last(),
    );
    await form.getByLabel(/^Contract type/).selectOption('msa-v1');
    await form.getByLabel(/^Counterparty/).fill(counterparty);
    await form.getByLabel(/^Value/).fill(value);
    await form.getByLabel(/^Start date/).fill('2027-03-01');
    await form.getByLabel(/^Term \(months\)/).fill('12');
    await form.getByLabel(/^Notice period \(days\)/).fill('30');
    await form.getByLabel(/^Governing law/).fill('the laws of the State of New York');
    await form.getByRole('button', { name: 'Submit for approval' }).click();
    return refIn(await redrawn(page, formMessage));
  }

  /**
   * Tabs to the field labelled `label` (each stop must show its focus: tabUntil checks), then types
   * `text` into it. Keyboard only.
   */
  async function typeInto(page: Page, label: RegExp, text: string, maxPresses = 20): Promise<void> {
    const seen: string[] = [];
    for (let i = 0; i < maxPresses; i++) {
      const name = await tabUntil(page, () => true, 1).then(
        () => page.evaluate(focusedLabel),
        async (error: Error) => {
          throw new Error(`at "${await page.evaluate(focusedLabel)}" (after ${seen.join(', ')}): ${error.message}`);
        },
      );
      seen.push(name);
      if (label.test(name)) {
        await page.keyboard.type(text);
        return;
      }
    }
    throw new Error(`${maxPresses} Tab presses did not reach ${label}; focus went to: ${seen.join(', ')}`);
  }

  test(
    'an empty database offers the demo company; the button loads it',
    async () => {
      const riley = await openAs('riley');
      const seed = riley.getByRole('button', { name: 'Load the demo company' });
      await seed.waitFor();
      await screenshot(riley, 'empty-database');
      await seed.click();
      await riley
        .getByRole('status')
        .filter({ hasText: /Larkspur Analytics is loaded: 10 contracts/ })
        .waitFor();
      await expect(seed.isVisible()).resolves.toBe(false);
      // The renewal scan ran after seeding: a nudge in Riley's DM.
      await message(riley, /renew/i);
      await screenshot(riley, 'demo-company-loaded');
      expectNoPageErrors(riley);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'request → legal and finance approve in their own windows → the requester sees the outcome live',
    async () => {
      const riley = pageOf('riley');
      // Lena's window is open before Riley asks; #approvals visited once, so its unread count starts at 0.
      const lena = await openAs('lena');
      await message(lena, 'Summit Reseller Agreement');
      await openConversation(lena, '# approvals');
      await message(lena, 'Summit Reseller Agreement');
      await openConversation(lena, 'Direct messages with Clause');
      await message(lena, 'Summit Reseller Agreement');
      // A mark in the page's memory: still there later means the page was never reloaded.
      await lena.evaluate(() => {
        (globalThis as unknown as { clauseNoReload?: boolean }).clauseNoReload = true;
      });
      await screenshot(lena, 'lena-before');

      await command(riley, 'contract new');
      const form = riley.locator('form.clause-form').last();
      await form.waitFor();
      await expect(isFocused(form.getByLabel(/^Contract type/))).resolves.toBe(true);
      // Every field has its label (the form's heading once took the id of the field "title").
      await expect(form.getByLabel('Title', { exact: true }).getAttribute('name')).resolves.toBe('title');
      await expectNoSeriousA11yViolations(riley);
      await form.getByLabel(/^Contract type/).selectOption('msa-v1');
      // 60,000 is a mid-size deal: legal and finance approve (config/demo/policy.yaml).
      await form.getByLabel(/^Value/).fill('60000');
      await form.getByLabel(/^Start date/).fill('2027-02-01');
      await form.getByLabel(/^Term \(months\)/).fill('12');
      await form.getByLabel(/^Notice period \(days\)/).fill('30');
      await form.getByLabel(/^Governing law/).fill('the laws of the State of Delaware');
      await screenshot(riley, 'request-form-filled-without-counterparty');

      // The counterparty is missing: the error summary (focused) and the field's own error.
      await form.getByRole('button', { name: 'Submit for approval' }).click();
      const summary = riley.locator('form.clause-form .error-summary');
      await summary.waitFor();
      await expect(summary.getAttribute('role')).resolves.toBe('alert');
      await expect(summary.textContent()).resolves.toMatch(/Counterparty is required/);
      await riley.waitForFunction(() => {
        const el = (globalThis as unknown as PageDocument).document.activeElement as { classList?: { contains(c: string): boolean } } | null;
        return el?.classList?.contains('error-summary') === true;
      });
      const counterparty = riley
        .locator('form.clause-form')
        .last()
        .getByLabel(/^Counterparty/);
      await expect(counterparty.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(riley.locator('form.clause-form .field-error').textContent()).resolves.toMatch(/^Counterparty is required/);
      // What was typed is kept.
      await expect(
        riley
          .locator('form.clause-form')
          .last()
          .getByLabel(/^Value/)
          .inputValue(),
      ).resolves.toBe('60000');
      await expectNoSeriousA11yViolations(riley);
      await screenshot(riley, 'request-form-error');

      await counterparty.fill('Northwind Traders');
      const formMessage = await identity(
        articles(riley)
          .filter({ has: riley.locator('form.clause-form') })
          .last(),
      );
      await riley.locator('form.clause-form').last().getByRole('button', { name: 'Submit for approval' }).click();
      // The form's message becomes the filing note, in place.
      const filed = await redrawn(riley, formMessage);
      await expect(filed.locator('form').count()).resolves.toBe(0);
      const ref = await refIn(filed);
      await screenshot(riley, 'request-filed');

      // Lena's window gets the card live (no reload), and #approvals counts it as new.
      const card = await message(lena, ref);
      await expect(card.getByRole('heading', { level: 3 }).textContent()).resolves.toMatch(/approval/i);
      const unread = lena.locator('[data-unread-for="approvals"]');
      await lena.waitForFunction(() => {
        const el = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(
          '[data-unread-for="approvals"]',
        );
        return el?.textContent === '1 new';
      });
      await expect(unread.isVisible()).resolves.toBe(true);
      await expect(lena.evaluate(() => (globalThis as unknown as { clauseNoReload?: boolean }).clauseNoReload)).resolves.toBe(true);
      await screenshot(lena, 'lena-card-arrived-live');

      // Lena approves: the same card is redrawn in place with her decision; finance still waits, so
      // the (shared) card keeps its buttons until the stage is decided.
      const lenaCard = await identity(card);
      await card.getByRole('button', { name: 'Approve', exact: true }).click();
      const afterLena = await redrawn(lena, lenaCard);
      await expect(afterLena.textContent()).resolves.toMatch(/Legal: approved by Lena Lawson[\s\S]*Finance \(Farah Finch\): waiting/);
      const lenaDecided = await identity(afterLena);
      await screenshot(lena, 'lena-approved');

      // Farah approves from #approvals, where the card has been waiting for her.
      const farah = await openAs('farah');
      await openConversation(farah, '# approvals');
      const farahCard = await message(farah, ref);
      await expect(farahCard.textContent()).resolves.toMatch(/Legal: approved by Lena Lawson/);
      await expectNoSeriousA11yViolations(farah);
      await screenshot(farah, 'farah-approvals-channel');
      const farahBefore = await identity(farahCard);
      await farahCard.getByRole('button', { name: 'Approve', exact: true }).click();
      const farahAfter = await redrawn(farah, farahBefore);
      await expect(farahAfter.getByRole('heading', { level: 3 }).textContent()).resolves.toMatch(/^Approved: /);
      await expect(farahAfter.locator('button[data-action-id]').count()).resolves.toBe(0);
      await screenshot(farah, 'farah-approved');

      // The stage is decided: Lena's copy of the card is redrawn live too, its buttons gone.
      const lenaFinal = await redrawn(lena, lenaDecided);
      await expect(lenaFinal.getByRole('heading', { level: 3 }).textContent()).resolves.toMatch(/^Approved: /);
      await expect(lenaFinal.getByRole('button').count()).resolves.toBe(0);
      await screenshot(lena, 'lena-card-final');

      // Riley's DM shows the outcome, live.
      const outcome = await message(riley, new RegExp(`${ref}[\\s\\S]*approved|approved[\\s\\S]*${ref}`, 'i'));
      expect(await identity(outcome)).not.toEqual(await identity(filed));
      await screenshot(riley, 'riley-hears-approved');

      expectNoPageErrors(riley, [INTENDED_422]);
      expectNoPageErrors(lena);
      expectNoPageErrors(farah);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'reject with a reason: an empty reason is refused, then the requester sees the reason live',
    async () => {
      const riley = pageOf('riley');
      const lena = pageOf('lena');
      // 5,000 is a small deal: legal alone decides.
      const ref = await requestContract(riley, 'Contoso Ltd', '5000');
      const card = await message(lena, ref);
      await screenshot(lena, 'reject-card-arrived');

      const opener = card.getByRole('button', { name: 'Reject…' });
      await opener.click();
      await expect(opener.getAttribute('aria-expanded')).resolves.toBe('true');
      const reason = card.getByRole('textbox', { name: /^Reason/ });
      await reason.waitFor();
      await expect(isFocused(reason)).resolves.toBe(true);
      await expectNoSeriousA11yViolations(lena);

      // An empty reason: nothing is sent; the field says why and keeps the focus.
      const before = await identity(card);
      await card.getByRole('button', { name: 'Reject', exact: true }).click();
      await lena.getByRole('status').filter({ hasText: 'Reason is required.' }).waitFor();
      await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(isFocused(reason)).resolves.toBe(true);
      const fieldError = card.locator(`#${await reason.getAttribute('aria-describedby')}`);
      await expect(fieldError.textContent()).resolves.toBe('Reason is required.');
      await expectNoSeriousA11yViolations(lena);
      await expect(identity(card)).resolves.toEqual(before);
      await screenshot(lena, 'reject-reason-missing');

      await reason.fill('The liability cap is missing.');
      await card.getByRole('button', { name: 'Reject', exact: true }).click();
      const rejected = await redrawn(lena, before);
      await expect(rejected.getByRole('heading', { level: 3 }).textContent()).resolves.toMatch(/^Rejected: /);
      await expect(rejected.getByRole('button').count()).resolves.toBe(0);
      await screenshot(lena, 'rejected');

      // Riley's DM: the rejection with its reason, live.
      const told = await message(riley, /The liability cap is missing\./);
      await expect(told.textContent()).resolves.toContain(ref);
      await screenshot(riley, 'riley-hears-rejected');
      expectNoPageErrors(riley, [INTENDED_422]);
      expectNoPageErrors(lena);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'the manager’s renewals view: the timeline chart is drawn and its figures are a table; the command lists them too',
    async () => {
      const marco = await openAs('marco');
      await openConversation(marco, 'Renewals view');
      const chart = marco.locator('#timeline img.chart');
      await chart.waitFor();
      await expect(chart.getAttribute('alt')).resolves.toMatch(/\w/);
      await marco.waitForFunction(
        (img) => {
          const el = img as unknown as PageImage;
          return el.complete && el.naturalWidth > 0;
        },
        await chart.elementHandle(),
      );
      const table = marco.getByRole('table', { name: /^Notice deadlines in the next 12 months \(\d+\)$/ });
      await table.waitFor();
      const rows = await table.locator('tbody tr').count();
      expect(rows).toBeGreaterThan(0);
      await expect(table.locator('caption').textContent()).resolves.toBe(`Notice deadlines in the next 12 months (${rows})`);
      await expect(table.locator('tbody').textContent()).resolves.toMatch(/undecided/);
      await expectNoSeriousA11yViolations(marco);
      await screenshot(marco, 'renewals-view');

      await command(marco, 'contract renewals 60');
      await expect(conversation(marco, 'Direct messages with Clause').getAttribute('aria-pressed')).resolves.toBe('true');
      const list = await message(marco, 'Upcoming renewals');
      await expect(list.getByRole('heading', { level: 3, name: 'Upcoming renewals' }).count()).resolves.toBe(1);
      await expect(list.textContent()).resolves.toMatch(/C-\d{4}-\d{4}|DEMO-/);
      await screenshot(marco, 'renewals-command');
      expectNoPageErrors(marco);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'ask: the answer quotes the demo document it comes from',
    async () => {
      const marco = pageOf('marco');
      await command(marco, 'contract ask what is the notice period in the Brightwave MSA?');
      const answer = await message(marco, /thirty \(30\) days/);
      await expect(answer.getByRole('heading', { level: 3 }).textContent()).resolves.toBe('what is the notice period in the Brightwave MSA?');
      // The citation: the contract (reference and title), then its sentence in quotation marks.
      await expect(answer.locator('.card-text').textContent()).resolves.toMatch(
        /C-\d{4}-\d{4} Brightwave Cloud Hosting Master Services Agreement[^“]*: “4\.2 This Agreement renews automatically[^”]*at least thirty \(30\) days before the end of the then-current term\.”/,
      );
      await expect(answer.locator('.card-context').textContent()).resolves.toBe('From the contract text.');
      await screenshot(marco, 'ask-answer');
      expectNoPageErrors(marco);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'upload a signed contract: the proposed terms with their sentences, then Confirm saves the contract',
    async () => {
      const riley = pageOf('riley');
      await riley.getByLabel('Upload a signed contract (text, PDF or DOCX)').setInputFiles(FIXTURE);
      await riley.getByRole('button', { name: 'Upload', exact: true }).click();
      const proposed = await message(riley, /Confirm the terms of/);
      const fields = Object.fromEntries(
        await proposed.locator('dl.card-fields > div').evaluateAll((rows) =>
          rows.map((row) => {
            const r = row as unknown as { querySelector(s: string): { textContent: string | null } | null };
            return [r.querySelector('dt')?.textContent ?? '', r.querySelector('dd')?.textContent ?? ''];
          }),
        ),
      );
      expect(fields).toMatchObject({
        Counterparty: 'Tailwind Logistics GmbH',
        Value: '$48,000.00',
        'Start date': '2027-03-01',
        'Auto-renews': 'yes',
        'Notice period': '60 days',
      });
      await expect(proposed.textContent()).resolves.toContain('Notice period (rules): “This Agreement renews automatically');
      await expectNoSeriousA11yViolations(riley);
      await screenshot(riley, 'upload-proposed-terms');

      const before = await identity(proposed);
      await proposed.getByRole('button', { name: 'Confirm', exact: true }).click();
      const saved = await message(riley, /Saved C-\d{4}-\d{4} Master Services Agreement \(Tailwind Logistics GmbH\) as an active contract/);
      expect(await identity(saved)).not.toEqual(before);
      await screenshot(riley, 'upload-confirmed');
      expectNoPageErrors(riley, [INTENDED_422]);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'keyboard only: a contract request from the command box to filed, with a visible focus at every stop',
    async () => {
      // A second tab of Riley's: a fresh page, focus at its start. No click from here on.
      const page = await browser.contextOf('riley').newPage();
      const loaded = page.waitForResponse((r) => r.url().includes('/playground/api/conversations/dm/messages'));
      await page.goto(`${app.url}/?as=riley`);
      await loaded;

      // The first stop is the skip link; Enter takes the focus to the command box.
      await tabUntil(page, (f) => f.tag === 'a' && f.href === '#command', 3);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => (globalThis as unknown as FocusedField).document.activeElement?.id === 'command');
      await page.keyboard.type('contract new');
      await page.keyboard.press('Enter');

      // The new form takes the focus, on its first field (Contract type).
      const form = page.locator('form.clause-form').last();
      await form.waitFor();
      const formMessage = await identity(
        articles(page)
          .filter({ has: page.locator('form.clause-form') })
          .last(),
      );
      await page.waitForFunction(() => {
        const el = (globalThis as unknown as FocusedField).document.activeElement;
        return /^Contract type/.test(el?.labels?.[0]?.textContent ?? '');
      });
      await page.keyboard.press('ArrowDown'); // the first template: NDA
      await expect(form.getByLabel(/^Contract type/).inputValue()).resolves.toBe('nda-v1');
      await typeInto(page, /^Counterparty/, 'Fabrikam Data LLC');
      await typeInto(page, /^Start date/, '04012027'); // mm dd yyyy, segment by segment
      await expect(form.getByLabel(/^Start date/).inputValue()).resolves.toBe('2027-04-01');
      await typeInto(page, /^Term \(months\)/, '24');
      await typeInto(page, /^Notice period \(days\)/, '30');
      await typeInto(page, /^Governing law/, 'the laws of England and Wales');
      await screenshot(page, 'keyboard-form-filled', { fullPage: false });
      const submit = await tabUntil(page, (f) => f.tag === 'button' && f.text === 'Submit for approval');
      expect(submit.visibleIndicator).toBe(true);
      await screenshot(page, 'keyboard-submit-focused', { fullPage: false });
      await page.keyboard.press('Space');

      const filed = await redrawn(page, formMessage);
      await expect(filed.textContent()).resolves.toMatch(/C-\d{4}-\d{4}[\s\S]*Fabrikam Data LLC/);
      await screenshot(page, 'keyboard-filed', { fullPage: false });
      expectNoPageErrors(page);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );

  test(
    'no page reported an error (the form’s intended 422 aside)',
    () => {
      expect([...pages.keys()]).toEqual(['riley', 'lena', 'farah', 'marco']);
      for (const [persona, page] of pages) expectNoPageErrors(page, persona === 'riley' ? [INTENDED_422] : []);
    },
    BROWSER_TEST_TIMEOUT_MS,
  );
});
