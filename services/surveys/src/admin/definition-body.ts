import { parseYamlWith } from "@agora/config";
import { AppError, describeZodError } from "@agora/http";
import { SurveyDefinition } from "@agora/schemas";
import type { Context } from "hono";

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
    const parsed = parseYamlWith(SurveyDefinition, await c.req.text(), "the body is empty: a survey needs a slug, a title and questions");
    if (parsed.ok) return parsed.value;
    throw new AppError("validation_failed", parsed.problems.map((p) => `body: ${p}`).join("; "));
  }
  if (!JSON_TYPE.test(type)) {
    throw new AppError("unsupported_media_type", "the body must be a survey definition as application/json or application/yaml");
  }
  let data: unknown;
  try {
    data = await c.req.json();
  } catch {
    throw new AppError("bad_request", "body: is not valid JSON");
  }
  const parsed = SurveyDefinition.safeParse(data);
  if (!parsed.success) throw new AppError("validation_failed", describeZodError(parsed.error, "body"));
  return parsed.data;
}
