import { AppError } from "@agora/http";
import {
  describeProblem,
  listProblems,
  readableErrors,
  SurveyDefinition,
  unstorableText,
  type Problem,
} from "@agora/schemas";
import type { Context } from "hono";
import { z } from "zod";
import { MAX_NESTING, tooDeepAt } from "./nesting-limits.ts";
import { readYamlBody } from "./yaml-body.ts";

const YAML_TYPES = /^(application\/(x-)?yaml|text\/(x-)?yaml)\s*(;|$)/i;
const JSON_TYPE = /^application\/([a-z0-9.+-]*\+)?json\s*(;|$)/i;

/**
 * The survey definition in a request body: JSON, or YAML (`Content-Type: application/yaml`, as the
 * files under config/surveys are written). Every problem is named by its field, and in YAML by its
 * line, in one 400; any other content type is refused with 415.
 */
export async function readDefinitionBody(c: Context): Promise<SurveyDefinition> {
  const type = c.req.header("content-type") ?? "";
  if (YAML_TYPES.test(type)) {
    const checked = checkDefinitionYaml(await c.req.text());
    if (checked.ok) return checked.definition;
    throw refused(checked.problems.map((p) => p.text));
  }
  if (!JSON_TYPE.test(type)) {
    throw new AppError(
      "unsupported_media_type",
      "the body must be a survey definition as application/json or application/yaml",
    );
  }
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new AppError("bad_request", "body: is not valid JSON");
  }
  const checked = checkDefinition(data);
  if (checked.ok) return checked.definition;
  throw new AppError(
    "validation_failed",
    checked.problems.map((p) => describeProblem({ ...p, path: ["body", ...p.path] })).join("; "),
  );
}

/** One problem of a YAML definition: its line when known, and the problem in words (with the line). */
export interface DefinitionProblem {
  line?: number;
  text: string;
}

export type DefinitionCheck = { ok: true; definition: SurveyDefinition } | { ok: false; problems: DefinitionProblem[] };

/**
 * The checks of a YAML (or JSON, which YAML reads too) definition that the API makes on a body,
 * for the API and the admin pages' editor alike: the reader's limits, then the schema's check,
 * each problem with its line.
 */
export function checkDefinitionYaml(text: string): DefinitionCheck {
  const read = readYamlBody(text);
  if (!read.ok) return { ok: false, problems: read.problems.map((p) => ({ ...lineIn(p), text: p })) };
  if (read.value === null || read.value === undefined)
    return { ok: false, problems: [{ text: "the body is empty: a survey needs a slug, a title and questions" }] };
  const checked = checkDefinition(read.value);
  if (checked.ok) return checked;
  return {
    ok: false,
    problems: checked.problems.map((problem) => {
      const line = read.lineOf(problem.path);
      return { ...(line !== undefined && { line }), text: withLine(problem, line) };
    }),
  };
}

function lineIn(problem: string): { line?: number } {
  const match = /^line (\d+)/.exec(problem);
  return match ? { line: Number(match[1]) } : {};
}

export type Checked = { ok: true; definition: SurveyDefinition } | { ok: false; problems: Problem[] };

/**
 * The schema's check, after two that it cannot make itself: nesting it would recurse into until
 * the stack ends, and text the database cannot store (which it would refuse only on insert).
 * The admin pages' form builder calls it on the definition it holds as data, so its problems keep
 * their paths and can be shown next to the field they are about.
 */
export function checkDefinition(data: unknown): Checked {
  const deep = tooDeepAt(data);
  if (deep) return { ok: false, problems: [{ path: deep, message: `nested deeper than ${MAX_NESTING} levels` }] };
  const unstorable = unstorableText(data);
  if (unstorable.length > 0) return { ok: false, problems: listProblems(new z.ZodError(unstorable)) };
  const parsed = SurveyDefinition.safeParse(data, { error: readableErrors });
  return parsed.success ? { ok: true, definition: parsed.data } : { ok: false, problems: listProblems(parsed.error) };
}

const refused = (problems: string[]) => new AppError("validation_failed", problems.map((p) => `body: ${p}`).join("; "));

function withLine(problem: Problem, line: number | undefined): string {
  return line === undefined ? describeProblem(problem) : `${describeProblem(problem)} (line ${line})`;
}
