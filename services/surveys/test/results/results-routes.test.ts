import { dialects, freshDatabase, type TestDatabase } from "@agora/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exampleSurvey, generateAnswers } from "../../src/testing/index.ts";
import { admin, resultsApp, resultsSurvey, seedSurvey } from "./results-fixtures.ts";
import { wellFormedSvgs } from "./well-formed-svg.ts";

const publicSurvey = resultsSurvey("open-results");
const privateSurvey = resultsSurvey("private-results", { results: { public: false, min_group_size: 5 } });
const answers = generateAnswers(publicSurvey, 300, 11);

describe.each(dialects)("results routes on %s", (dialect) => {
  let t: TestDatabase;
  let app: ReturnType<typeof resultsApp>;
  beforeAll(async () => {
    t = await freshDatabase(dialect);
    app = resultsApp(t.db);
    await seedSurvey(t.db, publicSurvey, answers);
    await seedSurvey(t.db, privateSurvey, answers.slice(0, 40));
    await seedSurvey(t.db, resultsSurvey("just-started"), answers.slice(0, 3));
    await seedSurvey(t.db, exampleSurvey(), generateAnswers(exampleSurvey(), 60, 4));
    // Seven answers of 3 and one of 4: one bin, since either end alone would be a person.
    await seedSurvey(
      t.db,
      resultsSurvey("one-bin"),
      Array.from({ length: 8 }, (_, i) => ({ answers: { machines: i < 7 ? 3 : 4 }, texts: {} })),
    );
  });
  afterAll(() => t.drop());

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  // The tests look into the JSON with expect(), so it is typed loosely.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();

  it("serves public results as JSON without any free text, and counts that match the answers", async () => {
    const res = await get("/api/surveys/open-results/results");
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const body = await res.text();
    expect(body).not.toContain('"texts"');
    expect(body).not.toMatch(/something else|another one|text \d/);
    const results = JSON.parse(body);
    expect(results.responses).toBe(300);
    const usage = results.questions.find((q: { id: string }) => q.id === "usage");
    for (const option of usage.options) {
      const truth = answers.filter((a) => a.answers.usage === option.id).length;
      if (option.count !== null) expect(option.count).toBe(truth);
      if (truth >= 1 && truth < 5) expect(option.count).toBeNull();
    }
  });

  it("gives an admin the free texts", async () => {
    const res = await get("/api/surveys/open-results/results", admin);
    const results = await json(res);
    const comment = results.questions.find((q: { id: string }) => q.id === "comment");
    expect(comment.texts.sort()).toEqual(answers.flatMap((a) => (a.texts.comment ? [a.texts.comment] : [])).sort());
    const html = await (await get("/s/open-results/results", admin)).text();
    expect(html).toContain("shown to admins only");
    expect(await (await get("/s/open-results/results")).text()).not.toContain("shown to admins only");
  });

  it("answers 404 for results that are not public, as for a survey that does not exist", async () => {
    for (const path of ["/api/surveys/private-results/results", "/api/surveys/no-such-survey/results"]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect((await json(res)).error).toMatchObject({ code: "not_found" });
    }
    expect((await get("/s/private-results/results")).status).toBe(404);
    expect((await get("/s/private-results/results", { authorization: "Bearer wrong-token" })).status).toBe(404);
    const res = await get("/api/surveys/private-results/results", admin);
    expect(res.status).toBe(200);
    expect((await json(res)).responses).toBe(40);
    expect((await get("/s/private-results/results", admin)).status).toBe(200);
  });

  it("cross-tabulates two closed questions with totals, suppressed so no hidden cell stands alone", async () => {
    const res = await get("/api/surveys/open-results/results?x=usage&y=happy");
    expect(res.status).toBe(200);
    const { crossTab } = await json(res);
    expect(crossTab.x.values.map((v: { id: string }) => v.id)).toEqual(["home", "work", "other"]);
    expect(crossTab.y.values.map((v: { id: string }) => v.id)).toEqual(["1", "2", "3", "4", "5"]);
    const both = answers.filter((a) => a.answers.usage !== undefined && a.answers.happy !== undefined);
    crossTab.x.values.forEach((xv: { id: string }, i: number) => {
      const row: (number | null)[] = crossTab.cells[i];
      row.forEach((n, j) => {
        const truth = both.filter((a) => a.answers.usage === xv.id && a.answers.happy === j + 1).length;
        if (n !== null) expect(n).toBe(truth);
        if (truth >= 1 && truth < 5) expect(n).toBeNull();
      });
      // Every row with a hidden cell has a second hidden member, counting its total.
      const hidden = row.filter((n) => n === null).length + (crossTab.rowTotals[i] === null ? 1 : 0);
      expect(hidden).not.toBe(1);
    });
    expect(crossTab.total).toBe(both.length);
  });

  it("hides what a cross-tab would give away beside the questions' own results, the same whichever way round", async () => {
    const { crossTab, questions } = await json(get("/api/surveys/open-results/results?x=usage&y=happy"));
    const usage = questions.find((q: { id: string }) => q.id === "usage");
    const happy = questions.find((q: { id: string }) => q.id === "happy");
    // Those who answered one question and skipped the other are the difference between a total
    // of the table and the question's own count: never a small group.
    const small = (n: number) => n >= 1 && n < 5;
    crossTab.rowTotals.forEach((n: number | null, i: number) => {
      if (n !== null && usage.options[i].count !== null)
        expect(small(usage.options[i].count - n), `row ${i}`).toBe(false);
    });
    crossTab.columnTotals.forEach((n: number | null, j: number) => {
      if (n !== null && happy.distribution[j].count !== null)
        expect(small(happy.distribution[j].count - n), `column ${j}`).toBe(false);
    });
    if (crossTab.total !== null) {
      expect(small(usage.answered - crossTab.total)).toBe(false);
      expect(small(happy.answered - crossTab.total)).toBe(false);
    }
    const { crossTab: turned } = await json(get("/api/surveys/open-results/results?x=happy&y=usage"));
    expect(turned.cells).toEqual(
      crossTab.y.values.map((_: unknown, j: number) => crossTab.cells.map((row: unknown[]) => row[j])),
    );
    expect([turned.rowTotals, turned.columnTotals, turned.total]).toEqual([
      crossTab.columnTotals,
      crossTab.rowTotals,
      crossTab.total,
    ]);
  });

  it("cross-tabulates a multiple choice, counting each respondent once per option", async () => {
    const { crossTab } = await json(get("/api/surveys/open-results/results?x=tools&y=usage"));
    const both = answers.filter((a) => a.answers.tools !== undefined && a.answers.usage !== undefined);
    const vim = both.filter((a) => (a.answers.tools as string[]).includes("vim"));
    expect(crossTab.cells[0][0]).toBe(vim.filter((a) => a.answers.usage === "home").length);
    // Totals count people: the vim row once each, the whole table once each, however many tools they use.
    expect(crossTab.rowTotals[0]).toBe(vim.length);
    expect(crossTab.columnTotals[0]).toBe(both.filter((a) => a.answers.usage === "home").length);
    expect(crossTab.total).toBe(both.length);
  });

  it("cross-tabulates a number question in the bins of its chart", async () => {
    const { crossTab, questions } = await json(get("/api/surveys/open-results/results?x=machines&y=usage"));
    const chart = questions.find((q: { id: string }) => q.id === "machines").distribution;
    expect(crossTab.x.values.map((v: { label: string }) => v.label)).toEqual(
      chart.map((d: { label: string }) => d.label),
    );
    const both = answers.filter((a) => a.answers.machines !== undefined && a.answers.usage !== undefined);
    const edges = [...chart.map((d: { id: string }) => Number(d.id)), Infinity];
    crossTab.x.values.forEach((_: unknown, i: number) => {
      const inBin = both.filter(
        (a) => (a.answers.machines as number) >= edges[i] && (a.answers.machines as number) < edges[i + 1],
      );
      const home = inBin.filter((a) => a.answers.usage === "home").length;
      if (crossTab.cells[i][0] !== null) expect(crossTab.cells[i][0]).toBe(home);
      if (crossTab.rowTotals[i] !== null) expect(crossTab.rowTotals[i]).toBe(inBin.length);
    });
    expect(crossTab.total).toBe(both.length);
  });

  it("refuses a cross-tab of unknown or free-text questions with a 400 naming the parameter", async () => {
    const cases: [string, RegExp][] = [
      ["?x=nope&y=usage", /^x: "nope" is not a question/],
      ["?x=usage&y=comment", /^y: "comment" is a long text question/],
      ["?x=usage", /^y: a question id is needed/],
      ["?x=usage&y=usage", /^y: must be another question/],
      [
        "?x=agree&y=usage",
        /^x: "agree" is a likert question; cross-tabs take choice, rating, NPS and number questions/,
      ],
      ["?x=Usage%00&y=usage", /^x: must start with a letter/],
      ["?x=usage&y=", /^y: a question id is needed/],
    ];
    for (const [query, message] of cases) {
      const res = await get(`/api/surveys/open-results/results${query}`);
      expect(res.status, query).toBe(400);
      expect((await json(res)).error.message).toMatch(message);
    }
    const page = await get("/s/open-results/results?x=usage&y=comment");
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("y: &quot;comment&quot; is a long text question");
  });

  it("draws the page: one table per question that is its chart, with counts, shares and bars, no inline style or script", async () => {
    const res = await get("/s/open-results/results?x=usage&y=score");
    expect(res.status).toBe(200);
    const html = await res.text();
    // Bars are decoration beside the numbers that say the same: hidden from screen readers.
    const bars = wellFormedSvgs(html);
    expect(bars.length).toBeGreaterThan(10);
    for (const svg of bars)
      expect(svg).toMatch(
        /^<svg class="bar" aria-hidden="true" focusable="false" width="100%" height="10"><rect width="[\d.]+%"/,
      );
    // Every closed question has one table, named by its heading; the long text has none.
    for (const q of publicSurvey.questions.filter((q) => q.type !== "long_text")) {
      expect(html).toMatch(new RegExp(`<table class="[a-z ]+"( id="[^"]+")? aria-labelledby="q-${q.id}">`));
    }
    const usage = html.slice(html.indexOf('id="q-usage"'), html.indexOf('id="q-tools"'));
    const home = answers.filter((a) => a.answers.usage === "home").length;
    const answered = answers.filter((a) => a.answers.usage !== undefined).length;
    // A share is of those who answered the question, not of everyone who answered the survey.
    expect(usage).toContain(`<p>Answered by ${answered}.</p>`);
    expect(usage).toContain(`<td class="num">${home}</td><td class="num">${Math.round((home / answered) * 100)}%</td>`);
    expect(usage.match(/<table/g)).toHaveLength(1);
    expect(html).toContain("The bars show how many ranked each option first");
    expect(html).not.toMatch(/\sstyle=|<style|<script|\son[a-z]+=/i);
    expect(html.replaceAll("http://www.w3.org/2000/svg", "")).not.toMatch(/https?:\/\//);
    expect(html).toContain("Net Promoter Score");
    expect(html).toMatch(/<caption>How do you use it\? \(rows\) by Recommend\? \(columns\)/);
    // A cross-tab's cell gives its share of its row.
    expect(html).toMatch(/<td class="num">\d+ <span class="muted">\(\d+%\)<\/span><\/td>/);
    expect(html).toContain('<option value="score" selected>');
    const css = await get("/assets/survey-results.css");
    expect(css.headers.get("content-type")).toMatch(/^text\/css/);
    expect(html).toContain('<link rel="stylesheet" href="/assets/survey-results.css">');
  });

  it("says why a count or a figure is hidden, and picks two different questions for the cross-tab", async () => {
    const html = await (await get("/s/open-results/results")).text();
    expect(html).toContain(
      "Hidden: fewer than 5 answers, or a count from which such a small group could be worked out from the others.",
    );
    expect(html).toMatch(/<option value="usage" selected>[^]*<option value="tools" selected>/);
    expect(html.match(/ selected>/g)).toHaveLength(2);
  });

  it("says of a number question whose answers fit one bin why it has no chart", async () => {
    const html = await (await get("/s/one-bin/results")).text();
    const machines = html.slice(html.indexOf('id="q-machines"'), html.indexOf('id="q-agree"'));
    expect(machines).toContain(
      "The answers are too close together to show in ranges of at least 5 without singling someone out",
    );
    expect(machines).toContain("<dt>Mean</dt><dd>3.13</dd>");
    expect(machines).not.toContain("<table");
    expect(machines).not.toContain("all answers");
  });

  it("shows the survey's languages: German from Accept-Language or ?lang=, with links to the others", async () => {
    const german = await (await get("/s/example/results", { "accept-language": "de-AT, en;q=0.5" })).text();
    expect(german).toContain('<html lang="de"');
    expect(german).toContain("<h1>Ergebnisse: Community-Umfrage 2026</h1>");
    expect(german).toContain("Wo setzen Sie die Distribution hauptsächlich ein?");
    expect(german).toContain('<a href="/s/example/results?lang=en" lang="en" hreflang="en">English</a>');
    expect(await (await get("/s/example/results?lang=en", { "accept-language": "de" })).text()).toContain(
      "<h1>Results: Community survey 2026</h1>",
    );
    expect(await json(get("/api/surveys/example/results?lang=de"))).toMatchObject({
      lang: "de",
      title: "Community-Umfrage 2026",
    });
  });

  it("says only that there are too few answers when fewer than k answered", async () => {
    const body = await json(get("/api/surveys/just-started/results?x=usage&y=happy"));
    expect(body).toMatchObject({ responses: null, tooFew: true, questions: [] });
    expect(body.crossTab).toBeUndefined();
    // A malformed cross-tab is refused even when there are too few answers to make one.
    expect((await get("/api/surveys/just-started/results?x=usage")).status).toBe(400);
    const html = await (await get("/s/just-started/results")).text();
    expect(html).toContain("Fewer than 5 people have answered so far");
    expect(html).not.toContain("<svg");
    expect(html).not.toContain("<table");
  });
});
