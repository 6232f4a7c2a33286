import { describe, expect, it } from "vitest";
import { z } from "zod";
import { describeIssues, formatIssuePath, readableErrors } from "../src/index.ts";

describe("issue descriptions", () => {
  it("write paths as a person would", () => {
    expect(formatIssuePath(["sigs", 2, "room"])).toBe("sigs[2].room");
    expect(formatIssuePath([0, "name"])).toBe("[0].name");
    expect(formatIssuePath([])).toBe("");
  });

  it("word missing and mistyped fields plainly and name each unknown key", () => {
    const schema = z.strictObject({ name: z.string(), tags: z.array(z.string()), size: z.number() });
    const result = schema.safeParse({ tags: "a", size: 1, colour: "red", shape: 1 }, { error: readableErrors });
    expect(describeIssues(result.error!)).toEqual([
      "name: is required",
      "tags: must be a list",
      "colour: unknown key, check its spelling",
      "shape: unknown key, check its spelling",
    ]);
  });

  it("keep a message set on the schema itself", () => {
    const result = z.object({ port: z.number({ error: "must be a port" }) }).safeParse({}, { error: readableErrors });
    expect(describeIssues(result.error!)).toEqual(["port: must be a port"]);
  });
});
