// The study a command works on, from its folder; invalid files are one clear error, not a stack trace.
import { loadStudy, StudyFileError, type StudyDefinition } from '../study/load.ts';
import { CliError, type CliIO } from './command.ts';

/** The study from its files (PERSPECTIEF_STUDY_DIR or the default); invalid files are a CliError. */
export function loadStudyOrFail(io: CliIO, studyDir?: string): StudyDefinition {
  try {
    return loadStudy(studyDir ?? io.env['PERSPECTIEF_STUDY_DIR'] ?? undefined);
  } catch (error) {
    if (error instanceof StudyFileError) throw new CliError(`the study files are not valid:\n${error.message}`);
    throw error;
  }
}
