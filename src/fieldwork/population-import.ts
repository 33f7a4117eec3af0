// `population import`: a wave's population margins from a CSV file (group, gender, route, age band, count) into
// the study folder's population/<wave>.json, the file the report's Tables 2.9-2.12, the weights and the monitor
// read (study/population.ts). Labels are matched as the report prints them ("Wi2021-asiel", "Z-route",
// "22-30"), as the questionnaires word them in any language, or as codes; every problem names the row and the
// column, and nothing is written unless the whole file is valid.
import { parse } from 'csv-parse/sync';
import { datasetVariables, type VariableInfo } from '../analysis/variables.ts';
import type { LocalizedText } from '../questionnaire/types.ts';
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';
import {
  parsePopulation,
  POPULATION_DIMENSIONS,
  type PopulationCell,
  type PopulationDimensionName,
  type PopulationFile,
} from '../study/population.ts';

export class PopulationImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PopulationImportError';
  }
}

type Column = 'group' | PopulationDimensionName | 'count';

/** Accepted header names per column (compared without case, spaces, dashes or underscores). */
const HEADERS: Readonly<Record<Column, readonly string[]>> = {
  group: ['group', 'groep', 'type', 'typeinburgeraar'],
  gender: ['gender', 'geslacht', 'sex'],
  route: ['route', 'leerroute', 'learningroute'],
  ageBand: ['ageband', 'age', 'leeftijdsklasse', 'leeftijd'],
  count: ['count', 'aantal', 'n', 'population', 'populatie'],
};

/** The column names as the help and messages show them. */
export const CSV_COLUMNS: Readonly<Record<Column, string>> = {
  group: 'group',
  gender: 'gender',
  route: 'route',
  ageBand: 'age band',
  count: 'count',
};

const squash = (text: string): string => text.toLowerCase().replace(/[\s_-]+/g, '');
/** Labels compare without case, surrounding space or doubled spaces. */
export const normalLabel = (text: string): string => text.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();

interface Level {
  readonly code: number;
  readonly shown: string;
}

/** What a label in one column can mean: codes by label, and the population-only groups (group column only). */
interface Vocabulary {
  readonly variable: string;
  readonly byLabel: Map<string, Set<number>>;
  readonly codes: Map<number, string>;
  readonly populationOnly: Map<string, string>;
}

const textsOf = (label: LocalizedText): string[] => Object.values(label).map((t) => t.text);

function vocabulary(
  variable: string,
  info: VariableInfo | undefined,
  study: StudyDefinition,
  column: 'group' | PopulationDimensionName,
): Vocabulary {
  const byLabel = new Map<string, Set<number>>();
  const codes = new Map<number, string>();
  const populationOnly = new Map<string, string>();
  const add = (text: string, level: Level) => {
    const key = normalLabel(text);
    if (key === '') return;
    byLabel.set(key, (byLabel.get(key) ?? new Set()).add(level.code));
    if (!codes.has(level.code)) codes.set(level.code, level.shown);
  };
  // The report's own labels first: they are what a register export of the report's figures carries.
  for (const table of study.report?.tables ?? []) {
    if (table.kind !== 'population') continue;
    if (column === 'group') {
      for (const g of table.groups) {
        if (g.kind === 'sample') for (const text of textsOf(g.label)) add(text, { code: g.code, shown: text });
        else for (const text of [g.population, ...textsOf(g.label)]) populationOnly.set(normalLabel(text), g.population);
      }
    } else if (table.by === column) {
      for (const l of table.levels) for (const text of textsOf(l.label)) add(text, { code: l.code, shown: text });
    }
  }
  for (const v of info?.values ?? []) if (!v.missing) for (const text of textsOf(v.label)) add(text, { code: v.value, shown: text });
  return { variable, byLabel, codes, populationOnly };
}

type Read =
  | { readonly kind: 'code'; readonly code: number }
  | { readonly kind: 'population-only'; readonly name: string }
  | { readonly kind: 'problem'; readonly message: string };

function readLevel(raw: string, vocab: Vocabulary, column: 'group' | PopulationDimensionName): Read {
  const key = normalLabel(raw);
  const codes = vocab.byLabel.get(key);
  if (codes && codes.size === 1) return { kind: 'code', code: [...codes][0] as number };
  if (codes && codes.size > 1)
    return { kind: 'problem', message: `"${raw}" could mean codes ${[...codes].join(' or ')}; write the code instead` };
  if (/^-?\d+$/.test(key) && vocab.codes.has(Number(key))) return { kind: 'code', code: Number(key) };
  const only = vocab.populationOnly.get(key);
  if (only !== undefined && column === 'group') return { kind: 'population-only', name: only };
  const known = [...vocab.codes.entries()].map(([code, shown]) => `${shown} (${code})`);
  const extra = column === 'group' ? [...new Set(vocab.populationOnly.values())] : [];
  return {
    kind: 'problem',
    message: `"${raw}" is not a level of ${vocab.variable}; known: ${[...known, ...extra].join(', ') || 'none'}`,
  };
}

export interface PopulationImport {
  readonly file: PopulationFile;
  /** Things that are allowed but worth a look (margins that do not add up to their group). */
  readonly warnings: readonly string[];
}

export interface ImportOptions {
  readonly source: string;
  /** The dataset variable of each column; by default those of a population file the study already has. */
  readonly dimensions?: PopulationFile['dimensions'];
}

/** Parses and validates the CSV text; every problem names `shown`, the row (line of the file) and the column. */
export function importPopulation(
  study: StudyDefinition,
  wave: WaveDefinition,
  text: string,
  shown: string,
  options: ImportOptions,
): PopulationImport {
  const dimensions = options.dimensions ?? wave.population?.dimensions ?? study.waves.find((w) => w.population)?.population?.dimensions;
  if (!dimensions)
    throw new PopulationImportError(
      `the study has no population file yet that names the dataset variables of group, gender, route and age band; give them with --dimensions group=VAR,gender=VAR,route=VAR,ageBand=VAR`,
    );
  const records = parseCsv(text, shown);
  const header = records[0] ?? [];
  const at = new Map<Column, number>();
  header.forEach((name, i) => {
    const column = (Object.keys(HEADERS) as Column[]).find((c) => HEADERS[c].includes(squash(name)));
    if (column === undefined)
      throw new PopulationImportError(
        `${shown}: row 1, column ${i + 1} ("${name}"): unknown column; expected ${Object.values(CSV_COLUMNS).join(', ')}`,
      );
    if (at.has(column)) throw new PopulationImportError(`${shown}: row 1: column "${CSV_COLUMNS[column]}" appears twice`);
    at.set(column, i);
  });
  for (const required of ['group', 'count'] as const)
    if (!at.has(required))
      throw new PopulationImportError(
        `${shown}: row 1: the header has no "${CSV_COLUMNS[required]}" column (columns: ${Object.values(CSV_COLUMNS).join(', ')})`,
      );
  const variables = new Map(
    datasetVariables(
      study.waves.flatMap((w) => w.questionnaires),
      study.derived ?? [],
      study.scales ?? [],
    ).map((v) => [v.name, v]),
  );
  const vocabOf = (column: 'group' | PopulationDimensionName): Vocabulary | null => {
    const variable = dimensions[column];
    return variable === undefined ? null : vocabulary(variable, variables.get(variable), study, column);
  };
  const vocabs = { group: vocabOf('group'), gender: vocabOf('gender'), route: vocabOf('route'), ageBand: vocabOf('ageBand') };
  const problems: string[] = [];
  const cells: { cell: PopulationCell; row: number; dimension: number }[] = [];
  const seen = new Map<string, number>();
  records.slice(1).forEach((record, i) => {
    const row = i + 2;
    const where = (column: Column) => `${shown}: row ${row}, column "${CSV_COLUMNS[column]}"`;
    const value = (column: Column) => (at.has(column) ? (record[at.get(column) as number] ?? '').trim() : '');
    if (record.every((v) => v.trim() === '')) return;
    const groupRaw = value('group');
    if (groupRaw === '') {
      problems.push(`${where('group')}: empty; every row names its group`);
      return;
    }
    const group = readLevel(groupRaw, vocabs.group as Vocabulary, 'group');
    if (group.kind === 'problem') problems.push(`${where('group')}: ${group.message}`);
    const filled = POPULATION_DIMENSIONS.filter((d) => value(d) !== '');
    if (filled.length > 1) {
      problems.push(
        `${shown}: row ${row}: fills ${filled.map((d) => `"${CSV_COLUMNS[d]}"`).join(' and ')}; a row counts one dimension within its group (margins), not a cross`,
      );
      return;
    }
    const dimension = filled[0];
    const countRaw = value('count');
    if (!/^\d+$/.test(countRaw))
      problems.push(`${where('count')}: "${countRaw}" is not a whole number of people (digits only, no separators)`);
    let level: number | undefined;
    if (dimension !== undefined) {
      const vocab = vocabs[dimension];
      if (!vocab)
        problems.push(
          `${where(dimension)}: the population file names no dataset variable for ${CSV_COLUMNS[dimension]} (give it with --dimensions)`,
        );
      else {
        const read = readLevel(value(dimension), vocab, dimension);
        if (read.kind === 'code') level = read.code;
        else if (read.kind === 'problem') problems.push(`${where(dimension)}: ${read.message}`);
      }
      if (group.kind === 'population-only')
        problems.push(`${where(dimension)}: "${groupRaw}" is a group only the population has; it takes a total row, no breakdown`);
    }
    if (group.kind === 'problem' || !/^\d+$/.test(countRaw) || (dimension !== undefined && level === undefined)) return;
    const cell: PopulationCell = {
      ...(group.kind === 'code' ? { group: group.code } : { population: group.name }),
      ...(dimension !== undefined && level !== undefined ? { [dimension]: level } : {}),
      count: Number(countRaw),
    };
    const key = JSON.stringify([cell.group ?? null, cell.population ?? null, dimension ?? null, level ?? null]);
    const earlier = seen.get(key);
    if (earlier !== undefined) problems.push(`${shown}: row ${row}: the same cell as row ${earlier}`);
    seen.set(key, row);
    cells.push({ cell, row, dimension: dimension === undefined ? -1 : POPULATION_DIMENSIONS.indexOf(dimension) });
  });
  if (cells.length === 0 && problems.length === 0) problems.push(`${shown}: no rows after the header`);
  const warnings = problems.length === 0 ? checkTotals(cells, shown, vocabs.group as Vocabulary, problems) : [];
  if (problems.length > 0) throw new PopulationImportError(problems.join('\n'));
  const ordered = [...cells].sort((a, b) => a.dimension - b.dimension || a.row - b.row).map((c) => c.cell);
  const file: PopulationFile = { wave: wave.key, source: options.source, dimensions, cells: ordered };
  try {
    parsePopulation(file, shown);
  } catch (error) {
    throw new PopulationImportError((error as Error).message);
  }
  return { file, warnings };
}

/** Every group needs a total row; margins that do not add up to it are allowed (unknowns) but said. */
function checkTotals(
  cells: readonly { cell: PopulationCell; row: number; dimension: number }[],
  shown: string,
  groups: Vocabulary,
  problems: string[],
): string[] {
  const warnings: string[] = [];
  const totals = new Map<number, number>();
  for (const { cell, dimension } of cells) if (dimension < 0 && cell.group !== undefined) totals.set(cell.group, cell.count);
  const sums = new Map<string, { group: number; dimension: PopulationDimensionName; sum: number; row: number }>();
  for (const { cell, dimension, row } of cells) {
    if (dimension < 0 || cell.group === undefined) continue;
    const name = POPULATION_DIMENSIONS[dimension] as PopulationDimensionName;
    const key = `${cell.group}|${name}`;
    const known = sums.get(key);
    sums.set(key, { group: cell.group, dimension: name, sum: (known?.sum ?? 0) + cell.count, row: known?.row ?? row });
  }
  const label = (code: number) => groups.codes.get(code) ?? String(code);
  for (const s of sums.values()) {
    const total = totals.get(s.group);
    if (total === undefined) {
      problems.push(
        `${shown}: row ${s.row}: group "${label(s.group)}" has ${CSV_COLUMNS[s.dimension]} rows but no total row (a row with only group and count)`,
      );
    } else if (s.sum !== total) {
      warnings.push(
        `${shown}: group "${label(s.group)}": the ${CSV_COLUMNS[s.dimension]} rows add up to ${s.sum}, the group's total is ${total} (${total - s.sum} ${total > s.sum ? 'without a known level' : 'too many'})`,
      );
    }
  }
  return warnings;
}

function parseCsv(text: string, shown: string): string[][] {
  const firstLine = text.replace(/^\ufeff/, '').split(/\r?\n/, 1)[0] ?? '';
  // Dutch spreadsheets write CSV with semicolons.
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  try {
    return parse(text, { bom: true, delimiter, relax_column_count: true, skip_empty_lines: true });
  } catch (error) {
    const e = error as Error & { lines?: number };
    throw new PopulationImportError(`${shown}: not a readable CSV file${e.lines ? ` (row ${e.lines})` : ''}: ${e.message}`);
  }
}

/** The population file as the study folder keeps it: one cell a line, so a change shows as a change of lines. */
export function populationFileText(file: PopulationFile, schemaRef: string): string {
  const inline = (value: unknown) => JSON.stringify(value).replace(/":/g, '": ').replace(/,"/g, ', "');
  return [
    '{',
    ` "$schema": ${JSON.stringify(schemaRef)},`,
    ` "wave": ${JSON.stringify(file.wave)},`,
    ` "source": ${JSON.stringify(file.source)},`,
    ` "dimensions": ${inline(file.dimensions)},`,
    ' "cells": [',
    file.cells.map((c) => `  ${inline(c)}`).join(',\n'),
    ' ]',
    '}',
    '',
  ].join('\n');
}
