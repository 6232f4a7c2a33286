import { saveTriageCorrection, saveTriageDecision, setTriageDecisionOpen, type TriageDecisionRecord } from "@agora/db";
import { freshDatabase, type TestDatabase } from "@agora/db/testing";
import { createLogger, createMetrics, createServiceApp } from "@agora/http";
import { Community } from "@agora/schemas";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { triageRoutes, type TriageView } from "../../src/page/index.ts";

const community = Community.parse({
  sigs: [
    {
      id: "cloud",
      name: "Cloud",
      leads: [{ matrix: "@ann:example.org", gitlab: "ann" }],
      gitlab: { labels: ["sig::cloud"] },
      room: "#cloud:example.org",
    },
    {
      id: "kernel",
      name: "Kernel",
      leads: [{ matrix: "@bob:example.org", gitlab: "bob" }],
      gitlab: { labels: ["sig::kernel"] },
      room: "#kernel:example.org",
    },
  ],
  gitlab: { url: "https://gitlab.example.org/" },
});

let t: TestDatabase;
let app: ReturnType<typeof build>;

function build(db: TestDatabase["db"]) {
  const app = createServiceApp({
    service: "triage-test",
    deps: { db, community },
    logger: createLogger({ level: "silent" }),
    metrics: createMetrics(),
    readiness: {},
  });
  app.route("/", triageRoutes());
  return app;
}

const decision = (d: Partial<TriageDecisionRecord> & { issueIid: number }): TriageDecisionRecord => ({
  projectId: 7,
  sig: "cloud",
  confidence: 0.9,
  mode: "act",
  reasons: ["label sig::cloud"],
  confidential: false,
  ...d,
});

beforeAll(async () => {
  t = await freshDatabase("pglite");
  app = build(t.db);
  await saveTriageDecision(t.db, decision({ issueIid: 1, reasons: ["keyword <script>alert(1)</script>"] }));
  await saveTriageDecision(
    t.db,
    decision({
      issueIid: 2,
      mode: "ask",
      confidence: 0.41,
      reasons: ["model: cloud at 41%"],
      title: "<b>cloud-init</b> hangs",
      suggestions: [
        { sig: "cloud", confidence: 0.41 },
        { sig: "core", confidence: 0.3 },
      ],
    }),
  );
  // A question closed in GitLab since: it leaves the page.
  await saveTriageDecision(t.db, decision({ issueIid: 9, mode: "ask", reasons: ["closed-question"] }));
  await setTriageDecisionOpen(t.db, 7, 9, false);
  await saveTriageDecision(
    t.db,
    decision({ issueIid: 10, confidential: true, title: "confidential-title-xyz", reasons: ["r"] }),
  );
  await saveTriageDecision(t.db, decision({ issueIid: 3, confidential: true, reasons: ["secret-reason-xyz"] }));
  await saveTriageDecision(
    t.db,
    decision({ issueIid: 4, mode: "ask", confidential: true, reasons: ["secret-ask-xyz"] }),
  );
  await saveTriageDecision(t.db, decision({ issueIid: 5, sig: "kernel", reasons: ["package kernel"] }));
  // A person corrected issue 6 since: it is theirs, no longer the bot's to show.
  await saveTriageDecision(t.db, decision({ issueIid: 6, mode: "ask", reasons: ["corrected-reason"] }));
  await saveTriageCorrection(t.db, {
    projectId: 7,
    issueIid: 6,
    title: "t",
    description: "",
    sig: "kernel",
    correctedBy: "ann",
  });
  // Routed long ago: no longer "recent".
  await saveTriageDecision(t.db, decision({ issueIid: 8, reasons: ["old-reason"] }));
  await t.db.query("update agora_triage_decision set decided_at = now() - interval '30 days' where issue_iid = 8");
});
afterAll(() => t.drop());

describe("GET /triage/:sig", () => {
  it("lists the untriaged and recently routed bugs with link, confidence and reasons, escaped", async () => {
    const res = await app.request("/triage/cloud");
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("<caption>");
    expect(body).toContain('<th scope="col">Reasons</th>');
    // A phone shows each cell beside its column's name.
    expect(body).toContain('<table class="cards">');
    expect(body).toContain('<td class="num" data-label="Confidence">41%</td>');
    expect(body).toContain('href="https://gitlab.example.org/projects/7/-/issues/1"');
    expect(body).toContain("#2 &lt;b&gt;cloud-init&lt;/b&gt; hangs");
    expect(body).toContain("cloud 41%, core 30%");
    expect(body).not.toContain("closed-question");
    expect(body).toContain('href="https://gitlab.example.org/projects/7/-/issues/2"');
    expect(body).toContain("model: cloud at 41%");
    expect(body).toContain("41%");
    expect(body).toContain("keyword &lt;script&gt;alert(1)&lt;/script&gt;");
    expect(body).not.toContain("<script");
    expect(body).not.toMatch(/https?:\/\/(?!gitlab\.example\.org)[^"]*"/);
    // Issue 2 is in the untriaged table, issue 1 in the routed one.
    expect(body.indexOf("issues/2")).toBeLessThan(body.indexOf("Recently routed"));
    expect(body.indexOf("issues/1")).toBeGreaterThan(body.indexOf("Recently routed"));
    for (const hidden of [
      "secret-reason-xyz",
      "secret-ask-xyz",
      "issues/3",
      "issues/4",
      "corrected-reason",
      "old-reason",
      "package kernel",
    ]) {
      expect(body).not.toContain(hidden);
    }
  });

  it("never stores a confidential issue's title", async () => {
    const [row] = await t.db.query<{ title: string }>("select title from agora_triage_decision where issue_iid = 10");
    expect(row?.title).toBe("");
  });

  it("answers an unknown SIG with the 404 envelope naming it", async () => {
    const res = await app.request("/triage/nope");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: "not_found",
      message: expect.stringContaining('"nope"'),
    });
  });
});

describe("GET /triage", () => {
  it("counts per SIG without confidential or corrected issues, and links each SIG", async () => {
    const body = await (await app.request("/triage")).text();
    expect(body).toContain('<a href="/triage/cloud">Cloud</a></th><td class="num">1</td><td class="num">1</td>');
    expect(body).toContain('<a href="/triage/kernel">Kernel</a></th><td class="num">0</td><td class="num">1</td>');
  });
});

describe("bugs no rule could place", () => {
  it("have their own row on /triage and their own page, while one waits", async () => {
    const before = await (await app.request("/triage")).text();
    expect(before).not.toContain("/triage/unplaced");
    await saveTriageDecision(
      t.db,
      decision({ issueIid: 20, sig: "", mode: "ask", confidence: 0, reasons: [], title: "Something odd happens" }),
    );
    const body = await (await app.request("/triage")).text();
    expect(body).toContain(
      '<a href="/triage/unplaced">Not placed</a></th><td class="num">1</td><td class="num">0</td>',
    );
    const page = await (await app.request("/triage/unplaced")).text();
    expect(page).toContain("Open bugs the bot could not place");
    expect(page).toContain("#20 Something odd happens");
    const api = (await (await app.request("/api/triage/unplaced")).json()) as TriageView;
    expect(api.untriaged.map((i) => i.issueIid)).toEqual([20]);
    await setTriageDecisionOpen(t.db, 7, 20, false);
  });
});

describe("GET /api/triage/:sig", () => {
  it("returns the same lists as JSON", async () => {
    const res = await app.request("/api/triage/cloud");
    expect(res.status).toBe(200);
    const view = (await res.json()) as TriageView;
    expect(view.sig).toEqual({ id: "cloud", name: "Cloud" });
    expect(view.untriaged).toEqual([
      {
        projectId: 7,
        issueIid: 2,
        title: "<b>cloud-init</b> hangs",
        url: "https://gitlab.example.org/projects/7/-/issues/2",
        confidence: 0.41,
        suggestions: [
          { sig: "cloud", confidence: 0.41 },
          { sig: "core", confidence: 0.3 },
        ],
        reasons: ["model: cloud at 41%"],
        decidedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(view.routed.map((i) => i.issueIid)).toEqual([1]);
  });

  it("answers an unknown SIG with the 404 envelope naming it", async () => {
    const res = await app.request("/api/triage/nope");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: unknown }).error).toMatchObject({
      code: "not_found",
      message: expect.stringContaining('"nope"'),
    });
  });

  it("is declared in the OpenAPI document", async () => {
    const doc = (await (await app.request("/openapi.json")).json()) as {
      paths: Record<string, { get?: { responses: object } }>;
    };
    const op = doc.paths["/api/triage/{sig}"]?.get;
    expect(op).toBeDefined();
    expect(Object.keys(op!.responses)).toEqual(expect.arrayContaining(["200", "404"]));
  });
});
