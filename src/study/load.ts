// Reads a study from its folder (study.json, one JSON file per questionnaire, the landing page's filter
// questions and the scales/derived variables) and validates every file. Errors name the file and, inside it,
// the item and field.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { normalizeLanding, type LandingDefinition } from '../questionnaire/landing.ts';
import { formatIssues, loadQuestionnaireText, type LoadResult } from '../questionnaire/normalize.ts';
import { localizedTextSchema } from '../questionnaire/schema.ts';
import { LANGUAGES, type LocalizedText, type QuestionnaireDefinition } from '../questionnaire/types.ts';
import { normalizeVariables, type DerivedVariable, type ScaleDefinition } from '../questionnaire/variables.ts';
import {
  loadMunicipalities,
  MunicipalitiesFileError,
  MUNICIPALITY_TYPE_VARIABLE,
  type MunicipalityClassification,
} from './municipalities.ts';
import { loadPopulation, PopulationFileError, type Population } from './population.ts';
import { normalizeReport, type ReportSpec } from './report-spec.ts';
import { validateReport } from './validate-report.ts';
import { parseJsonText } from '../questionnaire/json-text.ts';

export interface WaveDefinition {
  /** Full id, "<study>:<wave>" (e.g. "inburgeraars:2024"). */
  readonly id: string;
  /** The wave's own id in study.json ("2024"). */
  readonly key: string;
  readonly number: number;
  readonly label: string;
  readonly questionnaires: readonly QuestionnaireDefinition[];
  /** Population margins (population/<key>.json), when the study folder has them. */
  readonly population: Population | null;
}

export interface StudyDefinition {
  readonly id: string;
  readonly title: LocalizedText;
  readonly waves: readonly WaveDefinition[];
  /** Filter questions that send a person to a questionnaire of the latest wave (study.json `landing`). */
  readonly landing?: LandingDefinition;
  /** Composite scales (study.json `variables`); empty when the study defines none. */
  readonly scales?: readonly ScaleDefinition[];
  /** Derived variables (study.json `variables`); empty when the study defines none. */
  readonly derived?: readonly DerivedVariable[];
  /** The report's specification (study.json `report`), validated against the questionnaires; null without one. */
  readonly report: ReportSpec | null;
  /** The type of each municipality the channels work in (study.json `municipalities`); absent without that file. */
  readonly municipalities?: MunicipalityClassification;
  /** The folder the study was read from. */
  readonly dir: string;
}

export class StudyFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StudyFileError';
  }
}

const studyFileSchema = z.strictObject({
  $schema: z.string().optional(),
  id: z.string().regex(/^[a-z][a-z0-9-]*$/),
  title: localizedTextSchema,
  /** Landing page file, relative to study.json. */
  landing: z.string().min(1).optional(),
  /** Scales and derived variables file, relative to study.json. */
  variables: z.string().min(1).optional(),
  /** The report's specification, relative to study.json. */
  report: z.string().min(1).optional(),
  /** The classification of municipalities (municipalities.json), relative to study.json. */
  municipalities: z.string().min(1).optional(),
  waves: z
    .array(
      z.strictObject({
        id: z.string().regex(/^[A-Za-z0-9-]+$/),
        number: z.number().int().positive(),
        label: z.string().min(1),
        questionnaires: z.array(z.string().min(1)).min(1),
      }),
    )
    .min(1),
});

/** The study that ships with Perspectief. */
export const DEFAULT_STUDY_DIR = fileURLToPath(new URL('../../studies/inburgeraars', import.meta.url));

const readJson = <T>(path: string, shown: string, load: (data: unknown) => LoadResult<T>, problems: string[]): T | null => {
  const parsed = parseJsonText(readText(path, shown));
  if (!parsed.ok) {
    problems.push(`${shown}: ${parsed.message}`);
    return null;
  }
  const result = load(parsed.value);
  if (!result.ok) {
    problems.push(formatIssues(shown, result.issues));
    return null;
  }
  return result.value;
};

const readText = (path: string, shown: string): string => {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new StudyFileError(`${shown}: cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
};

/** Loads and validates a study folder; throws StudyFileError listing every problem found. */
export function loadStudy(dir: string = DEFAULT_STUDY_DIR): StudyDefinition {
  const studyPath = join(dir, 'study.json');
  const shownStudy = relative(process.cwd(), studyPath) || studyPath;
  const text = parseJsonText(readText(studyPath, shownStudy));
  if (!text.ok) throw new StudyFileError(`${shownStudy}: ${text.message}`);
  const parsed = studyFileSchema.safeParse(text.value);
  if (!parsed.success) {
    throw new StudyFileError(parsed.error.issues.map((i) => `${shownStudy}: ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const problems: string[] = [];
  const seen = new Map<string, string>();
  const waves = parsed.data.waves.map((wave) => {
    const questionnaires: QuestionnaireDefinition[] = [];
    for (const file of wave.questionnaires) {
      const path = join(dirname(studyPath), file);
      const shown = relative(process.cwd(), path) || path;
      const result = loadQuestionnaireText(readText(path, shown));
      if (!result.ok) {
        problems.push(formatIssues(shown, result.issues));
        continue;
      }
      const key = `${result.value.id}@${result.value.version}`;
      if (seen.has(key)) problems.push(`${shown}: questionnaire ${key} is also defined in ${seen.get(key)}`);
      seen.set(key, shown);
      questionnaires.push(result.value);
    }
    let population: Population | null = null;
    try {
      population = loadPopulation(dirname(studyPath), wave.id);
    } catch (error) {
      if (!(error instanceof PopulationFileError)) throw error;
      problems.push(error.message);
    }
    return { id: `${parsed.data.id}:${wave.id}`, key: wave.id, number: wave.number, label: wave.label, questionnaires, population };
  });
  const shownOf = (file: string): [string, string] => {
    const path = join(dirname(studyPath), file);
    return [path, relative(process.cwd(), path) || path];
  };
  let landing: LandingDefinition | null = null;
  if (parsed.data.landing) {
    const [path, shown] = shownOf(parsed.data.landing);
    landing = readJson(path, shown, normalizeLanding, problems);
    const latest = [...waves].sort((a, b) => b.number - a.number)[0];
    const ids = new Set(latest?.questionnaires.map((q) => q.id) ?? []);
    landing?.routes.forEach((route, r) => {
      if (!ids.has(route.questionnaire))
        problems.push(`${shown}: routes[${r}].questionnaire: '${route.questionnaire}' is not a questionnaire of wave ${latest?.id ?? '?'}`);
    });
  }
  let scales: readonly ScaleDefinition[] = [];
  let derived: readonly DerivedVariable[] = [];
  if (parsed.data.variables) {
    const [path, shown] = shownOf(parsed.data.variables);
    const all = waves.flatMap((w) => w.questionnaires);
    const variables = readJson(path, shown, (data) => normalizeVariables(data, all), problems);
    if (variables) ({ scales, derived } = variables);
  }
  let report: ReportSpec | null = null;
  if (parsed.data.report && problems.length === 0) {
    const [path, shown] = shownOf(parsed.data.report);
    report = readJson(path, shown, normalizeReport, problems);
    if (report) {
      const populations = waves.flatMap((w) => (w.population ? [w.population] : []));
      const issues = validateReport(report, { waves, scales, derived, populations });
      if (issues.length > 0) problems.push(formatIssues(shown, issues));
    }
  }
  let municipalities: MunicipalityClassification | null = null;
  if (parsed.data.municipalities) {
    try {
      municipalities = loadMunicipalities(dirname(studyPath), parsed.data.municipalities);
    } catch (error) {
      if (!(error instanceof MunicipalitiesFileError)) throw error;
      problems.push(error.message);
    }
  }
  if (municipalities && parsed.data.variables)
    problems.push(...claimsOfMunicipalityType(shownOf(parsed.data.variables)[1], scales, derived));
  if (problems.length > 0) throw new StudyFileError(problems.join('\n'));
  const title: Partial<Record<(typeof LANGUAGES)[number], { text: string; status: 'source' | 'draft' | 'reviewed' }>> = {};
  for (const [lang, value] of Object.entries(parsed.data.title)) {
    title[lang as (typeof LANGUAGES)[number]] =
      typeof value === 'string' ? { text: value, status: lang === 'nl' ? 'source' : 'draft' } : value;
  }
  return {
    id: parsed.data.id,
    title,
    waves,
    scales,
    derived,
    report,
    dir,
    ...(landing ? { landing } : {}),
    ...(municipalities ? { municipalities } : {}),
  };
}

/** A scale or derived variable may not take the name of the column the municipality classification adds. */
function claimsOfMunicipalityType(shown: string, scales: readonly ScaleDefinition[], derived: readonly DerivedVariable[]): string[] {
  const taken = (kind: string, list: readonly { readonly id: string }[]): string[] =>
    list.flatMap((v, i) =>
      v.id === MUNICIPALITY_TYPE_VARIABLE
        ? [
            `${shown}: ${kind}[${i}].id: '${v.id}' is the column the municipality classification (municipalities.json) adds; give the variable another name`,
          ]
        : [],
    );
  return [...taken('scales', scales), ...taken('derived', derived)];
}
