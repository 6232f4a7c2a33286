import { z } from "zod";

// What PostgreSQL cannot hold, refused when a payload is parsed: a delivery that passed its
// schema and then failed in the database would be retried as if the failure were passing.

/** An id as GitLab and Discourse number things: a whole number that a `bigint` column and JSON both hold exactly. */
export const RowId = z.int().min(0);

/** A position or version kept in an `int` column. */
export const RowInt = z.int32();

const MAX_REPORTED = 5;

/** Why `text` cannot go into a `text` or `jsonb` column, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  if (text.includes("\u0000")) return "contains a NUL character (\\u0000), which the database cannot store";
  if (!text.isWellFormed())
    return "contains a lone UTF-16 surrogate, which is not a character and the database cannot store";
  return undefined;
}

/** A place in the walked value; paths are built only for the few places reported. Only the root has no parent, and every other place has a key. */
type Place = { value: unknown; parent?: undefined } | { value: unknown; key: PropertyKey; parent: Place };

function pathOf(place: Place): PropertyKey[] {
  const path: PropertyKey[] = [];
  for (let at = place; at.parent; at = at.parent) path.push(at.key);
  return path.reverse();
}

/**
 * Where a parsed JSON value holds text that `jsonb` and `text` columns refuse: NUL, or half of a
 * surrogate pair, in a string or a key. Walked with a stack of its own, since a 25 MiB body can
 * nest millions of levels deep. Reports the first few places, as zod issues.
 */
export function unstorableText(value: unknown): z.core.$ZodIssue[] {
  const issues: z.core.$ZodIssue[] = [];
  const stack: Place[] = [{ value }];
  while (issues.length < MAX_REPORTED) {
    const place = stack.pop();
    if (!place) break;
    const current = place.value;
    if (typeof current === "string") {
      const message = unstorableReason(current);
      if (message) issues.push({ code: "custom", path: pathOf(place), message, input: undefined });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--) stack.push({ value: current[i], key: i, parent: place });
    } else if (typeof current === "object" && current !== null) {
      for (const [key, inner] of Object.entries(current)) {
        const message = unstorableReason(key);
        if (message)
          issues.push({ code: "custom", path: pathOf(place), message: `a key ${message}`, input: undefined });
        else stack.push({ value: inner, key, parent: place });
      }
    }
  }
  return issues;
}
