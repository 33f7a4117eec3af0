// Pieces shared by the printed documents (letters, flyers, guide): a material text with its placeholders filled
// in as left-to-right isolates (an address inside an Arabic sentence must not be reordered), the language
// attributes of a block, and the page CSS every document starts from.
import type { Language } from '../questionnaire/types.ts';
import { directionOf } from '../i18n/catalog.ts';
import type { MaterialText, Placeholder } from './materials.ts';
import { PRINT_FONT_FAMILY, PRINT_FONT_FAMILY_ARABIC } from './print-fonts.ts';

/** A material text in one language; placeholder values (links, addresses) set apart as `<bdi dir="ltr">`. */
export function Filled({ text, lang, values = {} }: { text: MaterialText; lang: Language; values?: Partial<Record<Placeholder, string>> }) {
  const parts = text[lang].text.split(/\{(site|link|email|partner)\}/);
  return (
    <>
      {parts.map((part, i) => {
        if (i % 2 === 0) return part;
        const value = values[part as Placeholder];
        if (value === undefined) throw new Error(`no value for {${part}}`); // a caller's mistake: the loader checked the file
        return part === 'partner' ? <bdi>{value}</bdi> : <bdi dir="ltr">{value}</bdi>;
      })}
    </>
  );
}

/** lang and dir of a block in `lang`. */
export const langAttributes = (lang: Language) => ({ lang, dir: directionOf(lang) });

/** A4 pages without printer margins (each sheet sets its own), the print fonts, Arabic blocks in the Arabic face first. */
export const basePrintCss = (fontCss: string): string => `${fontCss}
@page{size:A4;margin:0}
html,body{margin:0;padding:0}
body{font-family:${PRINT_FONT_FAMILY};color:#000;-webkit-print-color-adjust:exact;print-color-adjust:exact}
[lang=ar]{font-family:${PRINT_FONT_FAMILY_ARABIC}}
.sheet{width:210mm;height:297mm;box-sizing:border-box;overflow:hidden;position:relative;break-after:page}
.sheet:last-child{break-after:auto}
svg.qr{display:block}
.code{direction:ltr;unicode-bidi:isolate;font-weight:700;letter-spacing:.12em;white-space:nowrap}
`;

/** The markup of a hono/jsx node: its `toString()` is a promise when an async component is inside (JSX.Element's type does not say so). */
export const markupOf = async (node: { toString(): string | Promise<string> }): Promise<string> => node.toString();
