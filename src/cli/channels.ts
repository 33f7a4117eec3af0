// `perspectief channels add|list|materials`: the municipal route's register of recruitment channels (kinds as in
// Table B.1), each with its link, QR code, flyer, WhatsApp message and group-session guide.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeChannelMaterials } from '../fieldwork/channel-files.ts';
import { addChannel } from '../fieldwork/channels.ts';
import { OutputFileError } from '../fieldwork/files.ts';
import { BaseUrlError, channelLink, LOCALHOST_WARNING, publicBase, type PublicBase } from '../fieldwork/links.ts';
import { loadMaterials, MaterialsFileError, type Materials } from '../fieldwork/materials.ts';
import { assertChromium, chromiumPath, openPrinter, PrinterUnavailable } from '../fieldwork/pdf.ts';
import { isLanguage } from '../questionnaire/types.ts';
import { findChannel, listChannels } from '../storage/channels.ts';
import { audit } from '../storage/users.ts';
import { DEFAULT_STUDY_DIR } from '../study/load.ts';
import { CliError, UsageError, type CliIO, type Command } from './command.ts';
import { openSystem } from './system.ts';

const HELP = `Usage: perspectief channels add --name NAME --kind KIND --municipality PLACE [--slug NAME]
       perspectief channels list [--json]
       perspectief channels materials NAME --out DIR [--lang nl|en|ar|tr|ti] [--force]

add        registers a recruitment channel of the municipal route and prints its link. KIND is one of
           municipality, language-school, contact-person, advisory-council, information-meeting,
           social-organisation (the columns of the report's Table B.1). --slug is the channel's name in
           the link and on responses (lower-case letters, digits, dashes; not demo-* or sessie-*); by
           default it is made from NAME and PLACE.
list       prints every channel with its link (--json: as JSON).
materials  writes a channel's materials to DIR: qr.svg and qr.png (the link's QR code), flyer.pdf (A4,
           five languages), guide.pdf (guide for a group session, in --lang, default nl) and messages.txt
           (the WhatsApp/text message in five languages). Existing files are refused unless --force.

Responses that arrive by a channel's link carry its name in their "channel" column.

Environment: PERSPECTIEF_BASE_URL is the address in the links (unset: http://localhost:3000, with a
warning); PERSPECTIEF_CONTACT the contact address; PERSPECTIEF_CHROMIUM the Chromium that prints the PDFs
(default /usr/bin/chromium, Debian's package "chromium"). The texts are the study folder's materials.json.
`;

export const channelsCommand: Command = {
  help: HELP,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub !== 'add' && sub !== 'list' && sub !== 'materials')
      throw new UsageError(`expected "add", "list" or "materials"${sub ? `, not "${sub}"` : ''}`);
    const { values, positionals } = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        kind: { type: 'string' },
        municipality: { type: 'string' },
        slug: { type: 'string' },
        json: { type: 'boolean', default: false },
        out: { type: 'string' },
        lang: { type: 'string' },
        force: { type: 'boolean', default: false },
      },
      allowPositionals: sub === 'materials',
      strict: true,
    });
    let base: PublicBase;
    try {
      base = publicBase(io.env);
    } catch (error) {
      if (error instanceof BaseUrlError) throw new CliError(error.message);
      throw error;
    }
    switch (sub) {
      case 'add':
        if (values.name === undefined || values.kind === undefined || values.municipality === undefined)
          throw new UsageError('--name, --kind and --municipality are required');
        return add(io, base, { name: values.name, kind: values.kind, municipality: values.municipality, slug: values.slug });
      case 'list':
        return list(io, base, values.json);
      case 'materials': {
        const [slug, ...extra] = positionals;
        if (slug === undefined || extra.length > 0) throw new UsageError('give one channel name: channels materials NAME --out DIR');
        if (!values.out) throw new UsageError('--out DIR is required');
        const lang = values.lang ?? 'nl';
        if (!isLanguage(lang)) throw new UsageError(`--lang must be one of nl, en, ar, tr, ti, not "${lang}"`);
        return materials(io, base, { slug, out: values.out, lang, force: values.force });
      }
    }
  },
};

async function add(io: CliIO, base: PublicBase, input: { name: string; kind: string; municipality: string; slug: string | undefined }) {
  const { database } = await openSystem(io);
  try {
    const result = await addChannel(database.db, { ...input, createdBy: null });
    if (!result.ok) throw new CliError(result.problems.map((p) => p.message).join('\n'));
    await audit(database.db, { userId: null, action: 'channel-added', detail: { slug: result.channel.slug } });
    if (!base.configured) io.stderr(`${LOCALHOST_WARNING}\n`);
    io.stdout(`${result.channel.slug}\t${channelLink(base, result.channel.slug)}\n`);
    return 0;
  } finally {
    await database.close();
  }
}

async function list(io: CliIO, base: PublicBase, json: boolean) {
  const { database } = await openSystem(io);
  try {
    const channels = (await listChannels(database.db)).map((c) => ({ ...c, link: channelLink(base, c.slug) }));
    if (json) {
      io.stdout(
        `${JSON.stringify(
          channels.map(({ id: _id, createdAt, ...c }) => ({ ...c, createdAt: createdAt.toISOString() })),
          null,
          2,
        )}\n`,
      );
    } else if (channels.length === 0) {
      io.stdout('no channels registered yet; add one with "perspectief channels add"\n');
    } else {
      for (const c of channels) io.stdout(`${c.slug}\t${c.kind}\t${c.municipality}\t${c.name}\t${c.link}\n`);
    }
    return 0;
  } finally {
    await database.close();
  }
}

async function materials(
  io: CliIO,
  base: PublicBase,
  input: { slug: string; out: string; lang: 'nl' | 'en' | 'ar' | 'tr' | 'ti'; force: boolean },
) {
  let texts: Materials;
  try {
    texts = loadMaterials(io.env['PERSPECTIEF_STUDY_DIR'] || DEFAULT_STUDY_DIR);
  } catch (error) {
    if (error instanceof MaterialsFileError) throw new CliError(`the material texts are not valid:\n${error.message}`);
    throw error;
  }
  const chromium = chromiumPath(io.env);
  try {
    assertChromium(chromium);
  } catch (error) {
    if (error instanceof PrinterUnavailable) throw new CliError(error.message);
    throw error;
  }
  const { database } = await openSystem(io);
  try {
    const channel = await findChannel(database.db, input.slug);
    if (!channel) throw new CliError(`no channel "${input.slug}"; "perspectief channels list" shows the registered ones`);
    if (!base.configured) io.stderr(`${LOCALHOST_WARNING}\n`);
    const outDir = resolve(io.cwd, input.out);
    mkdirSync(outDir, { recursive: true });
    const printer = await openPrinter(chromium).catch((error: unknown) => {
      throw error instanceof PrinterUnavailable ? new CliError(error.message) : error;
    });
    try {
      const files = await writeChannelMaterials(
        channel,
        { materials: texts, base, contactEmail: io.env['PERSPECTIEF_CONTACT'] || 'perspectief@example.org' },
        { outDir, force: input.force, guideLanguage: input.lang, printer },
      );
      io.stderr(`wrote ${files.length} files for channel ${channel.slug} to ${outDir}\n`);
    } catch (error) {
      if (error instanceof OutputFileError) throw new CliError(error.message);
      throw error;
    } finally {
      await printer.close();
    }
    return 0;
  } finally {
    await database.close();
  }
}
