// Printing HTML to PDF with Debian's Chromium through playwright-core (page.pdf()): the only renderer here that
// lays out Arabic and Ge'ez correctly. One browser per run; each document gets its own context (its own
// renderer process, so two documents print on two cores). Without Chromium, a clear error names the package.
import { existsSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { writeFileAtomic } from './files.ts';

export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

export class PrinterUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PrinterUnavailable';
  }
}

/** The Chromium to print with: PERSPECTIEF_CHROMIUM, or Debian's /usr/bin/chromium. */
export const chromiumPath = (env: Readonly<Record<string, string | undefined>>): string => env['PERSPECTIEF_CHROMIUM'] || DEFAULT_CHROMIUM;

/** What a document may ask of the print besides its CSS: a tagged PDF, an outline, a running footer. */
export type PrintOptions = Pick<
  NonNullable<Parameters<Page['pdf']>[0]>,
  'tagged' | 'outline' | 'displayHeaderFooter' | 'headerTemplate' | 'footerTemplate'
>;

export interface Printer {
  /** Prints one HTML document (A4 pages as its CSS @page says) and returns the PDF. */
  pdf(html: string, options?: PrintOptions): Promise<Buffer>;
  /** Prints and writes the PDF atomically (a temporary file renamed into place). */
  printTo(html: string, path: string): Promise<number>;
  close(): Promise<void>;
}

/** Throws PrinterUnavailable when Chromium is not at `path`, before any work is done. */
export function assertChromium(path: string): void {
  if (!existsSync(path)) {
    throw new PrinterUnavailable(
      `Chromium is not at ${path}; PDFs are printed by Chromium: install Debian's package "chromium" (apt-get install chromium) or set PERSPECTIEF_CHROMIUM to its path`,
    );
  }
}

export async function openPrinter(path: string): Promise<Printer> {
  assertChromium(path);
  let browser: Browser;
  try {
    // Loaded here, not at the top: commands that print nothing start without it (about 0.4 s).
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: path,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  } catch (error) {
    throw new PrinterUnavailable(`Chromium at ${path} did not start: ${(error as Error).message.split('\n')[0]}`);
  }
  const pdf = async (html: string, options: PrintOptions = {}): Promise<Buffer> => {
    const context = await browser.newContext({ offline: true });
    try {
      const page = await context.newPage();
      await page.setContent(html, { waitUntil: 'load', timeout: 600_000 });
      // Every face is inlined, but decoding them is asynchronous: print only once all are ready.
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return await page.pdf({ ...options, preferCSSPageSize: true, printBackground: true });
    } finally {
      await context.close();
    }
  };
  return {
    pdf,
    async printTo(html, target) {
      const bytes = await pdf(html);
      writeFileAtomic(target, bytes);
      return bytes.length;
    },
    close: () => browser.close(),
  };
}
