import type { Sql } from "@agora/db";
import type { SurveyDefinition } from "@agora/schemas";
import { crossTab, type CrossTabResult } from "./cross-tab.ts";
import { resultsStrings } from "./results-strings.ts";
import type { SurveyResults } from "./results-types.ts";

/** The two questions a results page's form picked, as `?x=` and `?y=`. */
export type PickedQuestions = { x: string | undefined; y: string | undefined };

/**
 * The cross-tab a results page shows for the questions picked: none when neither is picked or the
 * results are too few to show; a refusal naming the other one when only one is. The public page and
 * the admin's show the same, so it is said once.
 */
export async function pickedCrossTab(
  db: Sql,
  {
    definition,
    results,
    picked,
    lang,
  }: { definition: SurveyDefinition; results: SurveyResults; picked: PickedQuestions; lang: string },
): Promise<CrossTabResult | undefined> {
  if (results.tooFew) return undefined;
  if (picked.x && picked.y)
    return crossTab({ ctx: { db }, input: { definition, x: picked.x, y: picked.y, lang: results.lang, results } });
  if (!picked.x && !picked.y) return undefined;
  const param = picked.x ? "y" : "x";
  return { ok: false, param, message: resultsStrings(lang).pickQuestion(param) };
}
