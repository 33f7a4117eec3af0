// The waves the demo generates and what sets them apart: how many respondents of each type, who reports the
// other permit on the control question, when the fieldwork ran, how closely the regressions are fitted, and
// where the answer targets come from (wave 2: the report's tables; wave 1: the earlier figures the report
// quotes, earlier-plans.ts). Data only; every number says where it comes from (docs/demo-data.md).
import type { StudyDefinition, WaveDefinition } from '../study/load.ts';

export type TypeCounts = Readonly<Record<1 | 2 | 3 | 4, number>>;

/** Answers a group gives on the permit control question Q2.12 other than its own permit. */
export interface PermitAnswers {
  /** Report the other group's permit (code 2 on the asylum, 1 on the family questionnaire). */
  readonly other: number;
  /** "Dat weet ik niet" (99). */
  readonly unknown: number;
}

export interface DemoWavePlan {
  readonly number: number;
  /** Respondents per type inburgeraar (Tabel 2.9 for wave 2). */
  readonly sizes: TypeCounts;
  /** Wi2013 respondents without a usable permit type, per questionnaire: "anders" (3) and "weet niet" (99). */
  readonly unknownWi2013: { readonly asiel: readonly [number, number]; readonly gezin: readonly [number, number] };
  readonly permits: { readonly asiel: PermitAnswers; readonly gezin: PermitAnswers };
  /** Fieldwork: start dates are spread from `from` up to `to` (UTC). */
  readonly fieldwork: { readonly from: Date; readonly to: Date };
  /** Latent draws tried per composite outcome (scales.ts): the regressions are only targets in wave 2. */
  readonly attempts: number;
  /** Mean age the ages are shifted to inside their band (L417, L536); null: as the bands give it. */
  readonly meanAge: number | null;
  /** Targets from the earlier figures the report quotes (wave 1) instead of its own tables. */
  readonly earlier: boolean;
}

/** Wave 2, meting 2 (October-November 2024): the report's own sample. */
export const WAVE_2024: DemoWavePlan = {
  number: 2,
  sizes: { 1: 2651, 2: 1768, 3: 416, 4: 271 },
  // Footnote 4: 67 Wi2013 respondents without a usable permit type (40 asiel, 27 gezin questionnaire).
  unknownWi2013: { asiel: [24, 16], gezin: [16, 11] },
  // L3371: 229 Wi2021-asiel report a family permit, 13 Wi2021-gezin an asylum permit.
  permits: { asiel: { other: 229, unknown: 20 }, gezin: { other: 13, unknown: 10 } },
  fieldwork: { from: new Date(Date.UTC(2024, 9, 1)), to: new Date(Date.UTC(2024, 10, 30)) },
  attempts: 16,
  meanAge: 36,
  earlier: false,
};

/**
 * Wave 1, meting 1 (fourth quarter of 2023). The report prints no size for it, only its response rate (9 %,
 * L435): the sizes are assumptions. Fewer Wi2021 respondents than in 2024 (only those obligated by the end of
 * 2023, L413), more Wi2013 (their population has shrunk since, L413; "dit jaar voor een kleiner deel uit
 * inburgeraars onder de Wi2013", L3343). Permit answers in the 2024 proportions.
 */
export const WAVE_2023: DemoWavePlan = {
  number: 1,
  sizes: { 1: 1850, 2: 1150, 3: 620, 4: 380 },
  unknownWi2013: { asiel: [22, 14], gezin: [14, 10] },
  permits: { asiel: { other: 160, unknown: 14 }, gezin: { other: 8, unknown: 7 } },
  fieldwork: { from: new Date(Date.UTC(2023, 9, 1)), to: new Date(Date.UTC(2023, 11, 31)) },
  attempts: 1,
  meanAge: 35,
  earlier: true,
};

/** Total respondents of a wave plan. */
export const respondentsOf = (plan: DemoWavePlan): number =>
  plan.sizes[1] +
  plan.sizes[2] +
  plan.sizes[3] +
  plan.sizes[4] +
  plan.unknownWi2013.asiel[0] +
  plan.unknownWi2013.asiel[1] +
  plan.unknownWi2013.gezin[0] +
  plan.unknownWi2013.gezin[1];

/** The wave the demo reproduces from the report's tables: the study's wave number 2 (2024), else its latest. */
export function demoWave(study: StudyDefinition): WaveDefinition {
  const latest = [...study.waves].sort((a, b) => b.number - a.number)[0];
  const wave = study.waves.find((w) => w.number === 2) ?? latest;
  if (!wave) throw new Error('the study has no waves');
  return wave;
}

/** The waves the demo generates, oldest first: wave 1 (2023) when the study has it, and the demo wave. */
export function demoWaves(study: StudyDefinition): { readonly wave: WaveDefinition; readonly plan: DemoWavePlan }[] {
  const current = demoWave(study);
  const earlier = study.waves.find((w) => w.number === WAVE_2023.number && w !== current);
  return [...(earlier ? [{ wave: earlier, plan: WAVE_2023 }] : []), { wave: current, plan: WAVE_2024 }];
}

/** The generator's seed for a wave: the demo seed itself for wave 2, a fixed derivation of it for others. */
export const waveSeed = (seed: number, plan: DemoWavePlan): number =>
  plan.number === WAVE_2024.number ? seed : (seed ^ (0x51ed0000 + plan.number)) >>> 0;
