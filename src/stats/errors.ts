// The one error type public statistics functions throw for invalid input. Kernels never throw: they
// return NaN on domain errors (stdlib-js convention), so only entry points validate.

/** Invalid input to a public statistics function (wrong lengths, negative weights, unknown level, …). */
export class StatsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StatsError';
  }
}

/** Throws a StatsError with `message` unless `condition` holds. */
export function check(condition: boolean, message: string): asserts condition {
  if (!condition) throw new StatsError(message);
}
