/**
 * Whether a POST comes from another site, judged without any cookie or hidden token (a token
 * would have to be remembered per visitor, which is what a survey promises not to do).
 *
 * - `Origin` names an origin: it must be this one (as the request reached us, or the public URL
 *   when a proxy changed scheme or host).
 * - `Origin` is absent or `null`: browsers send `null` for a form posted from a page with
 *   `Referrer-Policy: no-referrer`, which is what survey pages send (Chromium posts the survey's
 *   own form with `Origin: null` and `Sec-Fetch-Site: same-origin`), so `null` says nothing.
 *   Then `Sec-Fetch-Site` decides: `same-origin` and `none` (typed or bookmarked) pass, any other
 *   value (`same-site`, `cross-site`) is refused.
 * - Both absent: an old browser or a command-line client (curl, the blind-token client). Those
 *   pass: a forged cross-site form needs a browser, and every browser of the last years sends
 *   one of the two headers.
 */
export function isCrossSitePost(
  headers: { origin?: string; secFetchSite?: string },
  allowedOrigins: readonly string[],
): boolean {
  const origin = headers.origin?.trim();
  if (origin && origin !== "null") return !allowedOrigins.includes(origin.toLowerCase());
  const site = headers.secFetchSite?.trim().toLowerCase();
  if (!site) return false;
  return site !== "same-origin" && site !== "none";
}

/** The origins this app answers at: the request's own, and the configured public one. */
export function ownOrigins(requestUrl: string, publicUrl: string): string[] {
  const origins = new Set<string>();
  for (const url of [requestUrl, publicUrl]) {
    try {
      origins.add(new URL(url).origin.toLowerCase());
    } catch {
      // A public URL that does not parse adds nothing; the request's own origin still counts.
    }
  }
  return [...origins];
}
