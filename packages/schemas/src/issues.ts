import type { z } from "zod";

/** A safeParse-style result whose error does not depend on which schema produced it. */
export type ParseResult<T> = { success: true; data: T } | { success: false; error: z.ZodError };

/** `sigs[2].room`, `object_attributes.title`: a path as a person would write it. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

/**
 * Messages for the cases zod words for programmers ("expected string, received undefined").
 * Pass as the `error` option of `safeParse`; returning undefined keeps zod's own message.
 */
export const readableErrors: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type" && issue.input === undefined) return "is required";
  if (issue.code === "invalid_type") return `must be ${article(issue.expected)}`;
  return undefined;
};

function article(expected: string): string {
  if (expected === "array") return "a list";
  if (expected === "object") return "a mapping of keys to values";
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

/** One problem at one place; an issue about several unknown keys becomes one per key. */
export interface Problem {
  path: PropertyKey[];
  message: string;
}

export function listProblems(error: z.ZodError): Problem[] {
  return error.issues.flatMap((issue) =>
    issue.code === "unrecognized_keys"
      ? issue.keys.map((key) => ({ path: [...issue.path, key], message: "unknown key, check its spelling" }))
      : [{ path: issue.path, message: issue.message }],
  );
}

/** `path: message` for a problem, or the bare message when it concerns the whole value. */
export function describeProblem(problem: Problem): string {
  const path = formatIssuePath(problem.path);
  return path ? `${path}: ${problem.message}` : problem.message;
}

/**
 * One line per problem, each starting with the path: `sigs[2].room: must be …`.
 * Unknown keys get a line each, so a typo points at the misspelt key itself.
 *
 * @example
 * const result = Community.safeParse(parsedYaml, { error: readableErrors });
 * if (!result.success) for (const line of describeIssues(result.error)) console.error(line);
 * // sigs[2].room: is required
 */
export function describeIssues(error: z.ZodError): string[] {
  return listProblems(error).map(describeProblem);
}
