import type { StoredResponse } from "@agora/db";
import { SurveyDefinition } from "@agora/schemas";
import { describe, expect, it } from "vitest";
import { answersCsv, csvCell } from "../../src/verbs/answers-csv.ts";
import { testSurvey } from "../admin/admin-harness.ts";

const survey = SurveyDefinition.parse(testSurvey("csv"));

describe("csvCell", () => {
  it("quotes per RFC 4180 only what needs it", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\r\nlf")).toBe('"cr\r\nlf"');
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
  });

  it("defuses text a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil\",\"x\")")).toBe("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"");
    expect(csvCell("+1+cmd|' /C calc'!A0")).toBe("'+1+cmd|' /C calc'!A0");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell("a=b")).toBe("a=b");
  });

  it("writes numbers as numbers, negative ones too", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(2.5)).toBe("2.5");
    expect(csvCell(0)).toBe("0");
  });
});

describe("answersCsv", () => {
  const responses: StoredResponse[] = [
    {
      id: "0b6a0f0e-1b1e-4c43-9a55-1b7c7f2f1a01",
      day: "2026-06-01",
      answers: { usage: "other", tools: ["vim", "nano"], score: 9, machines: -1, agree: { docs: "yes" }, order: ["b", "a"] },
      texts: { usage: "=cmd()", comment: 'Line one,\n"two"' },
    },
    { id: "7c0e8f8a-5d55-4a8e-9a9c-2f3c6f0e2b02", day: "2026-06-02", answers: { agree: { docs: "no", speed: "yes" } }, texts: {} },
  ];

  it("has one column per question, likert row and other text, and a CRLF line per answer", () => {
    const lines = answersCsv(survey, responses).split("\r\n");
    expect(lines[0]).toBe("id,day,usage,usage.other,tools,score,machines,agree.docs,agree.speed,order,comment");
    expect(lines[1]).toBe(`0b6a0f0e-1b1e-4c43-9a55-1b7c7f2f1a01,2026-06-01,other,'=cmd(),vim;nano,9,-1,yes,,b;a,"Line one,\n""two"""`);
    expect(lines[2]).toBe("7c0e8f8a-5d55-4a8e-9a9c-2f3c6f0e2b02,2026-06-02,,,,,,no,yes,,");
    expect(lines[3]).toBe("");
    expect(lines).toHaveLength(4);
  });

  it("writes only the header when there are no answers", () => {
    expect(answersCsv(survey, [])).toBe("id,day,usage,usage.other,tools,score,machines,agree.docs,agree.speed,order,comment\r\n");
  });
});
