import type { StoredResponse } from "@agora/db";
import { SurveyDefinition } from "@agora/schemas";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { answersCodebook } from "../../src/verbs/answers-codebook.ts";
import { answersCsv } from "../../src/verbs/answers-csv.ts";
import { testSurvey } from "../admin/admin-harness.ts";

const survey = SurveyDefinition.parse(
  testSurvey("csv", {
    questions: [
      ...testSurvey("csv").questions,
      {
        id: "tools_other",
        type: "multiple_choice",
        title: "More tools?",
        options: [
          { id: "gedit", label: "gedit" },
          { id: "kate", label: "Kate" },
        ],
        other: true,
      },
    ],
  }),
);

const HEADER = [
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
  "More tools? [gedit]",
  "More tools? [Kate]",
  "More tools? [Other]",
  "More tools? [Other, in your words]",
];

const responses: StoredResponse[] = [
  {
    id: "0b6a0f0e-1b1e-4c43-9a55-1b7c7f2f1a01",
    day: "2026-06-01",
    answers: {
      usage: "other",
      tools: ["vim", "nano"],
      score: 9,
      machines: -1,
      agree: { docs: "yes" },
      order: ["b", "a"],
      tools_other: ["other"],
    },
    texts: { usage: "=cmd()", comment: 'Line one,\n"two"', tools_other: "-ed, @sed and +awk\rsed" },
  },
  {
    id: "7c0e8f8a-5d55-4a8e-9a9c-2f3c6f0e2b02",
    day: "2026-06-02",
    answers: { agree: { docs: "no", speed: "yes" }, tools: [] },
    texts: { comment: "Größe: ½ — naïve ✓" },
  },
];

/** The CSV as an analyst's tool reads it: csv-parse with the first row as names. */
function readBack(csv: string, options: { bom?: boolean } = {}): Record<string, string>[] {
  return parse(csv, { columns: true, bom: options.bom ?? false, record_delimiter: "\r\n" });
}

describe("answersCsv", () => {
  it("has one header row of question texts, options and rows in brackets, and a row per answer", () => {
    const csv = answersCsv(survey, responses);
    const rows: string[][] = parse(csv, { record_delimiter: "\r\n" });
    expect(rows[0]).toEqual(HEADER);
    expect(rows).toHaveLength(3);
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
  });

  it("spreads a multiple choice over a column per option: 1 chosen, 0 not, empty when not answered", () => {
    const [first, second] = readBack(answersCsv(survey, responses));
    expect([first!["Which tools? [Vim]"], first!["Which tools? [Emacs]"], first!["Which tools? [Nano]"]]).toEqual([
      "1",
      "0",
      "1",
    ]);
    // Answered with nothing picked is 0 everywhere; a question not answered at all is empty.
    expect([second!["Which tools? [Vim]"], second!["Which tools? [Emacs]"], second!["Which tools? [Nano]"]]).toEqual([
      "0",
      "0",
      "0",
    ]);
    expect([second!["More tools? [gedit]"], second!["More tools? [Kate]"], second!["More tools? [Other]"]]).toEqual([
      "",
      "",
      "",
    ]);
    expect([first!["More tools? [gedit]"], first!["More tools? [Kate]"], first!["More tools? [Other]"]]).toEqual([
      "0",
      "0",
      "1",
    ]);
  });

  it("writes a ranking as each option's position, a likert row as the scale point's position, numbers as numbers", () => {
    const [first, second] = readBack(answersCsv(survey, responses));
    expect([first!["Rank [A]"], first!["Rank [B]"]]).toEqual(["2", "1"]);
    expect([second!["Rank [A]"], second!["Rank [B]"]]).toEqual(["", ""]);
    expect([first!["Agree? [Docs]"], first!["Agree? [Speed]"]]).toEqual(["2", ""]);
    expect([second!["Agree? [Docs]"], second!["Agree? [Speed]"]]).toEqual(["1", "2"]);
    expect(first!["Recommend?"]).toBe("9");
    // A negative number stays a number: it is never a formula.
    expect(first!["How many machines?"]).toBe("-1");
    expect(first!["How do you use it?"]).toBe("other");
    expect(first!.day).toBe("2026-06-01");
  });

  it("keeps texts whole, line breaks and quotes included, and defuses what a spreadsheet would run", () => {
    const csv = answersCsv(survey, responses);
    const [first, second] = readBack(csv);
    expect(first!["How do you use it? [Other, in your words]"]).toBe("'=cmd()");
    expect(first!["More tools? [Other, in your words]"]).toBe("'-ed, @sed and +awk\rsed");
    expect(first!["Anything else?"]).toBe('Line one,\n"two"');
    expect(second!["Anything else?"]).toBe("Größe: ½ — naïve ✓");
    // A lone LF or CR is quoted too: tools that split rows on either would otherwise break the row.
    expect(csv).toContain(`"'-ed, @sed and +awk\rsed"`);
    for (const formula of ["=1+1", "+1", "-1+2", "@SUM(A1)", "\t=1", "\r=1", "＝1"]) {
      const one = answersCsv(survey, [{ id: "x", day: "2026-06-01", answers: {}, texts: { comment: formula } }]);
      expect(readBack(one)[0]!["Anything else?"]).toBe(`'${formula}`);
    }
    const harmless = answersCsv(survey, [{ id: "x", day: "2026-06-01", answers: {}, texts: { comment: "a=b, 1+1" } }]);
    expect(readBack(harmless)[0]!["Anything else?"]).toBe("a=b, 1+1");
  });

  it("starts with a UTF-8 byte order mark only when asked, and then reads back the same", () => {
    const plain = answersCsv(survey, responses);
    const marked = answersCsv(survey, responses, { bom: true });
    expect(marked).toBe(`\ufeff${plain}`);
    expect(Buffer.from(marked, "utf8").subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(readBack(marked, { bom: true })).toEqual(readBack(plain));
    expect(Object.keys(readBack(marked, { bom: true })[0]!)[0]).toBe("id");
  });

  it("writes only the header when there are no answers", () => {
    const csv = answersCsv(survey, []);
    expect(parse(csv, { record_delimiter: "\r\n" })).toEqual([HEADER]);
  });

  it("tells apart two questions with one title by their ids, and keeps a header on one line", () => {
    const twins = SurveyDefinition.parse({
      slug: "twins",
      title: "Twins",
      questions: [
        { id: "before", type: "short_text", title: "Why?" },
        { id: "after", type: "short_text", title: "Why?" },
        { id: "long", type: "nps", title: "How likely\nare you to recommend us?" },
      ],
    });
    expect(parse(answersCsv(twins, []), { record_delimiter: "\r\n" })).toEqual([
      ["id", "day", "Why? (before)", "Why? (after)", "How likely are you to recommend us?"],
    ]);
  });
});

describe("answersCodebook", () => {
  // The test survey in two languages: titles and option labels get a German text.
  const de = (text: unknown) => ({ en: String(text), de: `DE ${String(text)}` });
  const bilingual = SurveyDefinition.parse({
    ...testSurvey("cb"),
    languages: ["en", "de"],
    title: { en: "Tools", de: "Werkzeuge" },
    questions: testSurvey("cb").questions.map((q) => ({
      ...q,
      title: de(q.title),
      ...("options" in q && { options: q.options.map((o) => ({ ...o, label: de(o.label) })) }),
    })),
  });
  const codebook = answersCodebook(bilingual);

  it("describes every CSV column in order, its header exactly as in the CSV", () => {
    const csvHeader = parse(answersCsv(bilingual, []), { record_delimiter: "\r\n" })[0];
    expect(codebook.columns.map((c) => c.header)).toEqual(csvHeader);
    expect(codebook.columns.map((c) => c.column)).toEqual(codebook.columns.map((_, i) => i + 1));
    expect(codebook.columns.map((c) => c.name)).toEqual([
      "id",
      "day",
      "usage",
      "usage.other.text",
      "tools.vim",
      "tools.emacs",
      "tools.nano",
      "score",
      "machines",
      "agree.docs",
      "agree.speed",
      "order.a",
      "order.b",
      "comment",
    ]);
    expect(codebook).toMatchObject({
      slug: "cb",
      language: "en",
      languages: ["en", "de"],
      title: { en: "Tools", de: "Werkzeuge" },
      csv: { encoding: "UTF-8", delimiter: ",", lineEnd: "CRLF" },
    });
  });

  it("gives value labels: option ids, 1/0 for chosen, scale positions with their ids, ranks, NPS ends", () => {
    const column = (name: string) => codebook.columns.find((c) => c.name === name)!;
    expect(column("usage")).toMatchObject({
      question: "usage",
      type: "string",
      values: [
        { value: "home", label: "At home" },
        { value: "work", label: "At work" },
        { value: "other", label: "Other" },
      ],
    });
    expect(column("usage.other.text")).toMatchObject({ question: "usage", type: "string" });
    expect(column("tools.emacs")).toMatchObject({
      question: "tools",
      option: "emacs",
      header: "Which tools? [Emacs]",
      type: "integer",
      values: [
        { value: 1, label: "chosen" },
        { value: 0, label: "not chosen" },
      ],
    });
    expect(column("tools.emacs").empty).toMatch(/not answered/);
    expect(column("agree.speed")).toMatchObject({
      option: "speed",
      type: "integer",
      values: [
        { value: 1, id: "no", label: "No" },
        { value: 2, id: "yes", label: "Yes" },
      ],
    });
    expect(column("order.b")).toMatchObject({
      type: "integer",
      values: [
        { value: 1, label: "ranked first" },
        { value: 2, label: "ranked last" },
      ],
    });
    expect(column("score")).toMatchObject({
      type: "integer",
      values: [
        { value: 0, label: "not at all likely" },
        { value: 10, label: "extremely likely" },
      ],
    });
    expect(column("machines")).toMatchObject({ type: "number" });
    expect(column("day")).toMatchObject({ type: "date" });
    for (const c of codebook.columns) expect(c.holds).toBeTruthy();
  });

  it("lists the questions with every text in every language and the names of their columns", () => {
    const tools = codebook.questions.find((q) => q.id === "tools")!;
    expect(tools).toMatchObject({
      type: "multiple_choice",
      title: { en: "Which tools?", de: "DE Which tools?" },
      options: [
        { id: "vim", label: { en: "Vim", de: "DE Vim" } },
        { id: "emacs", label: { en: "Emacs", de: "DE Emacs" } },
        { id: "nano", label: { en: "Nano", de: "DE Nano" } },
      ],
      columns: ["tools.vim", "tools.emacs", "tools.nano"],
    });
    const agree = codebook.questions.find((q) => q.id === "agree")!;
    expect(agree).toMatchObject({
      rows: [{ id: "docs", label: { en: "Docs", de: "Docs" } }, { id: "speed" }],
      scale: [{ id: "no" }, { id: "yes" }],
      columns: ["agree.docs", "agree.speed"],
    });
    // Nothing of any answer: the codebook is the definition only.
    expect(JSON.stringify(codebook)).not.toMatch(/count|answers"/i);
  });
});
