// What the report build (issue 14) takes from the qualitative arm: per report section, its summary boxes
// and the quotes chosen for it (with attribution, both texts and their review status), in report order,
// plus Tables 2.7 and 2.8. One call; the report renders, this module only selects.
import type { Db } from '../storage/db.ts';
import { listMemberChecks, listSummaryBoxes, type MemberCheck, type SummaryBox } from './boxes.ts';
import { listParticipants } from './participants.ts';
import { compareSections, findQuotes, type QuoteView } from './quotes.ts';
import { participantTable, type ParticipantTable } from './tables.ts';

export interface QualitativeSection {
  /** A report section such as "4.4" or "4.4.2". */
  readonly section: string;
  readonly boxes: readonly SummaryBox[];
  readonly quotes: readonly QuoteView[];
  /** Member checks of the patterns quoted or boxed in this section. */
  readonly memberChecks: readonly MemberCheck[];
}

export interface QualitativeReport {
  readonly tables: readonly ParticipantTable[];
  readonly sections: readonly QualitativeSection[];
  /** True when any of it is the synthetic demo corpus (the report must say so). */
  readonly synthetic: boolean;
}

/**
 * The qualitative content of the report: Tables 2.7 and 2.8, and per section the summary boxes and the
 * chosen quotes. `sections` limits it to those sections and their subsections.
 */
export async function qualitativeForReport(db: Db, options: { sections?: readonly string[] } = {}): Promise<QualitativeReport> {
  const participants = await listParticipants(db);
  const boxes = await listSummaryBoxes(db);
  const quotes = await findQuotes(db, { chosenOnly: true });
  const checks = await listMemberChecks(db);
  const wanted = (s: string) => !options.sections || options.sections.some((w) => s === w || s.startsWith(`${w}.`));
  const keys = [...new Set([...boxes.map((b) => b.reportSection), ...quotes.map((q) => q.section!)])].filter(wanted).sort(compareSections);
  const sections = keys.map((section) => {
    const sBoxes = boxes.filter((b) => b.reportSection === section);
    const sQuotes = quotes.filter((q) => q.section === section);
    const patterns = new Set([...sQuotes.map((q) => q.patternId), ...sBoxes.flatMap((b) => b.items.map((i) => i.codeId))]);
    return { section, boxes: sBoxes, quotes: sQuotes, memberChecks: checks.filter((m) => patterns.has(m.codeId)) };
  });
  return {
    tables: [participantTable(participants, '2.7'), participantTable(participants, '2.8')],
    sections,
    synthetic: participants.some((p) => p.synthetic) || quotes.some((q) => q.synthetic),
  };
}
