import { describe, expect, it } from "vitest";
import { chooseLanguage, preferredLanguages } from "../../src/page/choose-language.ts";
import { uiStrings } from "../../src/page/ui-strings.ts";

describe("chooseLanguage", () => {
  const offered = ["en", "de", "pt-BR"];
  it.each([
    ["de", undefined, "de"],
    ["xx", "de-CH, en;q=0.4", "de"],
    [undefined, "fr;q=1, pt;q=0.9, de;q=0.8", "pt-BR"],
    [undefined, "de;q=0, en;q=0.1", "en"],
    [undefined, "*", "en"],
    [undefined, "fr, it", "en"],
    [undefined, "PT-br", "pt-BR"],
    [undefined, undefined, "en"],
  ])("?lang=%s with Accept-Language %s → %s", (asked, header, expected) => {
    expect(chooseLanguage(offered, asked, header)).toBe(expected);
  });

  it("orders Accept-Language by weight, keeping the header's order for equal weights", () => {
    expect(preferredLanguages("fr;q=0.5, de, en-GB;q=0.9, it;q=0.5")).toEqual(["de", "en-gb", "fr", "it"]);
  });

  it("words the page in German for de and its regional forms, in English otherwise", () => {
    expect(uiStrings("de").submit).toBe("Antworten absenden");
    expect(uiStrings("de-AT").submit).toBe("Antworten absenden");
    expect(uiStrings("fr").submit).toBe("Send my answers");
  });
});
