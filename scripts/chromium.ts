/**
 * The system's Chromium (Debian's `chromium` package, which `.ci/run` installs), driven by
 * playwright-core, which downloads no browser. Used by the browser tests (test/support/browser.ts)
 * and `npm run screenshots`. `CHROMIUM_PATH` points elsewhere.
 */
import { accessSync, constants } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/** Why Chromium cannot run here, or undefined when it can. */
export function chromiumMissing(): string | undefined {
  const path = chromiumPath();
  try {
    accessSync(path, constants.X_OK);
    return undefined;
  } catch {
    return `no Chromium at ${path} (install Debian's \`chromium\` package, as .ci/run does, or set CHROMIUM_PATH)`;
  }
}

/**
 * A headless Chromium on a fresh profile: for a non-persistent launch playwright-core mkdtemps its
 * own --user-data-dir and removes it when the browser closes (it refuses a --user-data-dir arg).
 */
export function launchChromium(timeoutMs: number): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    timeout: timeoutMs,
  });
}
