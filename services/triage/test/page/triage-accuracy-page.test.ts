import { saveTriageCorrection, saveTriageDecision } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createLogger, createMetrics, createServiceApp } from "@agora/http";
import { Community } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { triageRoutes, type TriageView } from "../../src/page/index.ts";

const sig = (id: string, name: string) => ({
  id,
  name,
  leads: [{ matrix: `@${id}:example.org`, gitlab: id }],
  gitlab: { labels: [`sig::${id}`] },
  room: `#${id}:example.org`,
});
const community = Community.parse({ sigs: [sig("cloud", "Cloud"), sig("kernel", "Kernel"), sig("docs", "Docs")] });

let t: TestDatabase;
let app: ReturnType<typeof createServiceApp<{ db: TestDatabase["db"]; community: Community }>>;
let iid = 0;

async function decide(sigId: string, mode: "act" | "ask", personSig?: string) {
  const issueIid = ++iid;
  await saveTriageDecision(t.db, {
    projectId: 7,
    issueIid,
    sig: sigId,
    confidence: 0.8,
    mode,
    reasons: [],
    confidential: false,
  });
  if (personSig)
    await saveTriageCorrection(t.db, {
      projectId: 7,
      issueIid,
      title: "t",
      description: "",
      sig: personSig,
      correctedBy: "ann",
    });
}

beforeAll(async () => {
  t = await freshDatabase("pglite");
  app = createServiceApp({
    service: "triage-test",
    deps: { db: t.db, community },
    logger: createLogger({ level: "silent" }),
    metrics: createMetrics(),
    readiness: {},
  });
  app.route("/", triageRoutes());
  // Cloud: acted on 41 (3 moved by people), asked about 19 (12 placed, 9 of them in cloud).
  for (let i = 0; i < 41; i++) await decide("cloud", "act", i < 3 ? "kernel" : undefined);
  for (let i = 0; i < 19; i++) await decide("cloud", "ask", i < 9 ? "cloud" : i < 12 ? "docs" : undefined);
  // Kernel: too few acted on for a precision.
  for (let i = 0; i < 3; i++) await decide("kernel", "act", i < 1 ? "cloud" : undefined);
});
afterAll(() => t.drop());

/** The figures of the accuracy table's row for a SIG (or "All SIGs"). */
function cells(body: string, name: string): string[] {
  const row = [...body.matchAll(/<tr>(.*?)<\/tr>/g)]
    .map((m) => m[1] ?? "")
    .find((r) => r.includes("data-label") && r.includes(`>${name}<`));
  return [...(row ?? "").matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((m) => m[1] ?? "");
}

describe("the bot's accuracy on the triage pages", () => {
  it("the index shows a row per SIG, the overall figures, and no precision for too few", async () => {
    const body = await (await app.request("/triage")).text();
    expect(body).toContain("How the bot did, last 30 days");
    expect(body).toContain(
      "Acted alone on 44 of 63 bugs (69%); people moved 4 of those (precision 90%). Asked a person about 19: people placed 12, 9 in the bot&#39;s first suggestion.",
    );
    expect(cells(body, "Cloud")).toEqual(["60", "41 (68%)", "3", "92%", "19", "12 (9 as suggested)"]);
    expect(cells(body, "Kernel")).toEqual(["3", "3 (100%)", "1", "too few to tell", "0", "0"]);
    expect(cells(body, "Docs")).toEqual(["0", "0", "0", "none acted on", "0", "0"]);
    expect(cells(body, "All SIGs")).toEqual(["63", "44 (69%)", "4", "90%", "19", "12 (9 as suggested)"]);
    // A phone shows each figure with its column's name.
    expect(body).toContain('<td class="num" data-label="Precision">92%</td>');
  });

  it("a SIG's page says it in a sentence", async () => {
    const cloud = await (await app.request("/triage/cloud")).text();
    expect(cloud).toContain(
      "How the bot did for Cloud in the last 30 days: Acted alone on 41 of 60 bugs (68%); people moved 3 of those (precision 92%). Asked a person about 19: people placed 12, 9 in the bot&#39;s first suggestion.",
    );
    const kernel = await (await app.request("/triage/kernel")).text();
    expect(kernel).toContain(
      "Acted alone on 3 of 3 bugs (100%); people moved 1 of those (too few to tell its precision yet).",
    );
    expect(await (await app.request("/triage/docs")).text()).toContain("The bot decided no bugs in the last 30 days.");
  });

  it("the JSON API gives the counts and ratios, null where there is nothing to divide", async () => {
    const cloud = (await (await app.request("/api/triage/cloud")).json()) as TriageView;
    expect(cloud.accuracy).toEqual({
      days: 30,
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      decisions: 60,
      acted: 41,
      corrected: 3,
      asked: 19,
      placed: 12,
      placedAsSuggested: 9,
      precision: 1 - 3 / 41,
      coverage: 41 / 60,
    });
    const docs = (await (await app.request("/api/triage/docs")).json()) as TriageView;
    expect(docs.accuracy).toMatchObject({ decisions: 0, precision: null, coverage: null });
  });

  it("the OpenAPI document describes the accuracy the API returns", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    const accuracy = doc.components.schemas.TriageAccuracy;
    const cloud = (await (await app.request("/api/triage/cloud")).json()) as TriageView;
    expect(Object.keys(accuracy?.properties ?? {}).sort()).toEqual(Object.keys(cloud.accuracy).sort());
    expect(accuracy?.required?.sort()).toEqual(Object.keys(cloud.accuracy).sort());
    expect(doc.components.schemas.TriageView?.required).toContain("accuracy");
  });
});
