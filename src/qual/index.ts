// The qualitative arm: participant register, sessions, transcripts as speaker turns, a hierarchical
// codebook with codings and memos, inter-coder agreement, quotes with attributions built from the
// register, summary boxes and member checks. Imports only storage; never reads survey responses.
export { attributionOf } from './attribution.ts';
export { cohenKappa, krippendorffAlpha, type Metric } from './agreement.ts';
export {
  addMemberCheck,
  addSummaryBox,
  listMemberChecks,
  listSummaryBoxes,
  type MemberCheck,
  type SummaryBox,
  type SummaryItem,
} from './boxes.ts';
export { addCode, findCode, getCode, listCodes, type Code, type CodeInput } from './codebook.ts';
export { addMemo, agreementOfTranscript, codeSpan, codingsOfTranscript, memosOf, removeCoding, type PatternAgreement } from './coding.ts';
export { QdcError, QualInputError, TranscriptError } from './errors.ts';
export {
  addParticipants,
  findParticipant,
  listParticipants,
  participantInput,
  withdrawConsent,
  type ParticipantInput,
} from './participants.ts';
export { codebookToQdc, exportQdc, importQdc, parseQdc } from './qdc.ts';
export { addQuotes, findQuotes, parseWhere, QUOTE_FILTERS, updateQuote, type QuoteInput, type QuoteView } from './quotes.ts';
export { quotesToCsv, quotesToXlsx } from './quotes-export.ts';
export { qualitativeForReport, type QualitativeReport, type QualitativeSection } from './report.ts';
export {
  addSessions,
  findSession,
  getSession,
  listSessions,
  sessionParticipantCodes,
  setSessionNotes,
  type Session,
  type SessionInput,
} from './sessions.ts';
export {
  participantTable,
  participantTableFromDb,
  PARTICIPANT_TABLE_IDS,
  type ParticipantTable,
  type ParticipantTableId,
} from './tables.ts';
export { getTranscript, importTranscript, listTranscripts, type TranscriptImport, type TranscriptInfo, type Turn } from './transcripts.ts';
export { formatOfName } from './transcript-parse.ts';
export * from './types.ts';
