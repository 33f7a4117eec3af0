// The report as a tagged A4 PDF with an outline, printed by Chromium in two passes: the first finds on which
// page every section, table and figure lands (Chromium writes each link target as a named destination), the
// second prints the contents with those page numbers. The printer is passed in (the CLI gives fieldwork's
// Chromium launcher), so this module never starts a browser of its own; without one the HTML still stands.
import { PDFArray, PDFDict, PDFDocument, PDFName } from 'pdf-lib';
import type { Catalog } from '../i18n/catalog.ts';
import type { ReportDocument } from './document-model.ts';
import { reportHtml } from './html-document.tsx';
import { footerTemplate } from './pdf-footer.tsx';

/** Chromium's print, as the report needs it (structurally fieldwork's Printer.pdf). */
export interface ReportPrinter {
  pdf(
    html: string,
    options: { tagged: boolean; outline: boolean; displayHeaderFooter: boolean; headerTemplate: string; footerTemplate: string },
  ): Promise<Buffer>;
}

export interface PrintedPdf {
  readonly bytes: Buffer;
  readonly pages: number;
  /** Anchor → page (1-based) of every section, table and figure the contents link to. */
  readonly destinations: ReadonlyMap<string, number>;
}

/** Prints the document twice: once to learn the pages, once with them in the contents. */
export async function printReportPdf(doc: ReportDocument, catalog: Catalog, printer: ReportPrinter): Promise<PrintedPdf> {
  const options = {
    tagged: true,
    outline: true,
    displayHeaderFooter: true,
    headerTemplate: '<span></span>',
    footerTemplate: footerTemplate(doc, catalog),
  };
  const first = await printer.pdf(reportHtml(doc, catalog), options);
  const pages = await destinations(first);
  const bytes = await printer.pdf(reportHtml({ ...doc, pages }, catalog), options);
  const final = await PDFDocument.load(bytes, { updateMetadata: false });
  return { bytes, pages: final.getPageCount(), destinations: await destinations(bytes) };
}

/** The page (1-based) of every named destination in a PDF (Chromium names them after the HTML ids). */
export async function destinations(pdf: Uint8Array): Promise<Map<string, number>> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const pageOf = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i + 1]));
  const out = new Map<string, number>();
  const dests = doc.catalog.lookup(PDFName.of('Dests'));
  if (!(dests instanceof PDFDict)) return out;
  for (const [name, value] of dests.entries()) {
    const target = doc.context.lookup(value);
    const array = target instanceof PDFArray ? target : target instanceof PDFDict ? target.lookup(PDFName.of('D')) : null;
    if (!(array instanceof PDFArray)) continue;
    const page = pageOf.get(array.get(0).toString());
    if (page !== undefined) out.set(decodeName(name.asString()), page);
  }
  return out;
}

/** A PDF name without its slash, with #xx escapes decoded ("/tabel-3#2E2" → "tabel-3.2" when escaped). */
const decodeName = (raw: string): string =>
  decodeURIComponent(raw.replace(/^\//, '').replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => `%${hex}`));
