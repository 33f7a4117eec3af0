// Reading transcripts into speaker turns: plain text (a paragraph per turn, "Speaker: words"), WebVTT and
// SRT subtitles (a cue per line of speech; the speaker from <v Name> or "Name:"). Pure: the file's text in,
// turns or a TranscriptError with the line out. Consecutive cues of one speaker become one turn.
import { TranscriptError } from './errors.ts';
import { assertNever, type TranscriptFormat } from './types.ts';

export interface ParsedTurn {
  /** The speaker as the file names them (resolved to a participant or a staff role before storing). */
  readonly speaker: string;
  readonly line: number;
  readonly startMs: number | null;
  readonly endMs: number | null;
  readonly text: string;
}

const SPEAKER = /^([^:\n]{1,60}?):\s+(\S.*)$/s;

interface Block {
  readonly line: number;
  readonly lines: readonly string[];
}

/** Paragraphs separated by blank lines, each with the number of its first line. */
function blocks(text: string): Block[] {
  const out: Block[] = [];
  let current: string[] = [];
  let start = 0;
  text.split(/\r\n|\r|\n/).forEach((line, i) => {
    if (line.trim() === '') {
      if (current.length > 0) out.push({ line: start, lines: current });
      current = [];
    } else {
      if (current.length === 0) start = i + 1;
      current.push(line);
    }
  });
  if (current.length > 0) out.push({ line: start, lines: current });
  return out;
}

/** Plain text and DOCX paragraphs: each paragraph "Speaker: words"; a paragraph without one continues the turn. */
export function parseParagraphs(file: string, paragraphs: readonly Block[], continuation: boolean): ParsedTurn[] {
  const turns: ParsedTurn[] = [];
  for (const b of paragraphs) {
    const joined = b.lines.map((l) => l.trim()).join(' ');
    const m = SPEAKER.exec(joined);
    if (m) turns.push({ speaker: m[1]!.trim(), line: b.line, startMs: null, endMs: null, text: m[2]!.trim() });
    else if (continuation && turns.length > 0) {
      const last = turns.pop()!;
      turns.push({ ...last, text: `${last.text}\n${joined}` });
    } else throw new TranscriptError(file, b.line, 'a turn must start with its speaker, as "Speaker: words"');
  }
  if (turns.length === 0) throw new TranscriptError(file, null, 'the transcript holds no turns');
  return turns;
}

const TIME = /^(?:(\d{1,2}):)?(\d{2}):(\d{2})[.,](\d{3})$/;

function toMs(file: string, line: number, s: string): number {
  const m = TIME.exec(s);
  if (!m) throw new TranscriptError(file, line, `"${s}" is not a time (hh:mm:ss.mmm)`);
  const [h, min, sec, ms] = [Number(m[1] ?? 0), Number(m[2]), Number(m[3]), Number(m[4])];
  if (min > 59 || sec > 59) throw new TranscriptError(file, line, `"${s}" is not a time (minutes and seconds run to 59)`);
  return ((h * 60 + min) * 60 + sec) * 1000 + ms;
}

/** A cue's words and speaker: <v Name>words</v>, or "Name: words". */
function cueSpeaker(lines: readonly string[]): { speaker: string | null; text: string } {
  const joined = lines.join('\n');
  const voice = /<v(?:\.[^\s>]+)*\s+([^>]+)>/.exec(joined);
  const plain = joined
    .replace(/<[^>]*>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, ' ')
    .trim();
  if (voice) return { speaker: voice[1]!.trim(), text: plain };
  const m = SPEAKER.exec(plain);
  return m ? { speaker: m[1]!.trim(), text: m[2]!.trim() } : { speaker: null, text: plain };
}

function parseCues(file: string, text: string, kind: 'vtt' | 'srt'): ParsedTurn[] {
  const all = blocks(text.replace(/^\uFEFF/, ''));
  if (kind === 'vtt') {
    const head = all.shift();
    if (!head || !/^WEBVTT(\s|$)/.test(head.lines[0]!)) throw new TranscriptError(file, 1, 'a WebVTT file starts with "WEBVTT"');
  }
  const turns: ParsedTurn[] = [];
  for (const b of all) {
    if (kind === 'vtt' && /^(NOTE|STYLE|REGION)(\s|$)/.test(b.lines[0]!)) continue;
    const timingAt = b.lines.findIndex((l) => l.includes('-->'));
    // A cue is an optional identifier (SRT: its number), then the timing line.
    if (timingAt < 0 || timingAt > 1) throw new TranscriptError(file, b.line, 'a cue without a time ("00:00:01.000 --> 00:00:04.000")');
    const line = b.line + timingAt;
    const [from, rest] = b.lines[timingAt]!.split('-->').map((s) => s.trim());
    const startMs = toMs(file, line, from!);
    const endMs = toMs(file, line, rest!.split(/\s+/)[0]!);
    if (endMs < startMs) throw new TranscriptError(file, line, 'the cue ends before it starts');
    const words = b.lines.slice(timingAt + 1);
    if (words.length === 0) continue;
    const cue = cueSpeaker(words);
    const previous = turns.at(-1);
    const speaker = cue.speaker ?? previous?.speaker;
    if (speaker === undefined) throw new TranscriptError(file, line + 1, 'the first cue does not say who speaks (<v Name> or "Name:")');
    if (previous && previous.speaker === speaker) {
      turns.pop();
      turns.push({ ...previous, endMs, text: `${previous.text} ${cue.text}` });
    } else turns.push({ speaker, line: line + 1, startMs, endMs, text: cue.text });
  }
  if (turns.length === 0) throw new TranscriptError(file, null, 'the transcript holds no turns');
  return turns;
}

/** Reads a text transcript of the given format (DOCX is read to paragraphs first, see docx.ts). */
export function parseTranscriptText(file: string, text: string, format: Exclude<TranscriptFormat, 'docx'>): ParsedTurn[] {
  // PostgreSQL text cannot hold NUL: refuse it here, with its line, rather than fail in the database.
  const nul = text.indexOf('\u0000');
  if (nul >= 0) throw new TranscriptError(file, text.slice(0, nul).split(/\r\n|\r|\n/).length, 'the line holds a NUL character');
  switch (format) {
    case 'text':
      return parseParagraphs(file, blocks(text.replace(/^\uFEFF/, '')), false);
    case 'vtt':
    case 'srt':
      return parseCues(file, text, format);
    default:
      return assertNever(format);
  }
}

/** The format a file name says, or null. */
export function formatOfName(name: string): TranscriptFormat | null {
  const ext = /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase();
  if (ext === 'txt' || ext === 'text') return 'text';
  if (ext === 'vtt' || ext === 'srt' || ext === 'docx') return ext;
  return null;
}
