import { describe, expect, it } from "vitest";
import { cleanReport } from "../../src/classifier/clean-report.ts";
import { defaultFeatureSettings, extractRaw, termWord, tokenize, weigh } from "../../src/classifier/features.ts";
import { buildVocabulary } from "../../src/classifier/vocabulary.ts";

const settings = defaultFeatureSettings;

describe("the boilerplate real trackers paste", () => {
  it("keeps a user agent's platform and a URL's host and path, drops the rest", () => {
    const text = cleanReport(
      "User-Agent: Mozilla/5.0 (Android 8.0; Mobile; rv:61.0) Gecko/61.0 Firefox/61.0\nBuild ID: 20180605171542\n" +
        "Steps to reproduce:\n1. open https://crash-stats.mozilla.org/report/index/0a1b2c3d4e5f6a7b8c9d at 0x7ffe12345678\n" +
        "2. see https://user@developer.mozilla.org:443/en-US/docs/Web/API?session=4711&lang=de#top",
      2000,
    );
    expect(text).toContain("Android 8.0; Mobile");
    expect(text).toContain("crash-stats.mozilla.org /report/index/ ");
    expect(text).toContain("developer.mozilla.org /en-US/docs/Web/API ");
    for (const gone of [
      "Gecko",
      "rv:61",
      "User-Agent",
      "Steps to reproduce",
      "0x7ffe",
      "0a1b2c3d4e5f6a7b8c9d",
      "user@",
      "443",
      "session",
      "4711",
      "#top",
    ]) {
      expect(text).not.toContain(gone);
    }
  });

  it("cuts a long description at a word boundary, after cleaning", () => {
    const long = `${"Mozilla/5.0 (X11; Linux) Gecko Firefox/60.0\n".repeat(10)}${"word ".repeat(1000)}`;
    const text = cleanReport(long, 500);
    expect(text.length).toBeLessThanOrEqual(500);
    expect(text).toContain("word word");
    expect(text.endsWith("wor")).toBe(false);
  });
});

describe("features", () => {
  it("tokenizes lowercase words and keeps digits", () => {
    expect(tokenize("Firefox 60 crashes in nsDocShell::LoadURI")).toEqual([
      "firefox",
      "60",
      "crashes",
      "in",
      "nsdocshell",
      "loaduri",
    ]);
  });

  it("counts each term once per report with its multiplicity, and says which word it came from", () => {
    const raw = extractRaw({ title: "kernel panic", description: "kernel panic again: kernel" }, settings);
    expect(new Set(raw.index).size).toBe(raw.index.length);
    const words = [...raw.index.keys()].map((i) => termWord(raw, i));
    expect(words).toContain("kernel panic");
    const kernelWord = [...raw.index.keys()].find((i) => raw.family[i] === 1 && termWord(raw, i) === "kernel")!;
    expect(raw.count[kernelWord]).toBe(3);
  });

  it("normalises each family on its own to its weight", () => {
    const raws = [
      extractRaw({ title: "wallpaper flickers", description: "the wallpaper flickers on login" }, settings),
      extractRaw({ title: "kernel panic", description: "a panic at boot" }, settings),
    ];
    const vocabulary = buildVocabulary(raws, settings.bits);
    const x = weigh(raws[0]!, vocabulary, settings);
    const norms = [0, 0, 0];
    for (let i = 0; i < x.rows.length; i++) {
      const family = raws[0]!.family[raws[0]!.index.indexOf(vocabulary.buckets[x.rows[i]!]!)]!;
      norms[family]! += x.value[i]! ** 2;
    }
    expect(Math.sqrt(norms[0]!)).toBeCloseTo(settings.weights.title);
    expect(Math.sqrt(norms[1]!)).toBeCloseTo(settings.weights.words);
    expect(Math.sqrt(norms[2]!)).toBeCloseTo(settings.weights.chars);
  });

  it("drops the buckets training never saw", () => {
    const vocabulary = buildVocabulary([extractRaw({ title: "kernel", description: "" }, settings)], settings.bits);
    const x = weigh(extractRaw({ title: "zebra", description: "" }, settings), vocabulary, settings);
    // Only character n-grams " z"… could collide; the word itself is unknown.
    expect(x.rows.length).toBeLessThan(3);
  });

  it("gives the same features for a report after a long one (the counter is reused)", () => {
    const report = { title: "dnf fails", description: "module stream error" };
    const before = extractRaw(report, settings);
    extractRaw({ title: "x", description: "lorem ipsum dolor ".repeat(2000) }, settings);
    const after = extractRaw(report, settings);
    expect([...after.index]).toEqual([...before.index]);
    expect([...after.count]).toEqual([...before.count]);
  });
});
