// The paragraphs of a DOCX file (word/document.xml): the text of each <w:p>, tabs and breaks kept. A file
// that is not a zip, lacks the document or holds broken XML is a TranscriptError naming the file.
import JSZip from 'jszip';
import { SaxesParser } from 'saxes';
import { TranscriptError } from './errors.ts';

export async function docxParagraphs(file: string, bytes: Uint8Array): Promise<{ line: number; lines: string[] }[]> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch {
    throw new TranscriptError(file, null, 'not a DOCX file (it is not a zip archive)');
  }
  const entry = zip.file('word/document.xml');
  if (!entry) throw new TranscriptError(file, null, 'not a DOCX file (word/document.xml is missing)');
  const xml = await entry.async('string');
  const paragraphs: string[] = [];
  let current: string | null = null;
  let inText = false;
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    if (tag.name === 'w:p') current = '';
    else if (tag.name === 'w:t') inText = true;
    else if (tag.name === 'w:tab' && current !== null) current += '\t';
    else if ((tag.name === 'w:br' || tag.name === 'w:cr') && current !== null) current += ' ';
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'w:t') inText = false;
    else if (tag.name === 'w:p' && current !== null) {
      paragraphs.push(current);
      current = null;
    }
  });
  parser.on('text', (t) => {
    if (inText && current !== null) current += t;
  });
  try {
    parser.write(xml).close();
  } catch (error) {
    throw new TranscriptError(file, null, `word/document.xml is not well-formed XML (${(error as Error).message.split('\n')[0]})`);
  }
  // The paragraph number stands in for the line: it is what a reader finds in a word processor.
  return paragraphs.map((p, i) => ({ line: i + 1, lines: [p] })).filter((p) => p.lines[0]!.trim() !== '');
}
