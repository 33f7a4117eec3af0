// The one error the demo raises for a study it cannot fill (a questionnaire or item the plan needs is missing):
// the CLI prints its message as it is, naming the questionnaire or item.
export class DemoDataError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoDataError';
  }
}
