import { chromium, type Browser } from 'playwright-core';

/** Debian's Chromium; override with PULSE_CHROMIUM. Playwright never downloads a browser here. */
export const CHROMIUM_PATH = process.env.PULSE_CHROMIUM ?? '/usr/bin/chromium';

/** Headless Chromium with the flags that keep it quiet and offline. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}
