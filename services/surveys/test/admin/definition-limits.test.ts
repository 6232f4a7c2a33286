import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { admin, adminHarness, testSurvey } from "./admin-harness.ts";

const asYaml = { ...admin, "content-type": "application/yaml" };

const billionLaughs = `a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]
c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]
e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]
g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]
slug: *g
`;

describe("limits on an admin's survey definition", () => {
  const h = adminHarness("postgres");

  async function refusal(body: string, headers = asYaml, method = "POST", path = "/api/surveys"): Promise<string> {
    const res = await h.request(method, path, body, headers);
    expect(res.status).toBe(400);
    const { error } = await res.json();
    expect(error.code).toBe("validation_failed");
    expect(error.message).not.toMatch(/call stack|ReferenceError|RangeError|DatabaseError|\bat .*\.(js|ts):/);
    return error.message as string;
  }

  it("refuses a YAML alias bomb and an alias to no anchor, naming the line", async () => {
    expect(await refusal(billionLaughs)).toMatch(
      /^body: line 2, column 8: its aliases expand to more than 1000 copies/,
    );
    expect(await refusal("slug: *nope\n")).toBe(
      "body: line 1, column 7: *nope refers to no anchor (&nope) defined before it",
    );
    expect(await refusal("title: T\nslug: *nope\n", asYaml, "PUT", "/api/surveys/anything")).toMatch(
      /^body: line 2, column 7: \*nope/,
    );
  });

  it("takes one anchored scale reused by more questions than the library's default of 100 aliases", async () => {
    const rows = "rows: [{ id: a, label: A }, { id: b, label: B }]";
    const first = `  - { id: q0, type: likert, title: Q0, ${rows}, scale: &agree [{ id: no, label: No }, { id: yes, label: Yes }] }`;
    const others = Array.from(
      { length: 149 },
      (_, i) => `  - { id: q${i + 1}, type: likert, title: Q${i + 1}, ${rows}, scale: *agree }`,
    );
    const body = `slug: limits-aliases\ntitle: T\nquestions:\n${[first, ...others].join("\n")}\n`;
    const res = await h.request("POST", "/api/surveys", body, asYaml);
    expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  });

  it("refuses YAML nested too deep, in flow or block style, without the stack's own error", async () => {
    expect(await refusal(`slug: ${"[".repeat(100_000)}`)).toMatch(
      /^body: line 1, column \d+: nested deeper than 32 levels$/,
    );
    expect(await refusal(`slug: x\ntitle:\n  ${"- ".repeat(100_000)}x\n`)).toMatch(
      /^body: line 3, column \d+: nested deeper than 32 levels$/,
    );
  });

  it("refuses a YAML mapping of more keys than any definition has, before the library spends seconds on it", async () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join("\n");
    // The words are the pre-scan's: said before the YAML library builds anything from the body.
    expect(await refusal(`slug: x\nintro:\n${keys.replace(/^/gm, "  ")}\n`)).toMatch(
      /^body: line 3, column 3: a mapping with more than 256 keys$/,
    );
  });

  it("refuses a NUL or a lone surrogate in a YAML or JSON definition, naming the field", async () => {
    const yaml = stringify(testSurvey("limits-nul")).replace(
      "title:\n  en: Survey limits-nul",
      'title:\n  en: "Survey\\0"',
    );
    expect(await refusal(yaml)).toMatch(/^body: title\.en: contains a NUL character .* \(line \d+\)$/);
    for (const [text, reason] of [
      ["a\u0000b", "NUL"],
      ["a\ud800b", "lone UTF-16 surrogate"],
    ]) {
      const message = await refusal(JSON.stringify({ ...testSurvey("limits-json"), intro: text }), {
        ...admin,
        "content-type": "application/json",
      });
      expect(message).toMatch(new RegExp(`^body\\.intro: contains a ${reason}`));
    }
    expect((await h.request("GET", "/api/surveys/limits-json")).status).toBe(404);
  });

  it("refuses JSON nested too deep, naming where", async () => {
    const condition = `${'{"not":'.repeat(200_000)}{"question":"usage","answered":true}${"}".repeat(200_000)}`;
    const survey = JSON.stringify(testSurvey("limits-deep")).replace(
      '"id":"tools",',
      `"id":"tools","show_if":${condition},`,
    );
    expect(await refusal(survey, { ...admin, "content-type": "application/json" })).toMatch(
      /^body\.questions\[1\]\.show_if\.not\.not(\.not)*: nested deeper than 32 levels$/,
    );
  });
});
