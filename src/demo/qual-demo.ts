// The qualitative demo corpus: the report's own quotes with their attributions, spoken by a synthetic
// register that reproduces Tables 2.7 and 2.8, in pool meetings and interviews whose transcripts are built
// around the quotes and imported through the real transcript path, coded by two demo coders, with the
// report's summary boxes and a few member checks. Everything is marked synthetic and replaced as a whole.
import { eq } from 'drizzle-orm';
import type { Db } from '../storage/db.ts';
import { qualCodes, qualMemberChecks, qualParticipants, qualQuotes, qualSessions, qualSummaryBoxes } from '../storage/schema.ts';
import {
  addCode,
  addMemberCheck,
  addMemo,
  addParticipants,
  addQuotes,
  addSessions,
  addSummaryBox,
  codeSpan,
  getTranscript,
  importTranscript,
  type QuoteInput,
  type SessionInput,
} from '../qual/index.ts';
import { createRng } from './prng.ts';
import { buildRegister, registerInput, REPORT, type DemoPerson, type GroupId } from './qual-register.ts';

export const QUAL_SYNTHETIC_NOTICE =
  "The qualitative demo is SYNTHETIC: the quotes are the published report's own (in Dutch), spoken by invented participants whose attributes match the report; the transcripts around them are made up.";

/** The sessions of each group: pools met once or twice (Z-route and MB twice), interviews one each. */
const POOL_SESSIONS: Readonly<Partial<Record<GroupId, { codes: string[]; dates: string[]; pool: SessionInput['pool'] }>>> = {
  'onderwijs-b1': { codes: ['POOL-OB-1'], dates: ['2025-01-21'], pool: 'onderwijs-b1' },
  'z-route': { codes: ['POOL-Z-1', 'POOL-Z-2'], dates: ['2025-01-28', '2025-02-25'], pool: 'z-route' },
  gezin: { codes: ['POOL-GZ-1'], dates: ['2025-02-04'], pool: 'gezin' },
  mb: { codes: ['POOL-MB-1', 'POOL-MB-2'], dates: ['2025-02-11', '2025-03-11'], pool: 'mb' },
};

/** Survey items on the same topic as a report section (the questionnaire's ids), so patterns sit beside the tables. */
const SURVEY_ITEMS: Readonly<Record<string, string[]>> = {
  '3.4': ['Q3.02'],
  '4.4.3': ['Q4.19'],
  '4.4.4': ['Q4.20', 'Q4.21'],
  '4.4.5': ['Q4.22', 'Q4.23', 'Q4.24'],
  '5.2': ['Q5.02'],
  '6.2': ['Q6.01'],
  '8.3': ['Q8.07', 'Q8.08'],
};

/**
 * A few quotes of English-speaking participants with English words as spoken: our own back-translation of
 * the report's Dutch (so "unreviewed"), to show a quote's two texts. Keyed by the quote's line in the report.
 */
const SPOKEN_EN: Readonly<Record<number, string>> = {
  1605: "When I'm at work, it doesn't feel like I live in the Netherlands.",
  1619: 'Volunteering at COC was really useful. It was a good way to meet Dutch people who think the same way.',
  2277: 'My contact person is great. She asks how I am doing. When I had done my first exam, she encouraged me to try again.',
  2909: 'I have quite a lot of student loans in Canada, so I want to be very careful with the costs.',
  2921: "Talking with my partner's family helps a lot. If you hear the language around you all the time, you get better.",
};

const DOUBLE_CODED = new Set(['POOL-Z-1', 'POOL-MB-1']);
const PALETTE = ['#1F77B4', '#FF7F0E', '#2CA02C', '#D62728', '#9467BD', '#8C564B', '#E377C2', '#7F7F7F', '#BCBD22', '#17BECF'];

function sessionsOf(people: readonly DemoPerson[]): SessionInput[] {
  const sessions: SessionInput[] = [];
  for (const [group, spec] of Object.entries(POOL_SESSIONS) as [GroupId, (typeof POOL_SESSIONS)[GroupId] & {}][]) {
    const members = people.filter((p) => p.group === group).map((p) => p.code);
    spec.codes.forEach((code, i) =>
      sessions.push({
        code,
        kind: 'pool-meeting',
        pool: spec.pool,
        heldOn: spec.dates[i]!,
        language: 'nl',
        facilitator: 'Gespreksleider',
        participantCodes: members,
        notes: code === 'POOL-MB-2' ? 'Synthetisch: de leden deelden hier mondeling de uitkomsten van hun 45 peer-to-peer interviews.' : '',
        synthetic: true,
      }),
    );
  }
  for (const p of people.filter((x) => x.group === 'in-depth'))
    sessions.push({
      code: `INT-${p.code}`,
      kind: 'in-depth-interview',
      heldOn: '2025-02-18',
      language: 'nl',
      facilitator: 'Interviewer',
      participantCodes: [p.code],
      synthetic: true,
    });
  return sessions;
}

/** The session a quote was spoken in: the person's own interview, or one of their pool's meetings. */
function sessionOfQuote(p: DemoPerson, quoteIndex: number): string {
  if (p.group === 'in-depth' || p.group === 'peer') return `INT-${p.code}`;
  const codes = POOL_SESSIONS[p.group]!.codes;
  return codes[quoteIndex % codes.length]!;
}

/** Deletes the synthetic qualitative data (real data stay); returns how many participants went. */
export async function removeQualDemo(db: Db): Promise<number> {
  await db.delete(qualQuotes).where(eq(qualQuotes.synthetic, true));
  await db.delete(qualMemberChecks).where(eq(qualMemberChecks.synthetic, true));
  await db.delete(qualSummaryBoxes).where(eq(qualSummaryBoxes.synthetic, true));
  await db.delete(qualSessions).where(eq(qualSessions.synthetic, true));
  await db.delete(qualCodes).where(eq(qualCodes.synthetic, true));
  return (await db.delete(qualParticipants).where(eq(qualParticipants.synthetic, true)).returning({ id: qualParticipants.id })).length;
}

async function loadCodebook(db: Db): Promise<{ patternId: Map<string, number>; subsectionId: Map<string, number> }> {
  const patternId = new Map<string, number>();
  const subsectionId = new Map<string, number>();
  const top = new Map<string, number>();
  let position = 0;
  for (const p of REPORT.patterns) {
    const parts = p.section.split('.');
    const chapter = parts.slice(0, 2).join('.');
    if (!top.has(chapter)) {
      const c = await addCode(db, {
        name: `${chapter} ${REPORT.sections[chapter] ?? ''}`.trim(),
        sections: [chapter],
        surveyItems: SURVEY_ITEMS[chapter] ?? [],
        color: PALETTE[top.size % PALETTE.length]!,
        position: position++,
        synthetic: true,
      });
      top.set(chapter, c.id);
    }
    let parent = top.get(chapter)!;
    if (parts.length > 2) {
      if (!subsectionId.has(p.section)) {
        const title = REPORT.sections[p.section] ?? '';
        const c = await addCode(db, {
          parentId: parent,
          name: `${p.section} ${title}`.trim(),
          sections: [p.section],
          surveyItems: SURVEY_ITEMS[p.section] ?? [],
          position: position++,
          synthetic: true,
        });
        subsectionId.set(p.section, c.id);
      }
      parent = subsectionId.get(p.section)!;
    }
    const sectionTitle = REPORT.sections[p.section] ?? '';
    // A section without ❖ patterns is its own pattern.
    if (p.name === `${p.section} ${sectionTitle}`.trim() || p.name === sectionTitle) patternId.set(`${p.section}\u0000${p.name}`, parent);
    else {
      const c = await addCode(db, {
        parentId: parent,
        name: p.name,
        description: `Patroon uit paragraaf ${p.section} van het rapport (synthetische demo).`,
        sections: [p.section],
        position: position++,
        synthetic: true,
      });
      patternId.set(`${p.section}\u0000${p.name}`, c.id);
    }
  }
  return { patternId, subsectionId };
}

/** Loads the qualitative demo (replacing an earlier one) in one transaction; returns the counts. */
export async function loadQualDemo(
  db: Db,
  io: { stderr: (text: string) => void },
  seed = 17,
): Promise<{ participants: number; quotes: number }> {
  const people = buildRegister(seed);
  const rng = createRng(seed ^ 0x9a1);
  const result = await db.transaction(async (tx) => {
    await removeQualDemo(tx);
    await addParticipants(tx, registerInput(people));
    const peerSessions: SessionInput[] = people
      .filter((p) => p.group === 'peer')
      .map((p) => ({
        code: `INT-${p.code}`,
        kind: 'peer-interview',
        heldOn: '2025-03-01',
        participantCodes: [p.code],
        notes: 'Synthetisch: mondeling gedeeld in POOL-MB-2; geen transcript.',
        synthetic: true,
      }));
    await addSessions(tx, [...sessionsOf(people), ...peerSessions]);
    const { patternId, subsectionId } = await loadCodebook(tx);
    const speakerOf = new Map<number, DemoPerson>();
    for (const p of people) for (const q of p.quotes) speakerOf.set(q, p);
    // Transcripts: per session, a facilitator's question per pattern, then the quotes' speakers.
    const bySession = new Map<string, number[]>();
    REPORT.quotes.forEach((_, i) => {
      const s = sessionOfQuote(speakerOf.get(i)!, i);
      bySession.set(s, [...(bySession.get(s) ?? []), i]);
    });
    const sessionIds = new Map(
      (await tx.select({ id: qualSessions.id, code: qualSessions.code }).from(qualSessions)).map((s) => [s.code, s.id]),
    );
    const turnOfQuote = new Map<number, number>();
    for (const [session, indexes] of bySession) {
      if (session.startsWith('INT-PP')) continue; // peer-to-peer interviews were shared orally: no transcript
      const lines: string[] = [];
      const order: number[] = [];
      let lastPattern = '';
      for (const i of indexes) {
        const q = REPORT.quotes[i]!;
        if (q.pattern !== lastPattern) lines.push(`Gespreksleider: Wat is uw ervaring hiermee: ${q.pattern.replace(/\s+/g, ' ')}?`);
        lastPattern = q.pattern;
        lines.push(`${speakerOf.get(i)!.code}: ${q.text}`);
        order.push(i);
      }
      const bytes = new TextEncoder().encode(lines.join('\n\n') + '\n');
      const { id } = await importTranscript(tx, {
        sessionId: sessionIds.get(session)!,
        file: `${session}.txt`,
        bytes,
        format: 'text',
        language: 'nl',
      });
      const turns = (await getTranscript(tx, id))!.turns.filter((t) => t.participantId !== null);
      order.forEach((i, k) => turnOfQuote.set(i, turns[k]!.id));
      for (const [k, i] of order.entries()) {
        const q = REPORT.quotes[i]!;
        const codeId = patternId.get(`${q.section}\u0000${q.pattern}`)!;
        await codeSpan(tx, { turnId: turns[k]!.id, codeId, coder: 'onderzoeker-a' });
        if (!DOUBLE_CODED.has(session)) continue;
        // The second coder agrees mostly; now and then leaves a turn uncoded or codes the section instead.
        const roll = rng.next();
        if (roll < 0.1) continue;
        const other = roll < 0.2 ? (subsectionId.get(q.section) ?? codeId) : codeId;
        await codeSpan(tx, { turnId: turns[k]!.id, codeId: other, coder: 'onderzoeker-b' });
      }
      if (DOUBLE_CODED.has(session))
        await addMemo(tx, {
          transcriptId: id,
          author: 'onderzoeker-a',
          text: 'Synthetisch demo-memo: dubbel gecodeerd om de overeenstemming te tonen.',
        });
    }
    const quotes: QuoteInput[] = REPORT.quotes.map((q, i) => ({
      participantCode: speakerOf.get(i)!.code,
      sessionCode: sessionOfQuote(speakerOf.get(i)!, i),
      turnId: turnOfQuote.get(i) ?? null,
      codeId: patternId.get(`${q.section}\u0000${q.pattern}`)!,
      // The report publishes only the Dutch words; the demo keeps them as spoken and as translation, except
      // for a few English speakers (SPOKEN_EN).
      language: SPOKEN_EN[q.line] ? 'en' : 'nl',
      text: SPOKEN_EN[q.line] ?? q.text,
      textStatus: SPOKEN_EN[q.line] ? 'unreviewed' : 'reviewed',
      textNl: q.text,
      textNlStatus: 'reviewed',
      reportSection: q.section,
      position: i,
      synthetic: true,
    }));
    await addQuotes(tx, quotes);
    for (const [position, b] of REPORT.boxes.entries()) {
      const items = b.items.map((it) => {
        const key = it.heading.toLowerCase().slice(0, 24);
        const match = key
          ? [...subsectionId.entries()].find(([s]) => (REPORT.sections[s] ?? '').toLowerCase().startsWith(key.slice(0, 16)))
          : undefined;
        return { codeId: match ? match[1] : null, heading: it.heading, text: it.text };
      });
      await addSummaryBox(tx, { reportSection: b.section, label: b.label, title: b.title, items, position, synthetic: true });
    }
    // Member checks: patterns of the first meeting put back to the second.
    for (const [first, second] of [
      ['POOL-Z-1', 'POOL-Z-2'],
      ['POOL-MB-1', 'POOL-MB-2'],
    ] as const) {
      const codes = [
        ...new Set(
          (bySession.get(first) ?? []).map((i) => patternId.get(`${REPORT.quotes[i]!.section}\u0000${REPORT.quotes[i]!.pattern}`)!),
        ),
      ].slice(0, 3);
      for (const [k, codeId] of codes.entries())
        await addMemberCheck(tx, {
          codeId,
          sessionCode: second,
          reaction: (['recognised', 'partly', 'recognised'] as const)[k]!,
          note: 'Synthetisch: reactie van de deelnemers.',
          synthetic: true,
        });
    }
    return { participants: people.length, quotes: quotes.length };
  });
  io.stderr(`${QUAL_SYNTHETIC_NOTICE}\nLoaded the qualitative demo: ${result.participants} participants, ${result.quotes} quotes.\n`);
  return result;
}
