import { describe, expect, it } from "vitest";
import { loadSettings } from "../src/settings.ts";

const example = new URL("../../../config/community.example.yaml", import.meta.url).pathname;

describe("settings at start", () => {
  it("accepts the example community file with defaults", () => {
    const settings = loadSettings({ AGORA_CONFIG: example }, false);
    expect(settings.ok).toBe(true);
    if (settings.ok) {
      expect(settings.env.PORT).toBe(8080);
      expect(settings.community.sigs.length).toBe(8);
    }
  });

  it("lists every environment problem without echoing secrets", () => {
    const settings = loadSettings(
      { AGORA_CONFIG: example, PORT: "eighty", DATABASE_URL: "mysql://u:hunter2@db/x" },
      false,
    );
    expect(settings.ok).toBe(false);
    if (!settings.ok) {
      const text = settings.problems.join("\n");
      expect(text).toContain("PORT");
      expect(text).toContain("DATABASE_URL");
      expect(text).not.toContain("hunter2");
    }
  });

  it("names a missing community file", () => {
    const settings = loadSettings({ AGORA_CONFIG: "/nonexistent/community.yaml" }, false);
    expect(settings.ok).toBe(false);
    if (!settings.ok) expect(settings.problems.join("\n")).toContain("/nonexistent/community.yaml");
  });
});
