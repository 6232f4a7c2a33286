import { dialects } from "@agora/db/testing";
import { describe, expect, it } from "vitest";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { adminHarness, form, testSurvey } from "./admin-harness.ts";

describe.each(dialects)("admin API: exporting answers on %s", (dialect) => {
  const h = adminHarness(dialect);

  async function answeredSurvey(slug: string) {
    await h.request("POST", "/api/surveys", testSurvey(slug, { access: { mode: "open" } }));
    await h.request("POST", `/api/surveys/${slug}/open`);
    const ctx = { db: h.db, now: () => h.clock.now };
    const answer = (fields: Record<string, string | string[]>) => submitAnswer({ ctx, input: { slug, form: form(fields), ticket: { kind: "none" } } });
    expect(await answer({ "q.usage": "other", "q.usage.other": "=1+1", "q.tools": ["nano", "vim"], "q.score": "10", "q.machines": "3", "q.agree.docs": "yes", "q.order.a": "2", "q.order.b": "1", "q.comment": "Fine, \"mostly\"" })).toMatchObject({ ok: true });
    h.clock.now = new Date("2026-06-02T23:59:00Z");
    expect(await answer({ "q.usage": "work" })).toMatchObject({ ok: true });
  }

  it("exports CSV as a download, quoted and defused, one line per answer", async () => {
    await answeredSurvey("exp");
    const res = await h.request("GET", "/api/surveys/exp/export?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="exp-answers.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const lines = (await res.text()).split("\r\n");
    expect(lines[0]).toBe("id,day,usage,usage.other,tools,score,machines,agree.docs,agree.speed,order,comment");
    const rows = lines.slice(1, -1).map((l) => l.replace(/^[0-9a-f-]{36},/, "")).sort();
    expect(rows).toEqual(["2026-06-01,other,'=1+1,vim;nano,10,3,yes,,b;a,\"Fine, \"\"mostly\"\"\"", "2026-06-02,work,,,,,,,,"]);
    expect((await h.request("GET", "/api/surveys/exp/export")).headers.get("content-type")).toBe("text/csv; charset=utf-8");
  });

  it("exports JSON with exactly what is stored: random id, day, answers and texts", async () => {
    const res = await h.request("GET", "/api/surveys/exp/export?format=json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="exp-answers.json"');
    const body = await res.json();
    expect(body.slug).toBe("exp");
    expect(body.answerCount).toBe(2);
    for (const answer of body.answers) expect(Object.keys(answer).sort()).toEqual(["answers", "day", "id", "texts"]);
    const first = body.answers.find((a: { day: string }) => a.day === "2026-06-01");
    expect(first).toMatchObject({ answers: { usage: "other", tools: ["vim", "nano"], score: 10, machines: 3, agree: { docs: "yes" }, order: ["b", "a"] }, texts: { usage: "=1+1", comment: 'Fine, "mostly"' } });
  });

  it("refuses an unknown format with 400 naming it, and an unknown survey with 404", async () => {
    const res = await h.request("GET", "/api/surveys/exp/export?format=xlsx");
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^query\.format: must be "csv" or "json"/);
    expect((await h.request("GET", "/api/surveys/nothing/export?format=json")).status).toBe(404);
  });
});
