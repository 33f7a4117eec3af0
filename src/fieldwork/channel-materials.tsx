// What a partner gets for a recruitment channel: its link, the QR code of that link (SVG and PNG), an A4 flyer
// and a WhatsApp/text message in the five languages, and a printable guide for a group session. The documents
// are HTML; Chromium prints them to PDF (pdf.ts). Fonts are passed in: embedded for PDFs, the app's served
// fonts for the HTML pages (the pages' CSP allows fonts only from the app itself).
import { raw } from 'hono/html';
import { LANGUAGES, type Language } from '../questionnaire/types.ts';
import type { Channel } from '../storage/channels.ts';
import { channelLink, type PublicBase } from './links.ts';
import { fill, type Materials } from './materials.ts';
import { basePrintCss, Filled, langAttributes, markupOf } from './print-text.tsx';
import { qrSvg } from './qr.ts';

export interface ChannelMaterialSettings {
  readonly materials: Materials;
  readonly base: PublicBase;
  readonly contactEmail: string;
  /** @font-face rules for the document (print-fonts.ts for PDFs). */
  readonly fontCss: string;
}

/** The WhatsApp/text message with the channel's link, per language (plain text, ready to paste). */
export function channelMessages(channel: Channel, settings: Omit<ChannelMaterialSettings, 'fontCss'>): Record<Language, string> {
  const link = channelLink(settings.base, channel.slug);
  return Object.fromEntries(LANGUAGES.map((lang) => [lang, fill(settings.materials.message, lang, { link })])) as Record<Language, string>;
}

/** The link as people type it from paper (no scheme). */
const typedLink = (base: PublicBase, slug: string): string => channelLink(base, slug).replace(/^https?:\/\//, '');

const FLYER_CSS = `
.sheet{padding:16mm 18mm 12mm;font-size:10.5pt;line-height:1.38;display:flex;flex-direction:column}
.titles{margin:0 0 6mm}
.titles p{margin:0 0 1mm;font-size:13pt;font-weight:700}
.titles p:first-child{font-size:21pt}
.qrrow{display:flex;gap:8mm;align-items:center;margin:0 0 7mm}
.qrrow svg.qr{width:66mm;height:66mm;flex:none}
.scan p{margin:0 0 1mm}
.link{font-size:14pt;font-weight:700;direction:ltr;unicode-bidi:isolate;word-break:break-all;margin-top:3mm!important}
.block{margin:0 0 3.5mm}
.foot{margin-top:auto;font-size:9pt;border-top:.3mm solid #000;padding-top:2mm}
.foot p{margin:0}
`;

const documentShell = async (title: string, lang: Language, css: string, body: unknown): Promise<string> => {
  const doc = (
    <html lang={lang} dir={langAttributes(lang).dir}>
      <head>
        <meta charset="utf-8" />
        <title>{title}</title>
        {/* Raw: constant CSS and font rules of our own. */}
        <style>{raw(css)}</style>
      </head>
      <body>{body}</body>
    </html>
  );
  return `<!doctype html>${await markupOf(doc)}`;
};

/** The A4 flyer of a channel: titles, QR code and link, the short explanation in five languages. */
export async function flyerDocument(channel: Channel, settings: ChannelMaterialSettings): Promise<string> {
  const { materials, base } = settings;
  const link = channelLink(base, channel.slug);
  const body = (
    <article class="sheet">
      <div class="titles">
        {LANGUAGES.map((lang) => (
          <p {...langAttributes(lang)}>{materials.flyer.title[lang].text}</p>
        ))}
      </div>
      <div class="qrrow">
        {/* Raw: an SVG made by qr.ts from the link (base URL and a checked channel name). */}
        {raw(qrSvg(link))}
        <div class="scan">
          {LANGUAGES.map((lang) => (
            <p {...langAttributes(lang)}>{materials.flyer.scan[lang].text}</p>
          ))}
          <p class="link">{typedLink(base, channel.slug)}</p>
        </div>
      </div>
      {LANGUAGES.map((lang) => (
        <section class="block" {...langAttributes(lang)}>
          {materials.flyer.paragraphs.map((p) => (
            <p style="margin:0">
              <Filled text={p} lang={lang} values={{ site: base.site, partner: channel.name }} />
            </p>
          ))}
        </section>
      ))}
      <div class="foot">
        <p>
          <Filled text={materials.flyer.by} lang="nl" values={{ partner: channel.name }} /> ·{' '}
          <Filled text={materials.contact} lang="nl" values={{ email: settings.contactEmail }} />
        </p>
      </div>
    </article>
  );
  return documentShell(materials.flyer.title.nl.text, 'nl', basePrintCss(settings.fontCss) + FLYER_CSS, body);
}

const GUIDE_CSS = `
.sheet{padding:15mm 18mm 12mm;font-size:10pt;line-height:1.4;height:auto;min-height:297mm;overflow:visible}
h1{font-size:16pt;margin:0 0 3mm}
h2{font-size:11.5pt;margin:4mm 0 1.5mm}
ol{margin:0;padding-inline-start:6mm}
li{margin:0 0 1mm}
.qrrow{display:flex;gap:6mm;align-items:center;border:.4mm solid #000;border-radius:2mm;padding:3mm;margin:4mm 0;break-inside:avoid}
.qrrow svg.qr{width:38mm;height:38mm;flex:none}
.link{font-size:12pt;font-weight:700;direction:ltr;unicode-bidi:isolate;word-break:break-all}
.participants{display:grid;grid-template-columns:1fr 1fr;gap:3mm 6mm;margin-top:2mm;break-inside:avoid}
.participants section{border:.3mm solid #777;border-radius:2mm;padding:2mm 3mm;font-size:9pt;break-inside:avoid}
.participants h3{font-size:9.5pt;margin:0 0 1mm}
`;

/** The group-session guide for a channel, in the facilitator's language, with a box for participants in all five. */
export async function guideDocument(channel: Channel, lang: Language, settings: ChannelMaterialSettings): Promise<string> {
  const { materials, base } = settings;
  const guide = materials.guide;
  const link = channelLink(base, channel.slug);
  const values = { link: typedLink(base, channel.slug), site: base.site, partner: channel.name, email: settings.contactEmail };
  const body = (
    <article class="sheet" {...langAttributes(lang)}>
      <h1>{guide.title[lang].text}</h1>
      <p>
        <Filled text={guide.intro} lang={lang} values={values} />
      </p>
      <div class="qrrow">
        {/* Raw: an SVG made by qr.ts from the link (base URL and a checked channel name). */}
        {raw(qrSvg(link))}
        <p class="link">{typedLink(base, channel.slug)}</p>
      </div>
      {guide.sections.map((section) => (
        <>
          <h2>{section.heading[lang].text}</h2>
          <ol>
            {section.steps.map((step) => (
              <li>
                <Filled text={step} lang={lang} values={values} />
              </li>
            ))}
          </ol>
        </>
      ))}
      <h2>{guide.participants.heading[lang].text}</h2>
      <div class="participants">
        {LANGUAGES.map((l) => (
          <section {...langAttributes(l)}>
            <h3>{guide.participants.heading[l].text}</h3>
            <ol>
              {guide.participants.steps.map((step) => (
                <li>
                  <Filled text={step} lang={l} values={values} />
                </li>
              ))}
            </ol>
          </section>
        ))}
      </div>
    </article>
  );
  return documentShell(guide.title[lang].text, lang, basePrintCss(settings.fontCss) + GUIDE_CSS, body);
}
