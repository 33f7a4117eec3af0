// REFI-QDA codebook exchange (.qdc, urn:QDA-XML:codebook:1.0), so ATLAS.ti, NVivo and MAXQDA users can
// move the codebook. Codes nest as in the hierarchy; report sections and survey items travel as Sets named
// "Rapport 4.4" and "Vragenlijst Q4.19" (the standard has no field for them). Export then import gives the
// same codebook, and exporting it again gives the same file.
import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import type { Db } from '../storage/db.ts';
import { qualCodes } from '../storage/schema.ts';
import { listCodes, parseCode, treeOrder, type Code } from './codebook.ts';
import { QdcError, QualInputError } from './errors.ts';

const NS = 'urn:QDA-XML:codebook:1.0';
const SECTION_SET = 'Rapport ';
const ITEM_SET = 'Vragenlijst ';

const esc = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');

/** A stable GUID for a set, so the same codebook always exports the same file. */
function setGuid(name: string): string {
  const h = createHash('sha1').update(`perspectief-set:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

type ExportCode = Pick<Code, 'id' | 'guid' | 'parentId' | 'name' | 'description' | 'color' | 'sections' | 'surveyItems'>;

export function codebookToQdc(codes: readonly ExportCode[]): string {
  const ordered = treeOrder(codes);
  const lines: string[] = ['<?xml version="1.0" encoding="utf-8"?>', `<CodeBook xmlns="${NS}" origin="Perspectief">`, '  <Codes>'];
  ordered.forEach((c, i) => {
    const pad = '  '.repeat(c.depth + 2);
    const color = c.color ? ` color="${esc(c.color.toUpperCase())}"` : '';
    const hasChildren = ordered[i + 1]?.depth === c.depth + 1;
    const open = `${pad}<Code guid="${c.guid}" name="${esc(c.name)}" isCodable="true"${color}`;
    if (!c.description && !hasChildren) lines.push(`${open}/>`);
    else {
      lines.push(`${open}>`);
      if (c.description) lines.push(`${pad}  <Description>${esc(c.description)}</Description>`);
      if (!hasChildren) lines.push(`${pad}</Code>`);
    }
    // Close the codes this one was the last descendant of.
    const nextDepth = ordered[i + 1]?.depth ?? 0;
    for (let d = c.depth - 1; d >= nextDepth; d--) lines.push(`${'  '.repeat(d + 2)}</Code>`);
  });
  lines.push('  </Codes>');
  const sets = new Map<string, string[]>();
  for (const c of ordered) {
    for (const s of c.sections) sets.set(SECTION_SET + s, [...(sets.get(SECTION_SET + s) ?? []), c.guid]);
    for (const s of c.surveyItems) sets.set(ITEM_SET + s, [...(sets.get(ITEM_SET + s) ?? []), c.guid]);
  }
  if (sets.size > 0) {
    lines.push('  <Sets>');
    for (const name of [...sets.keys()].sort()) {
      lines.push(`    <Set guid="${setGuid(name)}" name="${esc(name)}">`);
      for (const g of sets.get(name)!) lines.push(`      <MemberCode targetGUID="${g}"/>`);
      lines.push('    </Set>');
    }
    lines.push('  </Sets>');
  }
  lines.push('</CodeBook>', '');
  return lines.join('\n');
}

export interface QdcCode {
  readonly guid: string;
  readonly parentGuid: string | null;
  readonly name: string;
  readonly description: string;
  readonly color: string | null;
  readonly sections: string[];
  readonly surveyItems: string[];
  readonly line: number;
}

/** Reads a .qdc file; a file that is not a REFI-QDA codebook is a QdcError with the line. */
export function parseQdc(file: string, xml: string): QdcCode[] {
  const codes: QdcCode[] = [];
  const stack: QdcCode[] = [];
  const byGuid = new Map<string, QdcCode>();
  let inDescription = false;
  let description = '';
  let set: { name: string; members: string[] } | null = null;
  const sets: { name: string; members: string[]; line: number }[] = [];
  const parser = new SaxesParser({ xmlns: true, position: true });
  const fail = (reason: string): never => {
    throw new QdcError(file, parser.line, reason);
  };
  let root = false as boolean; // set in the opentag callback, which control-flow analysis does not follow
  parser.on('opentag', (tag) => {
    const t = tag as unknown as SaxesTagPlain & { local: string; uri: string; attributes: Record<string, { value: string }> };
    const attr = (name: string): string | undefined => t.attributes[name]?.value;
    if (!root) {
      if (t.local !== 'CodeBook' || t.uri !== NS) fail(`not a REFI-QDA codebook: the root element must be CodeBook in ${NS}`);
      root = true;
      return;
    }
    switch (t.local) {
      case 'Code': {
        const guid = attr('guid')?.toLowerCase();
        const name = attr('name');
        if (!guid || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(guid))
          fail('a Code needs a guid attribute (a GUID)');
        if (!name) fail('a Code needs a name attribute');
        if (byGuid.has(guid!)) fail(`the guid ${guid} is used twice`);
        const color = attr('color') ?? null;
        if (color !== null && !/^#[0-9A-Fa-f]{6}$/.test(color)) fail(`the colour "${color}" is not #RRGGBB`);
        const code: QdcCode = {
          guid: guid!,
          parentGuid: stack.at(-1)?.guid ?? null,
          name: name!,
          description: '',
          color: color === null ? null : color.toUpperCase(),
          sections: [],
          surveyItems: [],
          line: parser.line,
        };
        codes.push(code);
        byGuid.set(code.guid, code);
        stack.push(code);
        break;
      }
      case 'Description':
        inDescription = true;
        description = '';
        break;
      case 'Set':
        set = { name: attr('name') ?? fail('a Set needs a name attribute'), members: [] };
        sets.push({ ...set, line: parser.line });
        break;
      case 'MemberCode':
        if (set) set.members.push((attr('targetGUID') ?? fail('a MemberCode needs a targetGUID')).toLowerCase());
        break;
    }
  });
  parser.on('text', (text) => {
    if (inDescription) description += text;
  });
  parser.on('closetag', (tag) => {
    const local = (tag as unknown as { local: string }).local;
    if (local === 'Description') {
      inDescription = false;
      const owner = stack.at(-1);
      if (owner && !set) (owner as { description: string }).description = description;
    } else if (local === 'Code') stack.pop();
    else if (local === 'Set' && set) {
      sets.at(-1)!.members = set.members;
      set = null;
    }
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof QdcError) throw error;
    throw new QdcError(file, parser.line, `not well-formed XML: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!root) throw new QdcError(file, null, 'the file is empty');
  for (const s of sets) {
    const target = s.name.startsWith(SECTION_SET) ? 'sections' : s.name.startsWith(ITEM_SET) ? 'surveyItems' : null;
    if (!target) continue; // other tools' sets carry nothing of ours
    const value = s.name.slice(target === 'sections' ? SECTION_SET.length : ITEM_SET.length);
    for (const g of s.members) {
      const code = byGuid.get(g);
      if (!code) throw new QdcError(file, s.line, `set "${s.name}" names a code ${g} that the codebook does not have`);
      code[target].push(value);
    }
  }
  return codes;
}

/**
 * Imports a .qdc codebook in one transaction: codes are matched by GUID (updated) or added; codes the file
 * does not name stay. Returns how many were added and updated.
 */
export async function importQdc(
  db: Db,
  file: string,
  xml: string,
  options: { synthetic?: boolean } = {},
): Promise<{ added: number; updated: number }> {
  const parsed = parseQdc(file, xml);
  parsed.forEach((c) => {
    try {
      parseCode(
        { guid: c.guid, name: c.name, description: c.description, color: c.color, sections: c.sections, surveyItems: c.surveyItems },
        `code "${c.name}"`,
      );
    } catch (error) {
      if (error instanceof QualInputError) throw new QdcError(file, c.line, error.message);
      throw error;
    }
  });
  return db.transaction(async (tx) => {
    const existing = new Map((await tx.select({ id: qualCodes.id, guid: qualCodes.guid }).from(qualCodes)).map((r) => [r.guid, r.id]));
    let added = 0;
    let updated = 0;
    const idOf = new Map<string, number>();
    for (const [position, c] of parsed.entries()) {
      const parentId = c.parentGuid === null ? null : idOf.get(c.parentGuid)!;
      const values = {
        parentId,
        name: c.name,
        description: c.description,
        color: c.color,
        sections: c.sections,
        surveyItems: c.surveyItems,
        position,
      };
      const id = existing.get(c.guid);
      if (id !== undefined) {
        await tx.update(qualCodes).set(values).where(eq(qualCodes.id, id));
        idOf.set(c.guid, id);
        updated++;
      } else {
        const [row] = await tx
          .insert(qualCodes)
          .values({ ...values, guid: c.guid, synthetic: options.synthetic ?? false })
          .returning({ id: qualCodes.id });
        idOf.set(c.guid, row!.id);
        added++;
      }
    }
    return { added, updated };
  });
}

export async function exportQdc(db: Db): Promise<string> {
  return codebookToQdc(await listCodes(db));
}
