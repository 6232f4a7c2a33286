import { dialects } from "@agora/db/testing";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { submitAnswer } from "../../src/verbs/submit-answer.ts";
import { adminHarness, form, testSurvey } from "./admin-harness.ts";

describe.each(dialects)("admin API: exporting answers on %s", (dialect) => {
  const h = adminHarness(dialect);

  async function answeredSurvey(slug: string) {
    await h.request("POST", "/api/surveys", testSurvey(slug, { access: { mode: "open" } }));
    await h.request("POST", `/api/surveys/${slug}/open`);
    const ctx = { db: h.db, now: () => h.clock.now };
    const answer = (fields: Record<string, string | string[]>) =>
      submitAnswer({ ctx, input: { slug, form: form(fields), ticket: { kind: "none" } } });
    expect(
      await answer({
        "q.usage": "other",
        "q.usage.other": "=1+1",
        "q.tools": ["nano", "vim"],
        "q.score": "10",
        "q.machines": "3",
        "q.agree.docs": "yes",
        "q.order.a": "2",
        "q.order.b": "1",
        "q.comment": 'Fine, "mostly"',
      }),
    ).toMatchObject({ ok: true });
    h.clock.now = new Date("2026-06-02T23:59:00Z");
    expect(await answer({ "q.usage": "work" })).toMatchObject({ ok: true });
  }

  it("exports CSV as a download with a header of question texts, one column per option, texts defused", async () => {
    await answeredSurvey("exp");
    const res = await h.request("GET", "/api/surveys/exp/export?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="exp-answers.csv"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const csv = await res.text();
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const [header, ...rows] = parse(csv, { record_delimiter: "\r\n" }) as string[][];
    expect(header).toEqual([
      "id",
      "day",
      "How do you use it?",
      "How do you use it? [Other, in your words]",
      "Which tools? [Vim]",
      "Which tools? [Emacs]",
      "Which tools? [Nano]",
      "Recommend?",
      "How many machines?",
      "Agree? [Docs]",
      "Agree? [Speed]",
      "Rank [A]",
      "Rank [B]",
      "Anything else?",
    ]);
    const byDay = rows.map((r) => r.slice(1)).sort((a, b) => a[0]!.localeCompare(b[0]!));
    expect(byDay).toEqual([
      ["2026-06-01", "other", "'=1+1", "1", "0", "1", "10", "3", "2", "", "2", "1", 'Fine, "mostly"'],
      ["2026-06-02", "work", "", "", "", "", "", "", "", "", "", "", ""],
    ]);
    for (const row of rows) expect(row[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect((await h.request("GET", "/api/surveys/exp/export")).headers.get("content-type")).toBe(
      "text/csv; charset=utf-8",
    );
  });

  it("starts the CSV with a byte order mark for ?bom=1 only, the rest the same bytes", async () => {
    const plain = Buffer.from(await (await h.request("GET", "/api/surveys/exp/export?format=csv&bom=0")).arrayBuffer());
    const marked = Buffer.from(
      await (await h.request("GET", "/api/surveys/exp/export?format=csv&bom=1")).arrayBuffer(),
    );
    expect(marked.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(marked.subarray(3)).toEqual(plain);
    expect(parse(marked, { bom: true, columns: true })).toEqual(parse(plain, { columns: true }));
    // JSON never carries one (RFC 8259).
    const json = Buffer.from(await (await h.request("GET", "/api/surveys/exp/export?format=json&bom=1")).arrayBuffer());
    expect(json[0]).toBe("{".charCodeAt(0));
  });

  it("exports the codebook: each CSV column with its header, id and value labels, and no answer", async () => {
    const res = await h.request("GET", "/api/surveys/exp/export?format=codebook");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="exp-codebook.json"');
    expect(res.headers.get("cache-control")).toBe("no-store");
    const codebook = await res.json();
    const header = (
      parse(await (await h.request("GET", "/api/surveys/exp/export")).text(), {
        record_delimiter: "\r\n",
      }) as string[][]
    )[0];
    expect(codebook.columns.map((c: { header: string }) => c.header)).toEqual(header);
    expect(codebook.columns.find((c: { name: string }) => c.name === "tools.nano")).toMatchObject({
      header: "Which tools? [Nano]",
      question: "tools",
      option: "nano",
      type: "integer",
      values: [{ value: 1 }, { value: 0 }],
    });
    expect(codebook.columns.find((c: { name: string }) => c.name === "agree.docs").values).toEqual([
      { value: 1, id: "no", label: "No" },
      { value: 2, id: "yes", label: "Yes" },
    ]);
    expect(codebook.questions.map((q: { id: string }) => q.id)).toEqual([
      "usage",
      "tools",
      "score",
      "machines",
      "agree",
      "order",
      "comment",
    ]);
    expect(JSON.stringify(codebook)).not.toContain("mostly");
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
    expect(first).toMatchObject({
      answers: {
        usage: "other",
        tools: ["vim", "nano"],
        score: 10,
        machines: 3,
        agree: { docs: "yes" },
        order: ["b", "a"],
      },
      texts: { usage: "=1+1", comment: 'Fine, "mostly"' },
    });
  });

  it("refuses an unknown format with 400 naming it, and an unknown survey with 404", async () => {
    const res = await h.request("GET", "/api/surveys/exp/export?format=xlsx");
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^query\.format: must be "csv", "json" or "codebook"/);
    const bom = await h.request("GET", "/api/surveys/exp/export?format=csv&bom=yes");
    expect(bom.status).toBe(400);
    expect((await bom.json()).error.message).toMatch(/^query\.bom: must be "0" or "1"/);
    expect((await h.request("GET", "/api/surveys/nothing/export?format=json")).status).toBe(404);
  });
});
