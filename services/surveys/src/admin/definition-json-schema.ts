import { ShowIf, SurveyDefinition } from "@agora/schemas";
import { z } from "zod";

type JsonSchema = Record<string, unknown>;

/**
 * A survey definition as JSON Schema for the API document, made from the very schema the handler
 * checks with, so the two cannot drift. What JSON Schema cannot say (ids unique, conditions that
 * name earlier questions, texts not blank once trimmed) the server still refuses with a 400.
 * The recursive condition becomes a component of its own, since refs must point into the document.
 */
export function definitionJsonSchemas(): { definition: JsonSchema; components: Record<string, JsonSchema> } {
  const names = z.registry<{ id: string }>();
  names.add(ShowIf, { id: "SurveyShowIf" });
  const generated = z.toJSONSchema(SurveyDefinition, { io: "input", unrepresentable: "any", metadata: names });
  const {
    $schema: _dialect,
    $defs,
    ...definition
  } = JSON.parse(JSON.stringify(generated).replaceAll('"#/$defs/', '"#/components/schemas/')) as JsonSchema;
  return { definition, components: ($defs ?? {}) as Record<string, JsonSchema> };
}
