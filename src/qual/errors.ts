// Errors of the qualitative arm, by kind: bad input a person can fix names the file, line and field.

/** Input that does not fit the register, the codebook or a quote; the message names the field. */
export class QualInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'QualInputError';
  }
}

/** A transcript file that cannot be read; nothing of it is stored. */
export class TranscriptError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${reason}`);
    this.name = 'TranscriptError';
  }
}

/** A REFI-QDA codebook (.qdc) that cannot be read; nothing of it is stored. */
export class QdcError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly reason: string,
  ) {
    super(`${file}${line === null ? '' : `, line ${line}`}: ${reason}`);
    this.name = 'QdcError';
  }
}
