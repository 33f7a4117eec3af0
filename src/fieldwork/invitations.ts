// Issuing invitation codes for the DUO route: the codes are made here, written in full to the codes file
// (the only place they will ever exist in plain text) before their hashes are stored, and the file is renamed
// into place only once the database holds them. So a failure leaves either no codes at all, or stored codes
// whose file is on disk.
import type { Db } from '../storage/db.ts';
import { newInvitationCodes, storeInvitations } from '../storage/invitations.ts';
import { codesCsv } from './codes-file.ts';
import { assertWritable, OutputFileError, prepareFile } from './files.ts';
import type { PublicBase } from './links.ts';

export const DEFAULT_LETTER_CHANNEL = 'duo-brief';

export interface IssueRequest {
  readonly waveId: string;
  readonly count: number;
  readonly channel: string;
  readonly questionnaireId?: string | undefined;
  readonly base: PublicBase;
  /** The codes file to write; refused when it exists unless `force`. */
  readonly outFile: string;
  readonly force: boolean;
}

/** Makes, writes and stores `count` invitation codes; returns them in file order. */
export async function issueInvitations(db: Db, request: IssueRequest): Promise<string[]> {
  assertWritable(request.outFile, request.force);
  const codes = newInvitationCodes(request.count);
  const file = prepareFile(request.outFile, codesCsv(codes, request.base));
  try {
    await storeInvitations(db, { waveId: request.waveId, codes, channel: request.channel, questionnaireId: request.questionnaireId });
  } catch (error) {
    file.discard();
    throw error;
  }
  try {
    file.commit();
  } catch (error) {
    // The codes are stored: the temporary file is now their only copy, so say where it is.
    throw new OutputFileError(`${(error as Error).message}; the ${codes.length} stored codes are in ${file.temporary}: keep that file`);
  }
  return codes;
}
