// The running footer of every printed page: the report's title, "Synthetische demodata" when it is, and the
// page number. Chromium fills the pageNumber/totalPages spans; the template carries its own inline style.
import type { Catalog } from '../i18n/catalog.ts';
import type { ReportDocument } from './document-model.ts';
import { markup } from './html-document.tsx';

export function footerTemplate(doc: ReportDocument, catalog: Catalog): string {
  const synthetic = doc.synthetic ? ` · ${catalog.t(doc.lang, 'report.syntheticShort')}` : '';
  const style = 'font-size:7.5pt;color:#444;width:100%;padding:0 16mm;display:flex;justify-content:space-between;font-family:sans-serif';
  return markup(
    <div style={style}>
      <span>{`${doc.title} · ${doc.wave}${synthetic}`}</span>
      <span>
        <span class="pageNumber"></span> / <span class="totalPages"></span>
      </span>
    </div>,
  );
}
