/** The database cannot be reached, opened or migrated; the message says which and where. */
export class DatabaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseError';
  }
}
