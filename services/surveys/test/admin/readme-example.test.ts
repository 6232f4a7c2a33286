import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { admin, adminHarness } from "./admin-harness.ts";

const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");

describe("the README's survey example", () => {
  const h = adminHarness("pglite");

  it("is accepted by the admin API as written", async () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(yaml).toBeDefined();
    const res = await h.request("POST", "/api/surveys", yaml, { ...admin, "content-type": "application/yaml" });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({
      slug: "tooling-2026",
      state: "draft",
      accessMode: "invite",
      title: "Tooling survey 2026",
    });
  });
});
