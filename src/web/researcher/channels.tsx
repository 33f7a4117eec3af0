// The channel register at /onderzoek/kanalen: the municipal route's recruitment channels (kinds as in Table
// B.1) and, per channel, its link, QR code (SVG, PNG), flyer and group-session guide (HTML to print from the
// browser; PDF when the server has Chromium) and the WhatsApp message in five languages. No JavaScript needed;
// every post carries the CSRF token. Only the research team (admin, researcher) comes here.
import { Hono, type Context } from 'hono';
import { fieldworkDeps, type FieldworkDeps } from '../../fieldwork/deps.ts';
import { channelMessages, flyerDocument, guideDocument } from '../../fieldwork/channel-materials.tsx';
import { addChannel, type ChannelField } from '../../fieldwork/channels.ts';
import { channelLink } from '../../fieldwork/links.ts';
import { MaterialsFileError, type Materials } from '../../fieldwork/materials.ts';
import { openPrinter, PrinterUnavailable } from '../../fieldwork/pdf.ts';
import { embeddedFontCss } from '../../fieldwork/print-fonts.ts';
import { qrPng, qrSvg } from '../../fieldwork/qr.ts';
import { isLanguage } from '../../questionnaire/types.ts';
import { findChannel, listChannels } from '../../storage/channels.ts';
import { audit } from '../../storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../../study/load.ts';
import type { AppDeps } from '../context.ts';
import { fontFaceCss } from '../fonts.ts';
import { page } from '../layout.tsx';
import { langOf, sameToken, type ResearcherEnv } from './auth.ts';
import { ChannelPage, ChannelsPage, type ChannelForm } from './channels-views.tsx';

export function channelRoutes(deps: AppDeps): Hono<ResearcherEnv> {
  const app = new Hono<ResearcherEnv>();
  const { db, catalog } = deps;
  const fieldwork: FieldworkDeps = deps.fieldwork ?? fieldworkDeps(DEFAULT_STUDY_DIR, {});
  const settingsOf = (materials: Materials) => ({ materials, base: fieldwork.base, contactEmail: deps.contactEmail });

  const list = async (c: Context<ResearcherEnv>, form?: ChannelForm, errors: readonly ChannelField[] = [], taken = false) => {
    const view = (
      <ChannelsPage
        catalog={catalog}
        lang={langOf(c)}
        csrf={c.get('session').csrfToken}
        channels={(await listChannels(db)).map((ch) => ({ ...ch, link: channelLink(fieldwork.base, ch.slug) }))}
        base={fieldwork.base}
        form={form}
        errors={errors}
        taken={taken}
      />
    );
    return c.html(await page(view), errors.length > 0 ? 422 : 200);
  };

  app.get('/', (c) => list(c));

  app.post('/', async (c) => {
    const body = await c.req.parseBody();
    const session = c.get('session');
    if (!sameToken(body['_csrf'], session.csrfToken)) return c.text(catalog.t(langOf(c), 'r.csrf'), 403);
    const field = (name: string) => (typeof body[name] === 'string' ? body[name] : '');
    const form: ChannelForm = { name: field('name'), kind: field('kind'), municipality: field('municipality'), slug: field('slug') };
    const result = await addChannel(db, { ...form, createdBy: session.user.id });
    if (!result.ok) {
      const taken = result.problems.some((p) => p.field === 'slug' && p.message.endsWith('is already registered'));
      return list(
        c,
        form,
        result.problems.map((p) => p.field),
        taken,
      );
    }
    await audit(db, { userId: session.user.id, action: 'channel-added', detail: { slug: result.channel.slug } });
    return c.redirect(`/onderzoek/kanalen/${result.channel.slug}`, 303);
  });

  const channelOf = (c: Context<ResearcherEnv>) => findChannel(db, c.req.param('slug') ?? '');
  /** The materials, or a 500 page naming what is wrong with materials.json. */
  const materialsOr500 = (c: Context<ResearcherEnv>): Materials | Response =>
    fieldwork.materials instanceof MaterialsFileError
      ? c.text(`${catalog.t(langOf(c), 'r.channels.materialsBroken')}\n\n${fieldwork.materials.message}`, 500)
      : fieldwork.materials;

  app.get('/:slug', async (c) => {
    const channel = await channelOf(c);
    if (!channel) return c.notFound();
    const materials = materialsOr500(c);
    if (materials instanceof Response) return materials;
    const view = (
      <ChannelPage
        catalog={catalog}
        lang={langOf(c)}
        channel={channel}
        link={channelLink(fieldwork.base, channel.slug)}
        base={fieldwork.base}
        messages={channelMessages(channel, settingsOf(materials))}
      />
    );
    return c.html(await page(view));
  });

  app.get('/:slug/qr.svg', async (c) => {
    const channel = await channelOf(c);
    if (!channel) return c.notFound();
    const link = channelLink(fieldwork.base, channel.slug);
    c.header('Content-Type', 'image/svg+xml; charset=utf-8');
    c.header('Content-Disposition', `inline; filename="qr-${channel.slug}.svg"`);
    return c.body(qrSvg(link, { title: link }));
  });

  app.get('/:slug/qr.png', async (c) => {
    const channel = await channelOf(c);
    if (!channel) return c.notFound();
    c.header('Content-Type', 'image/png');
    c.header('Content-Disposition', `attachment; filename="qr-${channel.slug}.png"`);
    return c.body(new Uint8Array(await qrPng(channelLink(fieldwork.base, channel.slug))));
  });

  // The flyer and the guide: HTML with the app's own fonts (printable from any browser), or PDF by Chromium.
  for (const doc of ['flyer', 'gids'] as const) {
    for (const format of ['html', 'pdf'] as const) {
      app.get(`/:slug/${doc}.${format}`, async (c) => {
        const channel = await channelOf(c);
        if (!channel) return c.notFound();
        const materials = materialsOr500(c);
        if (materials instanceof Response) return materials;
        const taal = c.req.query('taal');
        const lang = isLanguage(taal) ? taal : 'nl';
        const fontCss = format === 'pdf' ? embeddedFontCss() : fontFaceCss('ar') + fontFaceCss('ti');
        const settings = { ...settingsOf(materials), fontCss };
        const html = doc === 'flyer' ? await flyerDocument(channel, settings) : await guideDocument(channel, lang, settings);
        if (format === 'html') return c.html(html);
        let printer;
        try {
          printer = await openPrinter(fieldwork.chromium);
        } catch (error) {
          if (error instanceof PrinterUnavailable)
            return c.text(`${catalog.t(langOf(c), 'r.channels.noChromium')}\n\n${error.message}`, 503);
          throw error;
        }
        try {
          const pdf = await printer.pdf(html);
          c.header('Content-Type', 'application/pdf');
          c.header('Content-Disposition', `attachment; filename="${doc}-${channel.slug}${doc === 'gids' ? `-${lang}` : ''}.pdf"`);
          return c.body(new Uint8Array(pdf));
        } finally {
          await printer.close();
        }
      });
    }
  }

  return app;
}
