// The researcher workspace's page for an address it does not have: a page of the workspace (its language,
// a way back), not a bare line of text.
import type { Context } from 'hono';
import type { Catalog } from '../../i18n/catalog.ts';
import { Layout, page } from '../layout.tsx';
import { langOf } from './auth.ts';

export async function researcherNotFound(c: Context, catalog: Catalog): Promise<Response> {
  const lang = langOf(c);
  const t = catalog.t.bind(catalog, lang);
  const view = (
    <Layout lang={lang} title={`${t('r.notFound')} · ${t('r.title')}`}>
      <h1>{t('r.notFound')}</h1>
      <p>
        <a href="/onderzoek">{t('r.title')}</a>
      </p>
    </Layout>
  );
  return c.html(await page(view), 404);
}
