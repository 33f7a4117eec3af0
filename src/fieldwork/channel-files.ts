// A channel's materials as files for a partner: qr.svg, qr.png, flyer.pdf, guide.pdf and messages.txt (the
// WhatsApp text in five languages), written atomically into one folder, refusing earlier files unless forced.
import { join } from 'node:path';
import { LANGUAGE_NAMES } from '../i18n/catalog.ts';
import { LANGUAGES, type Language } from '../questionnaire/types.ts';
import type { Channel } from '../storage/channels.ts';
import { channelMessages, flyerDocument, guideDocument, type ChannelMaterialSettings } from './channel-materials.tsx';
import { assertWritable, writeFileAtomic } from './files.ts';
import { channelLink } from './links.ts';
import type { Printer } from './pdf.ts';
import { embeddedFontCss } from './print-fonts.ts';
import { qrPng, qrSvg } from './qr.ts';

export const CHANNEL_FILES = ['qr.svg', 'qr.png', 'flyer.pdf', 'guide.pdf', 'messages.txt'] as const;

/** The messages as one text file: each language's name, then its message. */
export function messagesText(channel: Channel, settings: Omit<ChannelMaterialSettings, 'fontCss'>): string {
  const messages = channelMessages(channel, settings);
  return LANGUAGES.map((lang) => `${LANGUAGE_NAMES[lang]}\n${messages[lang]}\n`).join('\n');
}

export async function writeChannelMaterials(
  channel: Channel,
  settings: Omit<ChannelMaterialSettings, 'fontCss'>,
  run: { outDir: string; force: boolean; guideLanguage: Language; printer: Printer },
): Promise<string[]> {
  const paths = CHANNEL_FILES.map((f) => join(run.outDir, f));
  for (const path of paths) assertWritable(path, run.force);
  const link = channelLink(settings.base, channel.slug);
  const full = { ...settings, fontCss: embeddedFontCss() };
  writeFileAtomic(join(run.outDir, 'qr.svg'), `<?xml version="1.0" encoding="UTF-8"?>\n${qrSvg(link, { title: link })}\n`);
  writeFileAtomic(join(run.outDir, 'qr.png'), await qrPng(link));
  await run.printer.printTo(await flyerDocument(channel, full), join(run.outDir, 'flyer.pdf'));
  await run.printer.printTo(await guideDocument(channel, run.guideLanguage, full), join(run.outDir, 'guide.pdf'));
  writeFileAtomic(join(run.outDir, 'messages.txt'), messagesText(channel, settings));
  return paths;
}
