// The letters of the DUO route as HTML for Chromium to print: one A4 sheet per code, with the study's
// explanation in the five languages, the code in large print, a QR code of the link with the code, the
// privacy statement and the contact address. Besides the whole letter (letterDocument), the same sheet comes
// in two layers laid out by the same CSS: the body every letter shares (letterBodyDocument, printed once) and
// per code only what differs (letterStampsDocument: QR code, code, address), so a mailing of 64,594 letters
// does not lay out the same five-language text 64,594 times (letters.ts puts the layers together).
import { raw } from 'hono/html';
import { LANGUAGES } from '../questionnaire/types.ts';
import type { LetterTexts, Materials } from './materials.ts';
import { basePrintCss, Filled, langAttributes, markupOf } from './print-text.tsx';
import { embeddedFontCss } from './print-fonts.ts';
import { invitationLink, printedCode, type PublicBase } from './links.ts';
import { qrSvg } from './qr.ts';

export type LetterKind = 'letter' | 'reminder';

export interface LetterRecipient {
  readonly code: string;
  readonly address?: string | undefined;
}

export interface LetterSettings {
  readonly materials: Materials;
  readonly kind: LetterKind;
  readonly base: PublicBase;
  readonly contactEmail: string;
}

// The top 64 mm: sender and the code box on the left, the address window of a right-window envelope on the
// right (empty when the codes file has no addresses), so both kinds of run share one layout.
const LETTER_CSS = `
.sheet{padding:12mm 17mm 10mm;font-size:8.4pt;line-height:1.33}
.top{height:62mm}
.left{width:88mm}
.sender{font-weight:700;font-size:9.5pt;margin:0 0 2mm}
.address{position:absolute;left:110mm;top:45mm;width:85mm;height:30mm;font-size:10pt;line-height:1.3;white-space:pre-line;overflow:hidden}
.codebox{border:.5mm solid #000;border-radius:2.5mm;padding:2.5mm 3.5mm 1.5mm}
.codebox .row{display:flex;gap:4mm;align-items:center}
.codebox .qrbox{width:31mm;height:31mm;flex:none}
.codebox svg.qr{width:31mm;height:31mm}
.labels{margin:0;font-size:9pt;line-height:1.4}
.labels span{display:block;text-align:left}
.site{margin:1.5mm 0 0;font-size:9pt;direction:ltr;unicode-bidi:isolate}
.code{font-size:21pt;margin:1mm 0 0;text-align:center}
.block{margin:0 0 2.2mm;break-inside:avoid}
.block h2{font-size:9.2pt;margin:0 0 .5mm}
.block p{margin:0 0 .6mm}
`;

const labelsOf = async (settings: LetterSettings): Promise<string> => (await sharedParts(settings)).head;

/** The parts of a letter that are the same for every code of a run (rendered once per batch). */
async function sharedParts(settings: LetterSettings): Promise<{ head: string; blocks: string }> {
  const { materials, base, contactEmail } = settings;
  const texts: LetterTexts = settings.kind === 'letter' ? materials.letter : materials.reminder;
  const head = (
    <p class="labels">
      {LANGUAGES.map((lang) => (
        <span {...langAttributes(lang)}>{materials.codeLabel[lang].text}</span>
      ))}
    </p>
  );
  const blocks = (
    <>
      {LANGUAGES.map((lang) => (
        <section class="block" {...langAttributes(lang)}>
          <h2>{texts.title[lang].text}</h2>
          {texts.paragraphs.map((p) => (
            <p>
              <Filled text={p} lang={lang} values={{ site: base.site }} />
            </p>
          ))}
          <p>
            {materials.privacy[lang].text} <Filled text={materials.contact} lang={lang} values={{ email: contactEmail }} />
          </p>
        </section>
      ))}
    </>
  );
  return { head: await markupOf(head), blocks: await markupOf(blocks) };
}

/** Which parts of a sheet to paint: all, only the shared body, or only what differs per code. */
type Layer = 'all' | 'body' | 'stamp';

const LAYER_CSS: Record<Layer, string> = {
  all: '',
  // The per-code parts keep their place (visibility, not display) but are not painted.
  body: '.variable{visibility:hidden}',
  // Only the top 62 mm is laid out; the shared parts in it keep their place but are not painted.
  stamp: '.shared{visibility:hidden}.codebox{border-color:transparent}',
};

async function sheetsDocument(recipients: readonly (LetterRecipient | null)[], settings: LetterSettings, layer: Layer): Promise<string> {
  const { head, blocks } = layer === 'stamp' ? { head: await labelsOf(settings), blocks: '' } : await sharedParts(settings);
  const sender = settings.materials.sender.nl.text;
  const sheets = recipients.map((r) => {
    const link = r ? invitationLink(settings.base, r.code) : '';
    return (
      <article class="sheet">
        <header class="top">
          <div class="left">
            <p class="sender shared">{sender}</p>
            <div class="codebox">
              <div class="row">
                <div class="qrbox variable">
                  {/* Raw: an SVG made by qr.ts from the link, which holds only the base URL and a code of [A-Z0-9]. */}
                  {r ? raw(qrSvg(link)) : null}
                </div>
                <div class="shared">
                  {/* Raw: rendered (and escaped) by sharedParts above. */}
                  {raw(head)}
                  <p class="site">{settings.base.site}</p>
                </div>
              </div>
              <p class="code variable">{r ? printedCode(r.code) : '\u00a0'}</p>
            </div>
          </div>
          {r?.address ? <div class="address variable">{r.address}</div> : null}
        </header>
        {layer === 'stamp' ? null : raw(blocks)}
      </article>
    );
  });
  const document = (
    <html lang="nl">
      <head>
        <meta charset="utf-8" />
        <title>{settings.materials[settings.kind].title.nl.text}</title>
        {/* Raw: constant CSS and font files of our own. */}
        <style>{raw(basePrintCss(embeddedFontCss()) + LETTER_CSS + LAYER_CSS[layer])}</style>
      </head>
      <body>{sheets}</body>
    </html>
  );
  return `<!doctype html>${await markupOf(document)}`;
}

/** The whole HTML document for a batch of letters, one sheet each, in the order given. */
export const letterDocument = (recipients: readonly LetterRecipient[], settings: LetterSettings): Promise<string> =>
  sheetsDocument(recipients, settings, 'all');

/** One sheet with everything every letter shares and room for the per-code parts. */
export const letterBodyDocument = (settings: LetterSettings): Promise<string> => sheetsDocument([null], settings, 'body');

/** One sheet per code with only its QR code, code and address, where letterBodyDocument leaves room for them. */
export const letterStampsDocument = (recipients: readonly LetterRecipient[], settings: LetterSettings): Promise<string> =>
  sheetsDocument(recipients, settings, 'stamp');
