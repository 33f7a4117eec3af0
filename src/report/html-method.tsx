// The generated method notes of appendix B.1: how the tables are weighted (design effect and effective N per
// group) or that they are not, the scales' reliability, and how the waves are compared.
import type { Catalog } from '../i18n/catalog.ts';
import type { ReportDocument } from './document-model.ts';
import type { TableContext } from './html-tables.tsx';
import { formatCount, formatDecimal } from './tables-json.ts';

export function MethodNote(props: { doc: ReportDocument; ctx: TableContext; method: 'weighting' | 'reliability' | 'waves' }) {
  const { doc, ctx, method } = props;
  const t = (key: Parameters<Catalog['t']>[1], values?: Record<string, string | number>) => ctx.catalog.t(doc.lang, key, values);
  switch (method) {
    case 'weighting': {
      const w = doc.weighting;
      return (
        <div class="block" id="methode-weging">
          <h4>{t('report.method.weighting')}</h4>
          {w === null ? (
            <p>{t('report.method.unweightedText')}</p>
          ) : (
            <>
              <p>{t('report.method.weightingText')}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('report.method.group')}</th>
                    <th scope="col">{t('report.method.n')}</th>
                    <th scope="col">{t('report.method.effectiveN')}</th>
                    <th scope="col">{t('report.method.deff')}</th>
                    <th scope="col">{t('report.method.converged')}</th>
                  </tr>
                </thead>
                <tbody>
                  {w.groups.map((g) => (
                    <tr>
                      <th scope="row">{g.label}</th>
                      <td>{formatCount(g.n, doc.lang)}</td>
                      <td>{formatCount(Math.round(g.effectiveN), doc.lang)}</td>
                      <td>{formatDecimal(g.designEffect, 2, doc.lang)}</td>
                      <td>{t(g.converged ? 'report.yes' : 'report.no')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {w.notes.length > 0 ? (
                <ul class="notes">
                  {w.notes.map((n) => (
                    <li>{n}</li>
                  ))}
                </ul>
              ) : null}
            </>
          )}
        </div>
      );
    }
    case 'reliability':
      return (
        <div class="block" id="methode-betrouwbaarheid">
          <h4>{t('report.method.reliability')}</h4>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('report.method.scale')}</th>
                <th scope="col">{t('report.method.items')}</th>
                <th scope="col">{t('report.method.alpha')}</th>
                <th scope="col">N</th>
              </tr>
            </thead>
            <tbody>
              {doc.reliability.map((r) => (
                <tr>
                  <th scope="row">{r.label}</th>
                  <td>{r.items.join(', ')}</td>
                  <td>{formatDecimal(r.alpha, 2, doc.lang)}</td>
                  <td>{formatCount(r.N, doc.lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    case 'waves':
      return (
        <div class="block" id="methode-metingen">
          <h4>{t('report.method.waves')}</h4>
          <p>
            {doc.earlier === null
              ? t('report.method.noEarlier')
              : t('report.method.wavesText', {
                  earlier: doc.earlier,
                  current: doc.wave,
                  raoScott: doc.weighted ? t('report.method.raoScott') : '',
                })}
          </p>
        </div>
      );
  }
}
