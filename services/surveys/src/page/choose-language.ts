/**
 * The survey language to show: the one asked for with `?lang=` (or the form's hidden `lang`) when
 * the survey offers it, else the best of the browser's Accept-Language, else the survey's first.
 */
export function chooseLanguage(
  offered: readonly string[],
  asked: string | undefined,
  acceptLanguage: string | undefined,
): string {
  if (asked && offered.includes(asked)) return asked;
  for (const wanted of preferredLanguages(acceptLanguage ?? "")) {
    const exact = offered.find((o) => o.toLowerCase() === wanted);
    if (exact) return exact;
    // "de-AT" is served by "de", and "de" by "de-CH" when that is all there is.
    const primary = primarySubtag(wanted);
    const close =
      offered.find((o) => o.toLowerCase() === primary) ??
      offered.find((o) => primarySubtag(o.toLowerCase()) === primary);
    if (close) return close;
  }
  return offered[0] ?? "en";
}

/** A language tag's first subtag, the language itself: "de" of "de-AT", and "de" of "de". */
export function primarySubtag(tag: string): string {
  const dash = tag.indexOf("-");
  return dash < 0 ? tag : tag.slice(0, dash);
}

/** Accept-Language's tags, most wanted first; `*` and tags with q=0 are left out. */
export function preferredLanguages(header: string): string[] {
  return header
    .split(",")
    .slice(0, 20)
    .map((part, index) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((l) => /^[a-z]{2,3}(?:-[a-z0-9]{1,8})*$/.test(l.tag) && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.tag);
}

const names: Record<string, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  it: "Italiano",
  pt: "Português",
  "pt-BR": "Português (Brasil)",
  nl: "Nederlands",
  pl: "Polski",
  cs: "Čeština",
  sv: "Svenska",
  fi: "Suomi",
  da: "Dansk",
  nb: "Norsk bokmål",
  ru: "Русский",
  uk: "Українська",
  tr: "Türkçe",
  ja: "日本語",
  zh: "中文",
  ko: "한국어",
  ar: "العربية",
  he: "עברית",
  fa: "فارسی",
};

/** A language's name in itself, for the links that switch to it. */
export function languageName(tag: string): string {
  return names[tag] ?? names[primarySubtag(tag)] ?? tag;
}

const rightToLeft = new Set(["ar", "he", "fa", "ur", "yi"]);

export function textDirection(tag: string): "ltr" | "rtl" {
  return rightToLeft.has(primarySubtag(tag)) ? "rtl" : "ltr";
}
