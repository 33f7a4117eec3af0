// Teardown of what a before() hook set up: a `let x: T` assigned in before() is still undefined in after()
// when the hook failed first, which the declared type does not say.

/** The value as after() may find it: undefined if before() failed before assigning it. */
export const ifSet = <T>(value: T): T | undefined => value;
