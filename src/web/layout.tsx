// The HTML shell of every page: language and direction, the inlined stylesheet, a main landmark.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Language } from '../questionnaire/types.ts';
import { directionOf } from '../i18n/catalog.ts';
import { fontCss, languageNamesFontCss } from './fonts.ts';
import { CSS } from './style.ts';

export interface LayoutProps {
  readonly lang: Language;
  readonly title: string;
  readonly children?: Child;
  readonly footer?: Child;
  /** A script of the app's own (progressive enhancement), loaded deferred. */
  readonly script?: string;
  /** The page lists the languages by their native names (`.langs`): declare the tiny fonts of those names. */
  readonly languageNames?: boolean;
}

export function Layout({ lang, title, children, footer, script, languageNames = false }: LayoutProps) {
  return (
    <html lang={lang} dir={directionOf(lang)}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <title>{title}</title>
        {/* Raw: a constant stylesheet written here, never user input. */}
        <style>{raw(CSS + fontCss(lang) + (languageNames ? languageNamesFontCss(lang) : ''))}</style>
        {script ? <script src={script} defer /> : null}
      </head>
      <body>
        <main id="main">{children}</main>
        {footer ? <footer>{footer}</footer> : null}
      </body>
    </html>
  );
}

/** Serialises a page with its doctype (hono/jsx does not emit one). */
export const page = async (element: { toString(): string | Promise<string> }): Promise<string> =>
  `<!doctype html>${await element.toString()}`;
