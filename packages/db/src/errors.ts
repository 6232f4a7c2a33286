// PostgreSQL says why it refused a statement in a five-character SQLSTATE; its first two
// characters are the class. https://www.postgresql.org/docs/current/errcodes-appendix.html

/** The SQLSTATE of a database error (node-postgres and PGlite both put it on `code`). */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

// 22 data exception (a value out of range, text that cannot be stored), 23 integrity
// constraint violation, 54 program limit exceeded (an index row too large).
const DATA_CLASSES = new Set(["22", "23", "54"]);

/**
 * Whether the database refused the data itself: the same statement with the same values fails
 * the same way on every attempt, so retrying it only delays the verdict.
 */
export function isDataError(error: unknown): boolean {
  const state = sqlState(error);
  return state !== undefined && DATA_CLASSES.has(state.slice(0, 2));
}

/**
 * A data error that another attempt cannot fix. A unique violation can be fixed by one: a
 * concurrent writer stored the row first, and the next attempt finds it there.
 */
export function isPermanentDataError(error: unknown): boolean {
  return isDataError(error) && sqlState(error) !== "23505";
}
