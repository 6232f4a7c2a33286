// What real trackers paste into a report that says little about where it belongs: browser user
// agents and build ids from the form, template headings, URLs' query strings, memory addresses,
// hashes and timestamps. Left in, they are the most frequent tokens of every class; stripped, the
// words a reporter chose carry the weight. What in them is telling stays: a user agent's platform
// ("Android 8.0; Mobile" routes to the mobile product), a URL's host and path ("crash-stats",
// "docs/Web/API": the site and its section name the product; a query string is ids and sessions),
// a stack frame's function and file names.

const REPLACEMENTS: [RegExp, string][] = [
  // "Mozilla/5.0 (X11; Linux x86_64; rv:60.0) Gecko/20100101 Firefox/60.0" → "X11; Linux x86_64".
  [/\bMozilla\/\d[.\d]*\s*\(([^)\n]*?)(?:;\s*rv:[^)\n]*)?\)[^\n]*/g, " $1 "],
  [/^[ \t]*(user[- ]?agent|build[- ]?id(entifier)?)[ \t]*:/gim, " "],
  // "https://user@developer.mozilla.org:443/en-US/docs/Web/API?x=1#y" → "developer.mozilla.org /en-US/docs/Web/API".
  [/\bhttps?:\/\/(?:[^\s/@]+@)?([^\s/:?#]+)(?::\d+)?([^\s?#)\]>"']*)[^\s)\]>"']*/gi, " $1 $2 "],
  [/\b0x[0-9a-f]+\b/gi, " "],
  [/\b[0-9a-f]{12,}\b/gi, " "],
  [/\b\d{4}-\d\d-\d\d[T ]\d\d:\d\d(:\d\d(\.\d+)?)?Z?\b/g, " "],
  [
    /^[ \t]*(steps to reproduce|actual results?|expected results?|reproducible|additional information|str|prerequisites?)[ \t]*:?/gim,
    " ",
  ],
];

/** The report with boilerplate removed and its description cut at `maxChars` (on a word boundary). */
export function cleanReport(text: string, maxChars: number): string {
  // Cleaned before the cut, so that a pasted user agent does not spend the budget; the slice first
  // keeps a 40 kB log from costing the expressions' time.
  let clean = text.length > 2 * maxChars ? text.slice(0, 2 * maxChars) : text;
  for (const [pattern, replacement] of REPLACEMENTS) clean = clean.replace(pattern, replacement);
  if (clean.length <= maxChars) return clean;
  const cut = clean.slice(0, maxChars);
  return cut.slice(0, Math.max(cut.lastIndexOf(" "), maxChars / 2));
}
