// The fuzzer's own oracle, checked against the code it judges: a forged secret or signature that
// happened to verify, or a "valid" answer the survey refuses, would turn into false failures.
import { discourseSignatureMatches, gitlabTokenMatches } from "@agora/hooks";
import { parseAnswers } from "@agora/surveys";
import { exampleSurvey } from "@agora/surveys/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DISCOURSE_SECRET, GITLAB_SECRET } from "../processes.ts";
import { markerFor, markerPrefix } from "./http-case.ts";
import { buildSurveyPost, surveyRecipeArb } from "./survey-cases.ts";
import { buildWebhook, webhookRecipeArb } from "./webhook-cases.ts";

const small = { maxString: 5000, maxDepth: 500, maxHeader: 3500 };

describe("fuzz recipes", () => {
  it("authenticate exactly the deliveries they call valid", async () => {
    await fc.assert(
      fc.asyncProperty(webhookRecipeArb(small), fc.nat({ max: 1e6 }), async (recipe, serial) => {
        const c = buildWebhook(recipe, markerFor(serial), serial);
        const verified =
          recipe.source === "gitlab"
            ? await gitlabTokenMatches(c.headers["x-gitlab-token"], GITLAB_SECRET)
            : await discourseSignatureMatches(
                c.headers["x-discourse-event-signature"],
                new Uint8Array(c.body),
                DISCOURSE_SECRET,
              );
        expect(verified).toBe(recipe.auth === "valid");
        // Only the recipes meant to cross the server's 16 KiB of headers do (with room for Host and the request line).
        const headerBytes = Object.entries(c.headers).reduce((n, [k, v]) => n + k.length + v.length + 4, 0);
        expect(headerBytes > 16 * 1024).toBe(recipe.oversizedHeaders);
        if (!recipe.oversizedHeaders) expect(headerBytes).toBeLessThan(14_000);
        // The marker opens every stored body: its row is found by it (`{"…":"fz…"}` for an emptied object).
        if (c.expect.kind === "delivery")
          expect(Buffer.from(c.body).toString("utf8").startsWith(markerPrefix(c.marker).slice(0, -1))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("post answers the example survey takes when they call them valid", () => {
    const survey = exampleSurvey();
    fc.assert(
      fc.property(surveyRecipeArb({ maxText: 5000 }), (recipe) => {
        const c = buildSurveyPost(recipe, markerFor(1), 1, "http://127.0.0.1");
        if (c.expect.kind !== "answer") return;
        const form = new Map<string, string[]>();
        for (const [name, value] of new URLSearchParams(Buffer.from(c.body).toString("utf8")))
          form.set(name, [...(form.get(name) ?? []), value]);
        expect(parseAnswers(survey, form)).toMatchObject({ ok: true });
      }),
      { numRuns: 300 },
    );
  });
});
