// The whole report as one self-contained HTML document (fonts, styles and SVGs inline): title page with the
// synthetic-data statement, contents and lists of tables and figures (links; page numbers once the PDF's
// first pass knows them), then the chapters and sections of the specification with every table and figure at
// its place, the qualitative arm's boxes and quotes in their sections, and the method notes.
import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { Catalog } from '../i18n/catalog.ts';
import type { Section, SectionContent } from '../study/report-layout.ts';
import { anchor, type QualitativeContent, type ReportDocument } from './document-model.ts';
import { FigureBlock } from './html-figure.tsx';
import { MethodNote } from './html-method.tsx';
import {
  FrequencyTable,
  PopulationTable,
  QualitativeTableView,
  RegressionTable,
  TextTableView,
  type TableContext,
} from './html-tables.tsx';
import { REPORT_CSS } from './report-style.ts';
import { formatCount, textIn } from './tables-json.ts';

const sectionId = (s: Section, i: number): string => anchor.section(s.number ?? `u${i}`);
const heading = (s: Section, lang: ReportDocument['lang']): string => `${s.number ? `${s.number} ` : ''}${textIn(s.title, lang)}`;

/** hono/jsx's markup of a synchronous element (no async components here, so toString gives the string). */
export const markup = (element: { toString(): string }): string => element.toString();

/** The report as an HTML string (doctype included). */
export function reportHtml(doc: ReportDocument, catalog: Catalog): string {
  return `<!doctype html>${markup(<Document doc={doc} catalog={catalog} />)}`;
}

function Document(props: { doc: ReportDocument; catalog: Catalog }) {
  const { doc, catalog } = props;
  const t = (key: Parameters<Catalog['t']>[1], values?: Record<string, string | number>) => catalog.t(doc.lang, key, values);
  const ctx: TableContext = { lang: doc.lang, catalog, weighted: doc.weighted, earlier: doc.earlier, current: doc.wave };
  const subtitle = t('report.subtitle', { wave: doc.wave });
  return (
    <html lang={doc.lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${doc.title}: ${subtitle}`}</title>
        {/* Our own stylesheet and inlined @font-face rules (base64 data), no user text. */}
        <style>{raw(`${doc.fontCss}\n${REPORT_CSS}`)}</style>
      </head>
      <body>
        <header class="title-page">
          <p class="doc-title" style="font-size:24pt;color:#08306b;font-weight:700;margin:30mm 0 3mm">
            {doc.title}
          </p>
          <p class="subtitle">{subtitle}</p>
          {doc.synthetic ? (
            <p class="synthetic" role="note">
              {t('report.synthetic', {
                count: formatCount(doc.synthetic.count, doc.lang),
                total: formatCount(doc.synthetic.total, doc.lang),
              })}
            </p>
          ) : null}
          <p class="meta">{t('report.generated', { date: doc.generatedAt.toISOString().slice(0, 10) })}</p>
          <p class="meta">{t(doc.weighted ? 'report.weightedNote' : 'report.unweightedNote')}</p>
        </header>
        <Contents doc={doc} catalog={catalog} />
        <main>
          {doc.sections.map((s, i) => (
            <SectionView doc={doc} ctx={ctx} section={s} index={i} />
          ))}
        </main>
      </body>
    </html>
  );
}

function Contents(props: { doc: ReportDocument; catalog: Catalog }) {
  const { doc, catalog } = props;
  const t = (key: Parameters<Catalog['t']>[1]) => catalog.t(doc.lang, key);
  const page = (id: string): string => (doc.pages ? String(doc.pages.get(id) ?? '') : '');
  const entry = (href: string, text: string, pageOf: string): Child => (
    <a href={`#${href}`}>
      <span>{text}</span>
      <span class="dots" aria-hidden="true"></span>
      <span class="page">{pageOf}</span>
    </a>
  );
  const placed = (kind: SectionContent['kind']): SectionContent[] => doc.sections.flatMap((s) => s.content.filter((c) => c.kind === kind));
  const tableIds = doc.sections.flatMap((s) => s.content.flatMap((c) => (c.kind === 'table' || c.kind === 'qualitative' ? [c.id] : [])));
  const titleOf = (id: string): string => {
    const printed = doc.tables.get(id);
    if (printed) return printed.title;
    const text = doc.textTables.get(id);
    if (text) return textIn(text.title, doc.lang);
    return doc.qualitative?.tables.find((q) => q.id === id)?.title ?? '';
  };
  return (
    <nav class="toc" aria-labelledby="toc-title">
      <h1 id="toc-title">{t('report.toc')}</h1>
      <ol>
        {doc.sections.map((s, i) =>
          s.level <= 2 ? (
            <li style={s.level === 2 ? 'padding-left:6mm' : 'font-weight:700'}>
              {entry(sectionId(s, i), heading(s, doc.lang), page(sectionId(s, i)))}
            </li>
          ) : null,
        )}
      </ol>
      <h2>{t('report.listTables')}</h2>
      <ol>
        {tableIds.map((id) => (
          <li>{entry(anchor.table(id), `${t('report.table')} ${id} ${titleOf(id)}`, page(anchor.table(id)))}</li>
        ))}
      </ol>
      <h2>{t('report.listFigures')}</h2>
      <ol>
        {placed('figure').map((c) => {
          const id = c.kind === 'figure' ? c.id : '';
          const printed = doc.figures.get(id);
          return (
            <li>{entry(anchor.figure(id), `${t('report.figure')} ${id} ${printed?.printed.title ?? ''}`, page(anchor.figure(id)))}</li>
          );
        })}
      </ol>
    </nav>
  );
}

function SectionView(props: { doc: ReportDocument; ctx: TableContext; section: Section; index: number }) {
  const { doc, ctx, section, index } = props;
  const id = sectionId(section, index);
  const text = heading(section, doc.lang);
  const Tag = (['h1', 'h2', 'h3', 'h4'] as const)[section.level - 1] ?? 'h4';
  const qual = section.number ? qualitativeOf(doc.qualitative, section.number) : null;
  return (
    <section aria-labelledby={id}>
      <Tag id={id} class={section.level === 1 ? 'chapter' : undefined}>
        {text}
      </Tag>
      {section.content.map((c) => (
        <ContentView doc={doc} ctx={ctx} content={c} />
      ))}
      {qual?.boxes.map((box) => (
        <aside class="box" aria-label={`${box.label} ${box.title}`}>
          <h4>{`${box.label} ${box.title}`}</h4>
          {box.items.map((item) => (
            <>
              {item.heading ? (
                <p>
                  <b>{item.heading}</b>
                </p>
              ) : null}
              <p>{item.text}</p>
            </>
          ))}
        </aside>
      ))}
      {qual && qual.quotes.length > 0
        ? qual.quotes.map((q) => {
            const text = doc.lang === 'nl' ? (q.textNl ?? q.text) : q.text;
            const lang = doc.lang === 'nl' && q.textNl ? 'nl' : q.language;
            return (
              <blockquote lang={lang}>
                <p>{`‘${text}’`}</p>
                <footer lang={doc.lang}>{q.attribution}</footer>
              </blockquote>
            );
          })
        : null}
    </section>
  );
}

const qualitativeOf = (content: QualitativeContent | null, number: string) => content?.sections.find((s) => s.section === number) ?? null;

function ContentView(props: { doc: ReportDocument; ctx: TableContext; content: SectionContent }) {
  const { doc, ctx, content } = props;
  const t = (key: Parameters<Catalog['t']>[1], values?: Record<string, string | number>) => ctx.catalog.t(doc.lang, key, values);
  switch (content.kind) {
    case 'table': {
      const text = doc.textTables.get(content.id);
      if (text) return <TextTableView ctx={ctx} table={text} />;
      const printed = doc.tables.get(content.id);
      if (!printed) return <Omitted id={content.id} what={`${t('report.table')} ${content.id}`} ctx={ctx} />;
      switch (printed.kind) {
        case 'frequency':
        case 'multiple':
        case 'topbox':
          return <FrequencyTable ctx={ctx} id={content.id} table={printed} comparison={doc.tableComparisons.get(content.id) ?? null} />;
        case 'regression':
          return <RegressionTable ctx={ctx} id={content.id} table={printed} notes={doc.regressionNotes.get(content.id) ?? []} />;
        case 'population':
          return <PopulationTable ctx={ctx} id={content.id} table={printed} />;
      }
      return null;
    }
    case 'figure': {
      const figure = doc.figures.get(content.id);
      if (!figure) return <Omitted id={content.id} what={`${t('report.figure')} ${content.id}`} ctx={ctx} figure />;
      return <FigureBlock ctx={ctx} id={content.id} figure={figure} comparison={doc.figureComparisons.get(content.id) ?? null} />;
    }
    case 'qualitative': {
      const table = doc.qualitative?.tables.find((q) => q.id === content.id);
      if (!table) return <Omitted id={content.id} what={`${t('report.table')} ${content.id}`} ctx={ctx} />;
      return <QualitativeTableView ctx={ctx} table={table} />;
    }
    case 'method':
      return <MethodNote doc={doc} ctx={ctx} method={content.method} />;
  }
}

/** A table or figure this wave cannot fill: its number stays, so the numbering matches the report. */
function Omitted(props: { id: string; what: string; ctx: TableContext; figure?: boolean }) {
  const { id, what, ctx } = props;
  return (
    <p class="omitted" id={props.figure ? anchor.figure(id) : anchor.table(id)}>
      {ctx.catalog.t(ctx.lang, 'report.omitted', { what })}
    </p>
  );
}
