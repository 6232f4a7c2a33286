import { describe, expect, it } from "vitest";
import { EXCERPT_LENGTH, excerptOf } from "../src/index.ts";

describe("excerpt", () => {
  it("is the plain text of the cooked HTML, without quotes, scripts or images", () => {
    const cooked =
      '<aside class="quote"><blockquote><p>quoted</p></blockquote></aside><p>First &amp; <b>bold</b>,<br>line</p><script>alert(1)</script><p>Second <img src="x.png" alt="pic">para &lt;tag&gt;</p>';
    expect(excerptOf({ cooked, raw: "ignored" })).toBe("First & bold, line Second para <tag>");
  });

  it("falls back to raw, then to nothing", () => {
    expect(excerptOf({ raw: "  Markdown\n\n**source**  " })).toBe("Markdown **source**");
    expect(excerptOf({})).toBe("");
    expect(excerptOf({ cooked: "", raw: undefined })).toBe("");
  });

  it(`is at most ${EXCERPT_LENGTH} characters, cut at a word with an ellipsis`, () => {
    const words = Array.from({ length: 200 }, (_, i) => `word${i}`).join(" ");
    const excerpt = excerptOf({ cooked: `<p>${words}</p>` });
    expect(excerpt.length).toBeLessThanOrEqual(EXCERPT_LENGTH);
    expect(excerpt).toMatch(/word\d+…$/);
    expect(words.startsWith(excerpt.slice(0, -1))).toBe(true);
    expect(excerptOf({ raw: "x".repeat(1000) })).toHaveLength(EXCERPT_LENGTH);
  });
});
