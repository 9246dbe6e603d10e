/**
 * Headless Debian Chromium (playwright-core, never a downloaded browser) for the browser tests of
 * coinbot's self-contained pages: a context that refuses every request outside file://, a tab
 * that records console errors, page errors and requests, and the state of every drawn chart once
 * the page's `window.coinbotCharts` (report/chart-page.ts) has settled.
 */
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`; `.ci/run` installs it). */
export const CHROMIUM = '/usr/bin/chromium';
/** Whether the browser tests can run here. */
export const hasChromium = existsSync(CHROMIUM);
/** Under CI the browser tests must run (a missing Chromium fails instead of skipping). */
export const inCi = process.env.CI === 'true';

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** A persistent context in `profileDir` (1280 × 900) where every request outside file:// is aborted. */
export async function launchOffline(profileDir: string): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
  });
  await context.route('**/*', async (route) => {
    if (route.request().url().startsWith('file://')) await route.continue();
    else await route.abort();
  });
  return context;
}

/** Opens the page file `path` in a fresh tab, recording console errors, page errors and every request. */
export async function openWatched(
  context: BrowserContext,
  path: string,
): Promise<{ tab: Page; errors: string[]; requests: string[] }> {
  const errors: string[] = [];
  const requests: string[] = [];
  const tab = await context.newPage();
  tab.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  tab.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  tab.on('request', (r) => requests.push(r.url()));
  await tab.goto(pathToFileURL(path).href, { waitUntil: 'load' });
  return { tab, errors, requests };
}

/** One `[data-chart]` element after drawing: its render state, SVG size (px) and drawn marks. */
export interface ChartState {
  readonly id: string | null;
  readonly state: string | null;
  readonly width: number;
  readonly height: number;
  readonly marks: number;
}

/** Waits until every chart of the page has drawn (or failed) and returns their states. */
export async function drawnCharts(tab: Page): Promise<ChartState[]> {
  await tab.waitForFunction(
    () => (globalThis as unknown as { coinbotCharts?: Promise<unknown> }).coinbotCharts !== undefined,
  );
  await tab.evaluate(async () => {
    await (globalThis as unknown as { coinbotCharts: Promise<unknown> }).coinbotCharts;
    return true;
  });
  return tab.$$eval('[data-chart]', (els) =>
    els.map((el) => {
      const svg = el.querySelector('svg');
      const box = svg?.getBoundingClientRect();
      return {
        id: el.getAttribute('data-chart'),
        state: el.getAttribute('data-rendered'),
        width: box?.width ?? 0,
        height: box?.height ?? 0,
        marks:
          svg?.querySelectorAll('g[class^="mark-"] path, g[class^="mark-"] line, g[class^="mark-"] text').length ?? 0,
      };
    }),
  );
}
