// Time to a usable page in Chromium on a slow phone connection: Slow-3G (400 ms round trip, 400 kbit/s
// down and up, Network.emulateNetworkConditions) and a 4x slower CPU (Emulation.setCPUThrottlingRate),
// a 360 x 740 viewport, a fresh browser context (empty cache) per run.
//
// "Usable", measured inside the page from navigation start (performance.now()), is the first animation
// frame, confirmed by the next one, at which all of these hold:
//   - the HTML is parsed (document.readyState is no longer "loading"; the DOMContentLoaded event itself
//     also waits for deferred scripts, which our pages do not need to work, so it is reported apart);
//   - the document's fonts are loaded (document.fonts.status === "loaded" after layout, so web fonts the
//     visible text needs have arrived: the first slice of Noto Sans Arabic/Ethiopic on ar/ti pages);
//   - the first radio input of the page exists and is enabled, and what a person taps to choose it (its
//     label, or the input itself) is rendered with a non-zero size and starts inside the viewport.
import type { Browser, CDPSession } from 'playwright-core';

export const SLOW_3G = { latency: 400, downloadThroughput: 400_000 / 8, uploadThroughput: 400_000 / 8 } as const;
export const CPU_SLOWDOWN = 4;

export interface RunMeasure {
  readonly usableMs: number;
  readonly domContentLoadedMs: number;
  readonly loadMs: number;
  readonly firstContentfulPaintMs: number;
  /** Bytes on the wire as Chromium counted them (headers and bodies, all requests). */
  readonly transferredBytes: number;
  readonly requests: number;
  /** Font files fetched and their transferred bytes. */
  readonly fonts: Readonly<Record<string, number>>;
}

const USABLE_PROBE = `(() => {
  let confirmed = false;
  const ready = () => {
    if (document.readyState === 'loading') return false;
    const input = document.querySelector('input[type=radio]');
    if (!input || input.disabled) return false;
    const target = (input.labels && input.labels[0]) || input;
    const box = target.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.top >= innerHeight || box.bottom <= 0) return false;
    if (typeof target.checkVisibility === 'function' && !target.checkVisibility({ visibilityProperty: true, opacityProperty: true })) return false;
    return document.fonts.status === 'loaded';
  };
  const tick = () => {
    if (ready()) {
      if (confirmed) { window.__usableAt = window.__usableCandidate; return; }
      confirmed = true;
      window.__usableCandidate = performance.now();
    } else {
      confirmed = false;
    }
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})();`;

async function throttle(cdp: CDPSession): Promise<void> {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_3G, connectionType: 'cellular3g' });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
}

export interface MeasureOptions {
  /**
   * Opened first in the same context without throttling (e.g. the landing page, whose visit leaves the
   * fonts in the cache, as the real path to the first page does).
   */
  readonly warmUrl?: string | undefined;
  /** Cookies the context starts with (the font cookie, to have pages refer to the font files). */
  readonly cookies?: readonly { name: string; value: string }[];
  readonly timeoutMs?: number;
}

/** Opens `url` in a fresh context under Slow-3G and 4x CPU and returns when the page is usable. */
export async function measurePage(browser: Browser, url: string, options: MeasureOptions = {}): Promise<RunMeasure> {
  const { warmUrl, cookies = [], timeoutMs = 90_000 } = options;
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
  try {
    if (cookies.length > 0) await context.addCookies(cookies.map((c) => ({ ...c, url: new URL(url).origin })));
    const page = await context.newPage();
    if (warmUrl) await page.goto(warmUrl, { waitUntil: 'load' });
    await page.addInitScript(USABLE_PROBE);
    const cdp = await context.newCDPSession(page);
    await throttle(cdp);
    const urls = new Map<string, string>();
    let transferredBytes = 0;
    let requests = 0;
    const fonts: Record<string, number> = {};
    cdp.on('Network.responseReceived', (e) => urls.set(e.requestId, e.response.url));
    cdp.on('Network.loadingFinished', (e) => {
      transferredBytes += e.encodedDataLength;
      requests++;
      const u = urls.get(e.requestId) ?? '';
      if (u.endsWith('.woff2')) {
        const name = u.slice(u.lastIndexOf('/') + 1);
        fonts[name] = (fonts[name] ?? 0) + e.encodedDataLength; // a file fetched twice (a preload not matched) shows doubled
      }
    });
    await page.goto(url, { waitUntil: 'load', timeout: timeoutMs });
    await page.waitForFunction(() => (window as unknown as { __usableAt?: number }).__usableAt !== undefined, undefined, {
      timeout: timeoutMs,
      polling: 100,
    });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
      const fcp = performance.getEntriesByName('first-contentful-paint')[0];
      return {
        usableMs: (window as unknown as { __usableAt: number }).__usableAt,
        domContentLoadedMs: nav?.domContentLoadedEventEnd ?? Number.NaN,
        loadMs: nav?.loadEventEnd ?? Number.NaN,
        firstContentfulPaintMs: fcp?.startTime ?? Number.NaN,
      };
    });
    await cdp.detach();
    return { ...timing, transferredBytes, requests, fonts };
  } finally {
    await context.close();
  }
}

export const median = (values: readonly number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
